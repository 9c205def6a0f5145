// Looking inside the network: learned conv filters, feature maps of one test digit, the
// confusion matrix and the misclassified test digits. Drawing only; all numbers come from the core.
// `names` (optional) are the class names of a student's own classes, shown as text in place of
// the digit labels; `noun` is what a test item is called ('digit' or 'example').
import { drawHeatmap, legend } from '../../lib/heatmap.js';
import { colourOf, rangeOf } from '../../lib/colour.js';
import { el, button } from '../../lib/dom.js';
import { formatValue } from '../../lib/format.js';
import { offset, plane } from '../../lib/tensor.js';

const MAX_IN = 16; // input channels drawn per filter

/** One conv layer's weights [O, I, k, k] as a mosaic: a row per output channel, a column per input channel. */
function drawFilterMosaic(canvas, shape, data) {
  const [o, i, kh, kw] = shape;
  const cols = Math.min(i, MAX_IN);
  const transpose = i === 1; // one input channel: lay the filters out in a row
  const rows = transpose ? 1 : o;
  const cells = transpose ? o : cols;
  const W = cells * (kw + 1) - 1;
  const H = rows * (kh + 1) - 1;
  const { lo, hi } = rangeOf(data, 'diverging');
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(W, H);
  img.data.fill(255);
  for (let a = 0; a < o; a += 1) {
    for (let b = 0; b < cols; b += 1) {
      const r = transpose ? 0 : a;
      const c = transpose ? a : b;
      for (let y = 0; y < kh; y += 1) {
        for (let x = 0; x < kw; x += 1) {
          const v = data[offset(shape, a, b, y, x)];
          const [R, G, B] = colourOf(v, { map: 'diverging', lo, hi });
          const p = 4 * ((r * (kh + 1) + y) * W + c * (kw + 1) + x);
          img.data[p] = R; img.data[p + 1] = G; img.data[p + 2] = B; img.data[p + 3] = 255;
        }
      }
    }
  }
  ctx.putImageData(img, 0, 0);
  return { lo, hi, cells, rows };
}

export class FilterView {
  constructor(container) {
    this.container = container;
    this.items = new Map();
  }

  show(layers) {
    if (layers.length === 0) {
      this.items.clear();
      this.container.replaceChildren(el('p', { class: 'note', text: 'This network has no convolution layers, so it has no filters to show.' }));
      return;
    }
    const keys = layers.map((l) => `${l.layer}:${l.shape.join('x')}`).join(',');
    if (keys !== this.keys) {
      this.keys = keys;
      this.container.replaceChildren();
      this.items.clear();
      for (const l of layers) {
        const [o, i, kh, kw] = l.shape;
        const canvas = el('canvas', { class: 'heatmap filter-mosaic', role: 'img', 'aria-label': `Filters of layer ${l.layer + 1}` });
        const key = el('div');
        const caption = `Layer ${l.layer + 1}: ${o} filters of ${i}×${kh}×${kw}${i > MAX_IN ? ` (first ${MAX_IN} input channels)` : ''}${i > 1 ? '; one row per filter, one column per input channel' : ''}`;
        this.container.append(el('figure', { class: 'filters-figure' }, [el('figcaption', { text: caption }), canvas, key]));
        this.items.set(l.layer, { canvas, key });
      }
    }
    for (const l of layers) {
      const item = this.items.get(l.layer);
      const { lo, hi, cells } = drawFilterMosaic(item.canvas, l.shape, l.data);
      item.canvas.style.width = `min(100%, ${cells * (l.shape[3] + 1) * (l.shape[1] === 1 ? 10 : 5)}px)`;
      legend(item.key, { lo, hi, map: 'diverging' });
    }
  }
}

const MAX_MAPS = 16;

/** The name of class `i`: a student's class name, or the digit itself. */
const nameOf = (names, i) => names?.[i] ?? String(i);

