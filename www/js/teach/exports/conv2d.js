// "Copy as PyTorch" on the 2-D convolution: the page's input, kernel (and bias in volume mode),
// stride, padding, dilation and mode, as the core's hand-out reads them; in the transposed mode,
// F.conv_transpose2d with its stride, padding, output padding and dilation.
import { dims } from '../../demos/conv2d/state.js';

export function handout(demo) {
  const { state } = demo;
  if (state.op === 'transposed') {
    return {
      kind: 'convTranspose2d',
      input: [...state.tin],
      inputShape: [1, state.trows, state.tcols],
      kernel: [...state.tw],
      kernelShape: [1, 1, state.tk, state.tk],
      stride: state.ts,
      padding: state.tpad,
      outputPadding: state.tout,
      dilation: state.tdil,
    };
  }
  const d = dims(state);
  const handout = {
    kind: 'conv2d',
    input: [...state.input],
    inputShape: [d.C, d.H, d.W],
    kernel: [...state.kernel],
    kernelShape: [d.F, d.C, d.KH, d.KW],
    stride: state.stride,
    padding: state.padding === 'explicit' ? { kind: 'explicit', y: state.pad, x: state.pad } : { kind: state.padding },
    dilation: state.dilation,
    mode: state.mode === 'conv' ? 'convolution' : 'crossCorrelation',
  };
  if (state.volume) handout.bias = [...state.bias]; // the page adds a bias in volume mode only
  return handout;
}
