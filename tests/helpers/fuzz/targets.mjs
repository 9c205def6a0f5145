// One entry per export and class method of the core (docs/core-api.md): its well-formed arguments
// as a fast-check arbitrary, the kind of each argument (which adversarial values it gets), the
// handle it is called on, and how many calls it gets. The suite fails if the module has an export
// or method that is not here, or if this names one the module does not have.
import fc from 'fast-check';
import {
  convMode, convOptions, conv1dOptions, dilation, dim, few, floats, kdim, outSize, padAmount, pair, poolOptions, prod, record, shape, stride,
} from './shapes.mjs';
import {
  activation, digitFileArgs, dropout, init, layerCode, layers, modelConfig, modelFileArgs, trainConfig,
} from './models.mjs';
import { ref, zerosU8 } from './values.mjs';
import { handout } from './handouts.mjs';
import { CLASS_TARGETS } from './classes.mjs';

const small = fc.integer({ min: 0, max: 3 });
const index = fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 0, max: 8 }) }, { weight: 1, arbitrary: fc.constantFrom(9, 100, 2 ** 31, 2 ** 32 - 1) });
const len = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 1, max: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1000, 4096, 4097, 2 ** 19, 2 ** 20, 2 ** 20 + 1) },
);
const value = fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constantFrom(0, 1, -1, 1e-30, 1e30));
const int = fc.oneof({ weight: 10, arbitrary: fc.integer({ min: -4, max: 4 }) }, { weight: 1, arbitrary: fc.constantFrom(-(2 ** 31), 2 ** 31 - 1, 65_536, -65_536) });
const vector = len.map((n) => floats(n));
const image2 = record({ h: dim, w: dim }).map(({ h, w }) => ({ h, w, data: floats(h * w) }));
const split = fc.constantFrom('train', 'test');
const DIGIT = 784;
const ink = (v) => (v instanceof Float32Array ? v.map((x) => (x > 0 ? 1 : 0)) : v);

const tensor4 = fc.tuple(few, few, dim, dim).map((d) => [floats(prod(d)), shape(d)]);

function conv({ n, c, h, w, o, kh, kw, bias, options }) {
  const x = floats(n * c * h * w);
  const k = floats(o * c * kh * kw, 2);
  const b = bias === 'none' ? undefined : floats(bias === 'ok' ? o : o + 1, 3);
  return { x, xs: shape([n, c, h, w]), k, ks: shape([o, c, kh, kw]), b, options, n, o, h, w, kh, kw };
}
const convGeom = record({ n: few, c: few, h: dim, w: dim, o: few, kh: kdim, kw: kdim, bias: fc.constantFrom('none', 'ok', 'wrong'), options: convOptions }).map(conv);
const gradFor = (g) => {
  const out = outSize(g.h, g.w, g.kh, g.kw, g.options) ?? [1, 1];
  const dims = [g.n, g.o, ...out];
  return [floats(prod(dims), 4), shape(dims)];
};
// Grouped convolution: channels and filters multiples of the groups (mostly), kernels C/g deep.
const groupsArb = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 5, 4096, 4097, 2 ** 32 - 1) });
const groupedGeom = record({ n: few, cg: few, h: dim, w: dim, fg: few, kh: kdim, kw: kdim, g: fc.integer({ min: 1, max: 3 }), other: fc.option(groupsArb, { freq: 6 }), bias: fc.constantFrom('none', 'ok', 'wrong'), options: convOptions })
  .map(({ cg, fg, g, other, ...r }) => ({ ...conv({ ...r, c: cg * g, o: fg * g }), ks: shape([fg * g, cg, r.kh, r.kw]), k: floats(fg * g * cg * r.kh * r.kw, 2), groups: other ?? g }));
const countsSpec = record({ cg: few, fg: few, g: fc.integer({ min: 1, max: 6 }), other: fc.option(groupsArb, { freq: 6 }), kernel: pair(kdim), height: dim, width: dim, bias: fc.option(fc.boolean()) })
  .map(({ cg, fg, g, other, bias, ...r }) => ({ channels: cg * g, filters: fg * g, groups: other ?? g, ...r, ...(bias === null ? {} : { bias }) }));
