// The 2-D demo's model: every number asked of the core (geometry, the whole output, traces),
// and the words and equations written from what the core returned. Nothing here does
// arithmetic on the data; it only packs arguments, indexes results and writes text.
import { formatProduct, formatSum, formatValue, MINUS } from '../../lib/format.js';
import { dims } from './state.js';
import { offset } from '../../lib/tensor.js';

/** The core's options object for a state. */
export function convOptions(state) {
  const padding = state.padding === 'explicit' ? { kind: 'explicit', y: state.pad, x: state.pad } : { kind: state.padding };
  return {
    stride: state.stride,
    padding,
    dilation: state.dilation,
    mode: state.mode === 'conv' ? 'convolution' : 'crossCorrelation',
  };
}

/**
 * Everything the views need for one setting, computed by the core. Throws the core's Error
 * (message naming the argument) when the setting is impossible.
 *
 * Returns `{ d, options, geometry, output, count, perMap, data, position(i), trace(i), sliding }`:
 * `count` output positions over all filters (the player's steps), `position(i)` the filter, row
 * and column of position i, `trace(i)` the core's trace of it, `sliding[o]` the trace of filter
 * o's first window (its terms give each kernel tap's weight as the kernel sits on the input, i.e.
 * flipped in convolution mode).
 */
export function computeModel(core, state) {
  const d = dims(state);
  const options = convOptions(state);
  const geometry = core.convGeometry(d.H, d.W, d.KH, d.KW, options);
  const data = { input: [...state.input], kernel: [...state.kernel], bias: [...state.bias] };
  const args = [
    new Float32Array(data.input),
    new Uint32Array([1, d.C, d.H, d.W]),
    new Float32Array(data.kernel),
    new Uint32Array([d.F, d.C, d.KH, d.KW]),
    state.volume ? new Float32Array(data.bias) : undefined,
    options,
  ];
  const output = core.conv2d(...args);
  const [, maps, outH, outW] = output.shape;
  const perMap = outH * outW;
  const count = maps * perMap;

  const position = (i) => ({ o: Math.floor(i / perMap), r: Math.floor((i % perMap) / outW), c: i % outW });
  const cache = new Map();
  const trace = (i) => {
    if (!cache.has(i)) {
      const { o, r, c } = position(i);
      cache.set(i, core.conv2dTrace(...args, 0, o, r, c));
    }
    return cache.get(i);
  };
  const sliding = Array.from({ length: maps }, (_, o) => trace(o * perMap));
  return { d, options, geometry, output, outH, outW, count, perMap, data, position, trace, sliding, volume: state.volume, mode: state.mode, symbolic: state.symbolic };
}

/** Flat index of kernel value (filter o, channel ch, row r, column c). */
export function kernelIndex(d, o, ch, r, c) {
  return offset([d.F, d.C, d.KH, d.KW], o, ch, r, c);
}

/** Flat index of input value (channel ch, row r, column c). */
export function inputIndex(d, ch, r, c) {
  return offset([1, d.C, d.H, d.W], 0, ch, r, c);
}

// ---- Text: formulas, equations and step descriptions, from a geometry or a trace.

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
