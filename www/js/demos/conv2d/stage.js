// The 2-D demo's stage: input (with its zero padding), kernels, products with the equation, and
// the output maps, all as DOM-text grids. It shows a model (model.js) at a step; it never
// computes: values come from the model's data, the core's output and the core's traces.
import { el } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { formatFactor, formatValue } from '../../lib/format.js';
import { offset } from '../../lib/tensor.js';
import { cellTexts, formulaAt, formulaOf } from './symbols.js';

const indexLabels = (n, offset) => Array.from({ length: n }, (_, i) => formatValue(i - offset));

function box(title, grid, extraClass = '') {
  return el('div', { class: `grid-box ${extraClass}`.trim() }, [
    el('p', { class: 'grid-title', text: title }),
    el('div', { class: 'grid-scroll' }, [grid.element]),
  ]);
}

/**
 * Build the stage. Callbacks: `onInputEdit(ch, row, col, value)`, `onKernelEdit(o, ch, row, col,
 * value)`, `onBiasEdit(o, value)`, `onPick(step)` (an output cell was chosen).
 * Returns `{ element, show(model), showStep(value), setStale(stale) }`.
 */
export function createStage({ onInputEdit, onKernelEdit, onBiasEdit, onPick }) {
  const parts = {
    input: el('section', { class: 'stage-part stage-input', 'aria-label': 'Input' }),
    kernel: el('section', { class: 'stage-part stage-kernel', 'aria-label': 'Kernel' }),
    products: el('section', { class: 'stage-part stage-products', 'aria-label': 'Products and sum' }),
    output: el('section', { class: 'stage-part stage-output', 'aria-label': 'Output' }),
  };
  const element = el('div', {
    class: 'conv-stage',
    id: 'stage',
    tabindex: '0',
    'aria-label': 'Convolution steps. Left and right arrow keys step, space plays or pauses, Home and End jump.',
  }, [el('h2', { class: 'visually-hidden', text: 'Input, kernel, products and output' }), ...Object.values(parts)]);
  const empty = el('p', { class: 'stage-empty', text: 'Nothing to show yet: the current setting has no output.' });
  parts.input.append(empty);

  let model = null;
  let value = 0;
  let stale = false;
  let current = null; // the trace of the current step, or null before the first
  let layoutKey = '';
  let grids = [];
  let equation = null;
  let formula = null;
  let texts = null;

  const term = (trace, ch, wr, wc) => trace.terms[offset([1, model.d.C, model.d.KH, model.d.KW], 0, ch, wr, wc)];

  function inputGrid(ch) {
    const g = model.geometry;
    const { top, left, bottom, right } = g.pads;
    const inside = (R, C) => R >= top && R < top + g.inH && C >= left && C < left + g.inW;
    const tapAt = (R, C) => current?.terms.find((t) => t.channel === ch && t.inputRow + top === R && t.inputCol + left === C);
    return createGrid({
      label: model.d.C > 1 ? `Input channel ${ch + 1}` : 'Input',
      rows: top + g.inH + bottom,
      cols: left + g.inW + right,
      rowHeaders: indexLabels(top + g.inH + bottom, top),
      colHeaders: indexLabels(left + g.inW + right, left),
      values: (R, C) => (inside(R, C) ? texts.input(ch, R - top, C - left) : 0),
      editable: (R, C) => !stale && !model.symbolic && inside(R, C),
      cellClass: (R, C) => `${inside(R, C) ? '' : 'pad'}${tapAt(R, C) ? ' win' : ''}`,
      note: (R, C) => {
        const t = tapAt(R, C);
        if (!t) return '';
        const factor = texts.factor(t, model.position(value - 1).o);
        return `×${typeof factor === 'number' ? formatFactor(factor) : factor}`;
      },
      onChange: (R, C, v) => onInputEdit(ch, R - top, C - left, v),
    });
  }

  function kernelGrid(o, ch) {
    return createGrid({
      label: `Kernel${model.d.F > 1 ? ` of filter ${o + 1}` : ''}${model.d.C > 1 ? `, channel ${ch + 1}` : ''}`,
      rows: model.d.KH,
      cols: model.d.KW,
      values: (r, c) => texts.kernel(o, ch, r, c),
      editable: () => !stale && !model.symbolic,
      onChange: (r, c, v) => onKernelEdit(o, ch, r, c, v),
    });
  }

  function slidingGrid(o, ch) {
    return createGrid({
      label: `Kernel${model.d.F > 1 ? ` of filter ${o + 1}` : ''}${model.d.C > 1 ? `, channel ${ch + 1}` : ''} as it slides (flipped)`,
      rows: model.d.KH,
      cols: model.d.KW,
      values: (r, c) => texts.factor(term(model.sliding[o], ch, r, c), o),
      cellClass: () => 'flipped',
    });
  }

  function productGrid(ch) {
    return createGrid({
      label: `Products${model.d.C > 1 ? ` of channel ${ch + 1}` : ''}`,
      rows: model.d.KH,
      cols: model.d.KW,
      values: (r, c) => (current ? texts.product(term(current, ch, r, c), model.position(value - 1).o) : ''),
      cellClass: (r, c) => (current && !term(current, ch, r, c).inside ? 'pad' : ''),
    });
  }

  function outputGrid(o) {
    const at = (r, c) => o * model.perMap + r * model.outW + c;
    return createGrid({
      label: model.d.F > 1 ? `Output map ${o + 1}` : 'Output',
      rows: model.outH,
      cols: model.outW,
      rowHeaders: indexLabels(model.outH, 0),
      colHeaders: indexLabels(model.outW, 0),
      values: (r, c) => (at(r, c) < value ? texts.output(at(r, c)) : ''),
      cellClass: (r, c) => {
        const i = at(r, c);
        return i === value - 1 ? 'current' : i < value ? 'done' : 'pending';
      },
      onCellClick: (r, c) => onPick(at(r, c) + 1),
    });
  }

  function heading(text, hint) {
    return [el('h3', { text }), ...(hint ? [el('p', { class: 'part-hint', text: hint })] : [])];
  }

  function build() {
    const { C, F } = model.d;
    const conv = model.mode === 'conv';
    grids = [];
    const add = (grid) => (grids.push(grid), grid);
    const channelTitle = (ch) => (C > 1 ? `channel ${ch + 1}` : '');

    parts.input.replaceChildren(...heading('Input', model.symbolic ? 'Padding cells (dashed) are zeros. Letters stand for the values: untick “Letters instead of numbers” to edit them.' : 'Padding cells (dashed) are zeros. Tap a cell to edit.'));
    const inputs = el('div', { class: 'grid-set' });
    for (let ch = 0; ch < C; ch += 1) inputs.append(box(channelTitle(ch), add(inputGrid(ch))));
    parts.input.append(inputs);

    parts.kernel.replaceChildren(...heading(F > 1 ? 'Filters' : 'Kernel', conv ? 'True convolution slides the kernel flipped in both axes.' : ''));
    for (let o = 0; o < F; o += 1) {
      const group = el('div', { class: 'filter-group', dataset: { filter: String(o) } });
      if (F > 1 || model.volume) group.append(el('p', { class: 'filter-title', text: `Filter ${o + 1}` }));
      const set = el('div', { class: 'grid-set' });
      for (let ch = 0; ch < C; ch += 1) {
        set.append(box(`${channelTitle(ch)}${conv ? `${C > 1 ? ', ' : ''}as stored` : ''}`, add(kernelGrid(o, ch))));
        if (conv) set.append(box(`${channelTitle(ch)}${C > 1 ? ', ' : ''}flipped, as it slides`, add(slidingGrid(o, ch)), 'flipped-box'));
      }
      if (model.volume) {
        const bias = add(createGrid({ label: `Bias of filter ${o + 1}`, rows: 1, cols: 1, values: () => model.data.bias[o], editable: () => !stale, onChange: (r, c, v) => onBiasEdit(o, v) }));
        set.append(box('bias', bias, 'bias-box'));
      }
      group.append(set);
      parts.kernel.append(group);
    }

    parts.products.replaceChildren(...heading('Products and sum'));
    const products = el('div', { class: 'grid-set' });
    for (let ch = 0; ch < C; ch += 1) products.append(box(channelTitle(ch), add(productGrid(ch))));
    equation = el('div', { class: 'equation', id: 'equation', 'aria-live': 'off' });
    formula = el('div', { class: 'index-formula', id: 'index-formula' });
    const link = el('p', { class: 'hint', id: 'commute-link' }, ['Does the order of I and K matter? ', el('a', { href: '#commute', text: 'I ∗ K = K ∗ I?' }), ' (below)']);
    parts.products.append(products, equation, formula, link);

    parts.output.replaceChildren(...heading(F > 1 ? 'Output maps' : 'Output', 'Tap a cell to jump to its step.'));
    const outputs = el('div', { class: 'grid-set' });
    for (let o = 0; o < F; o += 1) outputs.append(box(F > 1 ? `map ${o + 1}` : '', add(outputGrid(o)), 'output-box'));
    parts.output.append(outputs);
  }

  function paint() {
    current = model && value > 0 ? model.trace(value - 1) : null;
    for (const grid of grids) grid.render();
    const pos = current ? model.position(value - 1) : null;
    const lines = current
      ? texts.lines(current, pos.o)
      : ['Step forward to place the kernel on the first window: its products and their sum appear here.'];
    equation.replaceChildren(...lines.map((text) => el('p', { class: 'equation-line', text })));
    const at = current ? formulaAt(model, current, pos) : [];
    formula.replaceChildren(el('p', { class: 'formula-general', text: formulaOf(model) }), ...at.map((text) => el('p', { class: 'equation-line', text })));
    const o = current ? pos.o : -1;
    for (const group of parts.kernel.querySelectorAll('.filter-group')) {
      group.classList.toggle('current-filter', Number(group.dataset.filter) === o);
    }
  }

  return {
    element,
    /** Show a new model (rebuilds the grids when the layout changed). */
    show(next) {
      model = next;
      texts = cellTexts(model);
      value = Math.min(value, model.count);
      current = null; // the old trace does not fit the new grids
      const g = model.geometry;
      const key = [model.d.C, model.d.F, g.inH, g.inW, g.kH, g.kW, JSON.stringify(g.pads), model.outH, model.outW, model.mode, model.volume, model.symbolic].join('|');
      if (key !== layoutKey) build();
      layoutKey = key;
      paint();
    },
    /** Show step `v` of the current model (0 = before the first window). */
    showStep(v) {
      value = v;
      if (model) paint();
    },
    /** Mark the view as out of date (an impossible setting): dimmed and not editable. */
    setStale(flag) {
      stale = flag;
      element.classList.toggle('stale', flag);
      if (model) paint();
    },
  };
}
