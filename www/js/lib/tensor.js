// Reading the core's tensors `{ shape, data }` (NCHW: [batch, channels, height, width]) for
// drawing: the one place that works out flat offsets.
//
//   offset(shape, n, c, y, x)      flat index of one value
//   plane(t, n, c)                 the h×w values of one channel as a Float32Array view
//   planeSize(shape)               h·w

/** Flat index of value (n, c, y, x) in a tensor of `shape` [N, C, H, W]. */
export function offset(shape, n, c, y, x) {
  const [, C, H, W] = shape;
  return ((n * C + c) * H + y) * W + x;
}

/** h·w of a tensor of `shape` [N, C, H, W]. */
export function planeSize(shape) {
  return shape[2] * shape[3];
}

/** The values of channel `c` of sample `n`, as a view (no copy). */
export function plane(t, n, c) {
  const size = planeSize(t.shape);
  const start = offset(t.shape, n, c, 0, 0);
  return t.data.subarray(start, start + size);
}
