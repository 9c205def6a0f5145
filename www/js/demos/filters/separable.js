// "The Gaussian is separable": the Gaussian as a row pass then a column pass of the 1-D Gaussian,
// against the 2-D kernel, both by core.conv2d: the largest difference (core.shiftDifference) and
// the multiplication counts (core.separableCost), shown as DOM text.
import { el, figure, section, stat, stats, scrollArea } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { formatCount, formatStat, formatValue } from '../../lib/format.js';
import { drawHeatmap } from '../../lib/heatmap.js';
import { weightText } from './kernels.js';
import { SAME } from './inspect.js';

/** Build the panel; `render(core, image, sigma)` recomputes it. */
export function createSeparablePanel() {
  const oneD = createGrid({ label: '1‑D Gaussian weights', rows: 1, cols: 0, format: weightText });
  const kernelFigure = el('figure', { class: 'table-figure' }, [
    el('figcaption', { id: 'sep-kernel-caption' }),
    scrollArea([oneD.element], { label: '1‑D Gaussian weights' }),
  ]);
  const direct = figure('One pass, 2‑D kernel', { id: 'sep-direct', cls: 'small' });
  const twoPass = figure('Rows with [1 × k], then columns with [k × 1]', { id: 'sep-two-pass', cls: 'small' });
  const diff = stat({ id: 'sep-diff', label: 'Largest |2‑D − row-then-column| over all pixels' });
  const directCount = stat({ id: 'sep-direct-count', label: 'Multiplications, 2‑D kernel' });
  const separableCount = stat({ id: 'sep-separable-count', label: 'Multiplications, two 1‑D passes' });
  const costNote = el('p', { class: 'hint', id: 'sep-cost-note' });
  const element = section('The Gaussian is separable', {
    cls: 'separable-panel',
    headingId: 'separable-heading',
    intro: 'A 2‑D Gaussian is the product of two 1‑D Gaussians, so blurring the rows with the 1‑D kernel and then the columns gives the same picture as the full k×k kernel, with far fewer multiplications.',
  }, [
    kernelFigure,
    el('div', { class: 'map-row' }, [direct.node, twoPass.node]),
    stats([diff, directCount, separableCount]),
    costNote,
    el('p', { class: 'hint', id: 'global-link' }, ['Wider blurs, σ up to 20 pixels, and what they keep: ', el('a', { href: '#global', text: 'global to local' }), '.']),
  ]);

  function render(core, image, sigma) {
    const shape = new Uint32Array(image.shape);
    const g2 = core.filterKernel({ kind: 'gaussian', sigma });
    const g1 = core.filterKernel({ kind: 'gaussian1d', sigma });
    const k = g1.cols;
    const full = core.conv2d(image.gray, shape, g2.values, new Uint32Array([1, 1, g2.rows, g2.cols]), undefined, SAME);
    const rows = core.conv2d(image.gray, shape, g1.values, new Uint32Array([1, 1, 1, k]), undefined, SAME);
    const both = core.conv2d(rows.data, new Uint32Array(rows.shape), g1.values, new Uint32Array([1, 1, k, 1]), undefined, SAME);
    const difference = core.shiftDifference(full.data, both.data, image.h, image.w, 0, 0, 0);
    const cost = core.separableCost(image.h, image.w, k);

    element.querySelector('#sep-kernel-caption').textContent = `1‑D Gaussian, σ = ${formatValue(sigma, { decimals: 2 })}: ${k} weights (the 2‑D kernel is ${g2.rows}×${g2.cols})`;
    oneD.render({ rows: 1, cols: k, values: (_, c) => g1.values[c], cellLabel: (_, c) => `weight ${c + 1}` });
    drawHeatmap(direct.canvas, full.data, image.h, image.w, { map: 'gray', range: [0, 1] });
    drawHeatmap(twoPass.canvas, both.data, image.h, image.w, { map: 'gray', range: [0, 1] });
    diff.set(difference.maxAbs === 0 ? '0 (identical)' : formatStat(difference.maxAbs), difference.maxAbs);
    directCount.set(formatCount(cost.direct));
    separableCount.set(formatCount(cost.separable));
    costNote.textContent = `For ${image.w}×${image.h} pixels: the 2‑D kernel has ${k}×${k} weights per pixel, the two passes ${k} + ${k}.`;
  }

  return { element, render };
}
