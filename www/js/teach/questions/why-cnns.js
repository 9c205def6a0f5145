// Predict first on "Why CNNs": how many times the weights of a dense layer grow when the input
// grows tenfold (the core's parameterGrowth, as the page's table shows it, #why-dense-factor), and
// the samples needed to cover [0, 1]³ at spacing ε (the core's gridCover, #why-cover-3).
import { formatCount, formatShortest } from '../../lib/format.js';
import { shownNumber, waiting } from './read.js';

export const QUESTIONS = [
  {
    id: 'dense-factor',
    label: 'Ten times the input: dense weights',
    ask({ state }) {
      const prompt = `A dense layer with n_out = ⌈n_in/${state.ratio}⌉ units on n_in = ${formatCount(state.nin)} inputs: with ten times as many inputs, how many times as many weights?`;
      const value = shownNumber('#why-dense-factor');
      if (value === null) return waiting(prompt, 'The counts are being computed…');
      return { prompt, value, tolerance: 0, unit: 'times', reveal: ['[id$="-ten"]', '[id$="-factor"]'] };
    },
  },
  {
    id: 'cover',
    label: 'Samples to cover a cube',
    ask({ state }) {
      const prompt = `Samples ε = ${formatShortest(state.eps)} apart along each axis: how many does it take to cover [0, 1]³ (d = 3)?`;
      const value = shownNumber('#why-cover-3');
      if (value === null) return waiting(prompt, 'The counts are being computed…');
      return { prompt, value, tolerance: 0, unit: 'samples', reveal: ['[id^="why-cover-"]', '.why-grids', '#why-grid-note'] };
    },
  },
];
