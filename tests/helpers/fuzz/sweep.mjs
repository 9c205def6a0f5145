// The deterministic sweep of small geometries: on every input from 1×1 to 8×8, every kernel or
// window of 1×1 to 9×9 (square, and four oblong ones), each padding kind (valid, same, full,
// explicit) and six stride/dilation pairs, one call of each of conv2d, conv2dBackward,
// conv2dTrace, convGeometry, pool2d, pool2dBackward and pool2dTrace. Where the documented formula
// gives an output the call must return it with that size; where it gives none it must be an Error.
import { fill, outSize, shape } from './shapes.mjs';

export const SIDES = [1, 2, 3, 4, 5, 6, 7, 8];
export const KERNELS = [[1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [6, 6], [7, 7], [8, 8], [9, 9], [1, 3], [3, 1], [2, 5], [5, 2]];
export const PADDINGS = [{ kind: 'valid' }, { kind: 'same' }, { kind: 'full' }, { kind: 'explicit', y: 0, x: 0 }, { kind: 'explicit', y: 1, x: 2 }, { kind: 'explicit', y: 3, x: 1 }];
export const STEPS = [[1, 1], [2, 1], [1, 2], [3, 3], [2, 3], [[1, 2], [2, 1]]];
export const SWEEP_OPS = ['conv2d', 'conv2dBackward', 'conv2dTrace', 'convGeometry', 'pool2d', 'pool2dBackward', 'pool2dTrace'];
const POOLS = [{ kind: 'max' }, { kind: 'average' }, { kind: 'l2' }, { kind: 'gaussian', sigma: 1 }];
const FILTERS = 2;

const sameShape = (got, want) => Array.isArray(got) && got.length === want.length && got.every((v, i) => v === want[i]);

/** Checks a returned `{ shape, data }` against the shape the formula gives. */
const tensorIs = (want) => (r) => (sameShape(r?.shape, want) && r.data?.length === want.reduce((a, b) => a * b, 1)
  ? null : `returned shape ${JSON.stringify(r?.shape)}, the formula gives ${JSON.stringify(want)}`);

// The sweep's arrays are made once and shared: the core copies its arguments, and 200,000 calls
// would spend more time allocating them than calling.
const cache = new Map();
const once = (key, make) => {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key);
};
const values = (n, seed) => once(`f${n}:${seed}`, () => fill(n, seed));
const dims = (...d) => once(`s${d}`, () => shape(d));

/** One call of `op` on an `h × w` input. */
function sweepCall(op, h, w, [kh, kw], padding, [s, d], i) {
  const x = values(h * w, i % 5);
  const xs = dims(1, 1, h, w);
  const label = 'sweep';
  if (op.startsWith('conv')) {
    const options = { stride: s, padding, dilation: d };
    const out = outSize(h, w, kh, kw, options);
    const k = values(FILTERS * kh * kw, 2);
    const ks = dims(FILTERS, 1, kh, kw);
    const expect = out ? 'ok' : 'error';
    if (op === 'convGeometry') {
      const check = (g) => (g?.outH === out[0] && g?.outW === out[1] ? null : `gave ${g?.outH}×${g?.outW}, the formula ${out}`);
      return { target: op, args: [h, w, kh, kw, options], expect, check: out && check, label };
    }
    if (op === 'conv2d') return { target: op, args: [x, xs, k, ks, values(FILTERS, 1), options], expect, check: out && tensorIs([1, FILTERS, ...out]), label };
    if (op === 'conv2dBackward') {
      const g = out ?? [1, 1];
      const check = (r) => tensorIs([1, 1, h, w])(r?.input) ?? tensorIs([FILTERS, 1, kh, kw])(r?.weight) ?? tensorIs([FILTERS])(r?.bias);
      return { target: op, args: [x, xs, k, ks, values(FILTERS * g[0] * g[1], 3), dims(1, FILTERS, ...g), options], expect, check: out && check, label };
    }
    // conv2dTrace: the last output cell, or one past it (an Error).
    const past = i % 3 === 2;
    const [r, c] = out ? [out[0] - 1 + (past ? 1 : 0), out[1] - 1] : [0, 0];
    return { target: op, args: [x, xs, k, ks, undefined, options, 0, FILTERS - 1, r, c], expect: out && !past ? 'ok' : 'error', label };
  }
  const options = { pool: POOLS[i % POOLS.length], size: [kh, kw], stride: s, dilation: d, padding };
  const out = outSize(h, w, kh, kw, options);
  if (op === 'pool2d') return { target: op, args: [x, xs, options], expect: out ? 'ok' : 'error', check: out && tensorIs([1, 1, ...out]), label };
  if (op === 'pool2dBackward') {
    const g = out ?? [1, 1];
    return { target: op, args: [x, xs, values(g[0] * g[1], 3), dims(1, 1, ...g), options], expect: out ? 'ok' : 'error', check: out && tensorIs([1, 1, h, w]), label };
  }
  const past = i % 3 === 2;
  const [r, c] = out ? [out[0] - 1, out[1] - 1 + (past ? 1 : 0)] : [0, 0];
  return { target: op, args: [x, xs, options, 0, 0, r, c], expect: out && !past ? 'ok' : 'error', label };
}

/** The sweep as segments, one per operation and input height (each followed by the lecture check). */
export function sweepSegments() {
  const per = SIDES.length * KERNELS.length * PADDINGS.length * STEPS.length;
  return SWEEP_OPS.flatMap((op) => SIDES.map((h) => ({
    name: `sweep ${op} h=${h}`,
    kind: 'sweep',
    count: per,
    calls() {
      const calls = [];
      let i = 0;
      for (const w of SIDES) for (const k of KERNELS) for (const p of PADDINGS) for (const sd of STEPS) calls.push(sweepCall(op, h, w, k, p, sd, i++));
      return calls;
    },
  })));
}
