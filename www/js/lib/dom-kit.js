// Small DOM helpers for demo pages: elements, labelled controls and labelled numbers.
// Nothing here computes anything shown as a result; numbers arrive from the core and are
// only turned into text.
//
//   const f = field('number', { label: 'Shift x', min: -10, max: 10, value: 2, name: 'dx' });
//   f.input.addEventListener('change', …);  parent.append(f.node);
//   const s = stat({ id: 'eq-interior', label: 'largest difference inside' });
//   s.set(0);  // textContent "0", aria-label "largest difference inside: 0"
//   showCount(output, 1e9, 'weights')  // "1,000,000,000 (10⁹)", aria-label "weights: 1,000,000,000"

import { el } from './dom.js';

/** `el('p', { class: 'note', text: 'hello' }, [children])`: the site's one element helper. */
export { el };

/** A number as short text: 3 significant digits, "0" for zero, words for non-finite values. */
export function num(value, digits = 3) {
  if (value === 0 || Object.is(value, -0)) return '0';
  if (Number.isNaN(value)) return 'not a number';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  const text = String(Number(value.toPrecision(digits)));
  if (/e/.test(text)) return value.toExponential(digits - 1).replace(/e\+?(-?)(\d+)/, ' × 10^$1$2');
  return text.replace(/^-/, '−');
}

/** A whole number with thousands separators (1,000,000). */
export function grouped(value) {
  return Number(value).toLocaleString('en-US', { maximumFractionDigits: 0 });
}

let uid = 0;
function nextId(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}

/**
 * A labelled control: kind 'number' | 'range' | 'select' | 'checkbox'.
 * opts: { label, name, value, min, max, step, options: [[value, text], …], id, hint }.
 * Returns `{ node, input, output }`; ranges get an <output> that shows their value.
 */
export function field(kind, opts) {
  const id = opts.id ?? nextId(opts.name ?? 'field');
  let input;
  if (kind === 'select') {
    input = el('select', { id, name: opts.name });
    for (const [value, text] of opts.options) input.append(el('option', { value, text }));
    input.value = String(opts.value);
  } else {
    input = el('input', {
      id,
      name: opts.name,
      type: kind,
      min: opts.min,
      max: opts.max,
      step: opts.step,
      inputmode: kind === 'number' ? 'numeric' : undefined,
    });
    if (kind === 'checkbox') input.checked = Boolean(opts.value);
    else input.value = String(opts.value);
  }
  const label = el('label', { for: id, class: `field field-${kind}` });
  const caption = el('span', { class: 'field-label', text: opts.label });
  let output = null;
  if (kind === 'checkbox') {
    label.append(input, caption);
  } else if (kind === 'range') {
    output = el('output', { for: id, class: 'field-value', 'aria-hidden': 'true' });
    output.textContent = input.value;
    label.append(el('span', { class: 'field-head' }, [caption, output]), input);
    input.addEventListener('input', () => {
      output.textContent = input.value;
    });
  } else {
    label.append(caption, input);
  }
  if (opts.hint) label.append(el('span', { class: 'field-hint', text: opts.hint }));
  return { node: label, input, output };
}

/** Set a control's value from state without firing events. */
export function setValue(input, value) {
  if (input.type === 'checkbox') input.checked = Boolean(value);
  else input.value = String(value);
  if (input.type === 'range') {
    const out = input.closest('label')?.querySelector('output');
    if (out) out.textContent = input.value;
  }
}

/**
 * A labelled number shown as DOM text: `<div class="stat"><span>label</span><output id>…`.
 * `set(value | text, note?)` writes the text and an aria-label "label: text".
 */
export function stat({ id, label, unit = '', cls = '' }) {
  const output = el('output', { id, class: 'stat-value' });
  const node = el('div', { class: `stat ${cls}`.trim() }, [
    el('span', { class: 'stat-label', text: label }),
    output,
  ]);
  const unitNode = unit ? el('span', { class: 'stat-unit', text: unit }) : null;
  if (unitNode) node.append(unitNode);
  return {
    node,
    output,
    set(value, digits = 3) {
      const text = typeof value === 'number' ? num(value, digits) : String(value);
      output.textContent = text;
      output.setAttribute('aria-label', `${label}: ${text}${unit ? ` ${unit}` : ''}`);
    },
  };
}

