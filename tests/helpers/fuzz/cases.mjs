// Every reproduction listed in issue 12 as an explicit case, and a few more (the limits' work
// bounds, freed handles, values that throw while they are read): a few steps on the real digits
// and a small trainer. `expect: 'error'` steps must throw an Error with a message (the issue: "every
// reproduction above now returns an Error with a message"); 'ok' steps must return (the module
// keeps working: the next step, a new trainer); 'any' steps may do either. No step may trap or hang.
// A step that `save`s its result names it for later steps; steps that need a refused one are skipped.
import { digitFile, modelFile } from './models.mjs';
import { fill, shape } from './shapes.mjs';
import { lazy, ref, zerosF32 } from './values.mjs';
import { CLASS_CASES } from './classes.mjs';

const L = { // tests/fixtures/lecture.json
  x: () => new Float32Array([3, 3, 2, 1, 0, 0, 0, 1, 3, 1, 3, 1, 2, 2, 3, 2, 0, 0, 2, 2, 2, 0, 0, 0, 1]),
  xs: () => new Uint32Array([1, 1, 5, 5]),
  k: () => new Float32Array([0, 1, 2, 2, 2, 0, 0, 1, 2]),
  ks: () => new Uint32Array([1, 1, 3, 3]),
};
const lecture = (options) => [L.x(), L.xs(), L.k(), L.ks(), undefined, options];
const flatDense = [{ kind: 'flatten' }, { kind: 'dense', outFeatures: 10 }];
const model = (input, layers) => ({ input, seed: 1, layers });
const train = (batchSize = 32) => ({ optimizer: { kind: 'sgd', lr: 0.01 }, batchSize, seed: 1 });
const win = (over) => [{ kernel: [3, 3], stride: [1, 1], dilation: [1, 1], padding: { kind: 'valid' }, ...over }];
const conv = (outChannels, kernel, extra = {}) => ({ kind: 'conv2d', outChannels, kernel, ...extra });
const maxPool = { kind: 'pool', pool: { kind: 'max' }, size: 2 };
const LENET = model([1, 28, 28], [conv(6, 5), { kind: 'activation', activation: { kind: 'relu' } }, maxPool, conv(16, 5),
  { kind: 'activation', activation: { kind: 'relu' } }, maxPool, ...flatDense]);
const SMALL = model([1, 28, 28], [{ kind: 'pool', pool: { kind: 'max' }, size: 4 }, ...flatDense]);
const E = (target, args, extra = {}) => ({ target, args, expect: 'error', ...extra });
const on = (self, method, args, expect = 'error', extra = {}) => ({ target: method, self: ref(self), args, expect, ...extra });
/** After a refusal or a failure: free the trainer, build the preset, train one step: all must work. */
const keepsWorking = (name) => [
  on(name, 'Trainer#free', [], 'ok'),
  { target: 'new Trainer', args: [LENET, train()], expect: 'ok', save: 'preset' },
  on('preset', 'Trainer#train', [ref('digits'), 1], 'ok'),
];
/** Values that throw while they are read: a Proxy, a getter, an array item, a stride. */
function throwing(kind) {
  const boom = () => { throw new Error(`${kind} threw`); };
  const [label, make] = {
    proxy: ['a Proxy that throws', () => new Proxy({}, { get: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, has: boom })],
    getter: ['an object whose getter throws', () => Object.defineProperty({ kind: 'relu' }, 'input', { enumerable: true, get: boom })],
    item: ['784 numbers, item 3 a getter that throws', () => Object.defineProperty(Array(784).fill(0), 3, { enumerable: true, get: boom })],
    stride: ['options whose stride getter throws', () => Object.defineProperty({}, 'stride', { enumerable: true, get: boom })],
  }[kind];
  return lazy(label, make);
}
const sameConv = (h, w, k, d) => [fill(h * w), shape([1, 1, h, w]), fill(k * k, 2), shape([1, 1, k, k]), undefined, { padding: { kind: 'same' }, dilation: d }];

