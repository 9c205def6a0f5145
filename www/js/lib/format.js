// Number formatting for display (and parsing of what people type), shared by the demos.
//
// Pure functions, no DOM. Numbers come from the core as float32, so display rounds to a few
// decimals and drops trailing zeros: 12 → "12", 0.0625 → "0.063", 1/3 → "0.333",
// -2 → "−2" (a real minus sign, U+2212). The rounding is for display only; the core's value is
// what the page computes with.
//
//   formatValue(x, { decimals })   one number as text, fixed decimals
//   formatSignificant(x, digits)   3 significant digits; very small or large ones as "1.2 × 10^−5"
//   formatStat(x)                  a measured statistic: 3 decimals, or "1.2e−5" outside [0.001, 10⁵)
//   formatAxis(x)                  a chart tick: "1.2k", "35", "0.25"
//   formatCount(n)                 a whole number with thousands separators: "1,000,000"
//   formatPercent(p, decimals)     a fraction as a percentage: 0.9765 → "97.65 %"
//   formatShortest(x)              the shortest text that reads back as the same float32 (URLs)
//   countText(n)                   a count as a slide writes it: "1,000,000,000 (10⁹)"
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

/** Text for a value that is not a finite number (NaN, ±∞, missing). */
function nonFinite(x) {
  if (typeof x !== 'number' || Number.isNaN(x)) return '—';
  return `${x < 0 ? MINUS : ''}∞`;
}

/**
 * `digits` significant digits; a magnitude below 10⁻⁴ (or from 10²¹, where JavaScript writes an
 * exponent) as "1.23 × 10^−5". "0" for zero.
 */
export function formatSignificant(x, digits = 3) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return nonFinite(x);
  if (x === 0) return '0';
  const text = String(Number(x.toPrecision(digits)));
  if (/e/.test(text) || Math.abs(Number(text)) < 1e-4) return x.toExponential(digits - 1).replace(/e\+?(-?)(\d+)/, ' × 10^$1$2').replace(/-/g, MINUS);
  return text.replace(/^-/, MINUS);
}

/** A measured statistic: 3 decimals, or scientific ("1.23e−5") when |x| < 0.001 or ≥ 10⁵. */
export function formatStat(x) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return nonFinite(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 0.001 || a >= 1e5)) return x.toExponential(2).replace(/-/g, MINUS);
  return formatValue(x, { decimals: 3 });
}

/** A chart tick: thousands as "1.2k", tens as whole numbers, small values with 2 significant digits. */
export function formatAxis(v) {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a >= 1000) return `${Math.round(v / 100) / 10}k`;
  if (a >= 10) return String(Math.round(v));
  return String(Number(v.toPrecision(2)));
}

/** A whole number with thousands separators: 1000000 → "1,000,000". */
export function formatCount(n) {
  return Number(n).toLocaleString('en-US', { maximumFractionDigits: 0 });
}

/** A fraction as a percentage with `decimals` decimals: 0.9765 → "97.65 %"; missing → "—". */
export function formatPercent(p, decimals = 2) {
  return p == null || !Number.isFinite(p) ? '—' : `${(100 * p).toFixed(decimals)} %`;
}

// Large counts (parameters, multiplications) as a lecture slide writes them: thousands
// separators and a power of ten from 10⁵ up. countText(1e9).text -> '1,000,000,000 (10⁹)';
// countText(8028160000).text -> '8,028,160,000 (≈ 8.03 × 10⁹)'; countText(3072).text -> '3,072'.
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

/** Both forms of a count, plus the words screen readers get: `{ exact, power, text, spoken }`. */
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

/** Shortest decimal text that reads back as the same number (at float32 precision if it is one). */
export function formatShortest(x) {
  if (Object.is(x, -0)) return '0';
  if (Math.fround(x) === x) {
    for (let p = 1; p <= 9; p += 1) {
      const text = String(Number(x.toPrecision(p)));
      if (Math.fround(Number(text)) === x) return text;
    }
  }
  return String(x);
}
