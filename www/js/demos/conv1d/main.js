// "Convolution of signals": x as a sum of shifted impulses, the unit-sample response h, and
// y[n] = Σ x[k]·h[n−k] built by flip → slide → multiply → sum. State in the URL; every number
// from the core (computeSignals in model.js); this module wires state, player and views together.
import { defineDemo } from '../../demo.js';
import { el, field, section, setValue } from '../../lib/dom.js';
import { bindPlayerKeys, createPlayer, mountPlayerControls } from '../../lib/player.js';
import { computeSignals, gaussianPreset, PRESETS, presetOf, SCHEMA, stageAt, stepCount, valueFor } from './model.js';
import { createSignalEditor } from './editor.js';
import { createDecomposition } from './decomposition.js';
import { createIdentity } from './identity.js';
import { createStepper } from './stepper.js';
import { computeContinuous, createContinuous } from './continuous.js';
import { STYLE } from './signal-style.js';
import { mountCausal } from './causal.js';

const MODES = [['conv', 'true convolution (h flipped)'], ['xcorr', 'cross-correlation (no flip)']];

function describe(model, v) {
  if (!model) return 'No steps.';
  const { phase, n } = stageAt(v);
  return `Step ${v} of ${stepCount(model.length)}: ${phase}${phase === 'flip' ? '' : ` for n = ${n}`}.`;
}

function mount(demo) {
  const { core, state, root: content } = demo;
  let model = null;

  const gaussian = { x: gaussianPreset(core, 'x'), h: gaussianPreset(core, 'h') };
  const presets = (key) => Object.entries(PRESETS).map(([id, p]) => (id === 'gaussian' ? { id, ...gaussian[key] } : { id, label: p.label, values: p[key] }));
  const observe = (element, fn) => demo.observe(element, fn);

  const player = demo.own(createPlayer({ count: 0, value: 0, speed: Number(state.speed) }));
  const mode = field('select', { label: 'Operation', id: 'mode', options: MODES, value: state.mode });
  const editors = {
    x: createSignalEditor({ key: 'x', title: 'Input signal x[n]', name: 'x', hint: 'Drag the stems, or tap a value and type. Up to 16 samples, values −9 to 9.', ...STYLE.x, presets: presets('x'), observe, onChange: (v, o) => edit('x', v, o) }),
    h: createSignalEditor({ key: 'h', title: 'Unit-sample response h[n]', name: 'h', hint: 'What the system does to a single impulse δ[n]. Up to 8 samples.', ...STYLE.h, presets: presets('h'), observe, onChange: (v, o) => edit('h', v, o) }),
  };
  const decomposition = createDecomposition({ observe });
  const stepper = createStepper({
    observe,
    onPick: (n) => {
      player.pause();
      player.set(valueFor(n));
    },
  });
  const identity = createIdentity();
  const continuous = createContinuous({ observe, onChange: (key, text) => setContinuous(key, text) });
  const playerUi = demo.own(mountPlayerControls(player, { label: 'Convolution steps', describe: (v) => describe(model, v) }));
  playerUi.element.id = 'player';
  stepper.slot.append(playerUi.element);

  content.classList.add('conv1d');
  content.append(
    el('div', { class: 'conv1d-mode panel' }, [
      mode.node,
      el('p', { class: 'part-hint', text: 'True convolution flips h before sliding it; cross-correlation slides it as it is. Switch and watch step 3; section 4 shows how the two are related.' }),
    ]),
    section('1. The input and the system', { id: 'signals', cls: 'conv1d-section' }, [el('div', { class: 'signal-editors' }, [editors.x.element, editors.h.element])]),
    decomposition.element,
    stepper.element,
    identity.element,
    continuous.element,
  );
  content.append(mountCausal(demo).element);
  demo.own(bindPlayerKeys(content, player));

  function recompute() {
    try {
      model = computeSignals(core, state);
      demo.fail(null);
    } catch (err) {
      demo.fail(err);
      return false;
    }
    for (const key of ['x', 'h']) editors[key].show(state[key], presetOf(key, state[key], gaussian[key].values));
    decomposition.show(model);
    identity.show(model);
    player.setCount(stepCount(model.length));
    stepper.show(model, player.value);
    return true;
  }

  /** The continuous-time section, from the core (its own settings; an error shows in the alert). */
  function showContinuous() {
    try {
      continuous.show(state, computeContinuous(core, state));
    } catch (err) {
      demo.fail(err);
    }
    for (const [key, f] of Object.entries(continuous.fields)) setValue(f.input, state[key]);
  }

  function setContinuous(key, text) {
    if (demo.set(key, text)) demo.notify([]);
    showContinuous();
    demo.save();
  }

  /** A user action: drop the load-time messages, apply, recompute, save (unless mid-drag). */
  function change(apply, commit = true) {
    demo.notify([]);
    apply();
    recompute();
    if (commit) demo.save();
  }

  const edit = (key, values, { commit }) => change(() => { state[key] = values; }, commit);
  demo.listen(mode.input, 'change', () => change(() => { state.mode = mode.input.value; }));
  player.subscribe(() => {
    state.step = player.value;
    state.speed = String(player.speed);
    if (model) stepper.show(model, player.value);
    demo.save();
  });

  let wanted = state.step; // recompute() resets the player, which writes state.step
  if (recompute() && wanted > stepCount(model.length)) {
    demo.notify([...demo.notices, `Setting "step" was "${wanted}", which is beyond the last step ${stepCount(model.length)}; using the default.`]);
    wanted = SCHEMA.step.default;
  }
  player.set(wanted);
  showContinuous();
  demo.save();
}

defineDemo({
  title: 'Convolution of signals',
  description:
    'A signal is a sum of shifted impulses, and a linear time-invariant system answers each impulse with a shifted copy of its unit-sample response h. So the output is y[n] = Σ x[k]·h[n−k]. Every number on this page is computed by the WebAssembly core.',
  schema: SCHEMA,
  mount,
});
