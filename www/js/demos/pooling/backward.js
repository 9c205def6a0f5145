// "The backward numbers of one window": with ∂L/∂y = 1 at the picked output cell (0 elsewhere),
// the ∂L/∂x each cell of its window receives under each kind — core.pool2dBackwardWindow, which
// is core.pool2dBackward of that one-hot gradient read at the window's cells — with the sum of
// the grid (the core's) and a sentence chosen from the kind and the core's result.
import { el, section, scrollArea } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { formatValue } from '../../lib/format.js';
import { KINDS, valueText } from './window.js';

/** The sentence for one kind: where the 1 went, from the core's window result `w`. */
function sentence(kind, w) {
  const arg = w.argmax === undefined || w.argmax === null ? null : w.cells[w.argmax];
  switch (kind) {
    case 'max':
      return arg
        ? `All of it to the argmax (row ${arg.row}, column ${arg.col}, value ${valueText(arg.value)}); every other cell gets 0.`
        : 'The window lies in the padding: nothing passes back.';
    case 'average':
      return `1/${w.inside} to each of the ${w.inside} cells: the average listens to all of them equally.`;
    case 'l2':
      return w.result > 0
        ? `Each cell gets x_i / ‖x‖: its value over the norm y = ${valueText(w.result)}.`
        : 'An all-zero window: the norm has no derivative there, so every cell gets 0.';
    default:
      return 'Each cell gets its Gaussian weight: the same numbers as the weights listed under the settings.';
  }
}

/** One kind's grid of ∂L/∂x. */
function createKindFigure(kind) {
  const grid = createGrid({ label: `∂L/∂x under ${kind.name} pooling`, rows: 0, cols: 0, format: valueText });
  const said = el('p', { class: 'back-said', id: `back-${kind.id}-sentence` });
  const sum = el('p', { class: 'trace-result', id: `back-${kind.id}-sum` });
  const element = el('figure', { class: 'table-figure trace-figure back-figure', id: `back-${kind.id}` }, [
    el('figcaption', { text: kind.name }),
    scrollArea([grid.element], { label: `∂L/∂x under ${kind.name} pooling` }),
    said,
    sum,
  ]);

  function render(w, size) {
    const cell = (r, c) => w.cells[r * size + c];
    grid.render({
      rows: size,
      cols: size,
      label: `∂L/∂x under ${kind.name} pooling, ${size}×${size}`,
      values: (r, c) => (cell(r, c).inside ? cell(r, c).grad : ''),
      note: (r, c) => (cell(r, c).inside ? '' : 'pad'),
      cellClass: (r, c) => (w.argmax === r * size + c ? 'argmax' : cell(r, c).inside ? '' : 'pad'),
      cellLabel: (r, c) => `row ${cell(r, c).row}, column ${cell(r, c).col}, ∂L/∂x ${formatValue(cell(r, c).grad)}`,
    });
    said.textContent = sentence(kind.id, w);
    sum.textContent = `Sum of the grid: ${valueText(w.sum)}`;
    sum.dataset.value = String(w.sum);
  }

  return { element, render };
}

/** The panel: the picked output cell's window, backwards, under all four kinds. */
export function createBackwardPanel() {
  const where = el('p', { id: 'back-where', 'aria-live': 'polite' });
  const overlap = el('p', { class: 'hint', id: 'back-overlap' });
  const figures = KINDS.map((kind) => createKindFigure(kind));
  const element = section('One window, backwards: the numbers', { cls: 'trace-panel', headingId: 'back-heading' }, [
    where,
    el('div', { class: 'trace-row' }, figures.map((f) => f.element)),
    overlap,
  ]);

  /** `windows` maps kind id → core.pool2dBackwardWindow result; `row`, `col` the output cell. */
  function render(windows, size, stride, row, col, chosen) {
    where.textContent = `∂L/∂y = 1 at output cell row ${row}, column ${col} and 0 elsewhere: the ∂L/∂x each cell of its ${size}×${size} window receives.`;
    KINDS.forEach((kind, i) => {
      figures[i].render(windows[kind.id], size);
      figures[i].element.classList.toggle('chosen', kind.id === chosen);
    });
    overlap.textContent = windows.max.overlap
      ? `Stride ${stride} is smaller than the ${size}×${size} window, so windows overlap: when every output sends a gradient back, a shared cell receives the sum of what each window covering it sends (the “1 at every output” maps above).`
      : `Stride ${stride} and a ${size}×${size} window: windows do not overlap, so each cell receives from one window only.`;
    overlap.dataset.overlap = String(windows.max.overlap);
  }

  return { element, render };
}
