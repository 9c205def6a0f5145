// An editable signal (x or h): stems on a canvas that follow a dragging pointer (mouse, pen or
// touch), the same values as an editable DOM grid (keyboard: arrows, type a number, Enter),
// buttons to add/remove a sample, and a preset menu.
import { button, el, field } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { drawStems, stemLayout } from '../../lib/stems.js';
import { LIMITS } from './model.js';
import { valueText } from './signal-style.js';

const SNAP = 4; // values snap to quarters while dragging

const clampValue = (v) => Math.max(-LIMITS.value, Math.min(LIMITS.value, v));

/** The editing range of the canvas: room above and below the values, within the limits. */
function editRange(values) {
  const lo = Math.max(-LIMITS.value, Math.floor(Math.min(0, ...values)) - 1);
  const hi = Math.min(LIMITS.value, Math.ceil(Math.max(0, ...values)) + 1);
  return [lo, hi];
}

/**
 * Create an editor. `key` 'x' | 'h'; `title`; `name` how values are written ('x' → "x[0]");
 * `color`, `marker` for the stems; `presets` [{ id, label, values }];
 * `onChange(values, { commit })` (commit false while a drag is under way); `observe(element, fn)`
 * the demo's resize observer. Returns `{ element, show(values, presetId) }`.
 */
export function createSignalEditor({ key, title, hint, name, color, marker, presets, onChange, observe }) {
  let values = [];
  let range = [-1, 1];
  let drag = null;

  const canvas = el('canvas', {
    class: 'stems editable',
    id: `${key}-canvas`,
    role: 'img',
    'aria-label': `${title} as stems. Drag a stem up or down to change it, or edit the values in the table below.`,
  });
  const grid = createGrid({
    label: `${title}: values`,
    rows: 1,
    cols: 0,
    editable: true,
    format: valueText,
    values: (r, c) => values[c],
    cellLabel: (r, c) => `${name}[${c}]`,
    onChange: (r, c, v) => {
      values[c] = clampValue(v);
      onChange([...values], { commit: true });
    },
  });
  const add = button('Add sample', { class: 'secondary', 'aria-label': `Add sample to ${name}` }, () => {
    if (values.length < LIMITS[key]) onChange([...values, 0], { commit: true });
  });
  const remove = button('Remove last', { class: 'secondary', 'aria-label': `Remove last sample of ${name}` }, () => {
    if (values.length > 1) onChange(values.slice(0, -1), { commit: true });
  });
  const preset = field('select', { label: `Preset for ${name}`, id: `${key}-preset`, options: [['', 'custom'], ...presets.map((p) => [p.id, p.label])], value: '' });
  preset.input.addEventListener('change', () => {
    const chosen = presets.find((p) => p.id === preset.input.value);
    if (chosen) onChange([...chosen.values], { commit: true });
  });
  const element = el('section', { class: 'panel signal-editor', id: `${key}-editor`, 'aria-label': title }, [
    el('h3', { text: title }),
    el('p', { class: 'part-hint', text: hint }),
    canvas,
    el('div', { class: 'grid-scroll' }, [grid.element]),
    el('div', { class: 'editor-buttons' }, [add, remove, preset.node]),
  ]);

  const axis = () => ({ kMin: 0, kMax: Math.max(1, values.length - 1), yMin: range[0], yMax: range[1] });

  function draw() {
    drawStems(canvas, { ...axis(), series: [{ points: values.map((v, k) => ({ k, v })), color, marker }], axisLabel: 'n' });
  }

  function dragTo(event) {
    const rect = canvas.getBoundingClientRect();
    const layout = stemLayout({ width: rect.width, height: rect.height, ...axis() });
    const k = layout.kAt(event.clientX - rect.left);
    if (k < 0 || k >= values.length) return;
    const v = clampValue(Math.round(layout.valueAt(event.clientY - rect.top) * SNAP) / SNAP);
    if (values[k] === v) return;
    values[k] = v;
    onChange([...values], { commit: false });
  }

  canvas.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    drag = { id: event.pointerId };
    dragTo(event);
  });
  canvas.addEventListener('pointermove', (event) => drag?.id === event.pointerId && dragTo(event));
  const end = (event) => {
    if (drag?.id !== event.pointerId) return;
    drag = null;
    range = editRange(values);
    onChange([...values], { commit: true });
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  observe(canvas, draw);

  return {
    element,
    /** Show `values`; `presetId` is the matching preset ('' for custom). */
    show(next, presetId) {
      values = [...next];
      if (!drag) range = editRange(values); // the range stays put while dragging
      grid.render({ cols: values.length, colHeaders: values.map((_, i) => String(i)) });
      preset.input.value = presetId;
      add.disabled = values.length >= LIMITS[key];
      remove.disabled = values.length <= 1;
      draw();
    },
  };
}
