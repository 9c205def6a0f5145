// "Copy as PyTorch" on the 1-D convolution: the page's signal x, its h and the operation (the
// convolution sum flips h; cross-correlation does not), then — while the section "Causal and
// dilated: the WaveNet stack" is on the page — that stack: the section's input, kernel, dilations,
// causal or centred, and the traced output sample. The continuous section is left out.
import { options } from '../../demos/conv1d/model.js';
import { stackSpec } from '../../demos/conv1d/causal.js';

/** Whether the causal section is there and not hidden. */
const causalShown = (root) => {
  const section = root?.querySelector('#causal');
  return Boolean(section) && !section.closest('[hidden]');
};

export function handout({ state, root }) {
  const h = { kind: 'conv1d', x: [...state.x], h: [...state.h], mode: options(state.mode).mode };
  if (causalShown(root)) {
    const { kernel, dilations, causal } = stackSpec(state);
    h.stack = { x: [...state.wx], kernel: [...kernel], dilations, causal, at: state.wat };
  }
  return h;
}
