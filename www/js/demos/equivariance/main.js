// Demo: equivariance and invariance. A real test digit is shifted, rotated or scaled and run
// through a convolution, pooling and an MLP's first layer; the core measures what changes.
// Page layout and drawing: equivariance-view.js; the core calls: equivariance-core.js.
import { mountShell, onReady, showError, clearError } from '../shell.js';
import { loadCore } from '../wasm.js';
import { readState, writeState, decodeState } from '../state.js';
import { loadDigits } from '../lib/digits.js';
import { el, field, setValue, checkSetting } from '../lib/dom-kit.js';
import { KERNELS, makeKernel, equivariance, invariance, subsampled, rotation, mlp } from './equivariance-core.js';
import { buildView } from './equivariance-view.js';

const SCHEMA = {
  digit: { type: 'int', min: 0, max: 1999, default: 0 },
  dx: { type: 'int', min: -10, max: 10, default: 2 },
  dy: { type: 'int', min: -10, max: 10, default: 1 },
  kernel: { type: 'enum', values: KERNELS.map(([k]) => k), default: 'sobelX' },
  seed: { type: 'int', min: 0, max: 99999, default: 1 },
  sample: { type: 'enum', values: ['stride2', 'pool'], default: 'stride2' },
  angle: { type: 'float', min: -180, max: 180, default: 30 },
  scale: { type: 'float', min: 0.5, max: 2, default: 1 },
  units: { type: 'int', min: 8, max: 256, default: 64 },
};

const { content } = mountShell({
  title: 'Equivariance and invariance',
  description:
    'Shift a handwritten digit and watch the feature map move with it (equivariance), pooling forget where (invariance), ' +
    'stride, rotation and scale break the rule, and an MLP see a completely new input.',
});
content.classList.add('eq-demo');

const { state, problems } = readState(SCHEMA);
let notices = [...problems];

function controls() {
  const c = {
    digit: field('number', { label: 'Test digit (0–1999)', name: 'digit', min: 0, max: 1999, step: 1, value: state.digit }),
    dx: field('range', { label: 'Shift right (px)', name: 'dx', min: -10, max: 10, step: 1, value: state.dx }),
    dy: field('range', { label: 'Shift down (px)', name: 'dy', min: -10, max: 10, step: 1, value: state.dy }),
    kernel: field('select', { label: 'Kernel', name: 'kernel', options: KERNELS, value: state.kernel }),
    seed: field('number', { label: 'Seed (random kernel, MLP)', name: 'seed', min: 0, max: 99999, step: 1, value: state.seed }),
    sample: field('select', {
      label: 'Subsampling',
      name: 'sample',
      options: [['stride2', 'convolution with stride 2'], ['pool', 'stride-1 convolution, then 2×2 max pool']],
      value: state.sample,
    }),
    angle: field('range', { label: 'Rotate (degrees)', name: 'angle', min: -180, max: 180, step: 5, value: state.angle }),
    scale: field('range', { label: 'Scale', name: 'scale', min: 0.5, max: 2, step: 0.1, value: state.scale }),
    units: field('range', { label: 'Hidden units', name: 'units', min: 8, max: 256, step: 8, value: state.units }),
  };
  c.prev = el('button', { type: 'button', class: 'secondary', text: '◀ Previous', 'aria-label': 'previous digit' });
  c.next = el('button', { type: 'button', class: 'secondary', text: 'Next ▶', 'aria-label': 'next digit' });
  c.label = el('output', { id: 'eq-label', class: 'digit-label', 'aria-live': 'polite' });
  return c;
}

