// The equivariance demo's controls: the digit picker, shift, kernel and seed on top; the
// subsampling, rotation/scale and MLP settings inside their sections; and moving the shifted
// digit by dragging it (mouse, pen or touch) or with the arrow keys. Bounds come from the schema.
import { button, el, field } from '../../lib/dom.js';
import { KERNELS } from './measure.js';

const SAMPLES = [
  ['stride2', 'convolution with stride 2'],
  ['pool', 'stride-1 convolution, then 2×2 max pool'],
];

/**
 * The fields, keyed like the schema (`fields[key].input`), the top panel, the nodes placed inside
 * sections, and the previous/next buttons and the label output of the digit picker.
 */
export function createControls(schema, state) {
  const bounds = (key, step = 1) => ({ name: key, min: schema[key].min, max: schema[key].max, step, value: state[key] });
  const fields = {
    digit: field('number', { label: `Test digit (0–${schema.digit.max})`, ...bounds('digit') }),
    dx: field('range', { label: 'Shift right (px)', ...bounds('dx') }),
    dy: field('range', { label: 'Shift down (px)', ...bounds('dy') }),
    kernel: field('select', { label: 'Kernel', name: 'kernel', options: KERNELS, value: state.kernel }),
    seed: field('number', { label: 'Seed (random kernel, MLP)', ...bounds('seed') }),
    sample: field('select', { label: 'Subsampling', name: 'sample', options: SAMPLES, value: state.sample }),
    angle: field('range', { label: 'Rotate (degrees)', ...bounds('angle', 5) }),
    scale: field('range', { label: 'Scale', ...bounds('scale', 0.1) }),
    units: field('range', { label: 'Hidden units', ...bounds('units', 8) }),
  };
  const prev = button('◀ Previous', { class: 'secondary', 'aria-label': 'previous digit' });
  const next = button('Next ▶', { class: 'secondary', 'aria-label': 'next digit' });
  const label = el('output', { id: 'eq-label', class: 'digit-label', 'aria-live': 'polite' });
  const top = el('div', { class: 'controls panel eq-controls', role: 'group', 'aria-label': 'Digit, shift and kernel' }, [
    el('div', { class: 'digit-picker' }, [fields.digit.node, el('div', { class: 'button-row' }, [prev, next]), label]),
    fields.dx.node,
    fields.dy.node,
    fields.kernel.node,
    fields.seed.node,
  ]);
  const group = (...keys) => el('div', { class: 'controls' }, keys.map((k) => fields[k].node));
  return { fields, top, prev, next, label, inSections: { sample: group('sample'), rotation: group('angle', 'scale'), mlp: group('units') } };
}

const ARROWS = { ArrowLeft: ['dx', -1], ArrowRight: ['dx', 1], ArrowUp: ['dy', -1], ArrowDown: ['dy', 1] };

/**
 * Drag `canvas` (the shifted digit, `columns` pixels wide) to change the shift, or press the
 * arrow keys on it. `shift()` gives the current `{ dx, dy }`; `move(key, value)` sets one.
 */
export function bindShift(canvas, columns, { shift, move }) {
  let drag = null;
  canvas.addEventListener('pointerdown', (event) => {
    drag = { id: event.pointerId, x: event.clientX, y: event.clientY, ...shift() };
    canvas.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    const cell = canvas.getBoundingClientRect().width / columns;
    const now = shift();
    const dx = drag.dx + Math.round((event.clientX - drag.x) / cell);
    const dy = drag.dy + Math.round((event.clientY - drag.y) / cell);
    if (dx !== now.dx) move('dx', dx);
    if (dy !== now.dy) move('dy', dy);
  });
  const end = () => {
    drag = null;
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  canvas.addEventListener('keydown', (event) => {
    const arrow = ARROWS[event.key];
    if (!arrow) return;
    event.preventDefault();
    move(arrow[0], shift()[arrow[0]] + arrow[1]);
  });
}