/** Feature maps of every layer for one test digit. */
export function showFeatureMaps(container, result, { names, noun = 'digit' } = {}) {
  container.replaceChildren();
  const [, h0, w0] = result.shape;
  const input = el('canvas', { class: 'heatmap map-input', role: 'img', 'aria-label': `Test ${noun} ${result.testIndex}` });
  drawHeatmap(input, result.pixels, h0, w0);
  const best = result.probabilities.indexOf(Math.max(...result.probabilities));
  container.append(el('div', { class: 'maps-row' }, [
    el('p', { class: 'maps-title', text: `Input: test ${noun} #${result.testIndex}, label ${nameOf(names, result.label)}, predicted ${nameOf(names, best)} (p = ${formatValue(result.probabilities[best])})` }),
    input,
  ]));
  for (const m of result.maps) {
    const [, c, h, w] = m.shape;
    const row = el('div', { class: 'maps-row' });
    row.append(el('p', { class: 'maps-title', text: `Layer ${m.layer + 1} (${m.kind}): ${c}×${h}×${w}${c > MAX_MAPS && h * w > 1 ? `, first ${MAX_MAPS} channels` : ''}` }));
    const strip = el('div', { class: h * w > 1 ? 'maps-grid' : 'maps-vector' });
    if (h * w > 1) {
      for (let ch = 0; ch < Math.min(c, MAX_MAPS); ch += 1) {
        const cv = el('canvas', { class: 'heatmap', role: 'img', 'aria-label': `Layer ${m.layer + 1} channel ${ch + 1}` });
        const data = plane(m, 0, ch);
        const nonNeg = data.every((v) => v >= 0);
        drawHeatmap(cv, data, h, w, { map: nonNeg ? 'gray' : 'diverging' });
        strip.append(cv);
      }
    } else {
      const cv = el('canvas', { class: 'heatmap', role: 'img', 'aria-label': `Layer ${m.layer + 1}: ${c} values` });
      drawHeatmap(cv, m.data, 1, c, { map: 'diverging' });
      strip.append(cv);
    }
    row.append(strip);
    container.append(row);
  }
}

/** The confusion matrix (rows: true label, columns: prediction; k × k counts) as a DOM table. */
export function showConfusion(container, confusion, { names, noun = 'digit' } = {}) {
  const classes = Math.round(Math.sqrt(confusion.length));
  const table = el('table', { class: 'confusion' });
  table.append(el('caption', { text: `Rows: true label · columns: predicted label · counts on the test ${noun}s` }));
  const head = el('tr', {}, [el('th', { scope: 'col', text: 'true \\ pred' })]);
  for (let j = 0; j < classes; j += 1) head.append(el('th', { scope: 'col', text: nameOf(names, j) }));
  table.append(el('thead', {}, [head]));
  const body = el('tbody');
  let max = 1;
  for (let i = 0; i < classes; i += 1) for (let j = 0; j < classes; j += 1) if (i !== j) max = Math.max(max, confusion[i * classes + j]);
  for (let i = 0; i < classes; i += 1) {
    const tr = el('tr', {}, [el('th', { scope: 'row', text: nameOf(names, i) })]);
    for (let j = 0; j < classes; j += 1) {
      const v = confusion[i * classes + j];
      const td = el('td', { text: String(v) });
      if (i === j) td.className = 'diag';
      else if (v > 0) {
        td.className = 'off';
        td.style.setProperty('--heat', String(Math.min(1, v / max)));
      }
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(body);
  container.replaceChildren(table);
}

/** Buttons for misclassified test digits; `onPick(item)` when one is chosen. */
export function showMisclassified(container, evaluation, onPick, { names, noun = 'digit' } = {}) {
  container.replaceChildren();
  const { misclassified, wrongCount, count } = evaluation;
  container.append(el('p', { class: 'note', text: `${wrongCount} of ${count} test ${noun}s are misclassified${wrongCount > misclassified.length ? `; the first ${misclassified.length} are shown` : ''}. Choose one to look inside.` }));
  const grid = el('div', { class: 'wrong-grid' });
  for (const item of misclassified) {
    const cv = el('canvas', { class: 'heatmap', 'aria-hidden': 'true' });
    drawHeatmap(cv, item.pixels, evaluation.shape[1], evaluation.shape[2]);
    const b = button('', { class: 'wrong' }, () => onPick(item));
    b.append(
      cv,
      el('span', { text: `${nameOf(names, item.label)}→${nameOf(names, item.prediction)}`, 'aria-hidden': 'true' }),
      el('span', { class: 'visually-hidden', text: `Test ${noun} ${item.index}: label ${nameOf(names, item.label)}, predicted ${nameOf(names, item.prediction)}` }),
    );
    grid.append(b);
  }
  container.append(grid);
}
