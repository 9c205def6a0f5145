// The transposed-convolution mode's model: every number asked of the core (the forward pass, both
// views' trace, the matching convolution's input gradient and the agreements), the data kept the
// right length when sizes change, and the words written from what the core returned. Nothing here
// does arithmetic on the data: it packs arguments, indexes results and writes text.
import { formatProduct, formatSum, formatValue, MINUS } from '../../lib/format.js';
import { resize } from './state.js';
import { TRANSPOSED_EXAMPLE } from './transposed-state.js';

/** The core's options object for a state. */
export function transposedOptions(state) {
  return { stride: state.ts, padding: state.tpad, outputPadding: state.tout, dilation: state.tdil };
}

const shapes = (state) => ({ tin: [1, 1, state.trows, state.tcols], tw: [1, 1, state.tk, state.tk] });
const STREAM = { tin: 11, tw: 12 };
const RANGE = { tin: [0, 3], tw: [0, 2] };
const EXAMPLE = { tin: [TRANSPOSED_EXAMPLE.input, [1, 1, 2, 2]], tw: [TRANSPOSED_EXAMPLE.kernel, [1, 1, 3, 3]] };
const size = (shape) => shape.reduce((a, b) => a * b, 1);

/** New cells of `key` ('tin' | 'tw') come from the core's seeded whole numbers. */
function filler(core, state, key, n) {
  const values = core.seededInts(state.seed, STREAM[key], n, ...RANGE[key]);
  return (i) => values[i];
}

/** Apply a settings `patch` (mutates `state`), keeping every value that still has a place. */
export function applyTransposed(core, state, patch) {
  const before = shapes(state);
  Object.assign(state, patch);
  const after = shapes(state);
  for (const key of ['tin', 'tw']) state[key] = resize(state[key], before[key], after[key], filler(core, state, key, size(after[key])));
  return state;
}

/**
 * Check the data lengths of a decoded state: a `tin` or `tw` from the URL (`search`) with the
 * wrong length is reported in `problems` and replaced by the example's values where they fit.
 */
export function checkTransposed(core, state, problems, search) {
  const given = new URLSearchParams(search);
  const want = shapes(state);
  const what = { tin: `a ${state.trows}×${state.tcols} input`, tw: `a ${state.tk}×${state.tk} kernel` };
  for (const key of ['tin', 'tw']) {
    const n = size(want[key]);
    if (state[key].length === n) continue;
    if (given.has(key) && problems.every((p) => !p.startsWith(`Setting "${key}"`))) {
      problems.push(`Setting "${key}" has ${state[key].length} numbers, but ${what[key]} needs ${n}; using the example's values.`);
    }
    state[key] = resize(EXAMPLE[key][0], EXAMPLE[key][1], want[key], filler(core, state, key, n));
  }
}

/**
 * Everything the mode shows, from the core. Throws the core's Error when the setting is
 * impossible. Returns `{ options, geometry, output, trace, matching }`: `trace` the core's
 * convTranspose2dTrace (both views), `matching` the convolution whose input gradient this is
 * (`{ options, inH, inW, agreement }`, or null when no convolution maps the output size back).
 */
export function computeTransposed(core, state) {
  const options = transposedOptions(state);
  const x = [new Float32Array(state.tin), new Uint32Array([1, 1, state.trows, state.tcols])];
  const w = [new Float32Array(state.tw), new Uint32Array([1, 1, state.tk, state.tk])];
  const output = core.convTranspose2d(...x, ...w, undefined, options);
  const trace = core.convTranspose2dTrace(...x, ...w, undefined, options, 0, 0);
  const g = trace.geometry;
  const [oh, ow] = [g.height.output, g.width.output];
  const convOpts = { stride: state.ts, padding: { kind: 'explicit', y: state.tpad, x: state.tpad }, dilation: state.tdil };
  const back = core.convGeometry(oh, ow, state.tk, state.tk, convOpts);
  let matching = null;
  if (back.outH === state.trows && back.outW === state.tcols) {
    const z = [new Float32Array(oh * ow), new Uint32Array([1, 1, oh, ow])];
    const grads = core.conv2dBackward(...z, ...w, ...x, convOpts);
    matching = { inH: oh, inW: ow, agreement: core.agreement(grads.input.data, output.data) };
  }
  return { options, geometry: g, output, trace, matching };
}

/** The formula of one axis with its numbers: "(2 − 1)·2 − 2·0 + 1·(3 − 1) + 0 + 1 = 5". */
export function transposedFormula(axis) {
  const a = axis;
  return `(${a.input} ${MINUS} 1)·${a.stride} ${MINUS} 2·${a.padding} + ${a.dilation}·(${a.kernel} ${MINUS} 1) + ${a.outputPadding} + 1 = ${a.output}`;
}

/** The general formula, for the legend. */
export const TRANSPOSED_LEGEND = `out = (in ${MINUS} 1)·stride ${MINUS} 2·padding + dilation·(k ${MINUS} 1) + output padding + 1 (PyTorch's ConvTranspose2d); output padding must be smaller than the stride or the dilation.`;

/** Steps of a view. */
export const stepCount = (trace, view) => (view === 'scatter' ? trace.scatter.length : trace.gather.steps.length);

/** The player's status line for `view` at `value`. */
export function transposedStepText(trace, view, value) {
  if (!trace) return 'No steps: the setting has no output.';
  const n = stepCount(trace, view);
  if (value === 0) {
    return view === 'scatter'
      ? `Step 0 of ${n}: press step (→) to stamp the first input cell.`
      : `Step 0 of ${n}: press step (→) to slide the rotated kernel onto the first window.`;
  }
  if (view === 'scatter') {
    const s = trace.scatter[value - 1];
    return `Step ${value} of ${n}: input row ${s.row}, column ${s.col} stamps ${formatValue(s.input)} × the kernel.`;
  }
  const s = trace.gather.steps[value - 1];
  return `Step ${value} of ${n}: output row ${s.outRow}, column ${s.outCol}.`;
}

/** What the current scatter step does, in words and its additions. */
export function scatterLines(step) {
  const where = `top-left tap at output (${step.originRow}, ${step.originCol})`;
  const cut = step.cut ? `; ${step.cut} tap${step.cut > 1 ? 's fall' : ' falls'} outside the output (cut by the padding)` : '';
  return [
    `x[${step.row}, ${step.col}] = ${formatValue(step.input)} stamps ${formatValue(step.input)} × K with its ${where}: ${step.terms.length} product${step.terms.length === 1 ? '' : 's'} added${cut}.`,
    step.terms.map((t) => `y[${t.outRow}, ${t.outCol}] += ${formatProduct(step.input, t.weight)} → ${formatValue(t.running)}`).join('; '),
  ];
}

/** The current gather step's sum: "y[1, 2] = 0·9 + 2·8 + … = 14". */
export function gatherLine(step) {
  return `y[${step.outRow}, ${step.outCol}] = ${formatSum(step.terms.map((t) => formatProduct(t.value, t.weight)), step.result)}`;
}
