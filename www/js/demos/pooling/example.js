// A small exact example to check by hand: a fixed 4×4 map pooled four ways, the arithmetic of
// one output cell written out (from core.pool2dTrace), and the gradients as numbers
// (core.pool2dBackward). Everything in DOM tables.
import { el, selectField } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { formatValue } from '../../lib/format.js';
import { KINDS, poolOptions, upstream, traceRect } from './window.js';

/** The example map (the one in the core's pooling documentation). */
export const EXAMPLE = [1, 3, 2, 0, 4, 2, 1, 1, 0, 0, 5, 6, 1, 2, 7, 8];
export const EXAMPLE_WINDOWS = { '2s2': { size: 2, stride: 2, text: '2×2 window, stride 2' }, '3s1': { size: 3, stride: 1, text: '3×3 window, stride 1' } };
const SHAPE = new Uint32Array([1, 1, 4, 4]);
const fmt = (v) => formatValue(v, { decimals: 3 });

function formula(kindId, trace) {
  const cells = trace.cells.filter((c) => c.inside);
  const xs = cells.map((c) => fmt(c.value));
  const r = fmt(trace.result);
  if (kindId === 'max') return `max(${xs.join(', ')}) = ${r}`;
  if (kindId === 'average') return `(${xs.join(' + ')}) / ${cells.length} = ${r}`;
  if (kindId === 'l2') return `√(${xs.map((x) => `${x}²`).join(' + ')}) = ${r}`;
  return `${cells.map((c) => `${fmt(c.weight)}·${fmt(c.value)}`).join(' + ')} = ${r}`;
}

/** The example panel; `onChange({ ex })` or `onChange({ er, ec })` when the reader picks. */
export function createExamplePanel({ onChange }) {
  const heading = el('h2', { id: 'example-heading', text: 'Check it by hand: a 4×4 example' });
  const windowField = selectField('Example window', Object.entries(EXAMPLE_WINDOWS).map(([id, w]) => [id, w.text]), '2s2', { id: 'example-window' });
  windowField.control.addEventListener('change', () => onChange({ ex: windowField.control.value }));
  const input = createGrid({ label: 'Example feature map 4×4', rows: 4, cols: 4, format: fmt });
  const figure = (title, grid, id) =>
    el('figure', { class: 'table-figure', id }, [el('figcaption', { text: title }), grid.element]);
  const outputs = KINDS.map((kind) => ({
    kind,
    grid: createGrid({ label: `${kind.name} pooled 2×2`, rows: 2, cols: 2, format: fmt, onCellClick: (er, ec) => onChange({ er, ec }) }),
    line: el('li', { id: `example-formula-${kind.id}` }),
    grad: createGrid({ label: `Gradient reaching the map under ${kind.name} pooling`, rows: 4, cols: 4, format: fmt }),
  }));
  const note = el('p', { class: 'hint', id: 'example-note' });
  const where = el('p', { id: 'example-where' });
  const gradWhere = el('p', { id: 'example-grad-where' });
  const element = el('section', { class: 'panel example-panel', 'aria-labelledby': 'example-heading' }, [
    heading,
    el('div', { class: 'controls' }, [windowField.label]),
    el('div', { class: 'table-row' }, [
      figure('Feature map (window of the picked cell shaded)', input, 'example-input'),
      ...outputs.map((o) => figure(o.kind.name, o.grid, `example-out-${o.kind.id}`)),
    ]),
    note,
    where,
    el('ul', { class: 'formulas' }, outputs.map((o) => o.line)),
    el('h3', { text: 'Gradients, as numbers' }),
    gradWhere,
    el('div', { class: 'table-row' }, outputs.map((o) => figure(o.kind.name, o.grad, `example-grad-${o.kind.id}`))),
  ]);

  function render(core, state) {
    const win = EXAMPLE_WINDOWS[state.ex];
    windowField.control.value = state.ex;
    const map = Float32Array.from(EXAMPLE);
    const er = Math.min(state.er, 1);
    const ec = Math.min(state.ec, 1);
    let rect = null;
    for (const o of outputs) {
      const opts = poolOptions(o.kind.id, { ...state, size: win.size, stride: win.stride });
      const out = core.pool2d(map, SHAPE, opts);
      const [, , oh, ow] = out.shape;
      const trace = core.pool2dTrace(map, SHAPE, opts, 0, 0, er, ec);
      const up = upstream(out.shape, state.grad, er, ec);
      const grad = core.pool2dBackward(map, SHAPE, up.data, up.shape, opts);
      rect = traceRect(trace);
      o.grid.render({
        rows: oh, cols: ow,
        values: (r, c) => out.data[r * ow + c],
        cellClass: (r, c) => (r === er && c === ec ? 'picked' : ''),
        cellLabel: (r, c) => `${o.kind.name} output row ${r}, column ${c}${r === er && c === ec ? ' (picked)' : ''}`,
      });
      o.line.textContent = `${o.kind.name}: ${formula(o.kind.id, trace)}`;
      o.grad.render({ values: (r, c) => grad.data[r * 4 + c], cellClass: (r, c) => (grad.data[r * 4 + c] !== 0 ? 'positive' : '') });
    }
    input.render({
      values: (r, c) => EXAMPLE[r * 4 + c],
      cellClass: (r, c) => (r >= rect.top && r <= rect.bottom && c >= rect.left && c <= rect.right ? 'win' : ''),
    });
    note.textContent = win.size === 2
      ? 'With a 2×2 window all four cells are equally far from the centre, so the Gaussian weights are equal and Gaussian pooling equals the average. Pick the 3×3 window to see them differ.'
      : `With a 3×3 window the centre cell is closest and weighs most (σ = ${formatValue(state.sigma, { decimals: 2 })}, set above).`;
    where.textContent = `Picked output cell: row ${er}, column ${ec} (click a cell of any output table to pick another).`;
    gradWhere.textContent = state.grad === 'ones'
      ? 'Upstream gradient: 1 at every output cell. Each table shows what reaches each of the 16 input cells.'
      : `Upstream gradient: 1 at output cell row ${er}, column ${ec} only.`;
  }

  return { element, render };
}