export const CASES = [
  // ---- a string argument given a number or an object
  { name: 'digits.count(42)', steps: [on('digits', 'Digits#count', [42])] },
  { name: 'digits.image({}, 0)', steps: [on('digits', 'Digits#image', [{}, 0])] },
  { name: 'digits.label(42, 0)', steps: [on('digits', 'Digits#label', [42, 0])] },
  { name: 'trainer.evaluate(digits, 42, 50)', steps: [on('trainer', 'Trainer#evaluate', [ref('digits'), 42, 50])] },
  { name: 'trainer.parameter(0, 42, false)', steps: [on('trainer', 'Trainer#parameter', [0, 42, false])] },
  { name: 'trainer.layerStats(0, 42, 10)', steps: [on('trainer', 'Trainer#layerStats', [0, 42, 10])] },
  { name: 'trainer.setEvalStatistics(42)', steps: [on('trainer', 'Trainer#setEvalStatistics', [42])] },
  // ---- sizes nobody bounds
  { name: 'receptiveField(-1, 32, layers, 0, 2, 2)', steps: [E('receptiveField', [-1, 32, win(), 0, 2, 2])] },
  { name: 'conv2d with explicit padding 4096', steps: [E('conv2d', lecture({ padding: { kind: 'explicit', y: 4096, x: 4096 } }))] },
  { name: 'conv2d with a 1024×1024 input and 4096 filters', steps: [E('conv2d', [zerosF32(1024 * 1024), shape([1, 1, 1024, 1024]), zerosF32(4096 * 9), shape([4096, 1, 3, 3])])] },
  { name: 'conv2d with a 4096×4096 kernel and full padding', steps: [E('conv2d', [L.x(), L.xs(), zerosF32(4096 * 4096), shape([1, 1, 4096, 4096]), undefined, { padding: { kind: 'full' } }])] },
  { name: 'conv2d with an 8192×8192 input', steps: [E('conv2d', [zerosF32(8192 * 8192), shape([1, 1, 8192, 8192]), L.k(), L.ks()])] },
  { name: 'conv2d with dilation 4096 (same padding)', steps: [E('conv2d', lecture({ dilation: 4096, padding: { kind: 'same' } }))] },
  { name: 'conv2d with dilation 4096 (full padding)', steps: [E('conv2d', lecture({ dilation: 4096, padding: { kind: 'full' } }))] },
  { name: 'conv1d of 2^19 samples with a 4096-tap filter', steps: [E('conv1d', [zerosF32(2 ** 19), zerosF32(4096)])] },
  { name: 'conv1d of 2^20 samples with a 4096-tap filter', steps: [E('conv1d', [zerosF32(2 ** 20), zerosF32(4096)])] },
  { name: 'pool2d with padding 4096', steps: [E('pool2d', [L.x(), L.xs(), { pool: { kind: 'max' }, size: 2, padding: { kind: 'explicit', y: 4096, x: 4096 } }])] },
  { name: 'summarize({ length: 1e9 })', steps: [E('summarize', [{ length: 1e9 }])] },
  { name: 'a model whose input is 65536×65536', steps: [E('new Trainer', [model([1, 65_536, 65_536], flatDense), train()])] },
  { name: 'a 4096-filter 1×1 conv on a 2048×2048 input (model)', steps: [E('new Trainer', [model([1, 2048, 2048], [conv(4096, 1), ...flatDense]), train()])] },
  { name: 'a 4096-filter 1×1 conv on a 2048×2048 input (conv2d)', steps: [E('conv2d', [zerosF32(2048 * 2048), shape([1, 1, 2048, 2048]), zerosF32(4096), shape([4096, 1, 1, 1])])] },
  { name: 'a digit file that declares 65536 images of 256×256', steps: [E('new Digits', [digitFile({ count: 65_536, train: 60_000, rows: 256, cols: 256, bodyLength: 65_536 })])] },
  { name: 'Trainer.load of a file whose header declares a 65536×65536 input', steps: [E('Trainer.load', [modelFile({ config: model([1, 65_536, 65_536], flatDense), weightCount: 0 }), train()])] },
  // ---- work nobody bounds
  { name: 'trainer.train(digits, -1)', steps: [on('trainer', 'Trainer#train', [ref('digits'), -1])] },
  { name: 'trainer.train(digits, 1e9)', steps: [on('trainer', 'Trainer#train', [ref('digits'), 1e9])] },
  { name: 'trainer.train(digits, 2**31)', steps: [on('trainer', 'Trainer#train', [ref('digits'), 2 ** 31])] },
  { name: 'initWeights of 16384×16384', steps: [E('initWeights', [{ kind: 'heNormal' }, shape([16_384, 16_384]), 1])] },
  { name: 'dense with 16384×16384 weights', steps: [E('dense', [zerosF32(16_384), 1, zerosF32(16_384 * 16_384), 16_384, zerosF32(16_384)])] },
  {
    name: 'a Trainer with two 16384-unit dense layers on 128×128 input (built, trained)',
    steps: [
      E('new Trainer', [model([1, 128, 128], [{ kind: 'flatten' }, { kind: 'dense', outFeatures: 16_384 }, { kind: 'dense', outFeatures: 16_384 }, { kind: 'dense', outFeatures: 10 }]), train()], { save: 'big' }),
      on('big', 'Trainer#train', [ref('digits'), 1]),
    ],
  },
  {
    name: 'a Trainer with two 16384-unit dense layers on 128×128 input (loaded from a file)',
    steps: [E('Trainer.load', [modelFile({ config: model([1, 128, 128], [{ kind: 'flatten' }, { kind: 'dense', outFeatures: 16_384 }, { kind: 'dense', outFeatures: 16_384 }, { kind: 'dense', outFeatures: 10 }]), weightCount: 16 }), train()])],
  },
  { name: 'conv2dTrace with a 4096×4096 kernel', steps: [E('conv2dTrace', [L.x(), L.xs(), zerosF32(4096 * 4096), shape([1, 1, 4096, 4096]), undefined, { padding: { kind: 'full' } }, 0, 0, 0, 0])] },
  { name: 'a 4096-wide Gaussian pool', steps: [E('pool2d', [L.x(), L.xs(), { pool: { kind: 'gaussian', sigma: 1 }, size: 4096, stride: 1, padding: { kind: 'full' } }])] },
  { name: 'gaussianWeights(4097, 4097, 1)', steps: [E('gaussianWeights', [4097, 4097, 1])] },
  // ---- reachable from the site by ordinary settings
  { name: 'conv2d.html?rows=2&cols=2&krows=7&kcols=7&padding=same&dilation=3', steps: [{ target: 'conv2d', args: sameConv(2, 2, 7, 3), expect: 'any' }] },
  { name: 'conv2dBackward of that', steps: [{ target: 'conv2dBackward', args: [...sameConv(2, 2, 7, 3).slice(0, 4), fill(4, 3), shape([1, 1, 2, 2]), { padding: { kind: 'same' }, dilation: 3 }], expect: 'any' }] },
  { name: 'filters page: a 1×1 PNG', steps: [{ target: 'rgbaToGray', args: [new Uint8Array([10, 20, 30, 255]), 1, 1], expect: 'ok' }, { target: 'conv2d', args: sameConv(1, 1, 7, 1), expect: 'any' }] },
  { name: 'filters page: a 1×10000 PNG', steps: [{ target: 'rgbaToGray', args: [new Uint8Array(40_000).fill(128), 10_000, 1], expect: 'ok' }, { target: 'conv2d', args: sameConv(1, 10_000, 7, 1), expect: 'any' }] },
  {
    name: 'train.html?layers=c4k5ps_mp2_c4k5ps_mp2_c4k5ps_mp2_c4k5ps_mp2_c4k5ps_fl_d10: one step, then Reset and a preset',
    steps: [
      { target: 'new Trainer', args: [model([1, 28, 28], [...Array(4).fill(0).flatMap(() => [conv(4, 5, { padding: { kind: 'same' } }), maxPool]), conv(4, 5, { padding: { kind: 'same' } }), ...flatDense]), train()], expect: 'any', save: 't' },
      on('t', 'Trainer#train', [ref('digits'), 1], 'any'),
      ...keepsWorking('t'),
    ],
  },
  {
    name: 'train.html?layers=c999k1_relu_fl_d10&batch=256, then Play',
    steps: [
      { target: 'new Trainer', args: [model([1, 28, 28], [conv(999, 1), { kind: 'activation', activation: { kind: 'relu' } }, ...flatDense]), train(256)], expect: 'any', save: 't' },
      on('t', 'Trainer#train', [ref('digits'), 10], 'any'),
      ...keepsWorking('t'),
    ],
  },
  { name: 'a model config with input [65536, 65536, 1]', steps: [E('new Trainer', [model([65_536, 65_536, 1], flatDense), train()])] },
  { name: 'describeModel of input [65536, 65536, 1]', steps: [{ target: 'describeModel', args: [model([65_536, 65_536, 1], flatDense)], expect: 'any' }] },
  { name: 'a model file with input [65536, 65536, 1] ("0 parameters")', steps: [E('Trainer.load', [modelFile({ config: model([65_536, 65_536, 1], flatDense), weightCount: 0 }), train()])] },
  { name: 'train.html?layers=fl_d9999_d9999_d9999_d9999_d9999_d10', steps: [E('new Trainer', [model([1, 28, 28], [{ kind: 'flatten' }, ...Array(5).fill({ kind: 'dense', outFeatures: 9999 }), { kind: 'dense', outFeatures: 10 }]), train()])] },
  // ---- accepted without a word: unknown keys (tagged objects too), wrapped numbers, NaN
  { name: 'padding { kind: "same", y: 5 }', steps: [E('conv2d', lecture({ padding: { kind: 'same', y: 5 } }))] },
  { name: 'optimizer { kind: "sgd", lr: 0.1, momentumm: 0.9 }', steps: [E('new Trainer', [SMALL, { optimizer: { kind: 'sgd', lr: 0.1, momentumm: 0.9 }, batchSize: 8 }])] },
  { name: 'receptiveFieldSizes with stride 0', steps: [E('receptiveFieldSizes', [win({ stride: [0, 0] })])] },
  { name: 'receptiveFieldSizes with a kernel of 2^32−1', steps: [E('receptiveFieldSizes', [win({ kernel: [2 ** 32 - 1, 3] })])] },
  { name: 'conv2d { stride: NaN }', steps: [E('conv2d', lecture({ stride: NaN }))] },
  { name: 'pool2d { stride: NaN }', steps: [E('pool2d', [L.x(), L.xs(), { pool: { kind: 'max' }, size: 2, stride: NaN }])] },
  { name: 'conv1d { dilation: Infinity }', steps: [E('conv1d', [fill(8), fill(3), { dilation: Infinity }])] },
  { name: 'padding { kind: "explicit", y: 1, x: 1, z: 1 }', steps: [E('conv2d', lecture({ padding: { kind: 'explicit', y: 1, x: 1, z: 1 } }))] },
  { name: 'pool { kind: "max", sigma: 1 }', steps: [E('pool2d', [L.x(), L.xs(), { pool: { kind: 'max', sigma: 1 }, size: 2 }])] },
  { name: 'activation { kind: "relu", slope: 0.1 }', steps: [E('activate', [L.x(), L.xs(), { kind: 'relu', slope: 0.1 }])] },
  { name: 'dropout { kind: "inverted", p: 0.5, beta: 1 }', steps: [E('varianceShift', [{ kind: 'inverted', p: 0.5, beta: 1 }, 0, 1])] },
  { name: 'init { kind: "heNormal", std: 1 }', steps: [E('initWeights', [{ kind: 'heNormal', std: 1 }, shape([4, 4]), 1])] },
  { name: 'filter { kind: "sobelX", size: 3 }', steps: [E('filterKernel', [{ kind: 'sobelX', size: 3 }])] },
  { name: 'optimizer { kind: "adam", lr: 0.1, beta: 0.9 }', steps: [E('new Trainer', [SMALL, { optimizer: { kind: 'adam', lr: 0.1, beta: 0.9 }, batchSize: 8 }])] },
  { name: 'layer { kind: "flatten", units: 3 }', steps: [E('describeModel', [model([1, 28, 28], [{ kind: 'flatten', units: 3 }, { kind: 'dense', outFeatures: 10 }])])] },
  { name: 'layer { kind: "dense", outFeatures: 10, outfeatures: 5 }', steps: [E('printLayers', [[{ kind: 'dense', outFeatures: 10, outfeatures: 5 }]])] },
  { name: 'batchNorm { momentum: NaN }', steps: [E('new Trainer', [model([1, 28, 28], [{ kind: 'batchNorm', momentum: NaN }, ...flatDense]), train()])] },
  // ---- the limits' work bounds (issue 12's "Limits, stated once"): refused or done within the bound
  { name: 'pool2d of 1024×1024 with a 256×256 window, stride 1, same padding', steps: [{ target: 'pool2d', args: [zerosF32(2 ** 20), shape([1, 1, 1024, 1024]), { pool: { kind: 'average' }, size: 256, stride: 1, padding: { kind: 'same' } }], expect: 'any' }] },
  {
    name: 'train 10,000 steps of batch 4096',
    steps: [{ target: 'new Trainer', args: [LENET, train(4096)], expect: 'any', save: 't' }, on('t', 'Trainer#train', [ref('digits'), 10_000], 'any'), ...keepsWorking('t')],
  },
  { name: 'seededInts(1, 1, 2**32-1, 0, 9)', steps: [{ target: 'seededInts', args: [1, 1, 2 ** 32 - 1, 0, 9], expect: 'any' }] },
  { name: 'mnistFromDrawing of 65536×65536 declared over 16 values', steps: [E('mnistFromDrawing', [fill(16), 65_536, 65_536])] },
  { name: 'histogram with 2^32−1 bins', steps: [{ target: 'histogram', args: [fill(16), 2 ** 32 - 1], expect: 'any' }] },
  { name: 'predict on a sparse array of length 2^32−1', steps: [on('trainer', 'Trainer#predict', [lazy('sparse array of length 2**32-1', () => { const a = []; a.length = 2 ** 32 - 1; return a; })])] },
  // ---- a handle that was freed, and values that throw while the core reads them: the trainer goes on
  { name: 'trainer.train(freed digits, 1)', steps: [on('trainer', 'Trainer#train', [ref('freedDigits'), 1]), on('trainer', 'Trainer#train', [ref('digits'), 1], 'ok')] },
  { name: 'trainer.evaluate(freed digits, "test", 5)', steps: [on('trainer', 'Trainer#evaluate', [ref('freedDigits'), 'test', 5]), on('trainer', 'Trainer#evaluate', [ref('digits'), 'test', 5], 'ok')] },
  { name: 'trainer.setEvalStatistics(a Proxy that throws)', steps: [on('trainer', 'Trainer#setEvalStatistics', [throwing('proxy')]), on('trainer', 'Trainer#train', [ref('digits'), 1], 'ok')] },
  { name: 'trainer.layerStats(0, an object whose getter throws, 10)', steps: [on('trainer', 'Trainer#layerStats', [0, throwing('getter'), 10]), on('trainer', 'Trainer#layerInfos', [], 'ok')] },
  { name: 'trainer.predict(an array whose item getter throws)', steps: [on('trainer', 'Trainer#predict', [throwing('item')]), on('trainer', 'Trainer#predict', [new Float32Array(784)], 'ok')] },
  { name: 'new Trainer(a model config whose getter throws)', steps: [E('new Trainer', [throwing('getter'), train()]), { target: 'new Trainer', args: [SMALL, train()], expect: 'ok' }] },
  { name: 'conv2d(options whose stride getter throws)', steps: [E('conv2d', lecture(throwing('stride')))] },
  ...CLASS_CASES,
];
