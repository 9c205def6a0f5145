// Predict first on the convolution of signals: the length of y = x ∗ h (every overlap), one
// output value y[n], from the core's conv1dOutputLength and conv1d on the demo's x, h and mode,
// and the receptive field of the causal section's stack (core.causalStack).
import { formatShortest } from '../../lib/format.js';
import { stackSpec } from '../../demos/conv1d/causal.js';

const options = (state) => ({ mode: state.mode === 'xcorr' ? 'crossCorrelation' : 'convolution' });
const op = (state) => (state.mode === 'xcorr' ? 'the cross-correlation of x and h' : 'y = x ∗ h');
const signal = (xs) => `[${xs.map(formatShortest).join(', ')}]`;
const HIDE = ['#identity-table', '#superposition-table', '#decomposition', '#equation', '#terms', '#phase-text', '#stage .stem-values'];

export const QUESTIONS = [
  {
    id: 'length',
    label: 'Length of the output',
    ask({ core, state }) {
      return {
        prompt: `x = ${signal(state.x)} (${state.x.length} values), h = ${signal(state.h)} (${state.h.length} values): how many values has ${op(state)}, every overlap counted?`,
        value: core.conv1dOutputLength(state.x.length, state.h.length, options(state)),
        tolerance: 0,
        unit: 'values',
        reveal: HIDE,
      };
    },
  },
  {
    id: 'value',
    label: 'One output value',
    ask({ core, state }) {
      const y = core.conv1d(new Float32Array(state.x), new Float32Array(state.h), options(state));
      const n = Math.min(2, y.length - 1);
      return {
        prompt: `x = ${signal(state.x)}, h = ${signal(state.h)}: what is ${state.mode === 'xcorr' ? 'the cross-correlation' : 'y = x ∗ h'} at n = ${n} (counting from 0)?`,
        value: y[n],
        tolerance: 0.01,
        unit: '',
        reveal: HIDE,
      };
    },
  },
  {
    id: 'receptive-field',
    label: 'Receptive field of the causal stack',
    ask({ core, state }) {
      const { dilations } = stackSpec(state);
      const s = core.causalStack(new Float32Array(state.wx), stackSpec(state), Math.min(state.wat, state.wx.length - 1));
      return {
        prompt: `${dilations.length} layer${dilations.length > 1 ? 's' : ''} of a ${state.wh.length}-tap kernel with dilations ${dilations.join(', ')} (the causal section below): how many input samples does one output of the top layer see?`,
        value: s.receptiveField,
        tolerance: 0,
        unit: 'samples',
        reveal: ['#causal-fields', '#causal-verdict', '#causal-values', '#causal-tree'],
      };
    },
  },
];
