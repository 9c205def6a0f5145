// Arbitraries of the hand-outs' configuration (the core's `pytorch` export): every kind, with the
// shapes' and models' own arbitraries inside, so sizes run from tiny to absurd. Tensor data are
// plain arrays, as a page passes them (a configuration object holds no typed arrays).
import fc from 'fast-check';
import { convMode, dilation, dim, few, fill, kdim, padding, poolKind, prod, record, stride } from './shapes.mjs';
import { activation, dropout, init, layers, modelConfig, optimizer } from './models.mjs';

const plain = (n) => Array.from(fill(Math.min(n, 20_000)));
const data = (dims) => fc.constantFrom(0, 0, 0, 1).map((off) => plain(prod(dims) + off));

const conv2d = fc.tuple(few, dim, dim, few, kdim, kdim).chain(([c, h, w, f, kh, kw]) => record({
  kind: fc.constant('conv2d'),
  input: data([c, h, w]),
  inputShape: fc.constant([c, h, w]),
  kernel: data([f, c, kh, kw]),
  kernelShape: fc.constant([f, c, kh, kw]),
  bias: fc.constantFrom(undefined, plain(f), plain(f + 1)),
  stride,
  padding,
  dilation,
  mode: convMode,
}, { requiredKeys: ['kind', 'input', 'inputShape', 'kernel', 'kernelShape'] }));

// The transposed mode's hand-out: weight [in, out, kh, kw]; padding and output padding as numbers.
const convTranspose2d = fc.tuple(few, dim, dim, few, kdim, kdim).chain(([c, h, w, o, kh, kw]) => record({
  kind: fc.constant('convTranspose2d'),
  input: data([c, h, w]),
  inputShape: fc.constant([c, h, w]),
  kernel: data([c, o, kh, kw]),
  kernelShape: fc.constant([c, o, kh, kw]),
  bias: fc.constantFrom(undefined, plain(o), plain(o + 1)),
  stride,
  padding: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom(256, 257, 2 ** 32 - 1)),
  outputPadding: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom(256, 2 ** 32 - 1)),
  dilation,
}, { requiredKeys: ['kind', 'input', 'inputShape', 'kernel', 'kernelShape'] }));

// The groups section's hand-out: weight [F, C/g, kh, kw]; groups that do and do not divide C and F.
const conv2dGrouped = fc.tuple(few, few, dim, dim, kdim, kdim, fc.constantFrom(1, 1, 2, 3, 0, 4096)).chain(([c, f, h, w, kh, kw, g]) => record({
  kind: fc.constant('conv2dGrouped'),
  input: data([c, h, w]),
  inputShape: fc.constant([c, h, w]),
  kernel: data([f, Math.max(1, Math.floor(c / Math.max(g, 1))), kh, kw]),
  kernelShape: fc.constant([f, Math.max(1, Math.floor(c / Math.max(g, 1))), kh, kw]),
  bias: fc.constantFrom(undefined, plain(f), plain(f + 1)),
  groups: fc.oneof(fc.constant(g), fc.constantFrom(-1, 2 ** 32 - 1)),
  stride,
  padding,
  dilation,
}, { requiredKeys: ['kind', 'input', 'inputShape', 'kernel', 'kernelShape', 'groups'] }));

const pool = fc.tuple(few, dim, dim).chain(([c, h, w]) => record({
  kind: fc.constant('pool'),
  input: data([c, h, w]),
  inputShape: fc.constant([c, h, w]),
  pool: poolKind,
  size: kdim,
  stride,
  padding,
  dilation,
}, { requiredKeys: ['kind', 'input', 'inputShape', 'pool', 'size'] }));

const small = fc.oneof(fc.double({ min: -5, max: 5, noNaN: true }), fc.constantFrom(0, 1e30, -1e-30));
const batchNorm = record({
  kind: fc.constant('batchNorm'),
  values: fc.array(small, { minLength: 0, maxLength: 20 }),
  gamma: small,
  beta: small,
  eps: fc.constantFrom(1e-5, 0, 1, -1),
  momentum: fc.constantFrom(0.1, 0, 1, 2),
}, { requiredKeys: ['kind', 'values'] });

const count = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 64 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 65, 4096, 4097, 2 ** 32 - 1) });
const initNet = record({ kind: fc.constant('init'), init, activation, depth: count, width: count, seed: fc.nat() }, { requiredKeys: ['kind', 'init', 'activation', 'depth', 'width'] });
const dropoutLab = record({ kind: fc.constant('dropout'), dropout, seed: fc.nat() }, { requiredKeys: ['kind', 'dropout'] });
const model = record({
  kind: fc.constant('model'),
  model: modelConfig,
  optimizer,
  batchSize: fc.oneof(fc.integer({ min: 1, max: 256 }), fc.constantFrom(0, 4097)),
  steps: fc.constantFrom(1, 1000, 0, 1_000_001),
}, { requiredKeys: ['kind', 'model', 'optimizer', 'batchSize'] });

const shiftBy = fc.oneof(fc.integer({ min: -12, max: 12 }), fc.constantFrom(-(2 ** 31), 2 ** 31 - 1, 100));
const picture = (kind, extra) => fc.tuple(dim, dim, kdim, kdim).chain(([h, w, kh, kw]) => record({
  kind: fc.constant(kind),
  image: data([h, w]),
  imageShape: fc.constant([h, w]),
  kernel: data([kh, kw]),
  kernelShape: fc.constant([kh, kw]),
  ...extra,
}, { requiredKeys: ['kind', 'image', 'imageShape', 'kernel', 'kernelShape', ...Object.keys(extra).filter((k) => k !== 'mode' && k !== 'at')] }));
const filter = picture('filter', { mode: convMode, at: fc.tuple(fc.nat(300), fc.nat(300)) });
const shift = picture('shift', { dy: shiftBy, dx: shiftBy });
const conv1d = record({
  kind: fc.constant('conv1d'),
  x: fc.array(small, { maxLength: 40 }),
  h: fc.array(small, { maxLength: 12 }),
  mode: convMode,
  // The signals page's causal stack: long signals, many or huge dilations, a traced sample past the end.
  stack: record({
    x: fc.oneof(fc.array(small, { maxLength: 40 }), fc.nat(20_000).map((n) => plain(n))),
    kernel: fc.array(small, { maxLength: 6 }),
    dilations: fc.array(fc.oneof(fc.integer({ min: 0, max: 16 }), fc.constantFrom(4096, 2 ** 32 - 1)), { maxLength: 40 }),
    causal: fc.boolean(),
    at: fc.oneof(fc.nat(40), fc.constantFrom(-1, 2 ** 32 - 1)),
  }, { requiredKeys: ['x', 'kernel', 'dilations'] }),
}, { requiredKeys: ['kind', 'x', 'h'] });
const receptiveField = record({ kind: fc.constant('receptiveField'), input: fc.tuple(few, dim, dim), layers }, { requiredKeys: ['kind', 'input', 'layers'] });
const models = record({ kind: fc.constant('models'), models: fc.array(modelConfig, { maxLength: 5 }) }, { requiredKeys: ['kind', 'models'] });

export const handout = fc.oneof(conv2d, convTranspose2d, conv2dGrouped, pool, batchNorm, initNet, dropoutLab, model, filter, shift, conv1d, receptiveField, models);
