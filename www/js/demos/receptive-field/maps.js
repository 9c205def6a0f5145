// Every map of the stack drawn as a grid of units, input first, with the selected unit and
// its receptive field (the core's regions) highlighted in every map back to the input.
// Mouse, pen or touch: tap a unit. Keyboard: focus a map (Tab), arrows move the unit,
// Home/End jump to the corners, Enter selects that map's centre unit.
import { el } from '../../lib/dom.js';
import { cssVar } from '../../lib/colour.js';

function colours() {
  return {
    cell: '#ffffff',
    line: cssVar('--border', '#b5bdc7'),
    region: cssVar('--cat-orange', '#e69f00'),
    unit: cssVar('--cat-blue', '#0072b2'),
    ink: cssVar('--text', '#15191e'),
  };
}

/**
 * Draw a map's grid at the canvas's displayed size (times the device pixel ratio), so grid
 * lines stay crisp: the CSS decides the size, the bitmap follows it.
 */
function drawGrid(canvas, { h, w }, { region, unit, digit }) {
  const shown = canvas.getBoundingClientRect().width || w * 8;
  const px = Math.max(w, Math.round(shown * (window.devicePixelRatio || 1)));
  canvas.width = px;
  canvas.height = Math.max(h, Math.round((px * h) / w));
  const cw = canvas.width / w;
  const ch = canvas.height / h;
  const X = (col) => Math.round(col * cw);
  const Y = (row) => Math.round(row * ch);
  const rect = (r) => [X(r.left), Y(r.top), X(r.right + 1) - X(r.left), Y(r.bottom + 1) - Y(r.top)];
  const ctx = canvas.getContext('2d');
  const c = colours();
  ctx.fillStyle = c.cell;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  if (digit) {
    for (let i = 0; i < h * w; i += 1) {
      const g = Math.round(255 * (1 - digit[i]));
      ctx.fillStyle = `rgb(${g},${g},${g})`;
      const [row, col] = [Math.floor(i / w), i % w];
      ctx.fillRect(X(col), Y(row), X(col + 1) - X(col), Y(row + 1) - Y(row));
    }
  }
  if (region) {
    ctx.globalAlpha = digit ? 0.45 : 0.6;
    ctx.fillStyle = c.region;
    ctx.fillRect(...rect(region));
    ctx.globalAlpha = 1;
  }
  if (Math.min(cw, ch) >= 4) {
    ctx.strokeStyle = c.line;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let r = 0; r <= h; r += 1) {
      ctx.moveTo(0, Math.min(canvas.height - 0.5, Y(r) + 0.5));
      ctx.lineTo(canvas.width, Math.min(canvas.height - 0.5, Y(r) + 0.5));
    }
    for (let q = 0; q <= w; q += 1) {
      ctx.moveTo(Math.min(canvas.width - 0.5, X(q) + 0.5), 0);
      ctx.lineTo(Math.min(canvas.width - 0.5, X(q) + 0.5), canvas.height);
    }
    ctx.stroke();
  }
  if (region) {
    const width = Math.max(2, Math.round(Math.min(cw, ch) / 4));
    const [x, y, rw, rh] = rect(region);
    ctx.strokeStyle = c.ink;
    ctx.lineWidth = width;
    ctx.strokeRect(x + width / 2, y + width / 2, rw - width, rh - width);
  }
  if (unit) {
    ctx.fillStyle = c.unit;
    ctx.fillRect(...rect({ top: unit.row, left: unit.col, bottom: unit.row, right: unit.col }));
  }
}

/**
 * `createMaps({ onSelect, observe })` → `{ node, render(view) }` where view is
 * `{ maps: [{ h, w, caption }], selected: { layer, row, col } | null, regions, digit }`;
 * maps[0] is the input, maps[k] the output of layer k − 1. `onSelect(layer, row, col)` is
 * called with a layer index ≥ 0 (the input has no units to select). `observe(element, fn)`
 * calls `fn` when the element changes size (the demo's ResizeObserver, released at unmount).
 */
