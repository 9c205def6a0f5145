// Words and equations for the 2-D demo, written from what the core returned (a geometry or a
// trace). Pure string building: every number here was computed by the core.
import { formatProduct, formatSum, formatValue, MINUS } from '../../lib/format.js';

/** The effective kernel written out: "3", or "(2·(3−1)+1)" with dilation 2. */
function effective(k, dilation) {
  return dilation === 1 ? `${k}` : `(${dilation}·(${k}${MINUS}1)+1)`;
}

/**
 * The output-size formula evaluated for one axis of a core geometry:
 * "⌊(5 + 0 + 0 − 3) / 1⌋ + 1 = 3". `axis` is 'height' or 'width'.
 */
export function formulaText(g, axis) {
  const [n, lo, hi, k, s, dil, out] =
    axis === 'height'
      ? [g.inH, g.pads.top, g.pads.bottom, g.kH, g.sY, g.dY, g.outH]
      : [g.inW, g.pads.left, g.pads.right, g.kW, g.sX, g.dX, g.outW];
  return `⌊(${n} + ${lo} + ${hi} ${MINUS} ${effective(k, dil)}) / ${s}⌋ + 1 = ${out}`;
}

/** The general formula, in words, for the legend. */
export const FORMULA_LEGEND =
  'out = ⌊(in + pad before + pad after − effective kernel) / stride⌋ + 1, with effective kernel = dilation·(k − 1) + 1';

/** "x·w + x·w + …" for the terms of one channel. */
export function termsText(terms) {
  return terms.map((t) => formatProduct(t.input, t.weight)).join(' + ');
}

/**
 * The equation lines of a trace. One channel without bias: ["3·0 + 3·1 + … = 12"]. Several
 * channels or a bias: one line per channel ("channel 1: … = 7"), then the total
 * ("7 + 5 + 3 + bias 1 = 16").
 */
export function equationLines(trace, { withBias = false } = {}) {
  const channels = trace.channelSums.length;
  if (channels === 1 && !withBias) {
    return [formatSum(trace.terms.map((t) => formatProduct(t.input, t.weight)), trace.result)];
  }
  const lines = [];
  for (let ch = 0; ch < channels; ch += 1) {
    const terms = trace.terms.filter((t) => t.channel === ch);
    lines.push(`channel ${ch + 1}: ${formatSum(terms.map((t) => formatProduct(t.input, t.weight)), trace.channelSums[ch])}`);
  }
  const parts = trace.channelSums.map((s) => formatValue(s));
  if (withBias) parts.push(`bias ${formatValue(trace.bias)}`);
  lines.push(`total: ${formatSum(parts, trace.result)}`);
  return lines;
}

/** Where a step is, in words: "output row 0, column 2" (and the filter in volume mode). */
export function positionText(pos, volume) {
  return `${volume ? `filter ${pos.o + 1}, ` : ''}output row ${pos.r}, column ${pos.c}`;
}

/** The player's status line. */
export function stepText(model, value) {
  if (!model) return 'No steps: the setting has no output.';
  if (value === 0) return `Step 0 of ${model.count}: press step (→) to place the kernel on the first window.`;
  return `Step ${value} of ${model.count}: ${positionText(model.position(value - 1), model.volume)}.`;
}
