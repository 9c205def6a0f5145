// "Copy as PyTorch" on the training page: its layers (the layer code, read by the core), the
// digits' 28×28 input, seed, optimizer, learning rate, weight decay and batch size.
import { trainConfig } from '../../lib/training.js';

export function handout({ core, state }) {
  const { optimizer, batchSize } = trainConfig({ optimizer: state.optimizer, lr: state.lr, batch: state.batch, wd: state.wd, seed: state.seed });
  return { kind: 'model', model: { input: [1, 28, 28], seed: state.seed, layers: core.parseLayers(state.layers) }, optimizer, batchSize };
}
