// The 2-D convolution demo's URL state: schema, the lecture's defaults, and keeping the data
// (input, kernel, bias) the right length when sizes change. No DOM. New cells are filled with the
// core's seeded whole numbers (core.seededInts: a value depends only on seed, stream and index, so
// resizing keeps the values a grid already had, and a link with the same seed reproduces a fill).
import { decodeState } from '../../state.js';
import { offset } from '../../lib/tensor.js';
import { convOptions } from './model.js';
import { GROUPS_SCHEMA } from './groups-state.js';
import { TRANSPOSED_SCHEMA } from './transposed-state.js';

/** The lecture's 5×5 input and 3×3 kernel (tests/fixtures/lecture.json). */
export const LECTURE = {
  input: [3, 3, 2, 1, 0, 0, 0, 1, 3, 1, 3, 1, 2, 2, 3, 2, 0, 0, 2, 2, 2, 0, 0, 0, 1],
  inputShape: [1, 1, 5, 5],
  kernel: [0, 1, 2, 2, 2, 0, 0, 1, 2],
  kernelShape: [1, 1, 3, 3],
};

/** Channels of the input in volume mode (an RGB-like 5×5×3 volume, as in the lecture). */
export const VOLUME_CHANNELS = 3;

const values = { type: 'floatList', minLength: 1, min: -99, max: 99 };

export const SCHEMA = {
  rows: { type: 'int', min: 2, max: 10, default: 5 },
  cols: { type: 'int', min: 2, max: 10, default: 5 },
  krows: { type: 'int', min: 1, max: 7, default: 3 },
  kcols: { type: 'int', min: 1, max: 7, default: 3 },
  stride: { type: 'int', min: 1, max: 4, default: 1 },
  padding: { type: 'enum', values: ['valid', 'same', 'full', 'explicit'], default: 'valid' },
  pad: { type: 'int', min: 0, max: 4, default: 1 },
  dilation: { type: 'int', min: 1, max: 3, default: 1 },
  mode: { type: 'enum', values: ['xcorr', 'conv'], default: 'xcorr' },
  volume: { type: 'bool', default: false },
  symbolic: { type: 'bool', default: false },
  comm: { type: 'enum', values: ['conv', 'xcorr'], default: 'conv' },
  filters: { type: 'int', min: 1, max: 4, default: 2 },
  seed: { type: 'int', min: 0, max: 999999, default: 1 },
  input: { ...values, maxLength: 10 * 10 * VOLUME_CHANNELS, default: LECTURE.input },
  kernel: { ...values, maxLength: 4 * VOLUME_CHANNELS * 7 * 7, default: LECTURE.kernel },
  bias: { ...values, maxLength: 4, default: [1] },
  step: { type: 'int', min: 0, max: 100000, default: 0 },
  // The backward pass: shown or not, ∂L/∂y (empty: all ones), its step, the finite-difference h.
  back: { type: 'bool', default: false },
  dy: { type: 'floatList', minLength: 0, maxLength: 4096, min: -99, max: 99, default: [] },
  bstep: { type: 'int', min: 0, max: 100000, default: 0 },
  fdh: { type: 'enum', values: ['0.001', '0.01', '0.1', '1'], default: '0.01' },
  speed: { type: 'enum', values: ['0.5', '1', '2', '4', '8'], default: '2' },
  ...GROUPS_SCHEMA,
  ...TRANSPOSED_SCHEMA,
};

/** Sizes implied by a state: channels C, filters F, input H×W, kernel KH×KW. */
export function dims(state) {
  return {
    C: state.volume ? VOLUME_CHANNELS : 1,
    F: state.volume ? state.filters : 1,
    H: state.rows,
    W: state.cols,
    KH: state.krows,
    KW: state.kcols,
  };
}

const SHAPES = {
  input: (d) => [1, d.C, d.H, d.W],
  kernel: (d) => [d.F, d.C, d.KH, d.KW],
  bias: (d) => [1, 1, 1, d.F],
};
const STREAM = { input: 1, kernel: 2, bias: 3 };
const RANGE = { input: [0, 3], kernel: [0, 2] };

/** The 4-D shape of `key` ('input' | 'kernel' | 'bias') for dims `d`. */
export function shapeOf(key, d) {
  return SHAPES[key](d);
}

const size = (shape) => shape.reduce((a, b) => a * b, 1);

/**
 * Copy `data` of 4-D `from` into 4-D shape `to`: cells in both keep their value, new cells get
 * `fill(flatIndex)`.
 */