const c = controls();
const top = el('div', { class: 'controls panel eq-controls', role: 'group', 'aria-label': 'Digit, shift and kernel' }, [
  el('div', { class: 'digit-picker' }, [c.digit.node, el('div', { class: 'button-row' }, [c.prev, c.next]), c.label]),
  c.dx.node,
  c.dy.node,
  c.kernel.node,
  c.seed.node,
]);
content.append(top);
const view = buildView(content, {
  sample: el('div', { class: 'controls' }, [c.sample.node]),
  rotation: el('div', { class: 'controls' }, [c.angle.node, c.scale.node]),
  mlp: el('div', { class: 'controls' }, [c.units.node]),
});

let core = null;
let digits = null;

function report(error) {
  const lines = [...notices];
  if (error) lines.push(error instanceof Error ? error.message : String(error));
  if (lines.length) showError(lines.join('\n'));
  else clearError();
}

function render() {
  if (!core || !digits) return;
  try {
    const image = digits.image('test', state.digit);
    const kernel = makeKernel(core, state.kernel, state.seed);
    const eq = equivariance(core, image, kernel, state.dy, state.dx);
    const inv = invariance(core, eq.fx, eq.fgx);
    const results = {
      image,
      label: digits.label('test', state.digit),
      kernel,
      eq,
      inv,
      sub: subsampled(core, image, eq.moved, kernel, state.dy, state.dx, state.sample, inv),
      rot: rotation(core, image, eq.fx, kernel, state.angle, state.scale),
      mlp: mlp(core, image, eq.moved, state.units, state.seed),
    };
    view.update(state, results);
    c.label.textContent = `label: ${results.label}`;
    report(null);
  } catch (err) {
    report(err);
  }
  content.dataset.ready = '1';
}

/** Set `key` from a control's text, checked against the schema like a URL value. */
function change(key, text) {
  const checked = checkSetting(decodeState, SCHEMA, key, text, state[key]);
  notices = checked.problem ? [checked.problem] : [];
  if (checked.problem) setValue(c[key].input, state[key]);
  else state[key] = checked.value;
  writeState(state, SCHEMA);
  render();
}

function set(key, value) {
  const clamped = Math.min(SCHEMA[key].max, Math.max(SCHEMA[key].min, value));
  setValue(c[key].input, clamped);
  change(key, String(clamped));
}

for (const key of Object.keys(SCHEMA)) {
  const input = c[key].input;
  input.addEventListener(input.type === 'range' ? 'input' : 'change', () => change(key, input.value));
}
c.prev.addEventListener('click', () => set('digit', state.digit - 1));
c.next.addEventListener('click', () => set('digit', state.digit + 1));

// Drag the shifted digit (mouse, pen or touch), or move it with the arrow keys.
const shifted = view.gx.canvas;
let drag = null;
shifted.addEventListener('pointerdown', (event) => {
  drag = { id: event.pointerId, x: event.clientX, y: event.clientY, dx: state.dx, dy: state.dy };
  shifted.setPointerCapture(event.pointerId);
  event.preventDefault();
});
shifted.addEventListener('pointermove', (event) => {
  if (!drag || event.pointerId !== drag.id) return;
  const cell = shifted.getBoundingClientRect().width / 28;
  const dx = drag.dx + Math.round((event.clientX - drag.x) / cell);
  const dy = drag.dy + Math.round((event.clientY - drag.y) / cell);
  if (dx !== state.dx) set('dx', dx);
  if (dy !== state.dy) set('dy', dy);
});
const endDrag = () => {
  drag = null;
};
shifted.addEventListener('pointerup', endDrag);
shifted.addEventListener('pointercancel', endDrag);
shifted.addEventListener('keydown', (event) => {
  const moves = { ArrowLeft: ['dx', -1], ArrowRight: ['dx', 1], ArrowUp: ['dy', -1], ArrowDown: ['dy', 1] };
  const move = moves[event.key];
  if (!move) return;
  event.preventDefault();
  set(move[0], state[move[0]] + move[1]);
});

onReady(async () => {
  core = await loadCore();
  digits = await loadDigits(core);
  const count = digits.count('test');
  c.digit.input.max = String(count - 1);
  render();
});
