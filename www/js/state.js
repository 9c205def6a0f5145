// A demo's whole state lives in the URL's query string, so any configuration is a shareable
// link (?stride=2&padding=same&kernel=0,1,2,2,2,0,0,1,2).
//
// A schema maps each key to a field spec:
//   { type: 'int', min, max, default }            whole numbers in [min, max]
//   { type: 'float', min, max, default }          finite numbers in [min, max]
//   { type: 'enum', values: ['a', 'b'], default }
//   { type: 'bool', default }                     1/0 (true/false also read)
//   { type: 'floatList', minLength?, maxLength, min, max, default }   comma-separated numbers
//   { type: 'string', pattern: /regex/, maxLength?, default }        the whole value must match
//
// Reading never trusts the URL: every invalid value is replaced by its default and reported
// in `problems` (plain sentences; show them with textContent, never as HTML). A key given more
// than once is read from its first value, and that is reported too.
// decodeState/encodeState are pure (strings in, strings out); readState/writeState wrap them
// with location and history.

import { formatShortest as formatNumber } from './lib/format.js';

export { formatNumber };

const MAX_VALUE_CHARS = 2000; // longer values are refused before parsing
const MAX_SHOWN_CHARS = 40; // bad values are quoted in problems up to this length
const MAX_STRING_CHARS = 200; // default maxLength of string fields
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const WHOLE = /^[+-]?\d+$/;

/** Quote a bad value for a message: at most 40 characters, control characters removed. */
export function quote(value) {
  const clean = String(value).replace(/[\u0000-\u001f\u007f]/g, ' ');
  const chars = Array.from(clean);
  const shown = chars.length > MAX_SHOWN_CHARS ? `${chars.slice(0, MAX_SHOWN_CHARS - 1).join('')}…` : clean;
  return `"${shown}"`;
}

function range(spec) {
  const lo = spec.min ?? -Infinity;
  const hi = spec.max ?? Infinity;
  return { lo, hi, text: `from ${formatNumber(lo)} to ${formatNumber(hi)}` };
}

function parseNumber(text, spec, whole) {
  const { lo, hi, text: span } = range(spec);
  const kind = whole ? 'a whole number' : 'a number';
  if (!(whole ? WHOLE : NUMBER).test(text)) return { error: `is not ${kind} ${span}` };
  const value = Number(text);
  if (!Number.isFinite(value) || (whole && !Number.isSafeInteger(value)) || value < lo || value > hi) {
    return { error: `is outside the allowed range ${span}` };
  }
  return { value: value === 0 ? 0 : value };
}

function wholePattern(pattern) {
  return new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ''));
}

const PARSERS = {
  int: (text, spec) => parseNumber(text, spec, true),
  float: (text, spec) => parseNumber(text, spec, false),
  enum(text, spec) {
    return spec.values.includes(text)
      ? { value: text }
      : { error: `is not one of ${spec.values.join(', ')}` };
  },
  bool(text) {
    if (text === '1' || text === 'true') return { value: true };
    if (text === '0' || text === 'false') return { value: false };
    return { error: 'is not 1 or 0' };
  },
  floatList(text, spec) {
    const items = text === '' ? [] : text.split(',');
    const minLength = spec.minLength ?? 0;
    if (items.length < minLength || items.length > spec.maxLength) {
      return { error: `has ${items.length} numbers; allowed are ${minLength} to ${spec.maxLength}` };
    }
    const value = [];
    for (const [i, item] of items.entries()) {
      const parsed = parseNumber(item.trim(), spec, false);
      if (parsed.error) return { error: `has item ${i + 1} that ${parsed.error}` };
      value.push(parsed.value);
    }
    return { value };
  },
  string(text, spec) {
    const maxLength = spec.maxLength ?? MAX_STRING_CHARS;
    if (text.length > maxLength) return { error: `is longer than ${maxLength} characters` };
    if (spec.pattern && !wholePattern(spec.pattern).test(text)) return { error: 'is not in the expected form' };
    return { value: text };
  },
};

function copyDefault(spec) {
  return Array.isArray(spec.default) ? [...spec.default] : spec.default;
}

/**
 * Read a query string (`?a=1&b=2`, with or without `?`) against a schema.
 * Returns `{ state, problems }`; keys missing from the URL take their defaults silently.
 */
export function decodeState(search, schema) {
  const params = new URLSearchParams(search);
  const state = {};
  const problems = [];
  for (const [key, spec] of Object.entries(schema)) {
    const parse = PARSERS[spec.type];
    if (!parse) throw new Error(`state schema: key "${key}" has unknown type "${spec.type}"`);
    state[key] = copyDefault(spec);
    if (!params.has(key)) continue;
    const text = params.get(key);
    const given = params.getAll(key).length;
    if (given > 1) problems.push(`Setting "${key}" appears ${given} times in the address; only the first, ${quote(text)}, is read.`);
    const result =
      text.length > MAX_VALUE_CHARS ? { error: `is longer than ${MAX_VALUE_CHARS} characters` } : parse(text, spec);
    if (result.error) {
      problems.push(`Setting "${key}" was ${quote(text)}, which ${result.error}; using the default.`);
    } else {
      state[key] = result.value;
    }
  }
  return { state, problems };
}

function formatValue(value, spec) {
  switch (spec.type) {
    case 'int':
    case 'float':
      return formatNumber(Number(value));
    case 'bool':
      return value ? '1' : '0';
    case 'floatList':
      return Array.from(value, (v) => formatNumber(Number(v))).join(',');
    default:
      return String(value);
  }
}

/**
 * Keys of the page rather than of a demo, kept as they are when a demo writes its state: embed
 * mode, the lecture path's stop and presenter mode (js/teach/navigation.js), and "Predict first"
 * with its question (js/teach/predict.js). No schema uses them.
 */
export const PAGE_KEYS = ['embed', 'stop', 'present', 'predict', 'q'];

/**
 * Write a state as a query string (`?a=1&b=2`, keys in schema order). `previousSearch` is the
 * current query string: its page keys (PAGE_KEYS) are kept, everything else comes from `state`.
 */
export function encodeState(state, schema, previousSearch = '') {
  const params = new URLSearchParams();
  for (const [key, spec] of Object.entries(schema)) {
    params.set(key, formatValue(state[key] ?? spec.default, spec));
  }
  const previous = new URLSearchParams(previousSearch);
  for (const key of PAGE_KEYS) if (previous.has(key)) params.set(key, previous.get(key));
  const text = params.toString().replace(/%2C/gi, ',');
  return text ? `?${text}` : '';
}

/** Browser: read the page's state from location.search. */
export function readState(schema) {
  return decodeState(location.search, schema);
}

/** Browser: replace the page's URL with one holding `state` (no new history entry). */
export function writeState(state, schema) {
  const search = encodeState(state, schema, location.search);
  history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
}
