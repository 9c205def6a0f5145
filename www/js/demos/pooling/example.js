// A small exact example to check by hand: a fixed 4×4 map pooled four ways, the arithmetic of
// one output cell written out (from core.pool2dTrace), and the gradients as numbers
// (core.pool2dBackward). Everything in DOM tables.
import { el, field, section } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { formatValue } from '../../lib/format.js';
import { offset } from '../../lib/tensor.js';
import { KINDS, poolOptions, upstream, traceRect, valueText } from './window.js';

/** The example map (the one in the core's pooling documentation). */
export const EXAMPLE = [1, 3, 2, 0, 4, 2, 1, 1, 0, 0, 5, 6, 1, 2, 7, 8];
export const EXAMPLE_WINDOWS = { '2s2': { size: 2, stride: 2, text: '2×2 window, stride 2' }, '3s1': { size: 3, stride: 1, text: '3×3 window, stride 1' } };
const SHAPE = [1, 1, 4, 4];

/** The worked line of one output cell, from its trace: the values and the core's result. */
function formula(kindId, trace) {
  const cells = trace.cells.filter((c) => c.inside);
  const xs = cells.map((c) => valueText(c.value));
  const r = valueText(trace.result);
  if (kindId === 'max') return `max(${xs.join(', ')}) = ${r}`;
  if (kindId === 'average') return `(${xs.join(' + ')}) / ${cells.length} = ${r}`;
  if (kindId === 'l2') return `√(${xs.map((x) => `${x}²`).join(' + ')}) = ${r}`;
  return `${cells.map((c) => `${valueText(c.weight)}·${valueText(c.value)}`).join(' + ')} = ${r}`;
}

/** The example panel; `onChange({ ex })` or `onChange({ er, ec })` when the reader picks. */
export function createExamplePanel({ onChange }) {
  const windowField = field('select', { label: 'Example window', id: 'example-window', options: Object.entries(EXAMPLE_WINDOWS).map(([id, w]) => [id, w.text]), value: '2s2' });
  windowField.input.addEventListener('change', () => onChange({ ex: windowField.input.value }));
  const input = createGrid({ label: 'Example feature map 4×4', rows: 4, cols: 4, format: valueText });
  const figure = (title, grid, id) =>
    el('figure', { class: 'table-figure', id }, [el('figcaption', { text: title }), grid.element]);
  const outputs = KINDS.map((kind) => ({
    kind,
    grid: createGrid({ label: `${kind.name} pooled 2×2`, rows: 2, cols: 2, format: valueText, onCellClick: (er, ec) => onChange({ er, ec }) }),
    line: el('li', { id: `example-formula-${kind.id}` }),
    grad: createGrid({ label: `Gradient reaching the map under ${kind.name} pooling`, rows: 4, cols: 4, format: valueText }),
  }));
  const note = el('p', { class: 'hint', id: 'example-note' });
  const where = el('p', { id: 'example-where' });
  const gradWhere = el('p', { id: 'example-grad-where' });
  const element = section('Check it by hand: a 4×4 example', { cls: 'example-panel', headingId: 'example-heading' }, [
    el('div', { class: 'controls' }, [windowField.node]),
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
    windowField.input.value = state.ex;
    const map = Float32Array.from(EXAMPLE);
    const shape = new Uint32Array(SHAPE);
    const at = (r, c) => offset(SHAPE, 0, 0, r, c);
    const er = Math.min(state.er, 1);
    const ec = Math.min(state.ec, 1);
    let rect = null;
    for (const o of outputs) {
      const opts = poolOptions(o.kind.id, { ...state, size: win.size, stride: win.stride });
      const out = core.pool2d(map, shape, opts);
      const [, , oh, ow] = out.shape;
      const trace = core.pool2dTrace(map, shape, opts, 0, 0, er, ec);
      const up = upstream(out.shape, state.grad, er, ec);
      const grad = core.pool2dBackward(map, shape, up.data, up.shape, opts);
      rect = traceRect(trace);
      o.grid.render({
        rows: oh, cols: ow,
        values: (r, c) => out.data[offset(out.shape, 0, 0, r, c)],
        cellClass: (r, c) => (r === er && c === ec ? 'picked' : ''),
        cellLabel: (r, c) => `${o.kind.name} output row ${r}, column ${c}${r === er && c === ec ? ' (picked)' : ''}`,
      });
      o.line.textContent = `${o.kind.name}: ${formula(o.kind.id, trace)}`;
      o.grad.render({ values: (r, c) => grad.data[at(r, c)], cellClass: (r, c) => (grad.data[at(r, c)] !== 0 ? 'positive' : '') });
    }
    input.render({
      values: (r, c) => EXAMPLE[at(r, c)],
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
