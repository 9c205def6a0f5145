// "Copy as PyTorch" on weight initialization: a network of the page's depth and width, its
// scheme through nn.init, its activation and seed.
import { weightInit } from '../../demos/init/network.js';

export function handout({ state }) {
  return {
    kind: 'init',
    init: weightInit(state.init, state.sigma),
    activation: { kind: state.act },
    depth: state.depth,
    width: state.width,
    seed: state.seed,
  };
}
