// Section 1, the invariant task: a CNN and an MLP of about the same size are trained in the
// trainer worker, loaded on the page, and a test digit (or one drawn, re-centred or as drawn) is
// shifted or rotated through both; each one's probability of the true class is plotted against
// the move. Every number comes from the core (describeModel, Trainer.transformCurve, shiftImage,
// rotateScaleImage, mnistFromDrawing).
import { button, el, field, section, setValue } from '../../lib/dom.js';
import { formatStat } from '../../lib/format.js';
import { createTrainRace } from '../../lib/train-race.js';
import { DrawPad } from '../../lib/draw-pad.js';
import { MOVES, jobsFor, networks, sweepOf, trainSettings } from './models.js';
import { createCurveView } from './invariant-view.js';

const INTRO =
  'Recognising a digit is an invariant task: moved a little, it is still the same digit. Train a CNN and an MLP with about ' +
  'as many weights, then move one digit and watch the probability each gives its true class. Convolution moves the feature ' +
  'maps with the digit (up to the borders and the steps of the 2 × 2 pools); a max pool over the whole map forgets where ' +
  'they were, while flattening into a dense layer keeps it. ' +
  'The MLP sees every moved digit as a new vector of pixels.';

/** The section's fields, keyed like the schema. */
function createFields(spec, state, nets) {
  const bounds = (key, step = 1) => ({ name: key, id: `why-${key}`, min: spec[key].min, max: spec[key].max, step, value: state[key] });
  const at = sweepOf(state);
  return {
    cnn: field('select', { label: 'CNN', name: 'cnn', id: 'why-cnn', options: [['pooled', nets.pooled.name], ['dense', nets.dense.name]], value: state.cnn }),
    steps: field('number', { label: 'Training steps', ...bounds('steps', 10) }),
    seed: field('number', { label: 'Seed', ...bounds('seed') }),
    source: field('select', { label: 'Digit', name: 'source', id: 'why-source', options: [['test', 'a test digit'], ['drawn', 'my drawing']], value: state.source }),
    digit: field('number', { label: `Test digit (0–${spec.digit.max})`, ...bounds('digit') }),
    label: field('select', { label: 'The digit I drew is a', name: 'label', id: 'why-label', options: Array.from({ length: 10 }, (_, d) => [d, String(d)]), value: state.label }),
    recentre: field('checkbox', { label: 'Do not re-centre my drawing', name: 'recentre', id: 'why-no-recentre', value: !state.recentre }),
    move: field('select', { label: 'Move', name: 'move', id: 'why-move', options: MOVES.map(([k, text]) => [k, text]), value: state.move }),
    pixels: field('range', { label: 'Shift up to (px)', ...bounds('pixels') }),
    degrees: field('range', { label: 'Rotate up to (°)', ...bounds('degrees', 5) }),
    at: field('range', { label: 'Show the digit at', name: 'at', id: 'why-at', min: -at.max, max: at.max, step: at.step, value: state.at }),
  };
}