const causalOptions = fc.oneof(
  { weight: 8, arbitrary: record({ dilation: fc.constantFrom(1, 2, 4, 8, 0, 64, 65, 2 ** 32 - 1), causal: fc.boolean() }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
);
const stackSpec = record({
  kernel: fc.oneof(fc.constant([0.5, 0.5]), fc.array(value, { maxLength: 5 })),
  dilations: fc.oneof(fc.constant([1, 2, 4, 8]), fc.array(fc.constantFrom(1, 2, 3, 0, 64, 65), { maxLength: 6 }), fc.constant(Array(65).fill(1))),
  causal: fc.boolean(),
}, { requiredKeys: ['kernel', 'dilations'] });
const poolGeom = fc.tuple(tensor4, poolOptions).map(([[x, xs], options]) => {
  const [n, c, h, w] = xs;
  const [kh, kw] = Array.isArray(options.size) ? options.size : [options.size, options.size];
  const out = outSize(h, w, kh, kw, options, [kh, kw]) ?? [1, 1];
  const dims = [n, c, ...out];
  return { x, xs, options, grad: floats(prod(dims), 5), gradShape: shape(dims) };
});
const windows = fc.array(record({
  kernel: fc.tuple(kdim, kdim), stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
  dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
  padding: fc.constantFrom({ kind: 'valid' }, { kind: 'same' }, { kind: 'full' }, { kind: 'explicit', y: 1, x: 0 }),
}), { maxLength: 5 });
const blurLayer = fc.oneof(
  record({ kind: fc.constant('maxPool'), size: fc.constantFrom(1, 2, 3, 0, 65), stride: fc.constantFrom(1, 2, 3, 0, 65) }),
  record({ kind: fc.constantFrom('conv', 'convMaxPool'), size: fc.constantFrom(1, 2), rows: fc.constantFrom(1, 3), cols: fc.constantFrom(1, 3), values: fc.constantFrom([1], [0, 1, 0, 1, -4, 1, 0, 1, 0], []), stride: fc.constantFrom(1, 2, 0) }),
);
const filterKind = fc.oneof(
  fc.constantFrom(...['sharpen', 'derivativeX', 'derivativeY', 'sobelX', 'sobelY', 'laplacian', 'emboss'].map((kind) => ({ kind }))),
  record({ kind: fc.constantFrom('identity', 'box'), size: kdim }),
  record({ kind: fc.constantFrom('gaussian', 'gaussian1d'), sigma: fc.constantFrom(0.5, 1, 2, 100, 1e6), size: kdim }, { requiredKeys: ['kind', 'sigma'] }),
);
const signal = fc.oneof(
  record({ kind: fc.constant('box'), width: fc.constantFrom(0.5, 1, 2, 0, 1e6), height: fc.constantFrom(1, -2, 0.25, 1e4) }),
  record({ kind: fc.constant('exponential'), tau: fc.constantFrom(0.5, 1, 3, 0.001, 1e6), height: fc.constantFrom(1, 2, -1e4) }),
);
const continuousOptions = record(
  { t: fc.constantFrom(-1, 0, 1, 2.5, 1e5), step: fc.constantFrom(0.25, 0.5, 0.05, 0.001, 0), points: fc.constantFrom(2, 11, 401, 1, 5000) },
  { requiredKeys: [] },
);
const pixels = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 4 }) }, { weight: 1, arbitrary: fc.constantFrom(257, 4097) })
  .map((n) => floats(n * DIGIT));

const score = record({
  count: fc.constantFrom(0, 1, 100), accuracy: fc.constantFrom(0, 0.5, 1, 1.5), accuracyStdError: fc.constantFrom(0, 0.01),
  loss: fc.constantFrom(0, 0.3, -1), lossStdError: fc.constantFrom(0, 0.02),
});
const generalization = record({
  train: score, test: score, accuracyGap: value, accuracyGapError: fc.constantFrom(0, 0.01), lossGap: value, lossGapError: fc.constantFrom(0, 0.01),
});
const limit = fc.constantFrom(0, 1, 10, 50, 2 ** 32 - 1);

