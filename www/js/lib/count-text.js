// Text for large counts (parameters, multiplications) computed by the core: thousands
// separators and a power of ten, as a lecture slide writes them.
//
//   countText(1e9)        -> { exact: '1,000,000,000', power: '10⁹', text: '1,000,000,000 (10⁹)' }
//   countText(8028160000) -> { exact: '8,028,160,000', power: '≈ 8.03 × 10⁹', … }
//   countText(3072)       -> { exact: '3,072', power: '≈ 3.07 × 10³', … }
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
  const power = Math.abs(value) >= 1000 ? powerOfTen(value) : '';
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
    power.textContent = t.exact ? ` (${t.power})` : t.power;
    output.append(power);
  }
  output.setAttribute('aria-label', `${label}: ${t.spoken}`);
  return t;
}
