// The pooling demo's pictures: the digit and its feature map, the four pooled maps side by side
// (point into any of them to pick an output cell; clicking one also makes its kind the chosen
// one), and where the gradient goes under each kind.
import { el, figure, section } from '../../lib/dom.js';
import { legend } from '../../lib/heatmap.js';
import { createCellPicker } from '../../lib/cell-picker.js';
import { KINDS, traceRect } from './window.js';

/** A kit figure holding `picker`; its caption is `#<id>-caption`, its legend `#<id>-legend`. */
function mapFigure(picker, id, caption, withLegend = true) {
  const fig = figure(caption, { id, content: picker.element, legend: withLegend });
  fig.caption.id = `${id}-caption`;
  if (fig.legend) fig.legend.id = `${id}-legend`;
  return fig;
}

/** Draw `t` (a [1, 1, h, w] tensor) into `picker` on the diverging map, with its legend in `fig`. */
function drawSigned(picker, fig, t) {
  const [, , h, w] = t.shape;
  legend(fig.legend, { ...picker.draw(t.data, h, w, { map: 'diverging' }), map: 'diverging' });
  return [h, w];
}

/** The digit, its feature map and the four pooled maps; `onPick(kind, row, col)`. */
export function createPoolMaps({ onPick }) {
  const digit = createCellPicker({ label: 'Input digit', interactive: false });
  const feature = createCellPicker({ label: 'Feature map', interactive: false });
  const digitFig = mapFigure(digit, 'digit-map', 'Input digit', false);
  const featureFig = mapFigure(feature, 'feature-map', 'Feature map');
  const pooled = KINDS.map((kind) => {
    const picker = createCellPicker({ label: `${kind.name} pooled map`, onSelect: (r, c) => onPick(kind.id, r, c) });
    return { kind, picker, fig: mapFigure(picker, `pooled-${kind.id}`, kind.name) };
  });
  const element = section('Four poolings of the same feature map', {
    cls: 'pool-maps',
    headingId: 'pooled-heading',
    intro: 'Point into any pooled map (click, tap, or focus it and use the arrow keys) to pick an output cell; that map’s kind becomes the chosen one (outlined here and in the window view below), and the cell’s window is boxed on the feature map.',
  }, [
    el('div', { class: 'map-row source-row' }, [digitFig.node, featureFig.node]),
    el('div', { class: 'map-row pooled-row' }, pooled.map((p) => p.fig.node)),
  ]);

  function render({ image, feature: f, digitText, featureText, outputs, traces, row, col, chosen }) {
    const [, , h, w] = image.shape;
    digit.draw(image.data, h, w, { map: 'gray', range: [0, 1] });
    digitFig.caption.textContent = digitText;
    drawSigned(feature, featureFig, f);
    featureFig.caption.textContent = featureText;
    feature.box('window', traceRect(traces[chosen]));
    for (const { kind, picker, fig } of pooled) {
      const [oh, ow] = drawSigned(picker, fig, outputs[kind.id]);
      picker.select(row, col);
      fig.caption.textContent = `${kind.name}${kind.id === chosen ? ' (chosen)' : ''}: ${kind.what}, ${oh}×${ow}`;
      fig.node.classList.toggle('chosen', kind.id === chosen);
    }
  }

  /** Move keyboard focus to the chosen kind's map (after a re-render). */
  function focus(kindId) {
    pooled.find((p) => p.kind.id === kindId)?.picker.element.focus({ preventScroll: true });
  }

  return { element, render, focus };
}

/** Where the gradient goes: one heatmap per kind of ∂loss/∂feature from core.pool2dBackward. */
export function createGradientMaps() {
  const where = el('p', { id: 'gradient-where' });
  const maps = KINDS.map((kind) => {
    const picker = createCellPicker({ label: `Gradient under ${kind.name} pooling`, interactive: false });
    const fig = mapFigure(picker, `gradient-${kind.id}`, kind.name);
    const count = el('p', { class: 'grad-count', id: `grad-count-${kind.id}` });
    fig.node.append(count);
    return { kind, picker, fig, count };
  });
  const element = section('Where the gradient goes', { cls: 'gradient-panel', headingId: 'gradient-heading' }, [
    where,
    el('div', { class: 'map-row pooled-row' }, maps.map((m) => m.fig.node)),
  ]);

  function render({ grads, counts, mode, traces, row, col }) {
    where.textContent = mode === 'ones'
      ? 'Backpropagation sends a gradient of 1 into every pooled output; each map shows what reaches each feature-map cell (white: nothing). Max routes it to one cell per window — in an all-zero window, the first; average and Gaussian share it out; L2 gives each cell value / norm.'
      : `Backpropagation sends a gradient of 1 into output cell row ${row}, column ${col} only (0 elsewhere); its window is boxed.`;
    for (const { kind, picker, fig, count } of maps) {
      const g = grads[kind.id];
      drawSigned(picker, fig, g);
      picker.box('window', mode === 'ones' ? null : traceRect(traces[kind.id]));
      const n = counts[kind.id];
      count.textContent = `${n} of ${g.data.length} feature cells receive gradient`;
      count.dataset.count = String(n);
    }
  }

  return { element, render };
}