// Transposed convolution: weight [cIn, cOut, kh, kw]; options with output padding; ∂L/∂y sized by
// PyTorch's formula (1×1 when the setting is impossible, so the core rejects it in words).
const transposedOptions = fc.oneof(
  { weight: 8, arbitrary: record({ stride: pair(stride), padding: pair(padAmount), outputPadding: pair(fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom(256, 2 ** 32 - 1))), dilation: pair(dilation) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
);
const transposedGeom = record({ n: few, c: few, h: dim, w: dim, o: few, kh: kdim, kw: kdim, bias: fc.constantFrom('none', 'ok', 'wrong'), options: transposedOptions })
  .map((r) => ({ ...conv(r), k: floats(r.c * r.o * r.kh * r.kw, 2), ks: shape([r.c, r.o, r.kh, r.kw]) }));
const pairOf = (v, dflt) => (v === undefined ? [dflt, dflt] : Array.isArray(v) ? v : [v, v]);
const transposedGrad = (g) => {
  const o = g.options ?? {};
  const [s, p, op, d] = [pairOf(o.stride, 1), pairOf(o.padding, 0), pairOf(o.outputPadding, 0), pairOf(o.dilation, 1)];
  const side = (i, n, k) => (n - 1) * s[i] - 2 * p[i] + d[i] * (k - 1) + op[i] + 1;
  const out = [side(0, g.h, g.kh), side(1, g.w, g.kw)];
  const dims = [g.n, g.o, ...(out.every((v) => v >= 1 && v <= 4096) ? out : [1, 1])];
  return prod(dims) <= 2 ** 22 ? [floats(prod(dims), 4), shape(dims)] : [floats(1, 4), shape([1, 1, 1, 1])];
};
const T = (valid, slots, extra = {}) => ({ valid: fc.tuple(...valid), slots, ...extra });
const none = { valid: fc.constant([]), slots: [] };

export const TARGETS = {
  // ---- convolution
  conv2d: { valid: convGeom.map((g) => [g.x, g.xs, g.k, g.ks, g.b, g.options]), slots: ['floats', 'shape', 'floats', 'shape', 'floats', 'options'], runs: 160 },
  conv2dBackward: { valid: convGeom.map((g) => [g.x, g.xs, g.k, g.ks, ...gradFor(g), g.options]), slots: ['floats', 'shape', 'floats', 'shape', 'floats', 'shape', 'options'], runs: 120 },
  conv2dTrace: {
    valid: fc.tuple(convGeom, small, small, small, small).map(([g, ...at]) => [g.x, g.xs, g.k, g.ks, g.b, g.options, ...at]),
    slots: ['floats', 'shape', 'floats', 'shape', 'floats', 'options', 'count', 'count', 'count', 'count'], runs: 120,
  },
  conv2dBackwardTrace: {
    valid: fc.tuple(convGeom, fc.boolean(), small, small, small, small).map(([g, input, a, b, r, c]) => [g.x, g.xs, g.k, g.ks, ...gradFor(g), g.options, input ? { of: 'input', batch: a, channel: b, row: r, col: c } : { of: 'weight', outChannel: a, channel: b, row: r, col: c }]),
    slots: ['floats', 'shape', 'floats', 'shape', 'floats', 'shape', 'options', 'config'], runs: 120,
  },
  conv2dGradientCheck: {
    valid: fc.tuple(convGeom, small, small, small, small, fc.constantFrom(0.01, 0.5, 0, -1, 1e9)).map(([g, ...rest]) => [g.x, g.xs, g.k, g.ks, g.b, ...gradFor(g), g.options, rest.slice(0, 4), rest[4]]),
    slots: ['floats', 'shape', 'floats', 'shape', 'floats', 'floats', 'shape', 'options', 'config', 'number'], runs: 100,
  },
  convGeometry: T([dim, dim, kdim, kdim, convOptions], ['count', 'count', 'count', 'count', 'options'], { runs: 100 }),
  conv1d: T([vector, len.map((n) => floats(n, 2)), conv1dOptions], ['floats', 'floats', 'options'], { runs: 100 }),
  conv1dOutputLength: T([len, len, conv1dOptions], ['count', 'count', 'options']),
  conv1dTrace: T([vector, len.map((n) => floats(n, 2)), conv1dOptions, index], ['floats', 'floats', 'options', 'count'], { runs: 80 }),
  filterKernel: T([filterKind], ['config']),
  conv2dGrouped: {
    valid: groupedGeom.map((g) => [g.x, g.xs, g.k, g.ks, g.b, g.options, g.groups]),
    slots: ['floats', 'shape', 'floats', 'shape', 'floats', 'options', 'count'], runs: 100,
  },
  conv2dGroupedBackward: {
    valid: groupedGeom.map((g) => [g.x, g.xs, g.k, g.ks, ...gradFor(g), g.options, g.groups]),
    slots: ['floats', 'shape', 'floats', 'shape', 'floats', 'shape', 'options', 'count'], runs: 100,
  },
  convolutionCounts: T([countsSpec, convOptions], ['config', 'options'], { runs: 80 }),
  conv1dCausal: T([vector, len.map((n) => floats(n, 2)), causalOptions], ['floats', 'floats', 'options'], { runs: 80 }),
  conv1dCausalBackward: {
    valid: fc.tuple(len, len, causalOptions).map(([n, k, o]) => [floats(n), floats(k, 2), floats(n, 3), o]),
    slots: ['floats', 'floats', 'floats', 'options'], runs: 80,
  },
  causalStack: {
    valid: fc.tuple(len, stackSpec, index).map(([n, spec, at]) => [floats(n), spec, at]),
    slots: ['floats', 'config', 'count'], runs: 80,
  },
  separableCost: T([dim, dim, kdim], ['count', 'count', 'count']),
  conv2dBothOrders: {
    valid: record({ c: few, h: dim, w: dim, kh: kdim, kw: kdim, mode: convMode }).map(({ c, h, w, kh, kw, mode }) => [floats(c * h * w), shape([1, c, h, w]), floats(c * kh * kw, 2), shape([1, c, kh, kw]), mode]),
    slots: ['floats', 'shape', 'floats', 'shape', 'string'], runs: 80,
  },
  convTranspose2d: { valid: transposedGeom.map((g) => [g.x, g.xs, g.k, g.ks, g.b, g.options]), slots: ['floats', 'shape', 'floats', 'shape', 'floats', 'options'], runs: 120 },
  convTranspose2dBackward: { valid: transposedGeom.map((g) => [g.x, g.xs, g.k, g.ks, ...transposedGrad(g), g.options]), slots: ['floats', 'shape', 'floats', 'shape', 'floats', 'shape', 'options'], runs: 100 },
  convTranspose2dGeometry: T([dim, dim, kdim, kdim, transposedOptions], ['count', 'count', 'count', 'count', 'options'], { runs: 100 }),
  convTranspose2dTrace: {
    valid: fc.tuple(transposedGeom, small, small).map(([g, ...at]) => [g.x, g.xs, g.k, g.ks, g.b, g.options, ...at]),
    slots: ['floats', 'shape', 'floats', 'shape', 'floats', 'options', 'count', 'count'], runs: 100,
  },
  convTranspose2dGradientCheck: {
    valid: fc.tuple(transposedGeom, small, small, small, small, fc.constantFrom(0.01, 0.5, 0, -1, 1e9)).map(([g, ...rest]) => [g.x, g.xs, g.k, g.ks, g.b, ...transposedGrad(g), g.options, rest.slice(0, 4), rest[4]]),
    slots: ['floats', 'shape', 'floats', 'shape', 'floats', 'floats', 'shape', 'options', 'config', 'number'], runs: 80,
  },
  continuousConv: T([signal, signal, continuousOptions], ['config', 'config', 'options'], { runs: 80 }),
  gaussianBlur: {
    valid: fc.tuple(image2, fc.constantFrom(0.5, 1, 3, 20, 21, 0, 1e30)).map(([i, sigma]) => [i.data, i.h, i.w, sigma]),
    slots: ['floats', 'count', 'count', 'number'],
  },
  // ---- pooling, activations, dense
  pool2d: { valid: poolGeom.map((g) => [g.x, g.xs, g.options]), slots: ['floats', 'shape', 'config'], runs: 120 },
  pool2dBackward: { valid: poolGeom.map((g) => [g.x, g.xs, g.grad, g.gradShape, g.options]), slots: ['floats', 'shape', 'floats', 'shape', 'config'], runs: 100 },
  pool2dTrace: {
    valid: fc.tuple(poolGeom, small, small, small, small).map(([g, ...at]) => [g.x, g.xs, g.options, ...at]),
    slots: ['floats', 'shape', 'config', 'count', 'count', 'count', 'count'], runs: 100,
  },
  pool2dBackwardWindow: {
    valid: fc.tuple(poolGeom, small, small, small, small).map(([g, ...at]) => [g.x, g.xs, g.options, ...at]),
    slots: ['floats', 'shape', 'config', 'count', 'count', 'count', 'count'], runs: 80,
  },
  blurPool2d: { valid: poolGeom.map((g) => [g.x, g.xs, g.options]), slots: ['floats', 'shape', 'config'], runs: 80 },
  blurShiftSensitivity: T([fc.constant(ref('digits')), fc.constantFrom(0, 1, 3, 8001), blurLayer, fc.constantFrom(0, 1, 2, 17)], ['handle', 'count', 'config', 'count'], { runs: 40 }),
  modelShiftSensitivity: T([modelConfig, fc.constant(ref('digits')), fc.constantFrom(0, 1, 2), fc.constantFrom(0, 1, 2, 17)], ['config', 'handle', 'count', 'count'], { runs: 40 }),
  gaussianWeights: T([kdim, kdim, fc.constantFrom(0.5, 1, 3, 1e-30, 1e30)], ['count', 'count', 'number']),
  activate: { valid: fc.tuple(tensor4, activation).map(([[x, s], a]) => [x, s, a]), slots: ['floats', 'shape', 'config'] },
  activateBackward: { valid: fc.tuple(tensor4, activation).map(([[x, s], a]) => [x, s, x, a]), slots: ['floats', 'shape', 'floats', 'config'] },
  dense: {
    valid: fc.tuple(few, dim, few).map(([b, i, o]) => [floats(b * i), b, floats(o * i, 2), o, floats(o, 3)]),
    slots: ['floats', 'count', 'floats', 'count', 'floats'], runs: 80,
  },
  // ---- images, filters, equivariance
  rgbaToGray: { valid: fc.tuple(dim, dim).map(([w, h]) => [w * h * 4 <= 2 ** 26 ? new Uint8Array(w * h * 4).fill(200) : zerosU8(16), w, h]), slots: ['bytes', 'count', 'count'] },
  shiftImage: { valid: fc.tuple(image2, int, int).map(([i, dy, dx]) => [i.data, i.h, i.w, dy, dx]), slots: ['floats', 'count', 'count', 'int', 'int'] },
  rotateScaleImage: {
    valid: fc.tuple(image2, fc.constantFrom(0, 45, -90, 1e6), fc.constantFrom(1, 0.5, 2, 0, 1e-30, 1e30)).map(([i, d, f]) => [i.data, i.h, i.w, d, f]),
    slots: ['floats', 'count', 'count', 'number', 'number'],
  },
  shiftDifference: {
    valid: fc.tuple(image2, int, int, small).map(([i, dy, dx, m]) => [i.data, i.data, i.h, i.w, dy, dx, m]),
    slots: ['floats', 'floats', 'count', 'count', 'int', 'int', 'count'],
  },
  relativeChange: T([vector, vector], ['floats', 'floats']),
  differenceMap: T([vector, vector], ['floats', 'floats']),
  agreement: T([vector, vector], ['floats', 'floats']),
  undoSubsampledShift: {
    valid: fc.tuple(image2, int, int, fc.constantFrom(1, 2, 3, 0, 2 ** 32 - 1), small).map(([i, dy, dx, s, m]) => [i.data, i.data, i.h, i.w, dy, dx, s, m]),
    slots: ['floats', 'floats', 'count', 'count', 'int', 'int', 'count', 'count'],
  },
  mnistFromDrawing: {
    valid: fc.tuple(dim, dim, fc.constantFrom(undefined, { recentre: true }, { recentre: false })).map(([w, h, o]) => [ink(floats(w * h)), w, h, o]),
    slots: ['floats', 'count', 'count', 'options'],
  },
  // ---- receptive fields and counts
  receptiveFieldSizes: T([windows], ['config']),
  receptiveField: T([dim, dim, windows, small, small, small], ['count', 'count', 'config', 'count', 'count', 'count']),
  compareLayers: T([dim, dim, few, dim, few, kdim], ['count', 'count', 'count', 'count', 'count', 'count']),
  denseParameterCount: T([dim, dim], ['count', 'count']),
  convParameterCount: T([few, few, kdim], ['count', 'count', 'count']),
  parameterGrowth: T([
    fc.oneof(dim, fc.constantFrom(784, 1e6, 1e12, 1e12 + 1)),
    record({
      from: fc.constantFrom(1, 10, 784), to: fc.constantFrom(784, 1e6, 1e12), points: fc.constantFrom(2, 25, 1000, 1001),
      ratio: fc.constantFrom(1, 10, 1000), units: fc.constantFrom(1, 1000), filters: fc.constantFrom(1, 16), kernel: kdim, channels: few,
    }),
  ], ['count', 'config']),
  gridCover: T([
    fc.constantFrom(0.5, 0.25, 0.1, 0.05, 0.01, 0.001, 1),
    fc.array(fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom(784, 1100, 2 ** 32 - 1)), { minLength: 1, maxLength: 12 }).map((d) => new Uint32Array(d)),
  ], ['number', 'shape']),
  // ---- initialization, batch norm, dropout, statistics
  initWeights: {
    valid: fc.tuple(init, fc.oneof(fc.tuple(dim, dim), fc.tuple(few, few, kdim, kdim)), fc.nat()).map(([i, s, seed]) => [i, shape(s), seed]),
    slots: ['config', 'shape', 'count'],
  },
  initScheme: T([init, dim, dim], ['config', 'count', 'count']),
  matchedUniformNoise: T([fc.constantFrom(0, 0.1, 0.25, 0.5, 0.99, 1, -0.1), value, fc.constantFrom(1, 0, 0.5, 1e30)], ['number', 'number', 'number']),
  compareGaps: T([generalization, generalization], ['config', 'config']),
  batchNormSteps: T([vector, value, value, fc.constantFrom(1e-5, 0, 1)], ['floats', 'number', 'number', 'number']),
  varianceShift: T([dropout, value, fc.constantFrom(1, 0, 0.5, 1e30)], ['config', 'number', 'number']),
  measuredVarianceShift: T([vector, vector], ['floats', 'floats']),
  summarize: T([vector], ['floats']),
  histogram: T([vector, fc.oneof(fc.integer({ min: 1, max: 20 }), fc.constantFrom(0, 1e6, 2 ** 32 - 1)), fc.constantFrom(undefined, 0, -1), fc.constantFrom(undefined, 1, 10)], ['floats', 'count', 'number', 'number']),
  seededInts: T([int, int, fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom(2 ** 24, 2 ** 32 - 1)), int, int], ['int', 'int', 'count', 'int', 'int']),
  // ---- layer code and model description
  parseLayers: T([layerCode], ['string']),
  printLayers: T([layers], ['config']),
  describeModel: T([modelConfig], ['config'], { runs: 80 }),
  pytorch: T([handout], ['config'], { runs: 120 }),
  traceUnit: T([modelConfig, small, small, small], ['config', 'count', 'count', 'count'], { runs: 80 }),
  sampleComplexitySteps: T([dim, dim], ['count', 'count']),
  liveHandles: none,
  start: none,
  // ---- digits
  'new Digits': T([digitFileArgs], ['bytes'], { runs: 80 }),
  'Digits#count': T([split], ['string'], { self: 'digits' }),
  'Digits#image': T([split, index], ['string', 'count'], { self: 'digits' }),
  'Digits#label': T([split, index], ['string', 'count'], { self: 'digits' }),
  'Digits#shape': { ...none, self: 'digits' },
  'Digits#free': { ...none, self: 'freshDigits', runs: 16 },
  // ---- a student's own dataset (classes.mjs)
  ...CLASS_TARGETS,
  // ---- trainer
  'new Trainer': T([modelConfig, trainConfig], ['config', 'config'], { runs: 120 }),
  'Trainer.load': T([modelFileArgs, trainConfig], ['bytes', 'config'], { runs: 100 }),
  'Trainer#activations': T([index], ['count'], { self: 'trainer' }),
  'Trainer#buffers': T([index], ['count'], { self: 'trainer' }),
  'Trainer#deadUnits': T([index], ['count'], { self: 'trainer' }),
  'Trainer#generalization': T([fc.constant(ref('digits')), limit, limit], ['handle', 'count', 'count'], { self: 'trainer' }),
  'Trainer#effectiveField': T([fc.constant(ref('digits')), index, small, small, small, fc.constantFrom(0, 1, 8, 64, 4097)], ['handle', 'count', 'count', 'count', 'count', 'count'], { self: 'trainer' }),
  'Trainer#evaluate': T([fc.constant(ref('digits')), split, fc.constantFrom(0, 1, 10, 50), fc.constantFrom(undefined, 1, 7, 256)], ['handle', 'string', 'count', 'count'], { self: 'trainer' }),
  'Trainer#inputGradients': T([index], ['count'], { self: 'trainer' }),
  'Trainer#layerIndices': T([fc.constantFrom('conv2d', 'pool', 'activation', 'batchNorm', 'dropout', 'flatten', 'dense')], ['string'], { self: 'trainer' }),
  'Trainer#layerInfos': { ...none, self: 'trainer' },
  'Trainer#layerStats': T([index, fc.constantFrom('activations', 'gradients'), fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constantFrom(0, 1e6))], ['count', 'string', 'count'], { self: 'trainer' }),
  'Trainer#limitTrainingSet': T([fc.constant(ref('digits')), fc.constantFrom(0, 1, 10, 100, 8000, 8001)], ['handle', 'count'], { self: 'trainer' }),
  'Trainer#modelConfig': { ...none, self: 'trainer' },
  // Data-parallel training (crates/convplay-wasm/src/parallel.rs).
  'Trainer#nextBatch': T([fc.constant(ref('digits'))], ['handle'], { self: 'trainer' }),
  'Trainer#shardGradients': T([fc.constant(ref('digits')), fc.constantFrom([0], [1, 2, 3], Uint32Array.of(5, 7999), [8000]), fc.constantFrom(0, 1, 3, 32)], ['handle', 'shape', 'count'], { self: 'trainer' }),
  'Trainer#applyShards': T([
    fc.constantFrom(floats(0), floats(10), floats(2 * 44_426)),
    fc.constantFrom(floats(3), Float32Array.of(1, 3, 4), Float32Array.of(0.5, 1, 2, 0.1, 0, 1), Float32Array.of(2, 1, 1)),
  ], ['floats', 'floats'], { self: 'trainer' }),
  'Trainer#weights': { ...none, self: 'trainer' },
  'Trainer#setWeights': T([fc.constantFrom(floats(1), floats(100), floats(44_426))], ['floats'], { self: 'trainer' }),
  'Trainer#parallelBlocker': { ...none, self: 'trainer' },
  'Trainer#parameterCount': { ...none, self: 'trainer' },
  'Trainer#parameter': T([index, fc.constantFrom('weight', 'bias', 'gamma', 'beta', 'runningMean'), fc.boolean()], ['count', 'string', 'bool'], { self: 'trainer' }),
  'Trainer#predict': T([pixels], ['floats'], { self: 'trainer' }),
  'Trainer#probe': T([fc.constant(ref('digits')), fc.constantFrom(1, 2, 32, 256)], ['handle', 'count'], { self: 'trainer' }),
  'Trainer#save': { ...none, self: 'trainer' },
  'Trainer#setEvalStatistics': T([fc.constantFrom('running', 'batch')], ['string'], { self: 'trainer' }),
  'Trainer#setLearningRate': T([fc.constantFrom(0.1, 0.01, 0.001, 1)], ['number'], { self: 'trainer' }),
  'Trainer#shiftSensitivity': T([fc.constant(ref('digits')), fc.constantFrom(0, 1, 2, 8001), fc.constantFrom(0, 1, 2, 17)], ['handle', 'count', 'count'], { self: 'trainer' }),
  'Trainer#shiftedAccuracy': T([fc.constant(ref('digits')), fc.constantFrom(0, 1, 2, 8, 9), fc.constantFrom(0, 1, 3, 8001)], ['handle', 'count', 'count'], { self: 'trainer' }),
  'Trainer#statistics': T([index], ['count'], { self: 'trainer' }),
  'Trainer#transformCurve': T([
    fc.constantFrom(floats(DIGIT), floats(2 * DIGIT), floats(10)), fc.constantFrom(0, 3, 9, 10),
    record({ transform: fc.constantFrom('right', 'down', 'rotate'), max: fc.constantFrom(0, 2, 6, 90), step: fc.constantFrom(1, 2, 15, 0.5) }),
  ], ['floats', 'count', 'config'], { self: 'trainer' }),
  'Trainer#trainOn': {
    valid: fc.integer({ min: 0, max: 4 }).map((n) => [floats(n * DIGIT), new Uint8Array(n).map((_, i) => i % 10)]),
    slots: ['floats', 'bytes'], self: 'trainer',
  },
  'Trainer#topActivations': T([fc.constant(ref('digits')), index, small, fc.constantFrom(0, 1, 9, 4097), fc.constantFrom(1, 10, 50)], ['handle', 'count', 'count', 'count', 'count'], { self: 'trainer' }),
  'Trainer#train': T([fc.constant(ref('digits')), fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: fc.constantFrom(100, 10_000) })], ['handle', 'count'], { self: 'trainer' }),
  'Trainer#unitSpread': T([index], ['count'], { self: 'trainer' }),
  'Trainer#unitVariances': T([index], ['count'], { self: 'trainer' }),
  'Trainer#varianceReport': { ...none, self: 'trainer' },
  'Trainer#free': { ...none, self: 'freshTrainer', runs: 16 },
};

