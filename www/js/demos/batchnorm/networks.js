// The batch normalization lab's settings and networks: the URL schema, the small net whose BN
// layer is measured in training and evaluation mode, the deep net BN rescues, and the net with BN
// before, after or without the nonlinearity. No DOM.
import { trainConfig } from '../../lib/training.js';

export const SCHEMA = {
  values: { type: 'floatList', minLength: 1, maxLength: 16, min: -1e6, max: 1e6, default: [1, 2, 3, 4] },
  gamma: { type: 'float', min: -100, max: 100, default: 1 },
  beta: { type: 'float', min: -100, max: 100, default: 0 },
  eps: { type: 'float', min: 0.00001, max: 10, default: 0.00001 }, // the core needs ε > 0
  step: { type: 'int', min: 0, max: 4, default: 1 },
  trainSteps: { type: 'int', min: 50, max: 1000, default: 300 },
  testBatch: { type: 'int', min: 1, max: 200, default: 100 },
  cure: { type: 'enum', values: ['small', 'large', 'highLr'], default: 'small' },
  placeAct: { type: 'enum', values: ['relu', 'tanh'], default: 'relu' },
  placeTrain: { type: 'enum', values: ['250', '500', '1000', '8000'], default: '500' },
  placeSteps: { type: 'int', min: 100, max: 1500, default: 600 },
  seed: { type: 'int', min: 1, max: 50, default: 1 },
};

/** [key, shown name] of the problems BN is shown to cure. */
export const CURES = [
  ['small', 'bad init: small N(0, 0.01²), tanh'],
  ['large', 'bad init: too large N(0, 1), tanh'],
  ['highLr', 'high learning rate 1.0, sigmoid, Xavier'],
];

/** flatten → dense 16 → BN → ReLU → dense 10. */
export const smallNet = (input, seed) => ({
  input,
  seed,
  layers: [
    { kind: 'flatten' }, { kind: 'dense', outFeatures: 16 }, { kind: 'batchNorm', eps: 1e-5 },
    { kind: 'activation', activation: { kind: 'relu' } }, { kind: 'dense', outFeatures: 10 },
  ],
});

/** Six dense layers of 32 units set up to fail as `cure` says, with or without BN after each. */
export function deepNet(input, cure, bn, seed) {
  const init = { small: { kind: 'normal', std: 0.01 }, large: { kind: 'normal', std: 1 }, highLr: { kind: 'xavierNormal' } }[cure];
  const act = cure === 'highLr' ? 'sigmoid' : 'tanh';
  const layers = [{ kind: 'flatten' }];
  for (let i = 0; i < 6; i += 1) {
    layers.push({ kind: 'dense', outFeatures: 32, weightInit: init });
    if (bn) layers.push({ kind: 'batchNorm' });
    layers.push({ kind: 'activation', activation: { kind: act } });
  }
  layers.push({ kind: 'dense', outFeatures: 10, weightInit: init });
  return { input, seed, layers };
}

/** SGD with momentum 0.9, batches of 32; the 'highLr' problem trains at 1.0, everything else at 0.05. */
export const trainSettings = (seed, cure = null) =>
  trainConfig({ optimizer: 'momentum', lr: cure === 'highLr' ? 1 : 0.05, batch: 32, seed });

/** [key, shown name] of where the BN layers sit, in the order they are trained and drawn. */
export const PLACES = [
  ['none', 'without BN'],
  ['before', 'BN before the nonlinearity'],
  ['after', 'BN after the nonlinearity'],
];

/** flatten → (dense 64 → [BN] → act → [BN]) × 2 → dense 10, BN where `place` says. */
export function placedNet(input, place, act, seed) {
  const layers = [{ kind: 'flatten' }];
  for (let i = 0; i < 2; i += 1) {
    layers.push({ kind: 'dense', outFeatures: 64 });
    if (place === 'before') layers.push({ kind: 'batchNorm' });
    layers.push({ kind: 'activation', activation: { kind: act } });
    if (place === 'after') layers.push({ kind: 'batchNorm' });
  }
  layers.push({ kind: 'dense', outFeatures: 10 });
  return { input, seed, layers };
}
