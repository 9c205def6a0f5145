// Predict first on "The whole network": the theoretical receptive field of the marked unit (the
// core's receptive-field code, #net-rf-theory) and the width of its effective field, the columns
// holding 95 % of its gradient mass (the core's effectiveField, #net-rf-effective).
import { shownNumber, waiting } from './read.js';

const HIDE = ['#net-rf-theory', '#net-rf-effective', '#net-rf-spread', '#net-rf-note', '.net-rf-box'];

export const QUESTIONS = [
  {
    id: 'rf-theory',
    label: 'Theoretical receptive field',
    ask() {
      const prompt = 'The marked unit (named above its fields): how many input pixels wide is its theoretical receptive field? Follow the kernels and strides back from its layer.';
      const value = shownNumber('#net-rf-theory');
      if (value === null) return waiting(prompt, 'The network is being set up…');
      return { prompt, value, tolerance: 0, unit: 'pixels', reveal: HIDE };
    },
  },
  {
    id: 'rf-effective',
    label: 'Effective receptive field',
    ask() {
      const prompt = 'The same unit: how many columns of the input hold 95 % of its gradient mass (its effective receptive field), averaged over 64 test digits? Within 2 pixels.';
      const value = shownNumber('#net-rf-effective');
      if (value === null) return waiting(prompt, 'The network is being set up…');
      return { prompt, value, tolerance: 2, unit: 'pixels', reveal: HIDE };
    },
  },
];