/** A figure with a caption, holding a canvas (returned) and an optional legend slot. */
export function figure(caption, { cls = '', legend = false, canvasLabel } = {}) {
  const canvas = el('canvas', { role: 'img', 'aria-label': canvasLabel ?? caption });
  const legendNode = legend ? el('div', { class: 'legend' }) : null;
  const node = el('figure', { class: `map-figure ${cls}`.trim() }, [
    canvas,
    el('figcaption', { text: caption }),
    legendNode,
  ]);
  return { node, canvas, legend: legendNode };
}

/** A section with a heading and an optional intro paragraph; returns `{ node, body }`. */
export function section(title, intro, { id, cls = 'panel demo-section' } = {}) {
  const body = el('div', { class: 'section-body' });
  const headingId = id ? `${id}-title` : nextId('section');
  const node = el('section', { class: cls, id, 'aria-labelledby': headingId }, [
    el('h2', { id: headingId, text: title }),
    intro ? el('p', { class: 'section-intro', text: intro }) : null,
    body,
  ]);
  return { node, body };
}

/**
 * Check a typed value against one key of a state.js schema, exactly as a URL value is checked.
 * Returns `{ value }` or `{ problem }` (a sentence naming the setting, ending "keeping CURRENT.").
 */
export function checkSetting(decodeState, schema, key, text, current) {
  const { state, problems } = decodeState(new URLSearchParams({ [key]: text }).toString(), { [key]: schema[key] });
  if (problems.length) return { problem: problems[0].replace('; using the default.', `; keeping ${current}.`) };
  return { value: state[key] };
}

// Large counts (parameters, multiplications) as a lecture slide writes them: thousands
// separators and a power of ten from 10⁵ up. countText(1e9) -> '1,000,000,000 (10⁹)';
// countText(8028160000) -> '8,028,160,000 (≈ 8.03 × 10⁹)'; countText(3072) -> '3,072'.
// Counts above 2^53 cannot be exact as JavaScript numbers: they are shown only approximately.

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** 9 -> '⁹', -3 -> '⁻³'. */
export function superscript(n) {
  return String(n)
    .split('')
    .map((ch) => SUPERSCRIPT[ch] ?? ch)
    .join('');
}

/** 'x × 10ⁿ' (or '10ⁿ' when the mantissa is 1) with `digits` significant digits. */
export function powerOfTen(value, digits = 3) {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
  const m = String(Number(mantissa));
  const e = superscript(Number(exponent));
  const exact = Number(`${m}e${exponent}`) === value;
  if (m === '1') return exact ? `10${e}` : `≈ 10${e}`;
  return `${exact ? '' : '≈ '}${m} × 10${e}`;
}

/** Both forms of a count, plus the words screen readers get. */
export function countText(value) {
  if (!Number.isFinite(value)) return { exact: String(value), power: '', text: String(value), spoken: String(value) };
  const safe = Number.isSafeInteger(value);
  const exact = safe ? value.toLocaleString('en-US') : '';
  const power = Math.abs(value) >= 1e5 ? powerOfTen(value) : '';
  let text;
  if (!safe) text = power;
  else if (power) text = `${exact} (${power})`;
  else text = exact;
  const spoken = safe ? exact : `about ${value.toExponential(2).replace('e+', ' times ten to the ')}`;
  return { exact, power, text, spoken };
}

/** Write a count into `output` (an <output> or span) with an aria-label `label: count`. */
export function showCount(output, value, label) {
  const t = countText(value);
  output.replaceChildren();
  if (t.exact) {
    const exact = document.createElement('span');
    exact.className = 'count-exact';
    exact.textContent = t.exact;
    output.append(exact);
  }
  if (t.power) {
    const power = document.createElement('span');
    power.className = 'count-power';
    power.textContent = t.exact ? `(${t.power})` : t.power;
    if (t.exact) output.append(' ');
    output.append(power);
  }
  output.setAttribute('aria-label', `${label}: ${t.spoken}`);
  return t;
}
