// "Copy as PyTorch" on the 1-D convolution: the page's signal x, its h and the operation (the
// convolution sum flips h; cross-correlation does not). The continuous section is left out.
import { options } from '../../demos/conv1d/model.js';

export function handout({ state }) {
  return { kind: 'conv1d', x: [...state.x], h: [...state.h], mode: options(state.mode).mode };
}
