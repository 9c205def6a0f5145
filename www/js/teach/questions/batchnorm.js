// Predict first on batch normalization: the normalized value x̂ of one value of the mini-batch
// (the core's Algorithm 1, batchNormSteps, on the demo's mini-batch, γ, β and ε), and the test
// accuracy when each test batch of one digit is normalized with its own statistics (the core's
// evaluation the page's table shows, #acc-batch-1).
import { formatShortest } from '../../lib/format.js';
import { shownNumber, waiting } from './read.js';

export const QUESTIONS = [
  {
    id: 'xhat',
    label: 'The normalized value x̂₁',
    ask({ core, state }) {
      const values = new Float32Array(state.values);
      const r = core.batchNormSteps(values, state.gamma, state.beta, state.eps);
      return {
        prompt: `Mini-batch ${Array.from(values, formatShortest).join(', ')}: what is x̂₁ = (x₁ − μ_B) / √(σ²_B + ε), the first value normalized?`,
        value: r.xHat[0],
        tolerance: 0.01,
        unit: '',
        reveal: ['#bn-xhat', '#bn-y'],
      };
    },
  },
  {
    id: 'batch-one',
    label: 'Accuracy at test batch size 1',
    ask() {
      const prompt = 'Evaluated in test batches of one digit, each normalized with its own batch statistics (not the running ones): what test accuracy does the trained net get (0 to 1)?';
      const value = shownNumber('#acc-batch-1');
      if (value === null) return waiting(prompt, 'The small net is still training…');
      return { prompt, value, tolerance: 0.05, unit: '', reveal: '#acc-batch-1' };
    },
  },
];
