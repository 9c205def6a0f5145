// The training page's network description: presets, the compact layer code kept in the URL,
// and the conversion to the core's modelConfig / trainConfig. Pure functions, no DOM.
//
// Layer code: tokens joined by "_", e.g. "c8k5_relu_mp2_c16k5_relu_mp2_fl_d10".
//   c{filters}k{kernel}[s{stride}][ps|pv][i{init}]   conv2d (ps = same padding, pv = valid)
//   relu | tanh | sigm | lrelu                        activation
//   mp{n} | ap{n} | lp{n} | gp{n}                     pool: max, average, L2, Gaussian (σ = 1), size = stride = n
//   bn                                                batch norm
//   do{percent}                                       inverted dropout, p = percent / 100
//   fl                                                flatten
//   d{units}[i{init}]                                 dense
// Initialisers: hn heNormal, hu heUniform, xn xavierNormal, xu xavierUniform, ln lecunNormal,
// lu lecunUniform.

export const INITS = {
  hn: 'heNormal', hu: 'heUniform', xn: 'xavierNormal', xu: 'xavierUniform', ln: 'lecunNormal', lu: 'lecunUniform',
};
export const ACTIVATIONS = { relu: 'relu', tanh: 'tanh', sigm: 'sigmoid', lrelu: 'leakyRelu' };
export const POOLS = { mp: 'max', ap: 'average', lp: 'l2', gp: 'gaussian' };
export const KINDS = ['conv', 'pool', 'activation', 'batchNorm', 'dropout', 'flatten', 'dense'];

export const PRESETS = {
  cnn: {
    title: 'Tiny CNN',
    layers: 'c8k5_relu_mp2_c16k5_relu_mp2_fl_d64_relu_d10',
    optimizer: 'adam', lr: 0.002, batch: 32, wd: 0,
  },
  lenet: {
    title: 'LeNet-5-like',
    layers: 'c6k5ps_tanh_ap2_c16k5_tanh_ap2_fl_d120_tanh_d84_tanh_d10',
    optimizer: 'adam', lr: 0.001, batch: 32, wd: 0,
  },
  mlp: {
    title: 'MLP, same parameter budget',
    layers: 'fl_d26_relu_d10',
    optimizer: 'adam', lr: 0.002, batch: 32, wd: 0,
  },
};
export const DEFAULT_PRESET = 'cnn';

const TOKEN_PATTERNS = [
  [/^c(\d{1,3})k(\d{1,2})(?:s(\d{1,2}))?(p[sv])?(?:i([a-z]{2}))?$/, (m) => ({
    type: 'conv', filters: +m[1], kernel: +m[2], stride: m[3] ? +m[3] : 1, padding: m[4] === 'ps' ? 'same' : 'valid', init: m[5] ?? 'hn',
  })],
  [/^(relu|tanh|sigm|lrelu)$/, (m) => ({ type: 'activation', fn: m[1] })],
  [/^(mp|ap|lp|gp)(\d{1,2})$/, (m) => ({ type: 'pool', pool: m[1], size: +m[2] })],
  [/^bn$/, () => ({ type: 'batchNorm' })],
  [/^do(\d{1,2})$/, (m) => ({ type: 'dropout', percent: +m[1] })],
  [/^fl$/, () => ({ type: 'flatten' })],
  [/^d(\d{1,4})(?:i([a-z]{2}))?$/, (m) => ({ type: 'dense', units: +m[1], init: m[2] ?? 'hn' })],
];

/** A fresh layer of a kind, with sensible defaults. */
export function newLayer(type) {
  switch (type) {
    case 'conv': return { type, filters: 8, kernel: 3, stride: 1, padding: 'same', init: 'hn' };
    case 'pool': return { type, pool: 'mp', size: 2 };
    case 'activation': return { type, fn: 'relu' };
    case 'dropout': return { type, percent: 25 };
    case 'dense': return { type, units: 32, init: 'hn' };
    default: return { type };
  }
}

/** Parse a layer code. Returns `{ layers }` or `{ error }` (a sentence naming the bad token). */
export function decodeLayers(code) {
  if (typeof code !== 'string' || code === '') return { error: 'the layer list is empty' };
  const tokens = code.split('_');
  if (tokens.length > 40) return { error: `the layer list has ${tokens.length} layers; at most 40 are allowed` };
  const layers = [];
  for (const [i, token] of tokens.entries()) {
    const found = TOKEN_PATTERNS.find(([re]) => re.test(token));
    if (!found) return { error: `layer ${i + 1} "${token.slice(0, 20)}" is not a layer code` };
    const layer = found[1](token.match(found[0]));
    if (layer.init && !INITS[layer.init]) return { error: `layer ${i + 1} "${token}" names an unknown initialiser "${layer.init}"` };
    if ((layer.filters === 0) || (layer.units === 0) || (layer.kernel === 0) || (layer.size === 0) || (layer.stride === 0)) {
      return { error: `layer ${i + 1} "${token}" has a size of 0` };
    }
    layers.push(layer);
  }
  return { layers };
}