export function createMaps({ onSelect, observe }) {
  const node = el('div', { class: 'rf-maps' });
  let current = null;

  function unitAt(canvas, map, event) {
    const rect = canvas.getBoundingClientRect();
    const col = Math.floor(((event.clientX - rect.left) / rect.width) * map.w);
    const row = Math.floor(((event.clientY - rect.top) / rect.height) * map.h);
    return { row: Math.min(map.h - 1, Math.max(0, row)), col: Math.min(map.w - 1, Math.max(0, col)) };
  }

  function keyMove(index, map, event) {
    const sel = current.selected;
    const here = sel && sel.layer === index - 1 ? { row: sel.row, col: sel.col } : null;
    const centre = { row: Math.floor((map.h - 1) / 2), col: Math.floor((map.w - 1) / 2) };
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    let next = null;
    if (moves[event.key]) {
      const [dr, dc] = moves[event.key];
      next = here ? { row: here.row + dr, col: here.col + dc } : centre;
    } else if (event.key === 'Home') next = { row: 0, col: 0 };
    else if (event.key === 'End') next = { row: map.h - 1, col: map.w - 1 };
    else if (event.key === 'Enter' || event.key === ' ') next = centre;
    if (!next) return;
    event.preventDefault();
    next.row = Math.min(map.h - 1, Math.max(0, next.row));
    next.col = Math.min(map.w - 1, Math.max(0, next.col));
    onSelect(index - 1, next.row, next.col);
  }

  function figureFor(map, index) {
    const canvas = el('canvas', {
      class: 'rf-grid',
      role: 'img',
      'aria-roledescription': index === 0 ? 'input map' : 'map of units',
      'aria-describedby': 'rf-selection',
    });
    const selectable = index > 0;
    if (selectable) {
      canvas.tabIndex = 0;
      canvas.addEventListener('pointerdown', (event) => {
        if (event.button !== 0 && event.pointerType === 'mouse') return;
        const { row, col } = unitAt(canvas, map, event);
        onSelect(index - 1, row, col);
      });
      canvas.addEventListener('keydown', (event) => keyMove(index, map, event));
    }
    return el('figure', { class: `rf-map${selectable ? ' selectable' : ''}` }, [
      canvas,
      el('figcaption', {}, [el('span', { class: 'rf-map-title', text: map.caption })]),
    ]);
  }

  function paintAll() {
    if (!current) return;
    node.querySelectorAll('canvas').forEach((canvas, index) => {
      const sel = current.selected;
      const isUnitMap = sel && sel.layer === index - 1;
      drawGrid(canvas, current.maps[index], {
        region: isUnitMap ? null : (current.regions?.[index] ?? null),
        unit: isUnitMap ? sel : null,
        digit: index === 0 ? current.digit : null,
      });
    });
  }
  let lastWidth = 0;
  observe(node, ([entry]) => {
    const width = Math.round(entry.contentRect.width);
    if (width !== lastWidth) {
      lastWidth = width;
      paintAll();
    }
  });

  return {
    node,
    render(view) {
      current = view;
      const focusIndex = [...node.querySelectorAll('canvas')].indexOf(document.activeElement);
      const figures = view.maps.map((map, index) => figureFor(map, index));
      node.replaceChildren(...figures);
      figures.forEach((fig, index) => {
        const map = view.maps[index];
        const canvas = fig.querySelector('canvas');
        canvas.style.setProperty('--cols', String(map.w));
        canvas.width = map.w;
        canvas.height = map.h;
        const sel = view.selected;
        const region = view.regions?.[index] ?? null;
        const isUnitMap = sel && sel.layer === index - 1;
        const what = index === 0 ? 'input' : `output of layer ${index}`;
        let label = `${map.caption}: ${what}, ${map.h} by ${map.w}`;
        if (isUnitMap) label += `; selected unit row ${sel.row}, column ${sel.col}. Arrow keys move it`;
        else if (region) label += `; receptive field rows ${region.top} to ${region.bottom}, columns ${region.left} to ${region.right}`;
        else if (index > 0) label += '; press Enter or an arrow key to select a unit here';
        canvas.setAttribute('aria-label', label);
      });
      paintAll();
      if (focusIndex >= 0) node.querySelectorAll('canvas')[focusIndex]?.focus();
    },
  };
}
