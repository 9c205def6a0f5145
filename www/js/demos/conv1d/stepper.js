// Flip → slide → multiply → sum, for the output n the player is on: h flipped and shifted under
// x, the products, and y[n], drawn as stems and listed as DOM text. Every value is read from
// the core's trace of y[n] (terms: k = inputCol, h index = kernelCol, x[k], h, product).
import { el, field, legendList, section, table } from '../../lib/dom.js';
import { formatProduct, MINUS } from '../../lib/format.js';
import { createGrid } from '../../lib/grid.js';
import { drawStems } from '../../lib/stems.js';
import { outputsShown, PHASES, stageAt } from './model.js';
import { cell, DECIMALS, STYLE, valueText } from './signal-style.js';

const PHASE_NAMES = { flip: 'Flip', slide: 'Slide', multiply: 'Multiply', sum: 'Sum' };

function phaseText(phase, n, conv) {
  if (phase === 'flip') {
    return conv
      ? 'Flip: h[k] is mirrored about k = 0 into h[−k] (faded: h before the flip).'
      : 'Cross-correlation does not flip: h keeps its orientation and only slides.';
  }
  if (phase === 'slide') return conv ? `Slide: shift the flipped h by n = ${n}, giving h[${n}${MINUS}k] under x[k].` : `Slide: shift h to output position n = ${n}.`;
  if (phase === 'multiply') return `Multiply: x[k] times the shifted h at every k where they overlap.`;
  return `Sum: add the products to get y[${n}].`;
}

const product = (term) => formatProduct(term.input, term.weight, DECIMALS);

/**
 * Build the stepper; `onPick(n)` jumps to output n; `observe(element, fn)` is the demo's resize
 * observer. Returns `{ element, slot, show(model, value) }`.
 */
