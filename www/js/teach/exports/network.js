// "Copy as PyTorch" on the whole network: its layers (the layer code, read by the core), the
// digits' input, seed, and the optimizer, learning rate and batch size of its preset — as the page
// configures its trainer.
import { DEFAULT_PRESET, PRESETS } from '../../lib/model-presets.js';
import { trainConfig } from '../../lib/training.js';

export function handout({ core, digits, state }) {
  const p = PRESETS[state.preset] ?? PRESETS[DEFAULT_PRESET];
  const { optimizer, batchSize } = trainConfig({ optimizer: p.optimizer, lr: p.lr, batch: p.batch, wd: p.wd, seed: state.seed });
  return { kind: 'model', model: { input: [...digits.shape()], seed: state.seed, layers: core.parseLayers(state.layers) }, optimizer, batchSize };
}
