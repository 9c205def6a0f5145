// What the pooling demo's parts share: the four kinds, the core's options for them, and the
// upstream gradient (all ones, or one output cell) that the gradient views send back.

/** The kinds of pooling in the lecture's order: id, name, and what the summary is. */
export const KINDS = [
  { id: 'max', name: 'Max', what: 'the largest value in the window' },
  { id: 'average', name: 'Average', what: 'the mean of the window' },
  { id: 'l2', name: 'L2 norm', what: '√(sum of squares) of the window' },
  { id: 'gaussian', name: 'Gaussian-weighted', what: 'an average weighted by closeness to the window centre' },
];

export const KIND_IDS = KINDS.map((k) => k.id);

/** The core's pool options for one kind. */
export function poolOptions(kind, { size, stride, sigma }) {
  return { pool: kind === 'gaussian' ? { kind, sigma } : { kind }, size, stride };
}

/**
 * The gradient arriving at a pooled map of `shape` ([1, 1, oh, ow]): all ones, or 1 at one
 * output cell and 0 elsewhere. This is the input handed to core.pool2dBackward.
 */
export function upstream(shape, mode, row, col) {
  const [, , oh, ow] = shape;
  const grad = new Float32Array(oh * ow);
  if (mode === 'ones') grad.fill(1);
  else grad[Math.min(row, oh - 1) * ow + Math.min(col, ow - 1)] = 1;
  return { data: grad, shape: new Uint32Array(shape) };
}

/** The rectangle a trace's cells cover, for drawing the window box. */
export function traceRect(trace) {
  const first = trace.cells[0];
  const last = trace.cells[trace.cells.length - 1];
  return { top: first.row, left: first.col, bottom: last.row, right: last.col };
}

/** How many entries of `data` are not zero (for "N of M inputs receive gradient"). */
export function nonZeroCount(data) {
  let n = 0;
  for (const v of data) if (v !== 0) n += 1;
  return n;
}
