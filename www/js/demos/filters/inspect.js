// "One output pixel, worked out": the window under the kernel, the products input × weight and
// their sum, all from core.conv2dTrace, shown as DOM text.
import { el, section, stat, stats, scrollArea } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { formatProduct, formatSum, formatValue } from '../../lib/format.js';
import { offset } from '../../lib/tensor.js';

export const SAME = { padding: { kind: 'same' } };

/** The core's options for the page's operation `op` ('xcorr' or 'conv'), same padding. */
export const optionsFor = (op) => ({ ...SAME, mode: op === 'conv' ? 'convolution' : 'crossCorrelation' });
const MAX_WRITTEN_TERMS = 9;
const DECIMALS = { decimals: 4 };

/** The input rectangle a trace's terms cover (first and last term), for the window box. */
export function traceRect(trace) {
  const first = trace.terms[0];
  const last = trace.terms[trace.terms.length - 1];
  return { top: first.inputRow, left: first.inputCol, bottom: last.inputRow, right: last.inputCol };
}

/** Build the panel; `render(core, image, kernel, row, col, preview, op)` fills it and returns the trace. */
export function createInspectPanel() {
  const where = el('p', { id: 'inspect-where', 'aria-live': 'polite' });
  const input = stat({ id: 'inspect-input', label: 'Input grey value here' });
  const output = stat({ id: 'inspect-output', label: 'Output value here' });
  const windowGrid = createGrid({ label: 'Input window', rows: 0, cols: 0, format: (v) => formatValue(v, { decimals: 2 }) });
  const productGrid = createGrid({ label: 'Products', rows: 0, cols: 0, format: (v) => formatValue(v, { decimals: 3 }) });
  const figure = (title, grid, id) =>
    el('figure', { class: 'table-figure', id }, [el('figcaption', { text: title }), scrollArea([grid.element], { label: title })]);
  const sum = el('p', { class: 'sum-line', id: 'inspect-sum' });
  const element = section('One output pixel, worked out', { cls: 'inspect-panel', headingId: 'inspect-heading' }, [
    el('p', {
      class: 'hint',
      text: 'Point at the output (or the input) to preview a pixel; click or tap to pick it; with the map focused, arrow keys move it (Shift + arrow: 4 pixels).',
    }),
    where,
    stats([input, output], 'narrow'),
    el('div', { class: 'table-row' }, [
      figure('Input window (grey 0–1; “pad” = zero padding)', windowGrid, 'inspect-window'),
      figure('Input × weight', productGrid, 'inspect-products'),
    ]),
    sum,
  ]);

  function render(core, image, kernel, row, col, preview, op) {
    const t = core.conv2dTrace(image.gray, new Uint32Array(image.shape), kernel.values, new Uint32Array(kernel.shape), undefined, optionsFor(op), 0, 0, row, col);
    where.textContent = `${preview ? 'Previewing' : 'Selected'}: row ${row}, column ${col} (counting from 0, top left).`;
    input.set(formatValue(image.gray[offset(image.shape, 0, 0, row, col)], DECIMALS));
    output.set(formatValue(t.result, DECIMALS));
    const { rows, cols } = kernel;
    const term = (r, c) => t.terms[offset(kernel.shape, 0, 0, r, c)];
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
      ? `Sum: ${formatSum(products, t.result, DECIMALS)}`
      : `Sum of all ${t.terms.length} products = ${formatValue(t.result, DECIMALS)}`;
    return t;
  }

  return { element, render };
}
