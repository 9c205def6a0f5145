// Batch normalization lab: Algorithm 1 (Ioffe & Szegedy 2015) stepped on a mini-batch; train vs
// eval mode (running statistics vs the test batch's own, and batch size 1); BN as a cure for a
// bad initialization or a high learning rate, and BN before, after or without the nonlinearity
// with the train/test gap of each, trained side by side in the trainer worker.
import { defineDemo } from '../../demo.js';
import { el, field, section } from '../../lib/dom.js';
import { formatStat } from '../../lib/format.js';
import { createTrainRace } from '../../lib/train-race.js';
import { createAlgorithm } from './algorithm.js';
import { createModes } from './modes.js';
import { createPlacement } from './placement.js';
import { CURES, SCHEMA, deepNet, trainSettings } from './networks.js';

const CURE_STEPS = 300;
const EVAL_LIMIT = 500;

/** "BN as a cure": the same deep net with and without BN, trained side by side. */
function createCure(demo, input) {
  const { state } = demo;
  const problem = field('select', { label: 'Problem', name: 'cure', options: CURES, value: state.cure });
  problem.input.addEventListener('change', () => {
    if (demo.set('cure', problem.input.value)) demo.save();
  });
  const race = createTrainRace(demo, {
    button: 'Train both',
    chartLabel: 'Training loss with and without batch normalization',
    resultsId: 'cure-results',
    legend: [['c-blue', 'without BN'], ['c-orange', 'with BN (dashed)']],
    idle: `Press “Train both” (${CURE_STEPS} steps each, in the background).`,
    steps: CURE_STEPS,
    start: () => ({
      jobs: [false, true].map((bn) => ({ model: deepNet(input, state.cure, bn, state.seed), train: trainSettings(state.seed, state.cure), steps: CURE_STEPS, chunk: 10, evalLimit: EVAL_LIMIT })),
      names: ['Without BN', 'With BN'],
      steps: CURE_STEPS,
      progress: (p) => `${p.job ? 'with' : 'without'} BN: step ${p.step}, loss ${formatStat(p.loss)}`,
    }),
  });
  return section('BN as a cure', {
    cls: 'lab-section',
    intro: 'The same 6-layer network (32 units per layer), trained with and without a BN layer after every dense layer, on identical data.',
  }, [race.controls([problem.node]), race.legend, race.status, race.canvas, race.results]);
}

function mount(demo) {
  const input = Array.from(demo.digits.shape());
  const algorithm = createAlgorithm(demo);
  const modes = createModes(demo, input);
  demo.root.append(el('div', { class: 'lab' }, [algorithm.node, modes.node, createCure(demo, input), createPlacement(demo, input)]));
  modes.train(); // not awaited: the page is usable while the small net trains
}

defineDemo({
  title: 'Batch normalization',
  description: 'Algorithm 1 line by line, what changes between training and model.eval(), BN rescuing a deep net that would not train, and where BN goes: before or after the nonlinearity, and its train/test gap.',
  needs: ['digits'],
  schema: SCHEMA,
  mount,
});
