// "The sliding kernel in 2D": the lecture's 5×5 example stepped window by window, with every
// setting (sizes, stride, padding, dilation, mode, volume) in the URL. All numbers come from the
// core (model.js); this module wires state, controls, player and stage together.
import { defineDemo } from '../../demo.js';
import { el } from '../../lib/dom.js';
import { bindPlayerKeys, createPlayer, mountPlayerControls } from '../../lib/player.js';
import { applySettings, checkData, goodfellowState, lectureState, randomFill, SCHEMA } from './state.js';
import { computeModel, FORMULA_LEGEND, formulaText, inputIndex, kernelIndex, stepText } from './model.js';
import { createControls } from './controls.js';
import { createStage } from './stage.js';
import { computeBothOrders, createCommute } from './commute.js';
import { computeBackward, createBackward } from './backward.js';
import { mountGroups } from './groups.js';
import { checkGroups } from './groups-model.js';
import { mountTransposed } from './transposed.js';
import { checkTransposed } from './transposed-model.js';

/** The output-size panel: the formula evaluated by the core's geometry, or why there is none. */
function createFormula() {
  const element = el('section', { class: 'panel conv-formula', id: 'formula', 'aria-label': 'Output size' });
  return {
    element,
    show(model) {
      const g = model.geometry;
      const maps = model.d.F > 1 ? ` × ${model.d.F} maps` : '';
      element.replaceChildren(
        el('h2', { text: 'Output size' }),
        el('p', { class: 'formula-line' }, [el('span', { class: 'formula-axis', text: 'height ' }), el('span', { class: 'formula', id: 'formula-height', text: formulaText(g, 'height') })]),
        el('p', { class: 'formula-line' }, [el('span', { class: 'formula-axis', text: 'width ' }), el('span', { class: 'formula', id: 'formula-width', text: formulaText(g, 'width') })]),
        el('p', { class: 'formula-summary', id: 'output-size', text: `Output ${g.outH} × ${g.outW}${maps}; padding top ${g.pads.top}, bottom ${g.pads.bottom}, left ${g.pads.left}, right ${g.pads.right}.` }),
        el('p', { class: 'part-hint', text: FORMULA_LEGEND }),
      );
    },
    fail(message) {
      element.replaceChildren(
        el('h2', { text: 'Output size' }),
        el('p', { class: 'formula-error', id: 'formula-error', text: `No output for this setting: ${message}` }),
        el('p', { class: 'part-hint', text: 'Change a setting to fix it; the last result that worked is shown dimmed below.' }),
      );
    },
  };
}

function mount(demo) {
  const { core, state, root: content } = demo;
  let model = null;

  const player = demo.own(createPlayer({ count: 0, value: 0, speed: Number(state.speed) }));

  function recompute() {
    try {
      model = computeModel(core, state);
      demo.fail(null);
    } catch (err) {
      demo.fail(err);
      formula.fail(err.message);
      stage.setStale(true);
      player.pause();
      return false;
    }
    formula.show(model);
    stage.setStale(false);
    stage.show(model);
    player.setCount(model.count);
    showCommute();
    showBackward();
    return true;
  }

  /** The backward section (when shown), on the current setting and ∂L/∂y. */
  function showBackward() {
    backToggle.setAttribute('aria-pressed', String(state.back));
    backward.element.hidden = !state.back;
    if (!state.back || !model) return;
    try {
      backward.show(model, computeBackward(core, state, model), state.bstep, state.fdh);
    } catch (err) {
      demo.fail(err);
    }
  }
  const backChange = (apply) => {
    apply();
    showBackward();
    demo.save();
  };

  /** The commutativity section, on the current input and kernel. */
  function showCommute() {
    try {
      commute.show(state, computeBothOrders(core, state));
    } catch (err) {
      demo.fail(err);
    }
  }

  /** A user action: drop the load-time messages, apply, recompute, save. */
  function change(apply) {
    demo.notify([]);
    apply();
    controls.sync(state);
    recompute();
    groups.refresh();
    demo.save();
  }

  const edit = (key, index, value) => change(() => { state[key][index] = value; });

  const controls = createControls({
    onSettings: (patch) => change(() => applySettings(core, state, patch)),
    onLecture: () => change(() => Object.assign(state, lectureState(state.speed))),
    onRandom: (seed) => change(() => randomFill(core, Object.assign(state, { seed }))),
    onGoodfellow: () => change(() => Object.assign(state, goodfellowState(core, state))),
  });
  const commute = createCommute({
    onChange: (key, text) => {
      if (demo.set(key, text)) demo.notify([]);
      showCommute();
      demo.save();
    },
  });
  const formula = createFormula();
  const backward = createBackward({
    onGradEdit: (i, v) => change(() => {
      state.dy = computeBackward(core, state, model).dy;
      state.dy[i] = v;
    }),
    onStep: (i) => backChange(() => { state.bstep = i; }),
    onH: (h) => backChange(() => { state.fdh = h; }),
  });
  const backToggle = el('button', { type: 'button', id: 'back-toggle', class: 'secondary', text: 'Backward pass: ∂L/∂x and ∂L/∂w' });
  backToggle.addEventListener('click', () => backChange(() => { state.back = !state.back; }));
  const stage = createStage({
    onInputEdit: (ch, r, c, v) => edit('input', inputIndex(model.d, ch, r, c), v),
    onKernelEdit: (o, ch, r, c, v) => edit('kernel', kernelIndex(model.d, o, ch, r, c), v),
    onBiasEdit: (o, v) => edit('bias', o, v),
    onPick: (step) => {
      player.pause();
      player.set(step);
    },
  });
  const playerUi = demo.own(mountPlayerControls(player, { label: 'Convolution steps', describe: (v) => stepText(model, v) }));
  playerUi.element.id = 'player';

  content.classList.add('conv2d');
  // The stage first (what the lecture shows), the settings below with the formula beside them,
  // so a changed setting and its formula (or the reason it is impossible) are seen together.
  content.append(playerUi.element, stage.element, el('p', { class: 'backward-toggle' }, [backToggle]), backward.element, el('div', { class: 'conv-settings' }, [controls.element, formula.element]), commute.element);
  const groups = mountGroups(demo);
  content.append(groups.element);
  // The transposed mode (op=transposed): its switch first, its section last; the parts above are
  // hidden while it is on.
  const transposed = mountTransposed(demo, [playerUi.element, stage.element, backToggle.parentElement, backward.element, formula.element.parentElement, commute.element, groups.element]);
  content.prepend(transposed.modeBar);
  content.append(transposed.element);
  demo.own(bindPlayerKeys(content, player));
  player.subscribe(() => {
    state.step = player.value;
    state.speed = String(player.speed);
    stage.showStep(player.value);
    demo.save();
  });

  controls.sync(state);
  let wanted = state.step; // recompute() resets the player, which writes state.step
  if (recompute() && wanted > model.count) {
    demo.notify([...demo.notices, `Setting "step" was "${wanted}", which is beyond the last step ${model.count}; using the default.`]);
    wanted = SCHEMA.step.default;
  }
  player.set(wanted);
  stage.showStep(player.value);
  if (state.op === 'transposed') transposed.refresh(); // its error, not the hidden stepper's, is the one shown
  demo.save();
}

defineDemo({
  title: 'Convolution in 2D',
  description: "The sliding kernel in 2D — the lecture's 5×5 example, step by step. Every number on this page is computed by the WebAssembly core.",
  schema: SCHEMA,
  check: (state, problems, { core }) => {
    checkData(core, state, problems, location.search);
    checkGroups(core, state, problems);
    checkTransposed(core, state, problems, location.search);
  },
  mount,
});
