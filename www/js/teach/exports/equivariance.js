// "Copy as PyTorch" on equivariance: the page's test digit, its kernel (the seeded random one
// drawn by the core, as on the page) and its shift (dy, dx).
import { makeKernel } from '../../demos/equivariance/measure.js';

export function handout({ core, digits, state }) {
  const [, h, w] = digits.shape();
  const kernel = makeKernel(core, state.kernel, state.seed);
  return {
    kind: 'shift',
    image: Array.from(digits.image('test', state.digit)),
    imageShape: [h, w],
    kernel: Array.from(kernel.values),
    kernelShape: [kernel.rows, kernel.cols],
    dy: state.dy,
    dx: state.dx,
  };
}
