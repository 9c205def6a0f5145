// Number formatting for display (and parsing of what people type), shared by the demos.
//
// Pure functions, no DOM. Numbers come from the core as float32, so display rounds to a few
// decimals and drops trailing zeros: 12 → "12", 0.0625 → "0.063", 1/3 → "0.333",
// -2 → "−2" (a real minus sign, U+2212). The rounding is for display only; the core's value is
// what the page computes with.
//
//   formatValue(x, { decimals })   one number as text
//   formatFactor(x)                the same, negatives in parentheses: "(−2)"
//   formatProduct(a, b)            "3·(−1)"
//   formatSum(parts, total)        "a + b + c = total" (parts are strings, total a number)
//   formatList(values)             "1, 2, 3"
//   parseNumber(text)              typed text → number, or null if it is not one
//   subscriptIndex(name, offset)   "δ[n−2]", "δ[n]", "δ[n+1]"

/** The minus sign used in displayed numbers. */
export const MINUS = '\u2212';

/** Decimals shown by default. */
export const DEFAULT_DECIMALS = 3;

/**
 * A number as display text: rounded to `decimals` places, trailing zeros dropped, −0 shown as
 * "0", negatives with a real minus sign (`unicodeMinus: false` gives "-"). Non-numbers give "—".
 */
export function formatValue(x, { decimals = DEFAULT_DECIMALS, unicodeMinus = true } = {}) {
  if (typeof x !== 'number' || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return `${x < 0 ? (unicodeMinus ? MINUS : '-') : ''}∞`;
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.abs(x) * factor) / factor;
  if (rounded === 0) return '0';
  let text = rounded.toFixed(decimals);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  const sign = x < 0 ? (unicodeMinus ? MINUS : '-') : '';
  return sign + text;
}

/** A factor in a product: negatives wrapped in parentheses, e.g. "(−2)". */
export function formatFactor(x, options) {
  const text = formatValue(x, options);
  return text.startsWith(MINUS) || text.startsWith('-') ? `(${text})` : text;
}

/** "a·b" with each factor formatted by formatFactor. */
export function formatProduct(a, b, options) {
  return `${formatFactor(a, options)}·${formatFactor(b, options)}`;
}

/**
 * A sum written out: `parts` (already formatted strings) joined by " + ", then " = total".
 * An empty list of parts is written "0".
 */
export function formatSum(parts, total, options) {
  const left = parts.length ? parts.join(' + ') : '0';
  return `${left} = ${formatValue(total, options)}`;
}

/** Values as "1, 2, 3". */
export function formatList(values, options) {
  return Array.from(values, (v) => formatValue(v, options)).join(', ');
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parse what a person typed: "2", "-1.5", "−1.5" (Unicode minus), ".5", "3/4", "1,5" (decimal
 * comma). Returns a finite number, or null if the text is not a number.
 */
export function parseNumber(text) {
  const clean = String(text).trim().replace(/[\u2212\u2013]/g, '-').replace(/\s+/g, '');
  if (clean === '') return null;
  const fraction = clean.match(/^([+-]?[\d.]+)\/([\d.]+)$/);
  if (fraction) {
    const [num, den] = [parseNumber(fraction[1]), parseNumber(fraction[2])];
    if (num === null || den === null || den === 0) return null;
    return num / den;
  }
  const decimal = /^[+-]?\d+,\d+$/.test(clean) ? clean.replace(',', '.') : clean;
  if (!NUMBER_TEXT.test(decimal)) return null;
  const value = Number(decimal);
  return Number.isFinite(value) ? value : null;
}

/** An indexed name with an offset, for equations: ("δ", "n", 2) → "δ[n−2]"; 0 → "δ[n]". */
export function subscriptIndex(name, variable, offset) {
  if (offset === 0) return `${name}[${variable}]`;
  return `${name}[${variable}${offset > 0 ? MINUS : '+'}${Math.abs(offset)}]`;
}
