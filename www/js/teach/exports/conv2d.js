// "Copy as PyTorch" on the 2-D convolution: the page's input, kernel (and bias in volume mode),
// stride, padding, dilation and mode, as the core's hand-out reads them; in the transposed mode,
// F.conv_transpose2d with its stride, padding, output padding and dilation; with the "Groups"
// section open, F.conv2d(…, groups=g) on the section's volume and weights (as the core made them
// for the page) and the counts of nn.Conv2d standard, grouped, depthwise and pointwise.
import { dims } from '../../demos/conv2d/state.js';
import { computeGroups, SIDE } from '../../demos/conv2d/groups-model.js';

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
  if (state.grp) {
    const { d, counts, input, weight } = computeGroups(demo.core, state);
    return {
      kind: 'conv2dGrouped',
      input: [...input],
      inputShape: [d.C, SIDE, SIDE],
      kernel: [...weight],
      kernelShape: [d.F, counts.channelsPerGroup, d.k, d.k],
      bias: Array(d.F).fill(0), // the section's filters have a bias of 0, and its counts include the biases
      groups: counts.groups,
      padding: { kind: 'same' },
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
