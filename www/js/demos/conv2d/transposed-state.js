// The URL state of the conv2d page's transposed-convolution mode (transposed.js): the mode, input
// and kernel sizes, stride, padding, output padding, dilation, the values, which view is stepped
// and its step. No imports, so state.js can spread it into the page's schema.

/** The hand-worked example: a 2×2 input [[1, 2], [3, 4]] and the 3×3 kernel 1…9, stride 2. */
export const TRANSPOSED_EXAMPLE = { input: [1, 2, 3, 4], kernel: [1, 2, 3, 4, 5, 6, 7, 8, 9] };

const values = { type: 'floatList', minLength: 1, min: -99, max: 99 };

/** URL state of the mode (all keys but `op` start with t). */
export const TRANSPOSED_SCHEMA = {
  op: { type: 'enum', values: ['direct', 'transposed'], default: 'direct' },
  trows: { type: 'int', min: 1, max: 4, default: 2 },
  tcols: { type: 'int', min: 1, max: 4, default: 2 },
  tk: { type: 'int', min: 1, max: 4, default: 3 },
  ts: { type: 'int', min: 1, max: 3, default: 2 },
  tpad: { type: 'int', min: 0, max: 3, default: 0 },
  tout: { type: 'int', min: 0, max: 2, default: 0 },
  tdil: { type: 'int', min: 1, max: 2, default: 1 },
  tin: { ...values, maxLength: 16, default: TRANSPOSED_EXAMPLE.input },
  tw: { ...values, maxLength: 16, default: TRANSPOSED_EXAMPLE.kernel },
  tview: { type: 'enum', values: ['scatter', 'gather'], default: 'scatter' },
  tstep: { type: 'int', min: 0, max: 100000, default: 0 },
};
