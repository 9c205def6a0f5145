// "Copy as PyTorch" on pooling: the lecture's 4×4 example the page pools ("The lecture's
// example"), with the page's kind (σ for Gaussian) and the example's window.
import { EXAMPLE, EXAMPLE_WINDOWS } from '../../demos/pooling/example.js';
import { poolOptions } from '../../demos/pooling/window.js';

export function handout({ state }) {
  const { size, stride } = EXAMPLE_WINDOWS[state.ex];
  return { kind: 'pool', input: [...EXAMPLE], inputShape: [1, 4, 4], ...poolOptions(state.kind, { size, stride, sigma: state.sigma }) };
}