export function resize(data, from, to, fill) {
  const out = new Array(size(to));
  let i = 0;
  for (let a = 0; a < to[0]; a += 1) {
    for (let b = 0; b < to[1]; b += 1) {
      for (let y = 0; y < to[2]; y += 1) {
        for (let x = 0; x < to[3]; x += 1, i += 1) {
          const inside = a < from[0] && b < from[1] && y < from[2] && x < from[3];
          out[i] = inside ? data[offset(from, a, b, y, x)] : fill(i);
        }
      }
    }
  }
  return out;
}

/** The fill of new cells of `key` for an array of `count` values: index → value. */
function filler(core, key, seed, count) {
  if (key === 'bias') return () => 1;
  const [lo, hi] = RANGE[key];
  const values = core.seededInts(seed, STREAM[key], count, lo, hi);
  return (i) => values[i];
}

/** Default data for `key` at dims `d`: the lecture's values where they fit, seeded fill elsewhere. */
export function defaultData(core, key, d, seed) {
  const source = { input: [LECTURE.input, LECTURE.inputShape], kernel: [LECTURE.kernel, LECTURE.kernelShape], bias: [[1], [1, 1, 1, 1]] }[key];
  const to = shapeOf(key, d);
  return resize(source[0], source[1], to, filler(core, key, seed, size(to)));
}

/** Replace input and kernel by a seeded random fill (bias is kept). */
export function randomFill(core, state) {
  const d = dims(state);
  for (const key of ['input', 'kernel']) {
    const n = size(shapeOf(key, d));
    const fill = filler(core, key, state.seed, n);
    state[key] = Array.from({ length: n }, (_, i) => fill(i));
  }
  return state;
}

/**
 * Apply a settings `patch` to `state` (mutated and returned), resizing the data so every value
 * that still has a place keeps it.
 */
export function applySettings(core, state, patch) {
  const before = dims(state);
  Object.assign(state, patch);
  const after = dims(state);
  for (const key of ['input', 'kernel', 'bias']) {
    const to = shapeOf(key, after);
    state[key] = resize(state[key], shapeOf(key, before), to, filler(core, key, state.seed, size(to)));
  }
  return state;
}

/** The lecture's example with every other setting at its default (speed kept). */
export function lectureState(speed = SCHEMA.speed.default) {
  return { ...decodeState('', SCHEMA).state, speed };
}

/**
 * Goodfellow et al.'s figure, as on the lecture's slide: a 3×4 input and a 2×2 kernel, valid
 * cross-correlation, written in letters (a…l, w x / y z). Values are the seeded fill.
 */
export function goodfellowState(core, state) {
  const next = { ...lectureState(state.speed), rows: 3, cols: 4, krows: 2, kcols: 2, symbolic: true, seed: state.seed, comm: state.comm };
  return randomFill(core, next);
}

/**
 * Read a query string: the schema's checks, then data lengths checked against the sizes (see
 * checkData).
 */
export function loadState(core, search) {
  const { state, problems } = decodeState(search, SCHEMA);
  checkData(core, state, problems, search);
  return { state, problems };
}

/**
 * Check the data lengths of a decoded state against its sizes: a value given in the URL
 * (`search`) with the wrong length is reported in `problems` and replaced by its default.
 */
export function checkData(core, state, problems, search) {
  const given = new URLSearchParams(search);
  const d = dims(state);
  const what = {
    input: `a ${d.C}-channel ${d.H}×${d.W} input`,
    kernel: `${d.F} filter${d.F > 1 ? 's' : ''} of ${d.C}×${d.KH}×${d.KW}`,
    bias: `${d.F} filter${d.F > 1 ? 's' : ''}`,
  };
  for (const key of ['input', 'kernel', 'bias']) {
    const expected = size(shapeOf(key, d));
    if (state[key].length === expected) continue;
    if (given.has(key) && problems.every((p) => !p.startsWith(`Setting "${key}"`))) {
      problems.push(`Setting "${key}" has ${state[key].length} numbers, but ${what[key]} needs ${expected}; using the default.`);
    }
    state[key] = defaultData(core, key, d, state.seed);
  }
  checkGradient(core, state, problems, given);
}

/** ∂L/∂y from the URL must have one value per output (filters × the core's output size). */
function checkGradient(core, state, problems, given) {
  if (!given.has('dy') || state.dy.length === 0) return;
  let outputs = null;
  try {
    const g = core.convGeometry(state.rows, state.cols, state.krows, state.kcols, convOptions(state));
    outputs = dims(state).F * g.outH * g.outW;
  } catch {
    outputs = null; // an impossible setting is reported by the page itself
  }
  if (outputs !== null && state.dy.length !== outputs && problems.every((p) => !p.startsWith('Setting "dy"'))) {
    problems.push(`Setting "dy" has ${state.dy.length} numbers, but the output has ${outputs}; using all ones.`);
    state.dy = [];
  }
}
