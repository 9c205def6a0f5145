// A labelled slider whose current value is shown beside it as DOM text (and announced through
// aria-valuetext), in the same `{ label, control }` form as dom.js's fields.
//
//   const { label, control, output } = rangeField('Gaussian σ', { min: 0.5, max: 2, step: 0.1, value: 1 });
//   control.addEventListener('input', () => { … Number(control.value) … });
//   setRange(control, 1.5);   // move it from code; the shown value follows
import { el } from './dom.js';

const outputs = new WeakMap();

function refresh(control) {
  const entry = outputs.get(control);
  if (!entry) return;
  const text = entry.format(Number(control.value));
  entry.output.textContent = text;
  control.setAttribute('aria-valuetext', text);
}

/** A labelled `<input type=range>` with its value as text; `format` turns the value into text. */
export function rangeField(text, { min, max, step = 1, value, format = String, ...props } = {}) {
  const control = el('input', { type: 'range', min, max, step, ...props });
  control.value = String(value);
  const output = el('output', { class: 'range-value', 'aria-hidden': 'true' });
  outputs.set(control, { output, format });
  refresh(control);
  control.addEventListener('input', () => refresh(control));
  const label = el('label', { class: 'field field-range' }, [
    el('span', { class: 'field-label' }, [text, ' ', output]),
    control,
  ]);
  return { label, control, output };
}

/** Set a range field's value from code and update its shown text. */
export function setRange(control, value) {
  control.value = String(value);
  refresh(control);
}
