// "Copy as PyTorch" on filters: the page's grey picture (the core writes out only the part an 8×8
// block of output around the selected pixel needs), its kernel and operation.
import { kernelFor } from '../../demos/filters/kernels.js';

export function handout({ core, state, picture }) {
  const image = picture?.();
  if (!image) throw new Error('the picture is still loading; try again in a moment');
  const kernel = kernelFor(core, state);
  return {
    kind: 'filter',
    image: Array.from(image.gray),
    imageShape: [image.h, image.w],
    kernel: Array.from(kernel.values),
    kernelShape: [kernel.rows, kernel.cols],
    mode: state.op === 'conv' ? 'convolution' : 'crossCorrelation',
    at: [Math.min(state.r, image.h - 1), Math.min(state.c, image.w - 1)],
  };
}
