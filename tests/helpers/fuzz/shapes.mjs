// Building blocks of the fuzz suite's arguments: sizes that are mostly small and sometimes far past
// any limit, tensors that fit their shapes (or lie about them when a true one would not fit in
// memory), the window options of convolution and pooling, and the sliding-window arithmetic the
// tests need to size a gradient (docs: out = ⌊(in + pads − effective kernel) / stride⌋ + 1).
import fc from 'fast-check';
import { zerosF32 } from './values.mjs';

/** fc.record making ordinary objects, as pages send (fast-check also makes null-prototype ones). */
export const record = (model, options = {}) => fc.record(model, { ...options, noNullPrototype: true });

/** Extreme sizes a hostile caller would send: limits ± 1, powers of two, 32-bit edges. */
export const HUGE = [0, 255, 256, 257, 1024, 1025, 4096, 8192, 16_384, 65_536, 2 ** 31, 2 ** 32 - 1];

/** A size: 1–8 mostly, sometimes tens, sometimes extreme. */
export const dim = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 1, max: 8 }) },
  { weight: 3, arbitrary: fc.integer({ min: 9, max: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HUGE) },
);
/** A kernel or window side. */
export const kdim = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 1, max: 5 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HUGE) },
);
/** A small count (batch, channels, filters). */
export const few = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 1, max: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 64, 4096, 65_536, 2 ** 32 - 1) },
);
export const stride = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 1, max: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 64, 256, 257, 4096, 2 ** 31, 2 ** 32 - 1, 2 ** 53) },
);
export const dilation = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 1, max: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 64, 65, 1024, 4096, 2 ** 32 - 1) },
);
export const padAmount = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(256, 257, 4096, 65_536, 2 ** 31, 2 ** 32 - 1) },
);
/** A number or a `[rows, columns]` pair. */
export const pair = (a) => fc.oneof(a, fc.tuple(a, a));
export const padding = fc.oneof(
  fc.constant({ kind: 'valid' }), fc.constant({ kind: 'same' }), fc.constant({ kind: 'full' }),
  record({ kind: fc.constant('explicit'), y: padAmount, x: padAmount }),
);
export const convMode = fc.constantFrom('crossCorrelation', 'convolution');
/** conv2d's options, any subset of the keys, or none at all. */
export const convOptions = fc.oneof(
  { weight: 8, arbitrary: record({ stride: pair(stride), padding, dilation: pair(dilation), mode: convMode }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
);
export const conv1dOptions = fc.oneof(
  { weight: 8, arbitrary: record({ stride, padding, dilation, mode: convMode }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
);
export const poolKind = fc.oneof(
  fc.constantFrom({ kind: 'max' }, { kind: 'average' }, { kind: 'l2' }),
  record({ kind: fc.constant('gaussian'), sigma: fc.oneof(fc.constantFrom(0.5, 1, 2), fc.constantFrom(1e-30, 1e30, 0)) }),
);
export const poolOptions = record(
  { pool: poolKind, size: pair(kdim), stride: pair(stride), dilation: pair(dilation), padding },
  { requiredKeys: ['pool', 'size'] },
);

/** Deterministic small whole values (−5…5), so a plan holds no random state. */
export function fill(n, seed = 1) {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = ((i * 7 + seed * 3) % 11) - 5;
  return a;
}
/** Values for a tensor of `n` elements: real up to 2^20, zeros made at call time up to 2^25, and
 * past that a short array that lies about the shape (a true one would not fit in memory). */
export function floats(n, seed = 1) {
  if (n <= 2 ** 20) return fill(n, seed);
  if (n <= 2 ** 25) return zerosF32(n);
  return fill(7, seed);
}
export const shape = (dims) => new Uint32Array(dims.map((d) => Math.min(d, 2 ** 32 - 1)));
export const prod = (dims) => dims.reduce((a, b) => a * b, 1);

/** Pads and output size along one axis, or null if no window fits. */
export function axis(size, kernel, s, d, pad, which) {
  const eff = d * (kernel - 1) + 1;
  let lo = 0;
  let hi = 0;
  if (pad.kind === 'full') lo = hi = eff - 1;
  else if (pad.kind === 'explicit') lo = hi = pad[which];
  else if (pad.kind === 'same') {
    const total = Math.max(0, (Math.ceil(size / s) - 1) * s + eff - size);
    lo = Math.floor(total / 2);
    hi = total - lo;
  }
  if (size + lo + hi < eff || s < 1 || kernel < 1 || d < 1) return null;
  return Math.floor((size + lo + hi - eff) / s) + 1;
}
const two = (v, dflt) => (v === undefined ? [dflt, dflt] : Array.isArray(v) ? v : [v, v]);

/** `[outH, outW]` of a window (conv2d options or pool options with `size`) over `h × w`, or null. */
export function outSize(h, w, kh, kw, options = {}, strideDefault = [1, 1]) {
  const o = options ?? {};
  const [sy, sx] = o.stride === undefined ? strideDefault : two(o.stride);
  const [dy, dx] = two(o.dilation, 1);
  const pad = o.padding ?? { kind: 'valid' };
  const oh = axis(h, kh, sy, dy, pad, 'y');
  const ow = axis(w, kw, sx, dx, pad, 'x');
  return oh === null || ow === null ? null : [oh, ow];
}
