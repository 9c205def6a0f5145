// Predict first on receptive fields and counts: the receptive field of a unit after all the
// stack's layers (the core's describeModel, as the page's table shows it, #rf-size-k), and the
// weights of a fully connected layer on the calculator's image (the core's compareLayers,
// #calc-dense-weights).
import { formatCount } from '../../lib/format.js';
import { shownNumber, waiting } from './read.js';

/** The layer rows of the table ("layer 3" …) that the core described, in order. */
const layerRows = () => [...document.querySelectorAll('#rf-table [id^="rf-size-"]')].filter((e) => e.id !== 'rf-size-0');

export const QUESTIONS = [
  {
    id: 'rf-size',
    label: 'Receptive field after k layers',
    ask() {
      const rows = layerRows();
      const k = rows.length;
      const stack = [...document.querySelectorAll('#rf-table tbody th .rf-op')].slice(1, k + 1).map((e) => e.textContent.trim());
      const prompt = `A unit after all ${k} layers of the stack${stack.length === k && k ? ` (${stack.join(', ')})` : ''}: how many input pixels wide is its receptive field?`;
      const value = k ? shownNumber(`#${rows[k - 1].id}`) : null;
      if (value === null) return waiting(prompt, 'The stack has no layer that fits yet.');
      return { prompt, value, tolerance: 0, unit: 'pixels', reveal: ['[id^="rf-size-"]', '[id^="rf-jump-"]', '.rf-layer-note', '#rf-selection'] };
    },
  },
  {
    id: 'dense-weights',
    label: 'Weights of a fully connected layer',
    ask({ state }) {
      const prompt = `A ${state.ch}×${state.cw}×${state.cc} image into a fully connected layer of ${formatCount(state.cu)} hidden units: how many weights (biases left out)? 1e9 or 10^9 is fine.`;
      const value = shownNumber('#calc-dense-weights');
      if (value === null) return waiting(prompt, 'The calculator is being filled…');
      return { prompt, value, tolerance: 0, unit: 'weights', reveal: ['#calc-dense-weights', '#calc-dense-params', '#calc-per-unit'] };
    },
  },
];
