// Weight initialization lab: a deep MLP on real digits under zero, small, too large, standard,
// Xavier, He and LeCun initialization. Per-layer histograms of activations and back-propagated
// gradients (Glorot & Bengio 2010, Figures 6–7), the variance argument in the lecture's form
// n·Var(w)·Var(x) beside the exact n·Var(w)·E[x²] (the core's variance report), each scheme's
// formula per layer with what it keeps (initScheme), the dead ReLU units left by bias 0 or 0.01,
// the symmetry of zero init, and two initializations trained side by side in the trainer worker.
import { defineDemo } from '../../demo.js';
import { el, field, section } from '../../lib/dom.js';
import { formatStat } from '../../lib/format.js';
import { createTrainRace } from '../../lib/train-race.js';
import { INITS, SCHEMA, initLabel, modelConfig, trainSettings } from './network.js';
import { createDeadUnits } from './dead-units.js';
import { createFormulas } from './formulas.js';
import { createHistograms, createVarianceTable } from './probe-views.js';
import { createSymmetry } from './symmetry.js';

const PROBE = 128;
const EVAL_LIMIT = 500;

/** The network's settings; ranges apply when released (or on each key press), selects at once. */
function networkFields(state) {
  return {
    depth: field('range', { label: 'Depth (hidden layers)', name: 'depth', min: 1, max: 10, value: state.depth }),
    width: field('range', { label: 'Width (units per layer)', name: 'width', min: 8, max: 256, step: 8, value: state.width }),
    act: field('select', { label: 'Activation', name: 'act', options: [['tanh', 'tanh'], ['sigmoid', 'sigmoid'], ['relu', 'ReLU']], value: state.act }),
    init: field('select', { label: 'Initialization', name: 'init', options: INITS, value: state.init }),
    sigma: field('range', { label: 'σ of small random', name: 'sigma', min: 0.001, max: 0.5, step: 0.001, value: state.sigma }),
    bias: field('select', { label: 'Bias', name: 'bias', options: [['0', '0'], ['0.01', '0.01']], value: state.bias }),
    seed: field('range', { label: 'Seed', name: 'seed', min: 1, max: 50, value: state.seed }),
  };
}

/** "Train two initializations side by side": the chosen init against another, in the worker. */
function createComparison(demo, input) {
  const { state } = demo;
  const fields = {
    other: field('select', { label: 'Compare with', name: 'other', options: INITS, value: state.other }),
    steps: field('range', { label: 'Steps', name: 'steps', min: 50, max: 600, step: 50, value: state.steps }),
    lr: field('select', { label: 'Learning rate', name: 'lr', options: SCHEMA.lr.values.map((v) => [v, v]), value: state.lr }),
  };
  const race = createTrainRace(demo, {
    button: 'Train both',
    chartLabel: 'Training loss of both initializations against steps',
    resultsId: 'train-results',
    idle: 'Press “Train both” to train the two initializations in the background.',
    steps: state.steps,
    start() {
      const kinds = [state.init, state.other];
      const names = kinds.map(initLabel);
      return {
        jobs: kinds.map((kind) => ({ model: modelConfig(state, kind, input), train: trainSettings(state), steps: state.steps, chunk: 10, evalLimit: EVAL_LIMIT })),
        names,
        legend: [['c-blue', names[0]], ['c-orange', `${names[1]} (dashed)`]],
        steps: state.steps,
        progress: (p) => `${names[p.job]}: step ${p.step} of ${state.steps}, loss ${formatStat(p.loss)}`,
        testNote: ` (${EVAL_LIMIT} test digits)`,
      };
    },
  });
  const node = section('Train two initializations side by side', {
    cls: 'lab-section',
    intro: 'Both runs see the same digits in the same order (same seed); the training runs in a background worker.',
  }, [race.controls(Object.values(fields).map((f) => f.node)), race.status, race.legend, race.canvas, race.results]);
  return { node, fields };
}

function mount(demo) {
  const { core, digits, state, root } = demo;
  const input = Array.from(digits.shape());
  const fields = networkFields(state);
  const network = section('The network', {
    cls: 'lab-section',
    intro: `flatten → (dense + activation) × depth → dense 10, probed (forward and backward, no update) on the first ${PROBE} training digits.`,
  }, [el('div', { class: 'controls' }, Object.values(fields).map((f) => f.node))]);
  const variance = createVarianceTable();
  const formulas = createFormulas();
  const histograms = createHistograms();
  const dead = createDeadUnits(demo, PROBE);
  const symmetry = createSymmetry(demo);
  const comparison = createComparison(demo, input);
  root.append(el('div', { class: 'lab' }, [network, variance.node, formulas.node, histograms.node, dead.node, symmetry.node, comparison.node]));

  /** Probe a freshly initialized network and show what the core measured; then the symmetry runs. */
  function render() {
    demo.save();
    const trainer = new core.Trainer(modelConfig(state, state.init, input), trainSettings(state));
    try {
      trainer.probe(digits, PROBE);
      const report = trainer.varianceReport();
      variance.show(report.slice(0, -1)); // the hidden layers: the output layer is last
      formulas.show(core, state, report);
      histograms.show(core, trainer, Array.from(trainer.layerIndices('activation')));
    } finally {
      trainer.free();
    }
    symmetry.update(state, input);
    dead.update(state, input);
  }

  let frame = 0;
  demo.own(() => cancelAnimationFrame(frame));
  const schedule = () => {
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      try {
        render();
        demo.fail(null);
      } catch (err) {
        demo.fail(err);
      }
    });
  };
  const bind = (all, after) => {
    for (const [key, { input: control }] of Object.entries(all)) {
      control.addEventListener(control.type === 'range' ? 'change' : 'input', () => {
        demo.notify([]);
        if (demo.set(key, control.value)) after(key);
      });
    }
  };
  bind(fields, schedule);
  bind(comparison.fields, (key) => {
    demo.save();
    if (key === 'lr' && state.deadSteps !== '0') dead.update(state, input); // the bias section trains at this rate
  });

  try {
    render();
  } catch (err) {
    demo.fail(err);
  }
}

defineDemo({
  title: 'Weight initialization',
  description: 'A deep network on real digits: how the initial weights set the variance of every layer — and why zeros never learn.',
  needs: ['digits'],
  schema: SCHEMA,
  mount,
});
