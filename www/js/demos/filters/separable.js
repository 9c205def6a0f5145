// Separability: the 2-D Gaussian equals a row pass then a column pass of the 1-D Gaussian.
// Both results, their largest difference and the multiplication counts come from the core.
import { el } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { formatValue } from '../../lib/format.js';
import { drawHeatmap } from '../../lib/heatmap.js';
import { weightText } from './kernels.js';

const SAME = { padding: { kind: 'same' } };
const count = (n) => Math.round(n).toLocaleString('en-US');

/** Build the panel; `render(core, image, sigma)` recomputes it. */
export function createSeparablePanel() {
  const heading = el('h2', { id: 'separable-heading', text: 'The Gaussian is separable' });
  const intro = el('p', {
    text: 'A 2-D Gaussian is the product of two 1-D Gaussians, so blurring the rows with the 1-D kernel and then the columns gives the same picture as the full k×k kernel, with far fewer multiplications.',
  });
  const oneD = createGrid({ label: '1-D Gaussian weights', rows: 1, cols: 0, format: weightText });
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
    pic(direct, 'One pass, 2-D kernel', 'sep-direct'),
    pic(twoPass, 'Rows with [1 × k], then columns with [k × 1]', 'sep-two-pass'),
  ]);
  const readout = el('dl', { class: 'readout' }, [
    el('dt', { text: 'Largest |2-D − row-then-column| over all pixels' }),
    el('dd', { id: 'sep-diff' }),
    el('dt', { id: 'sep-direct-label', text: 'Multiplications, 2-D kernel' }),
    el('dd', { id: 'sep-direct-count' }),
    el('dt', { id: 'sep-separable-label', text: 'Multiplications, two 1-D passes' }),
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

    $('sep-kernel-caption').textContent = `1-D Gaussian, σ = ${formatValue(sigma, { decimals: 2 })}: ${k} weights (the 2-D kernel is ${g2.rows}×${g2.cols})`;
    oneD.render({ rows: 1, cols: k, values: (_, c) => g1.values[c], cellLabel: (_, c) => `weight ${c + 1}` });
    drawHeatmap(direct, full.data, image.h, image.w, { map: 'gray', range: [0, 1] });
    drawHeatmap(twoPass, both.data, image.h, image.w, { map: 'gray', range: [0, 1] });
    $('sep-diff').textContent = diff.maxAbs === 0 ? '0 (identical)' : diff.maxAbs.toExponential(2);
    $('sep-diff').dataset.value = String(diff.maxAbs);
    $('sep-direct-label').textContent = `Multiplications, ${k}×${k} kernel on ${image.h}×${image.w} pixels`;
    $('sep-direct-count').textContent = count(cost.direct);
    $('sep-separable-label').textContent = `Multiplications, two ${k}-tap passes`;
    $('sep-separable-count').textContent = count(cost.separable);
  }

  return { element, render };
}
