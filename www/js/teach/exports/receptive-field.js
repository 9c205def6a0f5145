// "Copy as PyTorch" on receptive fields: the page's layer stack (its layer code, read by the core)
// on an input of the page's size — the test digit's size when the digit is drawn underneath.
import { loadDigits } from '../../lib/digits.js';

export async function handout({ core, state }) {
  const [, h, w] = state.digit ? (await loadDigits(core)).shape() : [1, state.size, state.size];
  return { kind: 'receptiveField', input: [1, h, w], layers: core.parseLayers(state.layers) };
}
