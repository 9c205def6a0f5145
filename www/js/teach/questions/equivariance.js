// Predict first on equivariance: whether shifting then convolving differs from convolving then
// shifting away from the borders (the core's shiftDifference, #eq-interior), and the parameters of
// the MLP's first dense layer (the core's count, #mlp-params).
import { formatCount } from '../../lib/format.js';
import { shownNumber, waiting } from './read.js';

export const QUESTIONS = [
  {
    id: 'interior',
    label: 'Shift, then convolve?',
    ask({ state }) {
      const prompt = `Shift the digit ${state.dx} px right and ${state.dy} px down, then convolve; or convolve, then shift the map. Away from the borders, what is the largest difference between the two maps?`;
      const value = shownNumber('#eq-interior');
      if (value === null) return waiting(prompt, 'The maps are being computed…');
      return { prompt, value, tolerance: 0.01, unit: '', reveal: ['#eq-interior', '#eq-all', '#eq-verdict'] };
    },
  },
  {
    id: 'mlp-params',
    label: 'Parameters of the MLP’s layer',
    ask({ state }) {
      const prompt = `The 28×28 digit flattened into a dense layer of ${formatCount(state.units)} hidden units: how many parameters, weights and biases?`;
      const value = shownNumber('#mlp-params');
      if (value === null) return waiting(prompt, 'The MLP is being set up…');
      return { prompt, value, tolerance: 0, unit: 'parameters', reveal: '#mlp-params' };
    },
  },
];
