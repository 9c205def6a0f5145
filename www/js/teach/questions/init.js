// Predict first on weight initialization: n·Var(w) of a hidden layer for the chosen scheme (the
// core's initScheme for the layer's fans and the demo's weight init), and whether Var(s) grows or
// shrinks from the first hidden layer to the last (the core's variance report as the page's table
// shows it, #vars-k).
import { formatStat } from '../../lib/format.js';
import { modelConfig } from '../../demos/init/network.js';
import { shownNumber, waiting } from './read.js';

const SCHEME = () => document.querySelector('select[name="init"]')?.selectedOptions[0]?.textContent ?? 'this initialization';

export const QUESTIONS = [
  {
    id: 'nvarw',
    label: 'n·Var(w) of a hidden layer',
    ask({ core, digits, state }) {
      const k = state.depth > 1 ? 2 : 1;
      const input = Array.from(digits.shape());
      const fanIn = k === 1 ? input.reduce((a, b) => a * b, 1) : state.width;
      const { weightInit } = modelConfig(state, state.init, input).layers[2 * k - 1]; // flatten, then (dense, activation) × depth
      const value = core.initScheme(weightInit, fanIn, state.width).fanInTimesVariance;
      return {
        prompt: `With ${SCHEME()}, what is n·Var(w) of layer ${k} (${fanIn} → ${state.width}, n = its fan-in ${fanIn})? A fraction such as 1/3 is fine.`,
        value,
        tolerance: Math.max(0.01, Math.abs(value) * 0.02),
        unit: '',
        reveal: '[id^="nvarw-"]',
      };
    },
  },
  {
    id: 'grows',
    label: 'Does Var(s) grow or shrink?',
    ask({ state }) {
      const last = state.depth;
      const prompt = `With ${SCHEME()} and ${state.act}, ${last} hidden layers: from layer 1 to layer ${last}, does the measured Var(s) grow, shrink, or stay within a factor of 2?`;
      const [first, end] = [shownNumber('#vars-1'), shownNumber(`#vars-${last}`)];
      if (first === null || end === null || last < 2) return waiting(prompt, last < 2 ? 'Choose a depth of 2 or more.' : 'The network is being probed…');
      const ratio = end / first;
      const value = ratio > 2 ? 'grows' : ratio < 0.5 ? 'shrinks' : 'stays';
      return {
        prompt,
        value,
        choices: [['grows', 'grows (more than 2×)'], ['shrinks', 'shrinks (below ½)'], ['stays', 'stays within a factor of 2']],
        detail: `Var(s): ${formatStat(first)} at layer 1, ${formatStat(end)} at layer ${last}.`,
        reveal: ['[id^="vars-"]', '[id^="pred-"]', '#act-hists', '#grad-hists'],
      };
    },
  },
];
