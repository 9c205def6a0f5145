// The backward pass of the 2-D stepper: ∂L/∂y on the output grid (editable, all ones unless the
// URL says otherwise), ∂L/∂x stepped cell by cell and ∂L/∂w weight by weight from the core's
// conv2dBackwardTrace, the one-shot conv2dBackward beside them with the core's agreement()
// verdict, and a finite-difference check (conv2dGradientCheck) on the current input cell.
// Nothing here does arithmetic on the data: it packs arguments, indexes results, writes text.
import { button, el } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { formatProduct, formatSum, formatValue } from '../../lib/format.js';
import { offset } from '../../lib/tensor.js';

/** The ∂L/∂y of a state for `n` outputs: the URL's values, or all ones. */
const gradOut = (state, n) => (state.dy.length === n ? [...state.dy] : new Array(n).fill(1));

/**
 * Every number of the backward section, from the core: `{ dy, dyShape, oneShot, dx, dw, steps,
 * agreeInput, agreeWeight, check(i, h) }`; `dx[i]`/`dw[i]` are traces, `steps` = dx then dw.
 */
export function computeBackward(core, state, model) {
  const { d, options } = model;
  const dyShape = [1, d.F, model.outH, model.outW];
  const dy = gradOut(state, d.F * model.perMap);
  const x = [new Float32Array(model.data.input), new Uint32Array([1, d.C, d.H, d.W])];
  const w = [new Float32Array(model.data.kernel), new Uint32Array([d.F, d.C, d.KH, d.KW])];
  const g = [new Float32Array(dy), new Uint32Array(dyShape)];
  const oneShot = core.conv2dBackward(...x, ...w, ...g, options);
  const dx = [];
  for (let ch = 0; ch < d.C; ch += 1) {
    for (let row = 0; row < d.H; row += 1) {
      for (let col = 0; col < d.W; col += 1) dx.push(core.conv2dBackwardTrace(...x, ...w, ...g, options, { of: 'input', batch: 0, channel: ch, row, col }));
    }
  }
  const dw = [];
  for (let o = 0; o < d.F; o += 1) {
    for (let ch = 0; ch < d.C; ch += 1) {
      for (let row = 0; row < d.KH; row += 1) {
        for (let col = 0; col < d.KW; col += 1) dw.push(core.conv2dBackwardTrace(...x, ...w, ...g, options, { of: 'weight', outChannel: o, channel: ch, row, col }));
      }
    }
  }
  const sums = (traces) => new Float32Array(traces.map((t) => t.sum));
  const bias = model.volume ? new Float32Array(model.data.bias) : undefined;
  return {
    dy,
    dyShape,
    oneShot,
    dx,
    dw,
    steps: dx.length + dw.length,
    agreeInput: core.agreement(sums(dx), oneShot.input.data),
    agreeWeight: core.agreement(sums(dw), oneShot.weight.data),
    check: (cell, h) => core.conv2dGradientCheck(...x, ...w, bias, ...g, options, [0, cell.channel, cell.row, cell.col], h),
  };
}

const cellName = (c, d, name) => `${name}[${d.C > 1 ? `${c.channel}, ` : ''}${c.row}, ${c.col}]`;
const weightName = (c, d) => `∂L/∂w[${d.F > 1 || d.C > 1 ? `${c.outChannel}, ${c.channel}, ` : ''}${c.row}, ${c.col}]`;

/** The sum of one trace written out: "∂L/∂x[2, 2] = 1·0 + 1·1 + … = 10". */
export function traceText(trace, d) {
  const parts = trace.terms.map((t) => (trace.cell.of === 'input' ? formatProduct(t.gradOutput, t.factor) : formatProduct(t.factor, t.gradOutput)));
  const name = trace.cell.of === 'input' ? cellName(trace.cell, d, '∂L/∂x') : weightName(trace.cell, d);
  return `${name} = ${formatSum(parts, trace.sum)}`;
}

/** Where the terms come from, in words (from the trace's own fields). */
function termsText(trace) {
  if (trace.cell.of === 'weight') {
    return `Σ over every output position of input × ∂L/∂y: ${trace.terms.length} terms (the cross-correlation of x with ∂L/∂y).`;
  }
  const n = trace.terms.length;
  const where = trace.terms.map((t) => `(${t.outRow}, ${t.outCol})`).join(', ');
  const [sy, sx] = trace.stride;
  const dilated = sy > 1 || sx > 1
    ? ` Stride ${sy}×${sx}: in the dilated ∂L/∂y (values ${sy} apart, zeros between) they sit at ${trace.terms.map((t) => `(${t.dilatedRow}, ${t.dilatedCol})`).join(', ') || 'no place'} — the transposed convolution.`
    : '';
  return n ? `Covered by ${n} window${n > 1 ? 's' : ''}, at outputs ${where}: ∂L/∂y × the weight that met this cell (the full convolution of ∂L/∂y with the flipped kernel).${dilated}`
    : `No window covered this cell: its gradient is 0.${dilated}`;
}

