// The filters demo's per-pixel inspection: the window under the kernel at one output pixel,
// the products input × weight and their sum, all from core.conv2dTrace, as DOM text.
import { el } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { formatValue, formatProduct, formatSum } from '../../lib/format.js';

const SAME = { padding: { kind: 'same' } };
const MAX_WRITTEN_TERMS = 9;
const fmt = (v) => formatValue(v, { decimals: 4 });

/** Build the panel; `render(core, image, kernel, row, col, preview)` fills it. */
export function createInspectPanel() {
  const heading = el('h2', { id: 'inspect-heading', text: 'One output pixel, worked out' });
  const where = el('p', { id: 'inspect-where', 'aria-live': 'polite' });
  const values = el('dl', { class: 'readout' }, [
    el('dt', { text: 'Input grey value here' }),
    el('dd', { id: 'inspect-input' }),
    el('dt', { text: 'Output value here' }),
    el('dd', { id: 'inspect-output' }),
  ]);
  const windowGrid = createGrid({ label: 'Input window', rows: 0, cols: 0, format: (v) => formatValue(v, { decimals: 2 }) });
  const productGrid = createGrid({ label: 'Products', rows: 0, cols: 0, format: (v) => formatValue(v, { decimals: 3 }) });
  const figure = (title, grid, id) =>
    el('figure', { class: 'table-figure', id }, [el('figcaption', { text: title }), el('div', { class: 'scroll-x' }, [grid.element])]);
  const tables = el('div', { class: 'table-row' }, [
    figure('Input window (grey 0–1; “pad” = zero padding)', windowGrid, 'inspect-window'),
    figure('Input × weight', productGrid, 'inspect-products'),
  ]);
  const sum = el('p', { class: 'sum-line', id: 'inspect-sum' });
  const element = el('section', { class: 'panel inspect-panel', 'aria-labelledby': 'inspect-heading' }, [
    heading,
    el('p', {
      class: 'hint',
      text: 'Point at the output (or the input) to preview a pixel; click or tap to pick it; with the map focused, arrow keys move it (Shift + arrow: 4 pixels).',
    }),
    where,
    values,
    tables,
    sum,
  ]);

  function render(core, image, kernel, row, col, preview) {
    const t = core.conv2dTrace(
      image.gray, new Uint32Array([1, 1, image.h, image.w]),
      kernel.values, new Uint32Array([1, 1, kernel.rows, kernel.cols]),
      undefined, SAME, 0, 0, row, col,
    );
    where.textContent = `${preview ? 'Previewing' : 'Selected'}: row ${row}, column ${col} (counting from 0, top left).`;
    element.querySelector('#inspect-input').textContent = fmt(image.gray[row * image.w + col]);
    element.querySelector('#inspect-output').textContent = fmt(t.result);
    const { rows, cols } = kernel;
    const term = (r, c) => t.terms[r * cols + c];
    windowGrid.render({
      rows, cols,
      label: `Input window ${rows}×${cols} around row ${row}, column ${col}`,
      values: (r, c) => term(r, c).input,
      note: (r, c) => (term(r, c).inside ? '' : 'pad'),
      cellClass: (r, c) => [term(r, c).inside ? '' : 'pad', r === (rows - 1) >> 1 && c === (cols - 1) >> 1 ? 'centre' : ''].join(' ').trim(),
      cellLabel: (r, c) => `input row ${term(r, c).inputRow}, column ${term(r, c).inputCol}`,
    });
    productGrid.render({
      rows, cols,
      label: `Products input times weight, ${rows}×${cols}`,
      values: (r, c) => term(r, c).product,
      cellClass: (r, c) => (term(r, c).product < 0 ? 'negative' : term(r, c).product > 0 ? 'positive' : ''),
      cellLabel: (r, c) => `product ${formatProduct(term(r, c).input, term(r, c).weight)}`,
    });
    const products = t.terms.map((x) => formatProduct(x.input, x.weight, { decimals: 3 }));
    sum.textContent = t.terms.length <= MAX_WRITTEN_TERMS
      ? `Sum: ${formatSum(products, t.result, { decimals: 4 })}`
      : `Sum of all ${t.terms.length} products = ${fmt(t.result)}`;
    return t;
  }

  return { element, render };
}
