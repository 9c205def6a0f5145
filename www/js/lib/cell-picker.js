// A heatmap (heatmap.js) you can point into: mouse hover previews a cell, click or tap selects
// it, and the keyboard moves the selection (arrows; Shift+arrows jump 4; Home/End the row's
// ends; PageUp/PageDown the column's ends). Boxes drawn over the map (the selected cell, a
// window) are positioned in percent, so they follow the CSS-scaled canvas at any width.
//
//   const picker = createCellPicker({ label: 'Output', onSelect: (r, c) => …, onHover: (r, c) => … });
//   parent.append(picker.element);
//   picker.draw(data, h, w, { map: 'diverging' });   // -> { lo, hi } as drawHeatmap
//   picker.select(r, c);                             // move the selection box (no callback)
//   picker.box('window', { top, left, bottom, right } | null);   // an extra box, by name
//
// With `interactive: false` the map only shows named boxes (no selection, focus, pointer or keys).
//
// onHover(null) is called when the pointer leaves. Taps select; dragging a finger scrolls the
// page as usual, so a map that fills a phone screen never traps the reader.
import { el } from './dom.js';
import { drawHeatmap } from './heatmap.js';


/** Create a picker; `label` names it for assistive technology. */
export function createCellPicker({ label, onSelect = () => {}, onHover = () => {}, keyStep = 4, interactive = true, showSelection = interactive }) {
  const element = el('div', { class: interactive ? 'picker' : 'picker static' });
  if (interactive) {
    element.tabIndex = 0;
    element.setAttribute('role', 'application');
    element.setAttribute('aria-roledescription', 'cell picker');
    element.setAttribute('aria-label', `${label}: arrow keys move the selected cell`);
  } else {
    element.setAttribute('role', 'img');
    element.setAttribute('aria-label', label);
  }
  const canvas = el('canvas', { 'aria-hidden': 'true' });
  const boxes = new Map();
  const selected = el('div', { class: 'picker-box picker-selected' });
  element.append(canvas, selected);

  let h = 0;
  let w = 0;
  let sel = { r: 0, c: 0 };

  function place(node, top, left, bottom, right) {
    const t = Math.max(0, top);
    const l = Math.max(0, left);
    const b = Math.min(h - 1, bottom);
    const r = Math.min(w - 1, right);
    node.hidden = !(h && w && b >= t && r >= l);
    if (node.hidden) return;
    node.style.top = `${(100 * t) / h}%`;
    node.style.left = `${(100 * l) / w}%`;
    node.style.height = `${(100 * (b - t + 1)) / h}%`;
    node.style.width = `${(100 * (r - l + 1)) / w}%`;
  }

  function select(r, c) {
    sel = { r: Math.max(0, Math.min(h - 1, r)), c: Math.max(0, Math.min(w - 1, c)) };
    place(selected, sel.r, sel.c, sel.r, sel.c);
    if (!showSelection) selected.hidden = true;
    return sel;
  }

  function box(name, rect) {
    let node = boxes.get(name);
    if (!node) {
      node = el('div', { class: `picker-box picker-${name}` });
      element.insertBefore(node, selected);
      boxes.set(name, node);
    }
    if (!rect) node.hidden = true;
    else place(node, rect.top, rect.left, rect.bottom, rect.right);
  }

  function draw(data, rows, cols, options) {
    const shapeChanged = rows !== h || cols !== w;
    h = rows;
    w = cols;
    const range = drawHeatmap(canvas, data, rows, cols, options);
    element.classList.toggle('picker-tall', rows > cols);
    if (shapeChanged) select(sel.r, sel.c);
    return range;
  }

  function cellAt(event) {
    const rect = canvas.getBoundingClientRect();
    if (!rect.width || !rect.height || !h || !w) return null;
    const c = Math.floor(((event.clientX - rect.left) / rect.width) * w);
    const r = Math.floor(((event.clientY - rect.top) / rect.height) * h);
    if (r < 0 || c < 0 || r >= h || c >= w) return null;
    return { r, c };
  }

  function choose(r, c) {
    const s = select(r, c);
    onSelect(s.r, s.c);
  }

  function listen() {
    element.addEventListener('pointerdown', (event) => {
      const cell = cellAt(event);
      if (!cell) return;
      if (event.pointerType === 'mouse') event.preventDefault();
      element.focus({ preventScroll: true });
      choose(cell.r, cell.c);
    });
    element.addEventListener('pointermove', (event) => {
      if (event.pointerType !== 'mouse') return;
      const cell = cellAt(event);
      if (event.buttons & 1) {
        if (cell && (cell.r !== sel.r || cell.c !== sel.c)) choose(cell.r, cell.c);
      } else {
        onHover(cell ? cell.r : null, cell ? cell.c : null);
      }
    });
    element.addEventListener('pointerleave', () => onHover(null, null));

    element.addEventListener('keydown', (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const step = event.shiftKey ? keyStep : 1;
      const moves = {
        ArrowUp: [-step, 0], ArrowDown: [step, 0], ArrowLeft: [0, -step], ArrowRight: [0, step],
        Home: [0, -w], End: [0, w], PageUp: [-h, 0], PageDown: [h, 0],
      };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      choose(sel.r + move[0], sel.c + move[1]);
    });
  }
  if (interactive) listen();

  return {
    element,
    canvas,
    draw,
    select,
    box,
    get selected() { return { ...sel }; },
    get shape() { return { h, w }; },
  };
}
