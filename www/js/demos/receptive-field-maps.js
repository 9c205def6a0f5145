// Every map of the stack drawn as a grid of units, input first, with the selected unit and
// its receptive field (the core's regions) highlighted in every map back to the input.
// Mouse, pen or touch: tap a unit. Keyboard: focus a map (Tab), arrows move the unit,
// Home/End jump to the corners, Enter selects that map's centre unit.
import { el } from '../lib/dom-kit.js';

const MAX_CANVAS = 512; // canvas pixels along the longer side (CSS scales it)

function colours() {
  const css = getComputedStyle(document.documentElement);
  const get = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  return {
    cell: '#ffffff',
    line: get('--border', '#b5bdc7'),
    region: get('--cat-orange', '#e69f00'),
    unit: get('--cat-blue', '#0072b2'),
    ink: get('--text', '#15191e'),
  };
}

function drawGrid(canvas, { h, w }, { region, unit, digit }) {
  const cell = Math.max(2, Math.min(40, Math.floor(MAX_CANVAS / Math.max(h, w))));
  canvas.width = w * cell;
  canvas.height = h * cell;
  canvas.style.setProperty('--cols', String(w));
  const ctx = canvas.getContext('2d');
  const c = colours();
  ctx.fillStyle = c.cell;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  if (digit) {
    for (let i = 0; i < h * w; i += 1) {
      const g = Math.round(255 * (1 - digit[i]));
      ctx.fillStyle = `rgb(${g},${g},${g})`;
      ctx.fillRect((i % w) * cell, Math.floor(i / w) * cell, cell, cell);
    }
  }
  if (region) {
    const [x, y] = [region.left * cell, region.top * cell];
    const [rw, rh] = [(region.right - region.left + 1) * cell, (region.bottom - region.top + 1) * cell];
    ctx.globalAlpha = digit ? 0.45 : 0.6;
    ctx.fillStyle = c.region;
    ctx.fillRect(x, y, rw, rh);
    ctx.globalAlpha = 1;
  }
  if (cell >= 4) {
    ctx.strokeStyle = c.line;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let r = 0; r <= h; r += 1) {
      ctx.moveTo(0, r * cell + 0.5);
      ctx.lineTo(canvas.width, r * cell + 0.5);
    }
    for (let q = 0; q <= w; q += 1) {
      ctx.moveTo(q * cell + 0.5, 0);
      ctx.lineTo(q * cell + 0.5, canvas.height);
    }
    ctx.stroke();
  }
  const box = (r, colour, width) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    const inset = width / 2;
    ctx.strokeRect(
      r.left * cell + inset,
      r.top * cell + inset,
      (r.right - r.left + 1) * cell - width,
      (r.bottom - r.top + 1) * cell - width,
    );
  };
  if (region) box(region, c.ink, Math.max(2, Math.round(cell / 5)));
  if (unit) {
    ctx.fillStyle = c.unit;
    ctx.fillRect(unit.col * cell, unit.row * cell, cell, cell);
  }
}

/**
 * `createMaps({ onSelect })` → `{ node, render(view) }` where view is
 * `{ maps: [{ h, w, caption }], selected: { layer, row, col } | null, regions, digit }`;
 * maps[0] is the input, maps[k] the output of layer k − 1. `onSelect(layer, row, col)` is
 * called with a layer index ≥ 0 (the input has no units to select).
 */
export function createMaps({ onSelect }) {
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

  return {
    node,
    render(view) {
      current = view;
      const focusIndex = [...node.querySelectorAll('canvas')].indexOf(document.activeElement);
      const figures = view.maps.map((map, index) => figureFor(map, index));
      node.replaceChildren(...figures);
      view.maps.forEach((map, index) => {
        const canvas = figures[index].querySelector('canvas');
        const sel = view.selected;
        const region = view.regions?.[index] ?? null;
        const isUnitMap = sel && sel.layer === index - 1;
        drawGrid(canvas, map, {
          region: isUnitMap ? null : region,
          unit: isUnitMap ? sel : null,
          digit: index === 0 ? view.digit : null,
        });
        const what = index === 0 ? 'input' : `output of layer ${index}`;
        let label = `${map.caption}: ${what}, ${map.h} by ${map.w}`;
        if (isUnitMap) label += `; selected unit row ${sel.row}, column ${sel.col}. Arrow keys move it`;
        else if (region) label += `; receptive field rows ${region.top} to ${region.bottom}, columns ${region.left} to ${region.right}`;
        else if (index > 0) label += '; press Enter or an arrow key to select a unit here';
        canvas.setAttribute('aria-label', label);
      });
      if (focusIndex >= 0) node.querySelectorAll('canvas')[focusIndex]?.focus();
    },
  };
}