const box = (title, grid) => el('div', { class: 'grid-box' }, [el('p', { class: 'grid-title', text: title }), el('div', { class: 'grid-scroll' }, [grid.element])]);

/**
 * The backward section. `onGradEdit(index, value)` after an edit of ∂L/∂y (flat index),
 * `onStep(step)` when the step changes, `onH(h)` when the nudge changes.
 */
export function createBackward({ onGradEdit, onStep, onH }) {
  const element = el('section', { class: 'panel conv-backward', id: 'backward', 'aria-labelledby': 'backward-title' });
  let view = null;
  const stepTo = (i) => onStep(Math.max(0, Math.min(view.back.steps - 1, i)));

  function grids(model, back, step) {
    const { d } = model;
    const trace = step < back.dx.length ? back.dx[step] : back.dw[step - back.dx.length];
    const covering = new Set(trace.cell.of === 'input' ? trace.terms.map((t) => `${t.outChannel},${t.outRow},${t.outCol}`) : []);
    const dyGrids = Array.from({ length: d.F }, (_, o) => createGrid({
      label: `∂L/∂y${d.F > 1 ? ` of filter ${o + 1}` : ''}`,
      rows: model.outH,
      cols: model.outW,
      values: (r, c) => back.dy[offset(back.dyShape, 0, o, r, c)],
      editable: () => !model.symbolic,
      onChange: (r, c, v) => onGradEdit(offset(back.dyShape, 0, o, r, c), v),
      cellClass: (r, c) => (trace.cell.of === 'weight' && trace.cell.outChannel === o) || covering.has(`${o},${r},${c}`) ? 'win' : '',
    }));
    const filled = (i) => i <= step;
    const dxGrid = (ch, source) => createGrid({
      label: `${source === 'stepped' ? 'Stepped' : 'One-shot'} ∂L/∂x${d.C > 1 ? `, channel ${ch + 1}` : ''}`,
      rows: d.H,
      cols: d.W,
      values: (r, c) => {
        const i = offset([1, d.C, d.H, d.W], 0, ch, r, c);
        if (source === 'stepped') return filled(i) ? back.dx[i].sum : '';
        return back.oneShot.input.data[i];
      },
      cellClass: (r, c) => (trace.cell.of === 'input' && trace.cell.channel === ch && trace.cell.row === r && trace.cell.col === c ? 'win' : ''),
    });
    const dwGrid = (o, ch, source) => createGrid({
      label: `${source === 'stepped' ? 'Stepped' : 'One-shot'} ∂L/∂w${d.F > 1 ? ` of filter ${o + 1}` : ''}${d.C > 1 ? `, channel ${ch + 1}` : ''}`,
      rows: d.KH,
      cols: d.KW,
      values: (r, c) => {
        const i = offset([d.F, d.C, d.KH, d.KW], o, ch, r, c);
        if (source === 'stepped') return filled(back.dx.length + i) ? back.dw[i].sum : '';
        return back.oneShot.weight.data[i];
      },
      cellClass: (r, c) => (trace.cell.of === 'weight' && trace.cell.outChannel === o && trace.cell.channel === ch && trace.cell.row === r && trace.cell.col === c ? 'win' : ''),
    });
    const set = (cls, items) => el('div', { class: `grid-set ${cls}` }, items);
    const stepped = [];
    const oneShot = [];
    for (let ch = 0; ch < d.C; ch += 1) {
      const s = dxGrid(ch, 'stepped');
      const o1 = dxGrid(ch, 'oneShot');
      stepped.push(box(s.element.getAttribute('aria-label'), s));
      oneShot.push(box(o1.element.getAttribute('aria-label'), o1));
    }
    for (let o = 0; o < d.F; o += 1) {
      for (let ch = 0; ch < d.C; ch += 1) {
        const s = dwGrid(o, ch, 'stepped');
        const o1 = dwGrid(o, ch, 'oneShot');
        stepped.push(box(s.element.getAttribute('aria-label'), s));
        oneShot.push(box(o1.element.getAttribute('aria-label'), o1));
      }
    }
    return {
      trace,
      dy: set('backward-dy', dyGrids.map((gr, o) => box(gr.element.getAttribute('aria-label'), gr))),
      stepped: set('backward-stepped', stepped),
      oneShot: set('backward-one-shot', oneShot),
    };
  }

  function verdict(id, name, a) {
    const text = a.all
      ? `Stepped ${name} equals the one-shot conv2dBackward in every cell (largest difference ${formatValue(a.maxAbsDifference)}).`
      : `Stepped ${name} differs from the one-shot conv2dBackward (largest difference ${formatValue(a.maxAbsDifference)}).`;
    return el('p', { class: 'backward-verdict', id, dataset: { agree: String(a.all) }, text });
  }

  function checkPanel(model, back, trace, h) {
    const result = el('p', { class: 'backward-check-result', id: 'fd-result', 'aria-live': 'polite' });
    const hField = el('select', { id: 'fd-h', 'aria-label': 'Nudge h' }, ['0.001', '0.01', '0.1', '1'].map((v) => el('option', { value: v, text: v, selected: v === h })));
    hField.addEventListener('change', () => onH(hField.value));
    const isInput = trace.cell.of === 'input';
    const run = button('Nudge and compare', { id: 'fd-run', disabled: !isInput }, () => {
      const c = back.check(trace.cell, Number(h));
      result.dataset.agree = String(c.agree);
      result.dataset.quotient = String(c.quotient);
      result.dataset.gradient = String(c.gradient);
      result.textContent = `L(x + h) = ${formatValue(c.lossPlus, { decimals: 4 })}, L(x − h) = ${formatValue(c.lossMinus, { decimals: 4 })}; `
        + `(L₊ − L₋) / 2h = ${formatValue(c.quotient, { decimals: 4 })}, the gradient shown ${formatValue(c.gradient, { decimals: 4 })}: `
        + `${c.agree ? 'they agree' : 'they differ'} (difference ${formatValue(c.difference, { decimals: 6 })}, tolerance ${formatValue(c.tolerance, { decimals: 6 })}).`;
    });
    return el('div', { class: 'backward-check', id: 'fd-check' }, [
      el('h3', { text: 'Check by finite differences' }),
      el('p', { class: 'part-hint', text: isInput
        ? `Nudge ${cellName(trace.cell, model.d, 'x')} by ±h, run the convolution again and read L = Σ y·∂L/∂y.`
        : 'Step to a cell of ∂L/∂x to check it.' }),
      el('div', { class: 'backward-check-controls' }, [el('label', { for: 'fd-h', text: 'h ' }), hField, run]),
      result,
    ]);
  }

  return {
    element,
    /** Draw for `model` and `back` (computeBackward's) at `step`, nudge `h` (text). */
    show(model, back, step, h) {
      view = { model, back };
      const at = Math.min(step, back.steps - 1);
      const parts = grids(model, back, at);
      const nav = el('div', { class: 'backward-nav' }, [
        button('First', { id: 'back-first' }, () => stepTo(0)),
        button('Previous', { id: 'back-prev' }, () => stepTo(at - 1)),
        button('Next', { id: 'back-next' }, () => stepTo(at + 1)),
        button('Last', { id: 'back-last' }, () => stepTo(back.steps - 1)),
        el('span', { class: 'backward-status', id: 'back-status', text: `Step ${at + 1} of ${back.steps}: ${at < back.dx.length ? 'a cell of ∂L/∂x' : 'a weight of ∂L/∂w'}.` }),
      ]);
      element.replaceChildren(
        el('h2', { id: 'backward-title', text: 'The backward pass' }),
        el('p', { class: 'part-hint', text: 'L = Σ y·∂L/∂y for the ∂L/∂y you type (all ones to begin with). Each cell of ∂L/∂x sums ∂L/∂y × weight over the windows that covered it; each weight of ∂L/∂w sums input × ∂L/∂y over every position.' }),
        parts.dy,
        nav,
        el('p', { class: 'equation-line backward-equation', id: 'back-equation', text: traceText(parts.trace, model.d) }),
        el('p', { class: 'part-hint', id: 'back-terms', text: termsText(parts.trace) }),
        el('div', { class: 'backward-compare' }, [
          el('div', {}, [el('h3', { text: 'Step by step (the traces)' }), parts.stepped]),
          el('div', {}, [el('h3', { text: 'In one shot (conv2dBackward)' }), parts.oneShot]),
        ]),
        verdict('verdict-input', '∂L/∂x', back.agreeInput),
        verdict('verdict-weight', '∂L/∂w', back.agreeWeight),
        checkPanel(model, back, parts.trace, h),
      );
    },
  };
}
