// Models, training configurations, layer codes, digit files and model files for the fuzz suite:
// well-formed ones of every layer kind with sizes from tiny to absurd, and files written in the
// documented formats (crates/convplay-core/src/data/digits.rs, model/file.rs) that then lie.
import fc from 'fast-check';
import { axis, dim, dilation, few, kdim, padding, poolKind, record, stride } from './shapes.mjs';

export const init = fc.oneof(
  fc.constantFrom(...['zeros', 'standard', 'xavierNormal', 'xavierUniform', 'heNormal', 'heUniform', 'lecunNormal', 'lecunUniform'].map((kind) => ({ kind }))),
  record({ kind: fc.constant('constant'), value: fc.constantFrom(0, 0.5, -1, 1e30) }),
  record({ kind: fc.constant('normal'), std: fc.constantFrom(0, 0.1, 1, 1e20) }),
  record({ kind: fc.constant('uniform'), r: fc.constantFrom(0, 0.1, 1, 1e20) }),
);
export const activation = fc.oneof(
  fc.constantFrom(...['relu', 'tanh', 'sigmoid', 'identity'].map((kind) => ({ kind }))),
  record({ kind: fc.constant('leakyRelu'), slope: fc.constantFrom(0.01, 0, -1, 1e30) }),
);
export const dropout = fc.oneof(
  record({ kind: fc.constant('inverted'), p: fc.constantFrom(0, 0.25, 0.5, 0.99, 1, -0.1) }),
  record({ kind: fc.constant('uniformNoise'), beta: fc.constantFrom(0, 0.5, 1, 1.5) }),
);
const units = fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 1, max: 16 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 9999, 16_384, 65_536, 2 ** 32 - 1) });

export const layer = fc.oneof(
  record({ kind: fc.constant('conv2d'), outChannels: few, kernel: kdim, stride, padding, dilation, weightInit: init, biasInit: init },
    { requiredKeys: ['kind', 'outChannels', 'kernel'] }),
  record({ kind: fc.constant('pool'), pool: poolKind, size: kdim, stride: fc.oneof(stride, fc.constant(null)), padding, dilation },
    { requiredKeys: ['kind', 'pool', 'size'] }),
  record({ kind: fc.constant('activation'), activation }),
  record({ kind: fc.constant('batchNorm'), momentum: fc.constantFrom(0.1, 0, 1, 2), eps: fc.constantFrom(1e-5, 0, -1), evalStatistics: fc.constantFrom('running', 'batch') },
    { requiredKeys: ['kind'] }),
  record({ kind: fc.constant('dropout'), dropout }),
  fc.constant({ kind: 'flatten' }),
  record({ kind: fc.constant('dense'), outFeatures: units, weightInit: init, biasInit: init }, { requiredKeys: ['kind', 'outFeatures'] }),
);
/** Layers ending, most of the time, in a classifier over 10 classes, as a trainer needs. */
export const layers = fc.tuple(fc.array(layer, { maxLength: 5 }), fc.boolean()).map(([ls, head]) =>
  (head ? [...ls, { kind: 'flatten' }, { kind: 'dense', outFeatures: 10 }] : ls));
const inputSide = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(28, 8, 5, 1) }, { weight: 1, arbitrary: dim });
export const modelConfig = record({
  input: fc.tuple(fc.oneof(fc.constantFrom(1, 1, 1, 3), few), inputSide, inputSide),
  layers,
  seed: fc.oneof(fc.nat(), fc.constantFrom(2 ** 53, 0)),
}, { requiredKeys: ['input', 'layers'] });

const lr = fc.oneof(fc.constantFrom(0.1, 0.01, 1), fc.constantFrom(0, -1, 1e30));
export const optimizer = fc.oneof(
  record({ kind: fc.constant('sgd'), lr, momentum: fc.constantFrom(0, 0.9, 1), weightDecay: fc.constantFrom(0, 1e-4, -1) }, { requiredKeys: ['kind', 'lr'] }),
  record({ kind: fc.constant('adam'), lr, beta1: fc.constantFrom(0.9, 1), beta2: fc.constantFrom(0.999, 0), eps: fc.constantFrom(1e-8, 0), weightDecay: fc.constantFrom(0, 1e-4) },
    { requiredKeys: ['kind', 'lr'] }),
);
export const trainConfig = record({
  optimizer,
  batchSize: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 32 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 256, 4096, 4097, 2 ** 32 - 1) }),
  seed: fc.nat(),
}, { requiredKeys: ['optimizer', 'batchSize'] });

/** Layer codes: tokens of the documented grammar, with sizes from tiny to absurd, and broken ones. */
const token = fc.oneof(
  fc.tuple(units, fc.constantFrom(1, 3, 5, 999, 4096), fc.constantFrom('', 's2', 's0', 'd2', 'd4096', 'pv', 'ps', 'pf', 'p3', 'p4096', 'ihn', 'ixu', 'iqq'))
    .map(([o, k, x]) => `c${o}k${k}${x}`),
  fc.tuple(fc.constantFrom('mp', 'ap', 'lp', 'gp'), fc.constantFrom(1, 2, 3, 4096), fc.constantFrom('', 's1', 'd2', 'ps', 'pf')).map(([p, n, x]) => `${p}${n}${x}`),
  fc.constantFrom('relu', 'tanh', 'sigm', 'lrelu', 'bn', 'do50', 'do0', 'do100', 'do-1', 'fl', 'd10', 'd9999', 'd0', 'dx', 'c', 'k5', ''),
  fc.string({ maxLength: 6 }),
);
export const layerCode = fc.oneof(
  { weight: 6, arbitrary: fc.array(token, { minLength: 1, maxLength: 8 }).map((ts) => ts.join('_')) },
  { weight: 1, arbitrary: fc.constantFrom('c5s1d1pv.p2s2d1pv', 'c5s1d1pv.p2s2d1pv.c99999s1d1pf', 'c8k5_relu_mp2_c16k5_relu_mp2_fl_d64_relu_d10', '_'.repeat(1000), 'c1k1_'.repeat(2000)) },
);

