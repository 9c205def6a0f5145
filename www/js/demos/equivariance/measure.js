// The measurements of the equivariance demo. Every number is computed by the wasm core:
// shifting, rotating, convolving, pooling, differences, relative changes and the search for the
// whole-cell shift that undoes a shift after subsampling. This module only chooses what to call
// and packs the results for the view.
//
// The notation follows the lecture: f is the layer (a convolution), g the transformation of the
// image (a shift, a rotation, a scaling). Equivariance: f(g(x)) = g(f(x)). Invariance: f(g(x)) = f(x).
//
// Maps are `{ h, w, data }` (one channel); `side` is the digit image's `{ h, w }` (digits.shape()).

import { blurSubsampled } from './blur.js';

export const KERNELS = [
  ['sobelX', 'Sobel x (vertical edges)'],
  ['sobelY', 'Sobel y (horizontal edges)'],
  ['laplacian', 'Laplacian'],
  ['derivativeX', 'Derivative [−1 1]'],
  ['random', 'Random 5×5 (seeded)'],
];

/** Subsampling keeps every second cell: a stride-2 convolution, or a 2×2 max pool. */
const STEP = 2;

const shape4 = (c, h, w) => new Uint32Array([1, c, h, w]);

/** The kernel as `{ rows, cols, values: Float32Array, margin }` (margin = kernel radius). */
export function makeKernel(core, name, seed) {
  let rows;
  let cols;
  let values;
  if (name === 'random') {
    const draw = core.initWeights({ kind: 'heNormal' }, new Uint32Array([1, 1, 5, 5]), seed);
    [rows, cols, values] = [5, 5, Float32Array.from(draw.values)];
  } else {
    const k = core.filterKernel({ kind: name });
    [rows, cols, values] = [k.rows, k.cols, Float32Array.from(k.values)];
  }
  // The radius is how far the window reaches from its centre: cells closer than that to a
  // border read zero padding.
  const margin = Math.floor(Math.max(rows, cols) / 2);
  return { rows, cols, values, margin };
}

/** A single-channel map `{ h, w, data }` from a core tensor `{ shape, data }`. */
function asMap(t) {
  return { h: t.shape[2], w: t.shape[3], data: t.data };
}

/** Convolve an image `{ h, w }` with the kernel: 'same' padding, the given stride. */
function convolve(core, data, side, kernel, stride = 1) {
  const t = core.conv2d(data, shape4(1, side.h, side.w), kernel.values, shape4(1, kernel.rows, kernel.cols), undefined, {
    stride,
    padding: { kind: 'same' },
  });
  return asMap(t);
}

/** Max pooling of a map with a `size × size` window and stride `size`. */
function maxPool(core, map, size) {
  return asMap(core.pool2d(map.data, shape4(1, map.h, map.w), { pool: { kind: 'max' }, size, stride: size }));
}

/** `b − a` of two maps of `side`, computed by the core. */
function difference(core, a, b, side) {
  return { ...side, data: core.differenceMap(a, b) };
}

/** Shift, convolve both, undo the shift: f(g(x)) against g(f(x)). */
export function equivariance(core, image, side, kernel, dy, dx) {
  const moved = core.shiftImage(image, side.h, side.w, dy, dx);
  const fx = convolve(core, image, side, kernel);
  const fgx = convolve(core, moved, side, kernel);
  const gfx = core.shiftImage(fx.data, side.h, side.w, dy, dx);
  return {
    moved,
    fx,
    fgx,
    gfx: { ...side, data: gfx },
    diff: difference(core, gfx, fgx.data, side),
    measured: core.shiftDifference(fx.data, fgx.data, side.h, side.w, dy, dx, kernel.margin),
    inputChange: core.relativeChange(image, moved),
  };
}

/** Pooling for invariance: raw map, 2×2 max pool, global max pool (window = whole map). */
export function invariance(core, fx, fgx) {
  const px = maxPool(core, fx, STEP);
  const pgx = maxPool(core, fgx, STEP);
  const gx = maxPool(core, fx, fx.h);
  const ggx = maxPool(core, fgx, fgx.h);
  return {
    px,
    pgx,
    globalBefore: gx.data[0],
    globalAfter: ggx.data[0],
    raw: core.relativeChange(fx.data, fgx.data),
    pooled: core.relativeChange(px.data, pgx.data),
    global: core.relativeChange(gx.data, ggx.data),
  };
}

/**
 * Subsampling breaks exact equivariance: a stride-2 convolution or a 2×2 pool after the
 * convolution. A shift of d pixels is d/2 cells; when d is odd no whole-cell shift undoes it.
 * The core tries the whole-cell shifts next to d/2 and keeps the one with the smallest difference.
 * With `blur`, the stride-1 maps are blurred before every second cell is kept (blur.js).
 */
export function subsampled(core, image, moved, side, kernel, dy, dx, sample, pooled, blur, fmaps) {
  const [a, b] = blur
    ? [blurSubsampled(core, fmaps.fx, sample), blurSubsampled(core, fmaps.fgx, sample)]
    : sample === 'stride2'
      ? [convolve(core, image, side, kernel, STEP), convolve(core, moved, side, kernel, STEP)]
      : [pooled.px, pooled.pgx];
  const best = core.undoSubsampledShift(a.data, b.data, a.h, a.w, dy, dx, STEP, kernel.margin);
  return { a, b, undo: { dy: best.dy, dx: best.dx }, measured: best.measured, diff: { h: a.h, w: a.w, data: best.difference } };
}

/** Rotation and scaling: f(g(x)) against g(f(x)) with g = rotate by `degrees`, scale by `factor`. */
export function rotation(core, image, side, fx, kernel, degrees, factor) {
  const turned = core.rotateScaleImage(image, side.h, side.w, degrees, factor);
  const fgx = convolve(core, turned, side, kernel);
  const gfx = core.rotateScaleImage(fx.data, side.h, side.w, degrees, factor);
  return {
    turned,
    fgx,
    gfx: { ...side, data: gfx },
    diff: difference(core, gfx, fgx.data, side),
    measured: core.shiftDifference(gfx, fgx.data, side.h, side.w, 0, 0, kernel.margin),
  };
}

/** An MLP's first layer: dense, seeded He-normal weights [units, pixels], zero biases. */
export function mlp(core, image, moved, units, seed) {
  const features = image.length;
  const draw = core.initWeights({ kind: 'heNormal' }, new Uint32Array([units, features]), seed);
  const weight = Float32Array.from(draw.values);
  const bias = new Float32Array(units);
  const before = core.dense(image, 1, weight, units, bias).data;
  const after = core.dense(moved, 1, weight, units, bias).data;
  return {
    before,
    after,
    change: core.relativeChange(before, after),
    parameters: core.denseParameterCount(features, units),
  };
}

/** Everything the page shows for `state`, on the test digit `image` of size `side`. */
export function measureAll(core, image, side, state) {
  const kernel = makeKernel(core, state.kernel, state.seed);
  const eq = equivariance(core, image, side, kernel, state.dy, state.dx);
  const inv = invariance(core, eq.fx, eq.fgx);
  return {
    image,
    side,
    kernel,
    eq,
    inv,
    sub: subsampled(core, image, eq.moved, side, kernel, state.dy, state.dx, state.sample, inv, state.blur, eq),
    rot: rotation(core, image, side, eq.fx, kernel, state.angle, state.scale),
    mlp: mlp(core, image, eq.moved, state.units, state.seed),
  };
}
