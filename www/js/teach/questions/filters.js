// Predict first on filters: the sum of the kernel's weights (what a flat patch is multiplied by;
// the core's filterKernel, as the page writes it under the kernel, #kernel-flat) and the output
// value of the selected pixel (the core's conv2dTrace the page shows, #inspect-output).
import { parseNumber } from '../../lib/format.js';
import { shownNumber, waiting } from './read.js';

const filterName = () => document.querySelector('#filter-select')?.selectedOptions[0]?.textContent ?? 'this kernel';

export const QUESTIONS = [
  {
    id: 'kernel-sum',
    label: 'Sum of the kernel’s weights',
    ask() {
      const prompt = `${filterName()}: what do its weights sum to, so what does a flat patch of grey level 1 become?`;
      const text = document.getElementById('kernel-flat')?.textContent ?? '';
      const match = text.match(/:\s*(\S+)\s*$/);
      const value = match ? parseNumber(match[1]) : null;
      if (value === null) return waiting(prompt, 'The kernel is being built…');
      return { prompt, value, tolerance: 0.01, unit: '', reveal: '#kernel-flat' };
    },
  },
  {
    id: 'pixel',
    label: 'The selected output pixel',
    ask() {
      const where = document.getElementById('inspect-where')?.textContent ?? '';
      const prompt = `${where} From the input window and the kernel: what is the output value here?`.trim();
      const value = shownNumber('#inspect-output');
      if (value === null) return waiting(prompt, 'The photo is being filtered…');
      return { prompt, value, tolerance: 0.02, unit: '', reveal: ['#inspect-output', '#inspect-products', '#inspect-sum'] };
    },
  },
];
