// Predict first on dropout: for x ~ N(0, 1) under inverted dropout at the page's p, the train/test
// variance ratio and the noise variance of the multiplier, from the core's varianceShift.
import { formatShortest } from '../../lib/format.js';

const HIDE = ['[id^="theory-ratio-"]', '[id^="theory-noise-"]', '#theory-verdict'];
const shift = (core, p) => core.varianceShift({ kind: 'inverted', p }, 0, 1);

export const QUESTIONS = [
  {
    id: 'ratio',
    label: 'Train/test variance ratio',
    ask({ core, state }) {
      return {
        prompt: `Inverted dropout at p = ${formatShortest(state.p)} on x ~ N(0, 1): Var(y) in training divided by Var(y) at test time is…?`,
        value: shift(core, state.p).trainOverTest,
        tolerance: 0.05,
        unit: '',
        reveal: HIDE,
      };
    },
  },
  {
    id: 'noise',
    label: 'Noise variance of dropout',
    ask({ core, state }) {
      return {
        prompt: `Inverted dropout at p = ${formatShortest(state.p)} multiplies x by m = 0 or 1/(1 − p): what is Var(m), the noise variance?`,
        value: shift(core, state.p).noiseVariance,
        tolerance: 0.05,
        unit: '',
        reveal: HIDE,
      };
    },
  },
];
