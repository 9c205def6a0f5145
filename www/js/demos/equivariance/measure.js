// The measurements of the equivariance demo. Every number is computed by the wasm core:
// shifting, rotating, convolving, pooling, differences and relative changes. This module only
// chooses what to call and packs the results for the view.
//
// The notation follows the lecture: f is the layer (a convolution), g the transformation of the
// image (a shift, a rotation, a scaling). Equivariance: f(g(x)) = g(f(x)). Invariance: f(g(x)) = f(x).

export const SIDE = 28;

export const KERNELS = [
  ['sobelX', 'Sobel x (vertical edges)'],
  ['sobelY', 'Sobel y (horizontal edges)'],
  ['laplacian', 'Laplacian'],
  ['derivativeX', 'Derivative [−1 1]'],
  ['random', 'Random 5×5 (seeded)'],
];

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

/** Convolve a 28×28 image with the kernel: 'same' padding, the given stride. */
export function convolve(core, image, kernel, stride = 1) {
  const t = core.conv2d(
    image,
    shape4(1, SIDE, SIDE),
    kernel.values,
    shape4(1, kernel.rows, kernel.cols),
    undefined,
    { stride, padding: { kind: 'same' } },
  );
  return asMap(t);
}

/** Max pooling of a map with a `size × size` window and stride `size`. */
export function maxPool(core, map, size) {
  return asMap(core.pool2d(map.data, shape4(1, map.h, map.w), { pool: { kind: 'max' }, size, stride: size }));
}

/**
 * `b − a` computed by the core: both maps as two channels of one input, convolved with the
 * 1×1 kernel [−1, 1].
 */
export function differenceMap(core, a, b, h, w) {
  const stacked = new Float32Array(2 * h * w);
  stacked.set(a, 0);
  stacked.set(b, h * w);
  const t = core.conv2d(stacked, shape4(2, h, w), new Float32Array([-1, 1]), shape4(2, 1, 1));
  return { h, w, data: t.data };
}

/** Shift, convolve both, undo the shift: f(g(x)) against g(f(x)). */
export function equivariance(core, image, kernel, dy, dx) {
  const moved = core.shiftImage(image, SIDE, SIDE, dy, dx);
  const fx = convolve(core, image, kernel);
  const fgx = convolve(core, moved, kernel);
  const gfx = core.shiftImage(fx.data, SIDE, SIDE, dy, dx);
  return {
    moved,
    fx,
    fgx,
    gfx: { h: SIDE, w: SIDE, data: gfx },
    diff: differenceMap(core, gfx, fgx.data, SIDE, SIDE),
    measured: core.shiftDifference(fx.data, fgx.data, SIDE, SIDE, dy, dx, kernel.margin),
    inputChange: core.relativeChange(image, moved),
  };
}

/** Pooling for invariance: raw map, 2×2 max pool, global max pool (window = whole map). */
export function invariance(core, fx, fgx) {
  const px = maxPool(core, fx, 2);
  const pgx = maxPool(core, fgx, 2);
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

/** The whole-cell shifts that could undo a shift of `d` pixels on a grid with step `step`. */
function candidates(d, step) {
  const lo = Math.floor(d / step);
  const hi = Math.ceil(d / step);
  return lo === hi ? [lo] : [lo, hi];
}

/**
 * Subsampling breaks exact equivariance: a stride-2 convolution or a 2×2 pool after the
 * convolution. A shift of d pixels is d/2 cells; when d is odd no whole-cell shift undoes it.
 * Tries each candidate whole-cell shift and keeps the smallest measured difference.
 */
export function subsampled(core, image, moved, kernel, dy, dx, sample, pooled) {
  let a;
  let b;
  if (sample === 'stride2') {
    a = convolve(core, image, kernel, 2);
    b = convolve(core, moved, kernel, 2);
  } else {
    a = pooled.px;
    b = pooled.pgx;
  }
  let best = null;
  for (const cy of candidates(dy, 2)) {
    for (const cx of candidates(dx, 2)) {
      const measured = core.shiftDifference(a.data, b.data, a.h, a.w, cy, cx, kernel.margin);
      if (!best || measured.maxAbsInterior < best.measured.maxAbsInterior) best = { cy, cx, measured };
    }
  }
  const undone = core.shiftImage(a.data, a.h, a.w, best.cy, best.cx);
  return {
    a,
    b,
    undo: { dy: best.cy, dx: best.cx },
    whole: dy % 2 === 0 && dx % 2 === 0,
    measured: best.measured,
    diff: differenceMap(core, undone, b.data, a.h, a.w),
  };
}

/** Rotation and scaling: f(g(x)) against g(f(x)) with g = rotate by `degrees`, scale by `factor`. */
export function rotation(core, image, fx, kernel, degrees, factor) {
  const turned = core.rotateScaleImage(image, SIDE, SIDE, degrees, factor);
  const fgx = convolve(core, turned, kernel);
  const gfx = core.rotateScaleImage(fx.data, SIDE, SIDE, degrees, factor);
  return {
    turned,
    fgx,
    gfx: { h: SIDE, w: SIDE, data: gfx },
    diff: differenceMap(core, gfx, fgx.data, SIDE, SIDE),
    measured: core.shiftDifference(gfx, fgx.data, SIDE, SIDE, 0, 0, kernel.margin),
  };
}

/** An MLP's first layer: dense, seeded He-normal weights [units, 784], zero biases. */
export function mlp(core, image, moved, units, seed) {
  const draw = core.initWeights({ kind: 'heNormal' }, new Uint32Array([units, SIDE * SIDE]), seed);
  const weight = Float32Array.from(draw.values);
  const bias = new Float32Array(units);
  const before = core.dense(image, 1, weight, units, bias).data;
  const after = core.dense(moved, 1, weight, units, bias).data;
  return {
    before,
    after,
    change: core.relativeChange(before, after),
    parameters: core.denseParameterCount(SIDE * SIDE, units),
  };
}
