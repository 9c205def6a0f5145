// Small DOM helpers for the demos: element creation and labelled form controls.
//
//   el('p', { class: 'note', text: 'Hello' }, [child, 'text'])
//   const { label, control } = selectField('Padding', [['valid', 'valid'], ['same', 'same']], 'valid');
//   const { label, control } = numberField('Seed', { min: 0, max: 999, value: 1 });
//   const { label, control } = checkField('Volume mode', false);
// Every control gets a visible <label> wrapping it (so it has an accessible name); nothing is
// set through inline style attributes or handlers (the site's CSP forbids them).

/**
 * Create an element: props `text`, `class`, `dataset` (object), others as attributes (`true` →
 * present and empty; `false`, `null`, `undefined` → left out). Null children are skipped.
 */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function field(text, control, extraClass = '') {
  const label = el('label', { class: `field ${extraClass}`.trim() }, [el('span', { class: 'field-label', text }), control]);
  return { label, control };
}

/** A labelled <select>; `options` is a list of [value, text]. */
export function selectField(text, options, value, props = {}) {
  const control = el('select', props);
  for (const [v, t] of options) control.append(el('option', { value: String(v), text: t }));
  control.value = String(value);
  return field(text, control);
}

/** A labelled number input. */
export function numberField(text, { min, max, step = 1, value, ...props } = {}) {
  const control = el('input', { type: 'number', min, max, step, inputmode: 'numeric', ...props });
  control.value = String(value);
  return field(text, control);
}

/** A labelled checkbox (label text after the box). */
export function checkField(text, checked, props = {}) {
  const control = el('input', { type: 'checkbox', ...props });
  control.checked = Boolean(checked);
  const label = el('label', { class: 'field field-check' }, [control, el('span', { class: 'field-label', text })]);
  return { label, control };
}

/** Integers lo…hi as select options [[v, String(v)], …]. */
export function rangeOptions(lo, hi, suffix = '') {
  const out = [];
  for (let v = lo; v <= hi; v += 1) out.push([v, `${v}${suffix}`]);
  return out;
}

/** Read a CSS custom property of the page (e.g. '--cat-blue'), trimmed. */
export function cssVar(name, fallback = '#000') {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}
