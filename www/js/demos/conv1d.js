// "Convolution of signals": x as a sum of shifted impulses, the unit-sample response h, and
// y[n] = Σ x[k]·h[n−k] built by flip → slide → multiply → sum. State in the URL; every number
// from the core (computeSignals in conv1d/model.js).
import { clearError, mountShell, onReady, showError } from '../shell.js';
import { loadCore } from '../wasm.js';
import { writeState } from '../state.js';
import { el, selectField } from '../lib/dom.js';
import { bindPlayerKeys, createPlayer, mountPlayerControls } from '../lib/player.js';
import { computeSignals, gaussianPreset, loadState, PRESETS, presetOf, SCHEMA, stageAt, stepCount, valueFor } from './conv1d/model.js';
import { createSignalEditor } from './conv1d/editor.js';
import { createDecomposition, createIdentity, STYLE } from './conv1d/panels.js';
import { createStepper } from './conv1d/stepper.js';

const { content } = mountShell({
  title: 'Convolution of signals',
  description:
    'A signal is a sum of shifted impulses, and a linear time-invariant system answers each impulse with a shifted copy of its unit-sample response h. So the output is y[n] = Σ x[k]·h[n−k]. Every number on this page is computed by the WebAssembly core.',
});

function describe(model, v) {
  if (!model) return 'No steps.';
  const { phase, n } = stageAt(v);
  return `Step ${v} of ${stepCount(model.length)}: ${phase}${phase === 'flip' ? '' : ` for n = ${n}`}.`;
}

function startApp(core, { state, problems }) {
  let loadProblems = problems;
  let coreProblem = '';
  let model = null;
  const save = () => writeState(state, SCHEMA);
  const report = () => {
    const lines = coreProblem ? [...loadProblems, coreProblem] : loadProblems;
    if (lines.length) showError(lines.join('\n'));
    else clearError();
  };

  const gaussian = { x: gaussianPreset(core, 'x'), h: gaussianPreset(core, 'h') };
  const presets = (key) => () =>
    Object.entries(PRESETS).map(([id, p]) => (id === 'gaussian' ? { id, ...gaussian[key] } : { id, label: p.label, values: p[key] }));

  const player = createPlayer({ count: 0, value: 0, speed: Number(state.speed) });
  const mode = selectField('Operation', [['conv', 'true convolution (h flipped)'], ['xcorr', 'cross-correlation (no flip)']], state.mode, { id: 'mode' });
  const editors = {
    x: createSignalEditor({ key: 'x', title: 'Input signal x[n]', name: 'x', hint: 'Drag the stems, or tap a value and type. Up to 16 samples, values −9 to 9.', ...STYLE.x, presets: presets('x'), onChange: (v, o) => edit('x', v, o) }),
    h: createSignalEditor({ key: 'h', title: 'Unit-sample response h[n]', name: 'h', hint: 'What the system does to a single impulse δ[n]. Up to 8 samples.', ...STYLE.h, presets: presets('h'), onChange: (v, o) => edit('h', v, o) }),
  };
  const decomposition = createDecomposition();
  const stepper = createStepper({
    onPick: (n) => {
      player.pause();
      player.set(valueFor(n));
    },
  });
  const identity = createIdentity();
  const playerUi = mountPlayerControls(player, { label: 'Convolution steps', describe: (v) => describe(model, v) });
  playerUi.element.id = 'player';
  stepper.slot.append(playerUi.element);

  content.classList.add('conv1d');
  content.append(
    el('div', { class: 'conv1d-mode panel' }, [
      mode.label,
      el('p', { class: 'part-hint', text: 'True convolution flips h before sliding it; cross-correlation slides it as it is. Switch and watch step 3; section 4 shows how the two are related.' }),
    ]),
    el('section', { class: 'conv1d-section', 'aria-labelledby': 'signals-title' }, [
      el('h2', { id: 'signals-title', text: '1. The input and the system' }),
      el('div', { class: 'signal-editors' }, [editors.x.element, editors.h.element]),
    ]),
    decomposition.element,
    stepper.element,
    identity.element,
  );
  bindPlayerKeys(content, player);

  function recompute() {
    try {
      model = computeSignals(core, state);
      coreProblem = '';
    } catch (err) {
      coreProblem = err instanceof Error ? err.message : String(err);
      return false;
    }
    for (const key of ['x', 'h']) editors[key].show(state[key], presetOf(key, state[key], gaussian[key].values));
    decomposition.show(model);
    identity.show(model);
    player.setCount(stepCount(model.length));
    stepper.show(model, player.value);
    return true;
  }

  function edit(key, values, { commit }) {
    loadProblems = [];
    state[key] = values;
    recompute();
    if (commit) save();
    report();
  }

  mode.control.addEventListener('change', () => {
    loadProblems = [];
    state.mode = mode.control.value;
    recompute();
    save();
    report();
  });
  player.subscribe(() => {
    state.step = player.value;
    state.speed = String(player.speed);
    if (model) stepper.show(model, player.value);
    save();
  });

  let wanted = state.step; // recompute() resets the player, which writes state.step
  if (recompute() && wanted > stepCount(model.length)) {
    loadProblems.push(`Setting "step" was "${wanted}", which is beyond the last step ${stepCount(model.length)}; using the default.`);
    wanted = SCHEMA.step.default;
  }
  player.set(wanted);
  save();
  report();
}

onReady(async () => {
  const core = await loadCore();
  startApp(core, loadState(location.search));
});
