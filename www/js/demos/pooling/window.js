// The pooling demo's shared pieces: the four kinds and the core's options for them, the
// upstream gradient the gradient views send back (all ones, or one output cell), and one
// pooling window under each kind from core.pool2dTrace — the window's values, each with its
// weight (∂result/∂value: 1 at the max's argmax and 0 elsewhere, 1/n for the average,
// value/result for L2, the normalized Gaussian weight) and the result, as DOM text.
import { el, section, scrollArea } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { formatValue } from '../../lib/format.js';
import { offset } from '../../lib/tensor.js';

/** The kinds of pooling in the lecture's order: id, name, and what the summary is. */
export const KINDS = [
  { id: 'max', name: 'Max', what: 'the largest value in the window' },
  { id: 'average', name: 'Average', what: 'the mean of the window' },
  { id: 'l2', name: 'L2 norm', what: '√(sum of squares) of the window' },
  { id: 'gaussian', name: 'Gaussian-weighted', what: 'an average weighted by closeness to the window centre' },
];

export const KIND_IDS = KINDS.map((k) => k.id);

/** The core's pool options for one kind. */
export function poolOptions(kind, { size, stride, sigma }) {
  return { pool: kind === 'gaussian' ? { kind, sigma } : { kind }, size, stride };
}

/**
 * The gradient arriving at a pooled map of `shape` ([1, 1, oh, ow]): all ones, or 1 at one
 * output cell and 0 elsewhere. This is the input handed to core.pool2dBackward.
 */
export function upstream(shape, mode, row, col) {
  const [, , oh, ow] = shape;
  const grad = new Float32Array(oh * ow);
  if (mode === 'ones') grad.fill(1);
  else grad[offset(shape, 0, 0, Math.min(row, oh - 1), Math.min(col, ow - 1))] = 1;
  return { data: grad, shape: new Uint32Array(shape) };
}

/** The rectangle a trace's cells cover, for drawing the window box. */
export function traceRect(trace) {
  const first = trace.cells[0];
  const last = trace.cells[trace.cells.length - 1];
  return { top: first.row, left: first.col, bottom: last.row, right: last.col };
}

/** A pooled or window value as this demo shows it: 3 decimals. */
export const valueText = (v) => formatValue(v, { decimals: 3 });

/** A figure for one kind's window: `render(trace, rows, cols)`; ids start with `prefix`. */
export function createTraceFigure(kind, prefix) {
  const grid = createGrid({ label: `${kind.name} pooling window`, rows: 0, cols: 0, format: valueText });
  const result = el('p', { class: 'trace-result', id: `${prefix}-${kind.id}-result` });
  const element = el('figure', { class: 'table-figure trace-figure', id: `${prefix}-${kind.id}` }, [
    el('figcaption', { text: kind.name }),
    scrollArea([grid.element], { label: `${kind.name} pooling window` }),
    result,
  ]);

  function render(trace, rows, cols, formula = '') {
    const at = (r, c) => offset([1, 1, rows, cols], 0, 0, r, c);
    const cell = (r, c) => trace.cells[at(r, c)];
    const isArgmax = (r, c) => trace.argmax !== undefined && trace.argmax === at(r, c);
    grid.render({
      rows,
      cols,
      label: `${kind.name} pooling window, ${rows}×${cols}`,
      values: (r, c) => (cell(r, c).inside ? cell(r, c).value : ''),
      note: (r, c) => (cell(r, c).inside ? `×${valueText(cell(r, c).weight)}` : 'pad'),
      cellClass: (r, c) => (isArgmax(r, c) ? 'argmax' : cell(r, c).inside ? '' : 'pad'),
      cellLabel: (r, c) =>
        `${isArgmax(r, c) ? 'the maximum, ' : ''}row ${cell(r, c).row}, column ${cell(r, c).col}, weight ${formatValue(cell(r, c).weight)}`,
    });
    result.textContent = formula || `result ${valueText(trace.result)}`;
    result.dataset.value = String(trace.result);
  }

  return { element, render };
}

/** The trace panel: the selected output cell's window under all four kinds. */
export function createTracePanel() {
  const where = el('p', { id: 'trace-where', 'aria-live': 'polite' });
  const figures = KINDS.map((kind) => createTraceFigure(kind, 'trace'));
  const element = section('Inside one window', { cls: 'trace-panel', headingId: 'trace-heading' }, [
    where,
    el('p', {
      class: 'hint',
      text: 'Each cell: the feature value, and below it (×w) how much the result moves per unit change of that value. Orange: the maximum, the only cell max pooling listens to.',
    }),
    el('div', { class: 'trace-row' }, figures.map((f) => f.element)),
  ]);

  /** `traces` maps kind id → trace; `row`, `col` the output cell; `chosen` the emphasised kind. */
  function render(traces, size, row, col, chosen) {
    where.textContent = `Output cell row ${row}, column ${col}: its ${size}×${size} window of the feature map.`;
    KINDS.forEach((kind, i) => {
      figures[i].render(traces[kind.id], size, size);
      figures[i].element.classList.toggle('chosen', kind.id === chosen);
    });
  }

  return { element, render };
}