// ---- files ------------------------------------------------------------------------------------
const u32 = (n) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
const u16 = (n) => [n & 255, (n >>> 8) & 255];

/** A digit file: header, labels, pixels; sizes may lie about the bytes that follow. */
export function digitFile({ count, train, rows, cols, bodyLength, magic = 'CPDIGIT1', labelMax = 9 }) {
  const honest = count + count * rows * cols;
  const body = bodyLength ?? (honest <= 2 ** 22 ? honest : 1000); // a file too big to make lies instead
  const bytes = new Uint8Array(20 + body);
  bytes.set([...magic].map((c) => c.charCodeAt(0)).slice(0, 8));
  bytes.set([...u32(count), ...u32(train), ...u16(rows), ...u16(cols)], 8);
  for (let i = 0; i < body; i++) bytes[20 + i] = i < count ? i % (labelMax + 1) : (i * 37) & 255;
  return bytes;
}
export const digitFileArgs = fc.oneof(
  { weight: 3, arbitrary: record({ count: fc.integer({ min: 1, max: 12 }), rows: fc.integer({ min: 1, max: 28 }), cols: fc.integer({ min: 1, max: 28 }) })
    .chain((g) => fc.integer({ min: 0, max: g.count }).map((train) => ({ ...g, train }))) },
  { weight: 2, arbitrary: record({
    count: fc.constantFrom(0, 1, 10, 65_536, 1_000_000, 1_000_001, 2 ** 32 - 1), train: fc.constantFrom(0, 5, 2 ** 32 - 1),
    rows: fc.constantFrom(0, 1, 28, 256, 257, 65_535), cols: fc.constantFrom(0, 1, 28, 256, 65_535),
    bodyLength: fc.constantFrom(0, 1, 100, 65_536, 70_000), magic: fc.constantFrom('CPDIGIT1', 'CPDIGIT2', 'CPMODEL1', ''),
    labelMax: fc.constantFrom(9, 10, 255),
  }, { requiredKeys: ['count', 'train', 'rows', 'cols'] }) },
).map(digitFile);

/** Tensor entries of a model config, in file order, computed as the core would; null if they cannot be. */
export function tensorsOf(config) {
  let [c, h, w] = config.input;
  let flat = null;
  const out = [];
  for (const [i, l] of config.layers.entries()) {
    const features = flat ?? c;
    if (l.kind === 'conv2d') {
      const s = l.stride ?? 1;
      const d = l.dilation ?? 1;
      const pad = l.padding ?? { kind: 'valid' };
      out.push({ layer: i, name: 'weight', shape: [l.outChannels, c, l.kernel, l.kernel] }, { layer: i, name: 'bias', shape: [l.outChannels] });
      [c, h, w] = [l.outChannels, axis(h, l.kernel, s, d, pad, 'y'), axis(w, l.kernel, s, d, pad, 'x')];
      if (h === null || w === null) return null;
    } else if (l.kind === 'pool') {
      const s = l.stride ?? l.size;
      [h, w] = [axis(h, l.size, s, l.dilation ?? 1, l.padding ?? { kind: 'valid' }, 'y'), axis(w, l.size, s, l.dilation ?? 1, l.padding ?? { kind: 'valid' }, 'x')];
      if (h === null || w === null) return null;
    } else if (l.kind === 'batchNorm') {
      for (const name of ['gamma', 'beta', 'runningMean', 'runningVar']) out.push({ layer: i, name, shape: [features] });
    } else if (l.kind === 'flatten') {
      flat = c * h * w;
    } else if (l.kind === 'dense') {
      out.push({ layer: i, name: 'weight', shape: [l.outFeatures, features] }, { layer: i, name: 'bias', shape: [l.outFeatures] });
      flat = l.outFeatures;
    }
  }
  return out;
}

/** A model file; `weights` values (count as the tensors need unless given), header as text. */
export function modelFile({ config, tensors = tensorsOf(config) ?? [], weightCount, header, headerLength, fillValue = 0 }) {
  const text = header ?? JSON.stringify({ config, tensors });
  const head = new TextEncoder().encode(text);
  const n = weightCount ?? tensors.reduce((a, t) => a + t.shape.reduce((x, y) => x * y, 1), 0);
  const count = Math.min(n, 2 ** 22);
  const bytes = new Uint8Array(12 + head.length + 4 * count);
  bytes.set([...'CPMODEL1'].map((ch) => ch.charCodeAt(0)));
  bytes.set(u32(headerLength ?? head.length), 8);
  bytes.set(head, 12);
  if (fillValue !== 0) bytes.set(new Uint8Array(new Float32Array(count).fill(fillValue).buffer), 12 + head.length);
  return bytes;
}
export const modelFileArgs = record({
  config: modelConfig,
  weightCount: fc.oneof(fc.constant(undefined), fc.constantFrom(0, 1, 100)),
  headerLength: fc.oneof(fc.constant(undefined), fc.constant(undefined), fc.constantFrom(0, 3, 2 ** 31, 2 ** 32 - 1)),
  fillValue: fc.constantFrom(0, 0, 0.5, NaN, Infinity),
  header: fc.oneof(fc.constant(undefined), fc.constant(undefined), fc.constant(undefined), fc.constantFrom('', '{', 'null', '[]', '{"config":1}', '\ud800', 'x'.repeat(1000))),
}, { requiredKeys: ['config'] }).map(modelFile);