/** The layer code of a layer list (the inverse of decodeLayers). */
export function encodeLayers(layers) {
  return layers.map((l) => {
    switch (l.type) {
      case 'conv':
        return `c${l.filters}k${l.kernel}${l.stride !== 1 ? `s${l.stride}` : ''}${l.padding === 'same' ? 'ps' : ''}${l.init !== 'hn' ? `i${l.init}` : ''}`;
      case 'activation': return l.fn;
      case 'pool': return `${l.pool}${l.size}`;
      case 'batchNorm': return 'bn';
      case 'dropout': return `do${l.percent}`;
      case 'flatten': return 'fl';
      case 'dense': return `d${l.units}${l.init !== 'hn' ? `i${l.init}` : ''}`;
      default: throw new Error(`unknown layer type ${l.type}`);
    }
  }).join('_');
}

/** The core's modelConfig for a layer list. */
export function modelConfig(layers, seed) {
  return {
    input: [1, 28, 28],
    seed,
    layers: layers.map((l) => {
      switch (l.type) {
        case 'conv':
          return { kind: 'conv2d', outChannels: l.filters, kernel: l.kernel, stride: l.stride, padding: { kind: l.padding }, weightInit: { kind: INITS[l.init] } };
        case 'activation':
          return { kind: 'activation', activation: l.fn === 'lrelu' ? { kind: 'leakyRelu', slope: 0.01 } : { kind: ACTIVATIONS[l.fn] } };
        case 'pool':
          return { kind: 'pool', pool: l.pool === 'gp' ? { kind: 'gaussian', sigma: 1 } : { kind: POOLS[l.pool] }, size: l.size };
        case 'batchNorm': return { kind: 'batchNorm' };
        case 'dropout': return { kind: 'dropout', dropout: { kind: 'inverted', p: l.percent / 100 } };
        case 'flatten': return { kind: 'flatten' };
        case 'dense': return { kind: 'dense', outFeatures: l.units, weightInit: { kind: INITS[l.init] } };
        default: throw new Error(`unknown layer type ${l.type}`);
      }
    }),
  };
}

/** The layer list of a core modelConfig (e.g. of a loaded model file); unknown parts → null. */
export function layersFromConfig(config) {
  const byInit = Object.fromEntries(Object.entries(INITS).map(([k, v]) => [v, k]));
  const byAct = Object.fromEntries(Object.entries(ACTIVATIONS).map(([k, v]) => [v, k]));
  const byPool = Object.fromEntries(Object.entries(POOLS).map(([k, v]) => [v, k]));
  const out = [];
  for (const l of config.layers ?? []) {
    switch (l.kind) {
      case 'conv2d':
        out.push({ type: 'conv', filters: l.outChannels, kernel: l.kernel, stride: l.stride ?? 1, padding: l.padding?.kind === 'same' ? 'same' : 'valid', init: byInit[l.weightInit?.kind] ?? 'hn' });
        break;
      case 'activation': out.push({ type: 'activation', fn: byAct[l.activation.kind] ?? 'relu' }); break;
      case 'pool': out.push({ type: 'pool', pool: byPool[l.pool.kind] ?? 'mp', size: l.size }); break;
      case 'batchNorm': out.push({ type: 'batchNorm' }); break;
      case 'dropout': out.push({ type: 'dropout', percent: Math.round((l.dropout.p ?? 0.25) * 100) }); break;
      case 'flatten': out.push({ type: 'flatten' }); break;
      case 'dense': out.push({ type: 'dense', units: l.outFeatures, init: byInit[l.weightInit?.kind] ?? 'hn' }); break;
      default: return null;
    }
  }
  return out;
}

/** The core's trainConfig from the page's optimiser settings. */
export function trainConfig({ optimizer, lr, batch, wd, seed }) {
  const opt = optimizer === 'adam'
    ? { kind: 'adam', lr, weightDecay: wd }
    : { kind: 'sgd', lr, momentum: optimizer === 'momentum' ? 0.9 : 0, weightDecay: wd };
  return { optimizer: opt, batchSize: batch, seed };
}

/** The URL schema of the page. */
export const SCHEMA = {
  preset: { type: 'enum', values: ['cnn', 'lenet', 'mlp', 'custom'], default: DEFAULT_PRESET },
  layers: { type: 'string', pattern: /[a-z0-9_]+/, maxLength: 400, default: PRESETS[DEFAULT_PRESET].layers },
  optimizer: { type: 'enum', values: ['sgd', 'momentum', 'adam'], default: PRESETS[DEFAULT_PRESET].optimizer },
  lr: { type: 'float', min: 0.00001, max: 1, default: PRESETS[DEFAULT_PRESET].lr },
  batch: { type: 'int', min: 1, max: 256, default: PRESETS[DEFAULT_PRESET].batch },
  wd: { type: 'float', min: 0, max: 0.1, default: PRESETS[DEFAULT_PRESET].wd },
  seed: { type: 'int', min: 0, max: 999999, default: 1 },
};