export function createStepper({ onPick, observe }) {
  const slot = el('div', { class: 'player-slot' });
  const nField = field('number', { label: 'Output index n', min: 0, max: 0, value: 0, id: 'pick-n' });
  const phases = el('ol', { class: 'phase-list', 'aria-label': 'Phases' }, PHASES.map((p) => el('li', { dataset: { phase: p }, text: PHASE_NAMES[p] })));
  const description = el('p', { class: 'phase-text', id: 'phase-text', 'aria-live': 'polite' });
  const slideCanvas = el('canvas', { class: 'stems', role: 'img', 'aria-label': 'x[k] and the shifted h as stems; values in the table below.' });
  const productCanvas = el('canvas', { class: 'stems', role: 'img', 'aria-label': 'Products as stems; values in the table below.' });
  const yCanvas = el('canvas', { class: 'stems', role: 'img', 'aria-label': 'Output y[n] as stems; values in the table below.' });
  const terms = el('div', { id: 'terms' });
  const equation = el('p', { class: 'equation', id: 'equation' });
  const slideLegend = legendList([['swatch-x', 'x[k]'], ['swatch-h', 'h, flipped and shifted']]);
  let model = null;
  let value = 0;
  const yGrid = createGrid({
    label: 'Output y[n] (tap a value to step to it)',
    rows: 1,
    cols: 0,
    format: valueText,
    values: (r, m) => (m < outputsShown(value) ? model.y[m] : ''),
    cellClass: (r, m) => (m === stageAt(value).n && value > 0 ? 'current' : m < outputsShown(value) ? 'done' : 'pending'),
    onCellClick: (r, m) => onPick(m),
  });
  yGrid.element.id = 'y-values';

  const element = section('3. Flip → slide → multiply → sum', { id: 'stage', headingId: 'stepper-title', cls: 'conv1d-section conv-stage-1d' }, [
    el('p', { class: 'part-hint', text: 'Arrow keys step and space plays while this panel has focus; pick n to jump to an output.' }),
    el('p', { class: 'part-hint', id: 'continuous-link' }, ['The same four moves for two functions of time, with an integral for the sum: ', el('a', { href: '#continuous', text: 'section 5, continuous time' }), '.']),
    slot,
    el('div', { class: 'stepper-row' }, [nField.node, phases]),
    description,
    el('div', { class: 'stepper-body' }, [
      el('div', { class: 'stepper-plots' }, [
        slideLegend,
        slideCanvas,
        legendList([['swatch-product', 'x[k] · shifted h']]),
        productCanvas,
        legendList([['swatch-y', 'y[n] so far']]),
        yCanvas,
      ]),
      el('div', { class: 'stepper-text' }, [
        terms,
        equation,
        el('h3', { text: 'y[n] so far' }),
        el('div', { class: 'grid-scroll' }, [yGrid.element]),
      ]),
    ]),
  ]);
  element.tabIndex = 0;
  nField.input.addEventListener('change', () => {
    const n = Math.round(Number(nField.input.value));
    if (Number.isFinite(n)) onPick(Math.max(0, Math.min(model.length - 1, n)));
  });

  function draw() {
    const { phase, n } = stageAt(value);
    const conv = model.mode === 'conv';
    const t = model.trace(n);
    const shifted = t.terms.map((term) => ({ k: term.inputCol, v: term.weight }));
    const xs = { points: model.x.map((v, k) => ({ k, v })), ...STYLE.x, offset: -0.15 };
    const span = [model.kMin, model.kMax];
    const series = [xs];
    if (phase === 'flip') series.push({ points: model.h.map((v, k) => ({ k, v })), ...STYLE.h, faded: conv, offset: 0.15 });
    if (phase !== 'flip' || conv) series.push({ points: shifted, ...STYLE.h, offset: 0.15 });
    const band = phase === 'flip' ? undefined : [Math.min(...shifted.map((p) => p.k)), Math.max(...shifted.map((p) => p.k))];
    drawStems(slideCanvas, { kMin: span[0], kMax: span[1], series, band, axisLabel: 'k' });
    const products = phase === 'multiply' || phase === 'sum' ? t.terms.map((term) => ({ k: term.inputCol, v: term.product })) : [];
    drawStems(productCanvas, { kMin: span[0], kMax: span[1], series: [{ points: products, ...STYLE.product }], band, axisLabel: 'k' });
    const shown = outputsShown(value);
    drawStems(yCanvas, {
      kMin: 0,
      kMax: model.length - 1,
      series: [{ points: Array.from(model.y.slice(0, shown), (v, m) => ({ k: m, v })), ...STYLE.y }],
      mark: value > 0 ? n : undefined,
      axisLabel: 'n',
    });
  }

  function showText() {
    const { phase, n } = stageAt(value);
    const conv = model.mode === 'conv';
    const t = model.trace(n);
    const step = PHASES.indexOf(phase);
    for (const li of phases.children) {
      const i = PHASES.indexOf(li.dataset.phase);
      li.classList.toggle('active', i === step);
      li.classList.toggle('done', i < step);
      li.toggleAttribute('aria-current', i === step);
    }
    description.textContent = phaseText(phase, n, conv);
    slideLegend.lastChild.lastChild.textContent = conv ? 'h, flipped and shifted' : 'h, shifted (not flipped)';
    // At the flip, convolution shows h[−k] (trace of n = 0); correlation has nothing to flip.
    const hLabel = phase === 'flip' ? (conv ? 'h[−k]' : 'h (not placed yet)') : conv ? `h[${n}${MINUS}k]` : 'h shifted';
    const showH = phase !== 'flip' || conv;
    const showProducts = phase === 'multiply' || phase === 'sum';
    terms.replaceChildren(
      table({
        id: 'terms-table',
        cls: 'values',
        caption: `The terms of y[${n}]`,
        head: ['k', ...t.terms.map((term) => valueText(term.inputCol))],
        rowHeads: true,
        rows: [
          { dataset: { row: 'x' }, cells: ['x[k]', ...t.terms.map((term) => cell(term.input, term.inside ? 'win' : 'muted'))] },
          { dataset: { row: 'h' }, cells: [hLabel, ...t.terms.map((term) => cell(showH ? term.weight : ''))] },
          { dataset: { row: 'product' }, cells: ['product', ...t.terms.map((term) => cell(showProducts ? term.product : ''))] },
        ],
      }),
    );
    const inside = t.terms.filter((term) => term.inside);
    const names = inside.map((term) => `x[${term.inputCol}]·h[${term.kernelCol}]`).join(' + ');
    if (phase === 'sum') {
      const numbers = inside.map(product).join(' + ');
      equation.textContent = `y[${n}] = ${names} = ${numbers} = ${valueText(t.result)}`;
    } else if (phase === 'multiply') {
      equation.textContent = `products: ${inside.map((term) => `${product(term)} = ${valueText(term.product)}`).join(',  ')}`;
    } else {
      equation.textContent = conv ? `y[n] = Σₖ x[k]·h[n${MINUS}k]` : 'y[n] = Σ x[k]·h[j] over the overlap, h not flipped';
    }
    nField.input.max = String(model.length - 1);
    nField.input.value = String(n);
    yGrid.render({ cols: model.length, colHeaders: Array.from({ length: model.length }, (_, m) => String(m)) });
  }

  observe(slideCanvas, () => model && draw());
  return {
    element,
    slot,
    show(nextModel, nextValue) {
      model = nextModel;
      value = nextValue;
      showText();
      draw();
    },
  };
}
