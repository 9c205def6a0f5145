// The 1-D demo's model: URL state and presets, the map from the player's flat step counter to
// the flip → slide → multiply → sum story, and every number asked of the core
// (computeSignals). No DOM; only computeSignals calls the core.
import { decodeState } from '../../state.js';
import { CONTINUOUS_SCHEMA } from './continuous.js';
import { CAUSAL_SCHEMA } from './causal-state.js';

export const LIMITS = { x: 16, h: 8, value: 9 };

export const SCHEMA = {
  x: { type: 'floatList', minLength: 1, maxLength: LIMITS.x, min: -LIMITS.value, max: LIMITS.value, default: [1, 2, 3, 1, 2] },
  h: { type: 'floatList', minLength: 1, maxLength: LIMITS.h, min: -LIMITS.value, max: LIMITS.value, default: [1, 0.5, 0.25] },
  mode: { type: 'enum', values: ['conv', 'xcorr'], default: 'conv' },
  step: { type: 'int', min: 0, max: 1000, default: 0 },
  speed: { type: 'enum', values: ['0.5', '1', '2', '4', '8'], default: '1' },
  ...CONTINUOUS_SCHEMA,
  ...CAUSAL_SCHEMA,
};

/** Binomial weights [1, 4, 6, 4, 1] / 16: the classic integer approximation of a Gaussian. */
export const BINOMIAL = [0.0625, 0.25, 0.375, 0.25, 0.0625];

/**
 * Presets for x and for h: id → { label, x, h }. The Gaussian one comes from the core (see
 * gaussianPreset); the binomial weights stand in only for a core without `filterKernel`.
 */
export const PRESETS = {
  box: { label: 'box', x: [0, 1, 1, 1, 1, 0], h: [0.25, 0.25, 0.25, 0.25] },
  diff: { label: '[−1 1]', x: [-1, 1], h: [-1, 1] },
  gaussian: { label: 'binomial ≈ Gaussian', x: BINOMIAL, h: BINOMIAL },
  impulse: { label: 'impulse', x: [0, 0, 1, 0, 0], h: [1] },
  step: { label: 'step', x: [0, 0, 1, 1, 1, 1, 1, 1], h: [1, 1, 1, 1, 1] },
};

/**
 * The Gaussian preset: the weights of `core.filterKernel({ kind: 'gaussian1d', sigma })` (a
 * `{ rows, cols, values, sum }` kernel), or the binomial weights when the core has no such
 * kernel or it does not fit the length limit of `key`. Returns `{ label, values }`.
 */
export function gaussianPreset(core, key, sigma = 1) {
  if (typeof core?.filterKernel === 'function') {
    try {
      const values = Array.from(core.filterKernel({ kind: 'gaussian1d', sigma }).values, Number);
      if (values.length >= 1 && values.length <= LIMITS[key] && values.every(Number.isFinite)) {
        return { label: `Gaussian (σ = ${sigma})`, values };
      }
    } catch {
      // a core that refuses σ: the binomial weights
    }
  }
  return { label: PRESETS.gaussian.label, values: BINOMIAL };
}

/** The id of the preset whose `key` values equal `values`, or '' (custom). */
export function presetOf(key, values, gaussian = BINOMIAL) {
  const same = (a, b) => a.length === b.length && a.every((v, i) => Math.fround(v) === Math.fround(b[i]));
  for (const [id, p] of Object.entries(PRESETS)) {
    if (same(values, id === 'gaussian' ? gaussian : p[key])) return id;
  }
  return '';
}

/** Read the URL's state (schema checks only: any lengths within the limits are valid). */
export function loadState(search) {
  return decodeState(search, SCHEMA);
}

// The stepper: value 0 is the flip; then three steps per output n: slide, multiply, sum.
export const PHASES = ['flip', 'slide', 'multiply', 'sum'];
const PER_OUTPUT = ['slide', 'multiply', 'sum'];

/** Number of player steps for an output of `length` values. */
export function stepCount(length) {
  return PER_OUTPUT.length * length;
}

/** The stage at player value `v`: `{ phase, n }` (n = 0 during the flip). */
export function stageAt(v) {
  if (v <= 0) return { phase: 'flip', n: 0 };
  const i = v - 1;
  return { phase: PER_OUTPUT[i % PER_OUTPUT.length], n: Math.floor(i / PER_OUTPUT.length) };
}

/** The player value showing `phase` of output n (default: its sum). */
export function valueFor(n, phase = 'sum') {
  if (phase === 'flip') return 0;
  return 1 + n * PER_OUTPUT.length + PER_OUTPUT.indexOf(phase);
}

/** How many outputs y[0…] are finished at player value `v`. */
export function outputsShown(v) {
  const { phase, n } = stageAt(v);
  if (phase === 'flip') return 0;
  return phase === 'sum' ? n + 1 : n;
}

// ---- The core's numbers. Only arguments are built here (typed arrays, a one-impulse signal,
// h reversed); everything shown is computed by the core.

/** The core's options: full padding (the default: every overlap), convolution or correlation. */
export function options(mode) {
  return { mode: mode === 'xcorr' ? 'crossCorrelation' : 'convolution' };
}

/**
 * Compute a state. Throws the core's Error for impossible input. Returns
 * `{ x, h, mode, length, y, trace(n), kMin, kMax, components, identity }`:
 * - `trace(n)`: the core's trace of output n; its terms give k (inputCol), h's index
 *   (kernelCol), x[k], h value and product;
 * - `kMin…kMax`: every k the sliding h visits (from the first and last traces);
 * - `components[i]`: `{ k, value, response }`, the response to the impulse x[k]·δ[n−k] alone;
 * - `identity`: `{ flipped, conv, xcorrFlipped, xcorr, convFlipped }` outputs of the core, and
 *   `first`, `second`: the core's agreement of conv with xcorrFlipped and of xcorr with convFlipped.
 */
export function computeSignals(core, state) {
  const x = new Float32Array(state.x);
  const h = new Float32Array(state.h);
  const opts = options(state.mode);
  const length = core.conv1dOutputLength(x.length, h.length, opts);
  const y = core.conv1d(x, h, opts);

  const cache = new Map();
  const trace = (n) => {
    if (!cache.has(n)) cache.set(n, core.conv1dTrace(x, h, opts, n));
    return cache.get(n);
  };
  const ks = [...trace(0).terms, ...trace(length - 1).terms].map((t) => t.inputCol);

  const components = [];
  for (let k = 0; k < x.length; k += 1) {
    if (x[k] === 0) continue;
    const impulse = new Float32Array(x.length);
    impulse[k] = x[k];
    components.push({ k, value: x[k], response: core.conv1d(impulse, h, opts) });
  }

  const flipped = Float32Array.from(h).reverse();
  const conv = { mode: 'convolution' };
  const xcorr = { mode: 'crossCorrelation' };
  const identity = {
    flipped,
    conv: core.conv1d(x, h, conv),
    xcorrFlipped: core.conv1d(x, flipped, xcorr),
    xcorr: core.conv1d(x, h, xcorr),
    convFlipped: core.conv1d(x, flipped, conv),
  };
  identity.first = core.agreement(identity.conv, identity.xcorrFlipped);
  identity.second = core.agreement(identity.xcorr, identity.convFlipped);

  return {
    x: Array.from(x),
    h: Array.from(h),
    mode: state.mode,
    length,
    y,
    trace,
    kMin: Math.min(...ks),
    kMax: Math.max(...ks),
    components,
    identity,
  };
}
