// The two views of a transposed convolution as DOM-text grids, at one step of the player:
// scatter (input, kernel, this cell's stamp x·K, the output as the stamps add up) and gather (the
// zero-inserted, padded input with the window, the kernel rotated by 180°, the output filled cell
// by cell). Values come from the state's data and the core's trace; nothing here computes.
import { el } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { formatFactor, formatValue } from '../../lib/format.js';
import { gatherLine, scatterLines } from './transposed-model.js';

const heads = (n) => Array.from({ length: n }, (_, i) => formatValue(i));

/** A titled grid box; `id` goes on the box (tests find grids by it). */
export function gridBox(title, options, id) {
  const grid = createGrid({ label: title, ...options });
  return el('div', { class: 'grid-box', id }, [el('p', { class: 'grid-title', text: title }), el('div', { class: 'grid-scroll' }, [grid.element])]);
}

const same = (a, b) => a.row === b.row && a.col === b.col;

/** The scatter view at `value` (0: nothing stamped yet). */
function scatterView(model, state, value, edits) {
  const { trace } = model;
  const [oh, ow] = [trace.geometry.height.output, trace.geometry.width.output];
  const step = value > 0 ? trace.scatter[value - 1] : null;
  // The running output: each cell's value after the latest stamp so far (the core's `running`).
  const shown = Array.from({ length: oh }, () => new Array(ow).fill(''));
  for (const s of trace.scatter.slice(0, value)) for (const t of s.terms) shown[t.outRow][t.outCol] = t.running;
  const finished = value === trace.scatter.length;
  const stamped = (r, c) => step?.terms.find((t) => t.outRow === r && t.outCol === c);
  const tap = (a, b) => step?.terms.find((t) => t.kernelRow === a && t.kernelCol === b);
  const k = state.tk;
  const parts = [
    gridBox('Input x', {
      rows: state.trows, cols: state.tcols, rowHeaders: heads(state.trows), colHeaders: heads(state.tcols),
      values: (r, c) => state.tin[r * state.tcols + c],
      editable: true,
      onChange: (r, c, v) => edits.input(r * state.tcols + c, v),
      cellClass: (r, c) => {
        const i = trace.scatter.findIndex((s) => same(s, { row: r, col: c }));
        return i === value - 1 ? 'win' : i < value - 1 ? 'done' : '';
      },
    }, 'transposed-input'),
    gridBox('Kernel K', { rows: k, cols: k, values: (r, c) => state.tw[r * k + c], editable: true, onChange: (r, c, v) => edits.kernel(r * k + c, v) }, 'transposed-kernel'),
    gridBox(step ? `This stamp: ${formatValue(step.input)} · K` : 'This stamp: x · K', {
      rows: k, cols: k,
      values: (a, b) => tap(a, b)?.product ?? '',
      cellClass: (a, b) => (step && !tap(a, b) ? 'pad' : ''),
    }, 'transposed-stamp'),
    gridBox(`Output y (${oh}×${ow}), stamps added so far`, {
      rows: oh, cols: ow, rowHeaders: heads(oh), colHeaders: heads(ow),
      values: (r, c) => (finished ? trace.scatterOutput[r * ow + c] : shown[r][c]),
      cellClass: (r, c) => (stamped(r, c) ? 'win' : shown[r][c] === '' ? 'pending' : 'done'),
      note: (r, c) => {
        const t = stamped(r, c);
        return t ? `+${formatFactor(t.product)}` : '';
      },
    }, 'transposed-output'),
  ];
  const lines = step ? scatterLines(step) : ['Each input cell x[i, j] stamps x[i, j] × K onto the output, its top-left tap at (i·stride − padding, j·stride − padding), taps dilation apart; where stamps overlap they add up.'];
  return { parts, lines };
}

/** The gather view at `value` (0: no output cell yet). */
function gatherView(model, state, value) {
  const { trace } = model;
  const g = trace.gather;
  const [oh, ow] = [trace.geometry.height.output, trace.geometry.width.output];
  const step = value > 0 ? g.steps[value - 1] : null;
  const k = state.tk;
  const under = (r, c) => step?.terms.find((t) => t.gridRow === r && t.gridCol === c);
  const cell = (r, c) => g.cells[r * g.cols + c];
  const parts = [
    gridBox(`Zero-inserted, padded input (${g.rows}×${g.cols})`, {
      rows: g.rows, cols: g.cols, rowHeaders: heads(g.rows), colHeaders: heads(g.cols),
      values: (r, c) => cell(r, c).value,
      cellClass: (r, c) => `${{ input: 'source', inserted: 'inserted', padding: 'pad' }[cell(r, c).kind]}${under(r, c) ? ' win' : ''}`,
      note: (r, c) => {
        const t = under(r, c);
        return t ? `×${formatFactor(t.weight)}` : '';
      },
    }, 'transposed-grid'),
    gridBox('Kernel rotated by 180°', { rows: k, cols: k, values: (r, c) => g.steps[0].terms[r * k + c].weight, cellClass: () => 'flipped' }, 'transposed-rotated'),
    gridBox(`Output y (${oh}×${ow}), one window per cell`, {
      rows: oh, cols: ow, rowHeaders: heads(oh), colHeaders: heads(ow),
      values: (r, c) => (r * ow + c < value ? g.steps[r * ow + c].result : ''),
      cellClass: (r, c) => {
        const i = r * ow + c;
        return i === value - 1 ? 'current' : i < value ? 'done' : 'pending';
      },
    }, 'transposed-output'),
  ];
  parts.push(el('p', { class: 'part-hint transposed-legend', text: 'In the grid: bold, the input’s values; italic 0, the inserted zeros; grey, the padding.' }));
  const intro = `Insert s − 1 zeros between the input cells (stride ${state.ts}), pad by d·(k − 1) − p: ${g.padTop} above and left, ${g.padBottom} below and right (with the output padding; a negative amount cuts), then slide the kernel rotated by 180° with stride 1.`;
  return { parts, lines: step ? [gatherLine(step)] : [intro] };
}

/** Build the views; `edits.input(i, v)`, `edits.kernel(i, v)` after an edit. */
export function createTransposedViews(edits) {
  const grids = el('div', { class: 'grid-set transposed-grids' });
  const equation = el('div', { class: 'transposed-equation', id: 'transposed-equation', 'aria-live': 'polite' });
  const element = el('div', {
    class: 'conv-stage transposed-stage',
    id: 'transposed-stage',
    tabindex: '0',
    'aria-label': 'Transposed convolution steps. Left and right arrow keys step, space plays or pauses, Home and End jump.',
  }, [grids, equation]);
  return {
    element,
    show(model, state, view, value) {
      const v = view === 'scatter' ? scatterView(model, state, value, edits) : gatherView(model, state, value);
      grids.replaceChildren(...v.parts);
      equation.replaceChildren(...v.lines.map((text) => el('p', { class: 'equation-line', text })));
    },
    clear() {
      grids.replaceChildren();
      equation.replaceChildren();
    },
  };
}