export function createInvariant(demo) {
  const { core, digits, state, schema: spec } = demo;
  const shape = digits.shape();
  const [, h, w] = shape;
  const nets = networks(shape);
  const fields = createFields(spec, state, nets);
  const weights = Object.fromEntries(Object.entries(nets).map(([k, n]) => [k, core.describeModel({ input: [...shape], seed: 1, layers: core.parseLayers(n.layers) }).parameterCount]));
  const view = createCurveView();
  let models = null; // { cnn, mlp: Trainer, kind, names } of the last training
  let ink = null; // the drawing: { data, width, height }
  demo.own(() => freeModels());

  function freeModels() {
    models?.cnn?.free();
    models?.mlp?.free();
    models = null;
  }

  const race = createTrainRace(demo, {
    button: 'Train both',
    chartLabel: 'Training loss of the CNN and the MLP against steps',
    resultsId: 'why-train-results',
    legend: [['c-blue', 'CNN'], ['c-orange', 'MLP (dashed)']],
    idle: 'Press “Train both”: both networks learn the training digits in this tab, then the chosen digit is moved through them.',
    steps: state.steps,
    start() {
      const names = [nets[state.cnn].name, nets.mlp.name];
      const { seed, cnn: kind } = state;
      return {
        jobs: jobsFor(core, shape, state),
        names,
        steps: state.steps,
        testNote: ' (500 test digits)',
        legend: [['c-blue', names[0]], ['c-orange', `${names[1]} (dashed)`]],
        progress: (p) => `${names[p.job]}: step ${p.step} of ${state.steps}, loss ${formatStat(p.loss)}`,
        done: (out) => load(out, names, seed, kind),
      };
    },
  });

  function load(out, names, seed, kind) {
    freeModels();
    if (out.some((r) => !r.bytes)) return render();
    const [cnn, mlp] = out.map((r) => core.Trainer.load(r.bytes, trainSettings(seed)));
    models = { cnn, mlp, kind, names: { cnn: names[0], mlp: names[1] } };
    node.dataset.trained = String(Number(node.dataset.trained ?? 0) + 1);
    return render();
  }

  const pad = el('canvas', { id: 'why-draw', class: 'draw-pad', role: 'img', 'aria-label': 'Drawing area: draw one digit with the mouse, a pen or a finger' });
  const drawPad = demo.own(new DrawPad(pad, {
    onInk: (data, width, height) => {
      ink = data ? { data, width, height } : null;
      render();
    },
  }));
  const clear = button('Clear drawing', { class: 'secondary' }, () => drawPad.clear());
  const drawBox = el('div', { class: 'why-draw' }, [
    pad,
    el('div', { class: 'controls' }, [fields.label.node, fields.recentre.node, clear]),
    el('p', { class: 'hint', text: 'The drawing stays on this page: the address keeps your settings, not the drawing.' }),
  ]);
  const digitBox = el('div', { class: 'controls' }, [fields.source.node, fields.digit.node]);
  const moveBox = el('div', { class: 'controls' }, [fields.move.node, fields.pixels.node, fields.degrees.node, fields.at.node]);

  const node = section('1. An invariant task: move the digit', { id: 'why-invariant', intro: INTRO }, [
    race.controls([fields.cnn.node, fields.steps.node, fields.seed.node]),
    race.status,
    race.legend,
    race.canvas,
    race.results,
    el('h3', { text: 'Move one digit through both networks' }),
    digitBox,
    drawBox,
    moveBox,
    view.node,
  ]);

  /** The chosen digit (flat) and its true class, or null (nothing drawn yet). */
  function chosen() {
    if (state.source === 'test') return { image: digits.image('test', state.digit), label: digits.label('test', state.digit) };
    if (!ink) return null;
    const image = core.mnistFromDrawing(ink.data, ink.width, ink.height, { recentre: state.recentre });
    return image ? { image, label: state.label } : null;
  }

  function moved(image) {
    if (state.move === 'rotate') return core.rotateScaleImage(image, h, w, state.at, 1);
    return state.move === 'right' ? core.shiftImage(image, h, w, 0, state.at) : core.shiftImage(image, h, w, state.at, 0);
  }

  /** Redraw the results from the current settings and the trained networks. */
  function render() {
    const sweep = sweepOf(state);
    const unit = MOVES.find(([k]) => k === state.move)[2];
    fields.digit.node.hidden = state.source !== 'test';
    drawBox.hidden = state.source !== 'drawn';
    fields.pixels.node.hidden = state.move === 'rotate';
    fields.degrees.node.hidden = state.move !== 'rotate';
    Object.assign(fields.at.input, { min: -sweep.max, max: sweep.max, step: sweep.step });
    setValue(fields.at.input, state.at);
    const names = models?.names ?? { cnn: nets[state.cnn].name, mlp: nets.mlp.name };
    const shown = { h, w, sweep, unit, at: state.at, names, curves: null, image: null, message: '' };
    shown.weights = { cnn: weights[models?.kind ?? state.cnn], mlp: weights.mlp };
    try {
      const digit = chosen();
      if (!digit) shown.message = 'Draw a digit in the box, and say which digit it is.';
      else {
        shown.image = moved(digit.image);
        if (models) shown.curves = { cnn: models.cnn.transformCurve(digit.image, digit.label, sweep), mlp: models.mlp.transformCurve(digit.image, digit.label, sweep) };
        else shown.message = `True class ${digit.label}. Train both networks to see their answers.`;
        if (models) shown.message = `True class ${digit.label}; trained networks: ${names.cnn} and ${names.mlp}.`;
      }
      view.update(shown);
      demo.fail(null);
    } catch (err) {
      demo.fail(err);
    }
    node.dataset.ready = '1';
  }

  /** After a setting changed: training settings forget the trained networks; the others redraw. */
  function changed(key) {
    if (key === 'recentre') setValue(fields.recentre.input, !state.recentre);
    if (key === 'move' || key === 'pixels' || key === 'degrees') {
      const { max, step } = sweepOf(state);
      if (Math.abs(state.at) > max || state.at % step !== 0) state.at = 0;
    }
    if (['cnn', 'steps', 'seed'].includes(key) && models) freeModels();
    render();
  }

  /** The text of a field for demo.set (the checkbox says "do not re-centre": its opposite). */
  const read = (key) => (key === 'recentre' ? (fields.recentre.input.checked ? '0' : '1') : fields[key].input.value);
  return { node, fields, read, changed, render };
}
