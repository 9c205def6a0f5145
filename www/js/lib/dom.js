// The page kit: the one element helper and the labelled pieces every demo is built from.
// Nothing here computes a result; numbers arrive from the core and are only turned into text.
//
//   el('p', { class: 'note', text: 'Hello' }, [child, 'text'])
//   const f = field('select', { label: 'Padding', options: [['valid', 'valid'], ['same', 'same']], value: 'valid' });
//   f.input.addEventListener('change', …);  parent.append(f.node);        // kinds: select, number, range, checkbox, text
//   const s = stat({ id: 'eq-interior', label: 'largest difference' });  s.set('0');
//   section('Title', { intro, id }, [children])                          -> <section class="panel demo-section">
//   table({ head: ['a', 'b'], rows: [[cell, cell]], caption, id })       -> <div class="table-scroll"><table>
//   scrollArea([child], { label: 'Kernel numbers' })                     -> <div class="scroll-x" tabindex="0">
//   figure('caption', { legend: true })                                  -> { node, canvas, legend }
//
// Every control gets a visible <label> (so it has an accessible name); nothing is set through
// inline style attributes or handlers (the site's CSP forbids them), and text from outside (URL,
// files, messages) only ever becomes textContent.

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
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

let uid = 0;
/** A page-unique id with a readable prefix. */
export function uniqueId(prefix = 'el') {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** Integers lo…hi as select options [[v, 'v'], …]. */
export function rangeOptions(lo, hi, suffix = '') {
  const out = [];
  for (let v = lo; v <= hi; v += 1) out.push([v, `${v}${suffix}`]);
  return out;
}

const outputs = new WeakMap(); // range input → { output, format }

function showRange(input) {
  const entry = outputs.get(input);
  if (!entry) return;
  const text = entry.format(Number(input.value));
  entry.output.textContent = text;
  input.setAttribute('aria-valuetext', text);
}

/**
 * A labelled control. `kind`: 'select' | 'number' | 'range' | 'checkbox' | 'text'.
 * opts: { label, name, id, value, min, max, step, options: [[value, text], …] (select),
 * format (range: value → shown text), hint, inputmode, ...attributes }.
 * Returns `{ node, input, output }`; ranges get an <output> that shows their value.
 */
export function field(kind, opts) {
  const { label, options, format = String, hint, value, ...attrs } = opts;
  const id = attrs.id ?? uniqueId(attrs.name ?? 'field');
  let input;
  if (kind === 'select') {
    input = el('select', { ...attrs, id });
    for (const [v, text] of options) input.append(el('option', { value: String(v), text }));
  } else {
    const inputmode = kind === 'number' ? (attrs.inputmode ?? 'numeric') : attrs.inputmode;
    input = el('input', { type: kind, ...attrs, id, inputmode });
  }
  const node = el('label', { for: id, class: `field field-${kind}` });
  const caption = el('span', { class: 'field-label', text: label });
  let output = null;
  if (kind === 'checkbox') {
    node.append(input, caption);
  } else if (kind === 'range') {
    output = el('output', { for: id, class: 'field-value', 'aria-hidden': 'true' });
    outputs.set(input, { output, format });
    input.addEventListener('input', () => showRange(input));
    node.append(el('span', { class: 'field-head' }, [caption, output]), input);
  } else {
    node.append(caption, input);
  }
  if (hint) node.append(el('span', { class: 'field-hint', text: hint }));
  setValue(input, value);
  return { node, input, output };
}

/** Set a control's value from code (no events fired); a range's shown value follows. */
export function setValue(input, value) {
  if (input.type === 'checkbox') input.checked = Boolean(value);
  else input.value = String(value ?? '');
  if (input.type === 'range') showRange(input);
}

/** A button: `button('Train both', { id, class: 'secondary' }, onClick)`. */
export function button(text, props = {}, onClick = null) {
  const node = el('button', { type: 'button', ...props, text });
  if (onClick) node.addEventListener('click', onClick);
  return node;
}

/**
 * A labelled number shown as DOM text: `<div class="stat"><span>label</span><output id>…`.
 * `set(text)` writes the text and an aria-label "label: text"; `value` (optional) is kept in
 * `data-value` for tests and other views that want the unrounded number.
 */
export function stat({ id, label, unit = '', cls = '' }) {
  const output = el('output', { id, class: 'stat-value', text: '—' });
  const node = el('div', { class: `stat ${cls}`.trim() }, [el('span', { class: 'stat-label', text: label }), output]);
  if (unit) node.append(el('span', { class: 'stat-unit', text: unit }));
  return {
    node,
    output,
    set(text, value) {
      output.textContent = text;
      output.setAttribute('aria-label', `${label}: ${text}${unit ? ` ${unit}` : ''}`);
      if (value === undefined) delete output.dataset.value;
      else output.dataset.value = String(value);
    },
  };
}

/** A row of stats: `stats([s1, s2])`. */
export function stats(list, cls = '') {
  return el('div', { class: `stats ${cls}`.trim() }, list.map((s) => s.node));
}

/**
 * A figure with a caption, holding a canvas (or `content`, e.g. a cell picker's element; then
 * `canvas` is null) and an optional legend slot.
 */
export function figure(caption, { id, cls = '', legend = false, canvasLabel, content } = {}) {
  const canvas = content ? null : el('canvas', { role: 'img', 'aria-label': canvasLabel ?? caption });
  const legendNode = legend ? el('div', { class: 'legend' }) : null;
  const text = el('figcaption', { text: caption });
  const node = el('figure', { class: `map-figure ${cls}`.trim(), id }, [content ?? canvas, text, legendNode]);
  return { node, canvas, caption: text, legend: legendNode };
}

/**
 * A section of a demo: a panel with a heading, an optional intro paragraph and children.
 * Returns the <section>; append more content to it directly. The heading's id is `headingId`,
 * else `${id}-title`.
 */
export function section(title, { intro, id, cls = '', headingId = id ? `${id}-title` : uniqueId('section') } = {}, children = []) {
  return el('section', { class: `panel demo-section ${cls}`.trim(), id, 'aria-labelledby': headingId }, [
    el('h2', { id: headingId, text: title }),
    intro ? el('p', { class: 'section-intro', text: intro }) : null,
    ...children,
  ]);
}

function cellNode(cell, tag) {
  if (cell instanceof Node) return cell;
  if (cell !== null && typeof cell === 'object') {
    const { text, id, label, cls, header, ...attrs } = cell;
    return el(header ? 'th' : tag, { ...attrs, id, class: cls, 'aria-label': label, scope: header ? 'row' : undefined, text: String(text ?? '') });
  }
  return el(tag, { text: String(cell ?? '') });
}

/**
 * A table of DOM text. `head`: column headings; `rows`: arrays of cells, each a string, a Node
 * (e.g. a <th>), or `{ text, id, label, cls, header }` (`header: true` makes a row heading); a
 * row may also be `{ cells, dataset }` to give its <tr> data- attributes (`{ row: 'y' }`).
 * `rowHeads: true` makes each row's first cell a row heading. Returns a scrolling wrapper.
 */
export function table({ head, rows, caption, id, cls = '', rowHeads = false }) {
  const node = el('table', { id, class: cls || undefined }, [
    caption ? el('caption', { text: caption }) : null,
    el('thead', {}, [el('tr', {}, head.map((h) => el('th', { scope: 'col', text: h })))]),
    el('tbody', {}, rows.map((row) => el('tr', { dataset: row.dataset }, (row.cells ?? row).map((c, i) => (rowHeads && i === 0 && !(c instanceof Node) ? cellNode({ ...(typeof c === 'object' && c ? c : { text: c }), header: true }, 'td') : cellNode(c, 'td')))))),
  ]);
  return scrollArea([node], { label: caption, cls: 'table-scroll' });
}

/**
 * A box that scrolls sideways when its content is wider than the page (a phone). It can take
 * keyboard focus, so the arrow keys scroll it, and it is a named region when `label` is given.
 */
export function scrollArea(children, { label, id, cls = 'scroll-x' } = {}) {
  return el('div', { class: cls, id, tabindex: '0', role: label ? 'region' : undefined, 'aria-label': label || undefined }, children);
}

/** A small legend: `legendList([['c-blue', 'training'], …])` (swatch classes and texts). */
export function legendList(items) {
  return el('ul', { class: 'legend-list' }, items.map(([cls, text]) => el('li', {}, [el('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), text])));
}
