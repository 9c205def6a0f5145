// The filters demo's two worked panels, computed by the core and shown as DOM text:
//   createInspectPanel()   one output pixel: the window under the kernel, the products
//                          input × weight and their sum (core.conv2dTrace);
//   createSeparablePanel() the Gaussian as a row pass then a column pass of the 1-D Gaussian,
//                          against the 2-D kernel: largest difference (core.shiftDifference)
//                          and multiplication counts (core.separableCost).
import { el } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { formatValue, formatProduct, formatSum } from '../../lib/format.js';
import { drawHeatmap } from '../../lib/heatmap.js';
import { weightText } from './kernels.js';

const SAME = { padding: { kind: 'same' } };
const MAX_WRITTEN_TERMS = 9;
const fmt = (v) => formatValue(v, { decimals: 4 });
const count = (n) => Math.round(n).toLocaleString('en-US');

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

/** Build the panel; `render(core, image, sigma)` recomputes it. */
export function createSeparablePanel() {
  const heading = el('h2', { id: 'separable-heading', text: 'The Gaussian is separable' });
  const intro = el('p', {
    text: 'A 2‑D Gaussian is the product of two 1‑D Gaussians, so blurring the rows with the 1‑D kernel and then the columns gives the same picture as the full k×k kernel, with far fewer multiplications.',
  });
  const oneD = createGrid({ label: '1‑D Gaussian weights', rows: 1, cols: 0, format: weightText });
  const kernelFigure = el('figure', { class: 'table-figure' }, [
    el('figcaption', { id: 'sep-kernel-caption' }),
    el('div', { class: 'scroll-x' }, [oneD.element]),
  ]);
  const direct = document.createElement('canvas');
  const twoPass = document.createElement('canvas');
  const pic = (canvas, caption, id) => {
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', caption);
    return el('figure', { class: 'map-figure small', id }, [canvas, el('figcaption', { text: caption })]);
  };
  const pictures = el('div', { class: 'map-row' }, [
    pic(direct, 'One pass, 2‑D kernel', 'sep-direct'),
    pic(twoPass, 'Rows with [1 × k], then columns with [k × 1]', 'sep-two-pass'),
  ]);
  const readout = el('dl', { class: 'readout' }, [
    el('dt', { text: 'Largest |2‑D − row-then-column| over all pixels' }),
    el('dd', { id: 'sep-diff' }),
    el('dt', { id: 'sep-direct-label', text: 'Multiplications, 2‑D kernel' }),
    el('dd', { id: 'sep-direct-count' }),
    el('dt', { id: 'sep-separable-label', text: 'Multiplications, two 1‑D passes' }),
    el('dd', { id: 'sep-separable-count' }),
  ]);
  const element = el('section', { class: 'panel separable-panel', 'aria-labelledby': 'separable-heading' }, [
    heading, intro, kernelFigure, pictures, readout,
  ]);
  const $ = (id) => element.querySelector(`#${id}`);

  function render(core, image, sigma) {
    const shape = new Uint32Array([1, 1, image.h, image.w]);
    const g2 = core.filterKernel({ kind: 'gaussian', sigma });
    const g1 = core.filterKernel({ kind: 'gaussian1d', sigma });
    const k = g1.cols;
    const full = core.conv2d(image.gray, shape, g2.values, new Uint32Array([1, 1, g2.rows, g2.cols]), undefined, SAME);
    const rows = core.conv2d(image.gray, shape, g1.values, new Uint32Array([1, 1, 1, k]), undefined, SAME);
    const both = core.conv2d(rows.data, new Uint32Array(rows.shape), g1.values, new Uint32Array([1, 1, k, 1]), undefined, SAME);
    const diff = core.shiftDifference(full.data, both.data, image.h, image.w, 0, 0, 0);
    const cost = core.separableCost(image.h, image.w, k);

    $('sep-kernel-caption').textContent = `1‑D Gaussian, σ = ${formatValue(sigma, { decimals: 2 })}: ${k} weights (the 2‑D kernel is ${g2.rows}×${g2.cols})`;
    oneD.render({ rows: 1, cols: k, values: (_, c) => g1.values[c], cellLabel: (_, c) => `weight ${c + 1}` });
    drawHeatmap(direct, full.data, image.h, image.w, { map: 'gray', range: [0, 1] });
    drawHeatmap(twoPass, both.data, image.h, image.w, { map: 'gray', range: [0, 1] });
    $('sep-diff').textContent = diff.maxAbs === 0 ? '0 (identical)' : diff.maxAbs.toExponential(2);
    $('sep-diff').dataset.value = String(diff.maxAbs);
    $('sep-direct-label').textContent = `Multiplications, ${k}×${k} kernel on ${image.w}×${image.h} pixels`;
    $('sep-direct-count').textContent = count(cost.direct);
    $('sep-separable-label').textContent = `Multiplications, two ${k}-tap passes`;
    $('sep-separable-count').textContent = count(cost.separable);
  }

  return { element, render };
}
