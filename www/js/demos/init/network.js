// The weight initialization lab's settings and networks: the initializations it compares, the
// URL schema, and the deep MLP built with one of them as the core's modelConfig. No DOM.
import { trainConfig } from '../../lib/training.js';

/** [key, shown name] of every initialization the lab offers. */
export const INITS = [
  ['zeros', 'zeros'], ['small', 'small random N(0, σ²)'], ['large', 'too large N(0, 1)'],
  ['standard', 'standard U[−1/√n, 1/√n]'], ['xavierNormal', 'Xavier normal'], ['xavierUniform', 'Xavier uniform'],
  ['heNormal', 'He normal'], ['lecunNormal', 'LeCun normal'],
];
const INIT_KEYS = INITS.map(([key]) => key);

export const SCHEMA = {
  depth: { type: 'int', min: 1, max: 10, default: 5 },
  width: { type: 'int', min: 8, max: 256, default: 64 },
  act: { type: 'enum', values: ['tanh', 'sigmoid', 'relu'], default: 'tanh' },
  init: { type: 'enum', values: INIT_KEYS, default: 'standard' },
  sigma: { type: 'float', min: 0.001, max: 0.5, default: 0.01 },
  bias: { type: 'enum', values: ['0', '0.01'], default: '0' },
  other: { type: 'enum', values: INIT_KEYS, default: 'xavierNormal' },
  steps: { type: 'int', min: 50, max: 600, default: 300 },
  lr: { type: 'enum', values: ['0.01', '0.05', '0.1', '0.5'], default: '0.05' },
  deadSteps: { type: 'enum', values: ['0', '100', '300'], default: '0' },
  seed: { type: 'int', min: 1, max: 50, default: 1 },
};

/** The shown name of an initialization. */
export const initLabel = (key) => INITS.find(([k]) => k === key)[1];

/**
 * Each initialization's rule as the lecture and the papers write it (a label; every number shown
 * beside it comes from the core's initScheme).
 */
export const FORMULAS = {
  zeros: 'w = 0',
  small: 'w ~ N(0, σ²), σ fixed',
  large: 'w ~ N(0, 1)',
  standard: 'w ~ U[−r, r], r = 1/√n_in',
  xavierNormal: 'w ~ N(0, 2/(n_in + n_out))',
  xavierUniform: 'w ~ U[−r, r], r = √(6/(n_in + n_out))',
  heNormal: 'w ~ N(0, 2/n_in)',
  lecunNormal: 'w ~ N(0, 1/n_in): w = randn/√n_in, the lecture’s “divide by √n” solution',
};

/** The core's weight init for a key ('small' uses σ, 'large' is N(0, 1)). */
export function weightInit(kind, sigma) {
  if (kind === 'small') return { kind: 'normal', std: sigma };
  if (kind === 'large') return { kind: 'normal', std: 1 };
  return { kind };
}

/**
 * flatten → (dense `width` + activation) × depth → dense 10, every dense layer initialized with
 * `kind`; `over` replaces settings of the state (the bias section: `{ act: 'relu', bias: '0.01' }`).
 */
export function modelConfig(state, kind, input, over = {}) {
  const { act, bias, sigma, depth, width, seed } = { ...state, ...over };
  const init = weightInit(kind, sigma);
  const biasInit = { kind: 'constant', value: Number(bias) };
  const layers = [{ kind: 'flatten' }];
  for (let i = 0; i < depth; i += 1) {
    layers.push({ kind: 'dense', outFeatures: width, weightInit: init, biasInit });
    layers.push({ kind: 'activation', activation: { kind: act } });
  }
  layers.push({ kind: 'dense', outFeatures: 10, weightInit: init, biasInit });
  return { input, seed, layers };
}

/** SGD with momentum 0.9 at the chosen learning rate, batches of 32. */
export const trainSettings = (state) => trainConfig({ optimizer: 'momentum', lr: Number(state.lr), batch: 32, seed: state.seed });