/** Calls per target unless it says otherwise. */
export const DEFAULT_RUNS = 56;

/** The handles' own configurations: a small trainer with a layer of every kind, on the real digits. */
export const TRAINER_MODEL = {
  input: [1, 28, 28],
  seed: 1,
  layers: [
    { kind: 'conv2d', outChannels: 2, kernel: 3 }, { kind: 'batchNorm' }, { kind: 'activation', activation: { kind: 'relu' } },
    { kind: 'pool', pool: { kind: 'max' }, size: 4 }, { kind: 'dropout', dropout: { kind: 'inverted', p: 0.25 } },
    { kind: 'flatten' }, { kind: 'dense', outFeatures: 10 },
  ],
};
export const TRAINER_CONFIG = { optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9 }, batchSize: 2, seed: 1 };

/** Loader functions of the generated module, not exports of the core. */
const LOADERS = new Set(['default', 'initSync']);
const isClass = (v) => typeof v === 'function' && /^class\b/.test(Function.prototype.toString.call(v));
const own = (o) => Object.getOwnPropertyNames(o).filter((n) => !n.startsWith('__'));

/**
 * Every export and class method of the loaded core, named as TARGETS names them: `conv2d`,
 * `new Trainer`, `Trainer.load` (static), `Trainer#train` (method). wasm-bindgen's internals
 * (`__wrap`, `__destroy_into_raw`, …) are left out; `free` is a method like any other.
 */
export function exportNames(core) {
  const names = [];
  for (const [name, value] of Object.entries(core)) {
    if (LOADERS.has(name)) continue;
    if (!isClass(value)) { names.push(name); continue; }
    names.push(`new ${name}`);
    for (const m of own(value)) if (!['length', 'name', 'prototype'].includes(m) && typeof value[m] === 'function') names.push(`${name}.${m}`);
    for (const m of own(value.prototype)) if (m !== 'constructor' && typeof Object.getOwnPropertyDescriptor(value.prototype, m).value === 'function') names.push(`${name}#${m}`);
  }
  return names.sort();
}
