// Predict first on the training page: the parameters of the network's first layer and of the
// whole network, counted by the core (describeModel) as the page's layer list shows them.
import { shownNumber, waiting } from './read.js';

const HIDE = ['#param-total', '.layer-params'];

export const QUESTIONS = [
  {
    id: 'first-layer',
    label: 'Parameters of layer 1',
    ask() {
      const prompt = 'Layer 1 of the network on a 1×28×28 digit (its settings are in the layer list): how many parameters, weights and biases?';
      const first = document.querySelector('#network .layer-params');
      const value = first && first.textContent ? shownNumber('#network .layer-params') : null;
      if (value === null) return waiting(prompt, 'The network is being described…');
      return { prompt, value, tolerance: 0, unit: 'parameters', reveal: HIDE };
    },
  },
  {
    id: 'total',
    label: 'Parameters of the whole network',
    ask() {
      const prompt = 'All layers of the network together, from the layer list: how many parameters?';
      const value = shownNumber('#param-total');
      if (value === null) return waiting(prompt, 'The network is being described…');
      return { prompt, value, tolerance: 0, unit: 'parameters', reveal: HIDE };
    },
  },
];
