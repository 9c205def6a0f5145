// Flip → slide → multiply → sum, for the output n the player is on: h flipped and shifted under
// x, the products, and y[n], drawn as stems and listed as DOM text. Every value is read from
// the core's trace of y[n] (terms: k = inputCol, h index = kernelCol, x[k], h, product).
import { el, numberField } from '../../lib/dom.js';
import { MINUS } from '../../lib/format.js';
import { createGrid } from '../../lib/grid.js';
import { drawStems } from '../../lib/stems.js';
import { outputsShown, PHASES, stageAt } from './model.js';
import { fmt, fmtProduct, legend, STYLE, valuesTable } from './panels.js';

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

/** Build the stepper; `onPick(n)` jumps to output n. Returns `{ element, slot, show(model, value) }`. */
export function createStepper({ onPick }) {
  const slot = el('div', { class: 'player-slot' });
  const nField = numberField('Output index n', { min: 0, max: 0, value: 0, id: 'pick-n' });
  const phases = el('ol', { class: 'phase-list', 'aria-label': 'Phases' }, PHASES.map((p) => el('li', { dataset: { phase: p }, text: PHASE_NAMES[p] })));
  const description = el('p', { class: 'phase-text', id: 'phase-text', 'aria-live': 'polite' });
  const slideCanvas = el('canvas', { class: 'stems', role: 'img', 'aria-label': 'x[k] and the shifted h as stems; values in the table below.' });
  const productCanvas = el('canvas', { class: 'stems', role: 'img', 'aria-label': 'Products as stems; values in the table below.' });
  const yCanvas = el('canvas', { class: 'stems', role: 'img', 'aria-label': 'Output y[n] as stems; values in the table below.' });
  const terms = el('div', { id: 'terms' });
  const equation = el('p', { class: 'equation', id: 'equation' });
  const slideLegend = legend([{ swatch: 'x', text: 'x[k]' }, { swatch: 'h', text: 'h, flipped and shifted' }]);
  let model = null;
  let value = 0;
  const yGrid = createGrid({
    label: 'Output y[n] (tap a value to step to it)',
    rows: 1,
    cols: 0,
    format: fmt,
    values: (r, m) => (m < outputsShown(value) ? model.y[m] : ''),
    cellClass: (r, m) => (m === stageAt(value).n && value > 0 ? 'current' : m < outputsShown(value) ? 'done' : 'pending'),
    onCellClick: (r, m) => onPick(m),
  });
  yGrid.element.id = 'y-values';

  const element = el('section', {
    class: 'panel conv1d-section conv-stage-1d',
    id: 'stage',
    tabindex: '0',
    'aria-labelledby': 'stepper-title',
  }, [
    el('h2', { id: 'stepper-title', text: '3. Flip → slide → multiply → sum' }),
    el('p', { class: 'part-hint', text: 'Arrow keys step and space plays while this panel has focus; pick n to jump to an output.' }),
    slot,
    el('div', { class: 'stepper-row' }, [nField.label, phases]),
    description,
    el('div', { class: 'stepper-body' }, [
      el('div', { class: 'stepper-plots' }, [
        slideLegend,
        slideCanvas,
        legend([{ swatch: 'product', text: 'x[k] · shifted h' }]),
        productCanvas,
        legend([{ swatch: 'y', text: 'y[n] so far' }]),
        yCanvas,
      ]),
      el('div', { class: 'stepper-text' }, [
        el('h3', { text: 'The terms of y[n]' }),
        terms,
        equation,
        el('h3', { text: 'y[n] so far' }),
        el('div', { class: 'grid-scroll' }, [yGrid.element]),
      ]),
    ]),
  ]);
  nField.control.addEventListener('change', () => {
    const n = Math.round(Number(nField.control.value));
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
      valuesTable({
        id: 'terms-table',
        caption: `The terms of y[${n}]`,
        head: ['k', ...t.terms.map((term) => fmt(term.inputCol))],
        rows: [
          { label: 'x[k]', id: 'x', cells: t.terms.map((term) => ({ value: term.input, className: term.inside ? 'win' : 'muted' })) },
          { label: hLabel, id: 'h', cells: t.terms.map((term) => (showH ? term.weight : '')) },
          { label: 'product', id: 'product', cells: t.terms.map((term) => (showProducts ? term.product : '')) },
        ],
      }),
    );
    const inside = t.terms.filter((term) => term.inside);
    const names = inside.map((term) => `x[${term.inputCol}]·h[${term.kernelCol}]`).join(' + ');
    if (phase === 'sum') {
      const numbers = inside.map((term) => fmtProduct(term.input, term.weight)).join(' + ');
      equation.textContent = `y[${n}] = ${names} = ${numbers} = ${fmt(t.result)}`;
    } else if (phase === 'multiply') {
      equation.textContent = `products: ${inside.map((term) => `${fmtProduct(term.input, term.weight)} = ${fmt(term.product)}`).join(',  ')}`;
    } else {
      equation.textContent = conv ? `y[n] = Σₖ x[k]·h[n${MINUS}k]` : 'y[n] = Σ x[k]·h[j] over the overlap, h not flipped';
    }
    nField.control.max = String(model.length - 1);
    nField.control.value = String(n);
    yGrid.render({ cols: model.length, colHeaders: Array.from({ length: model.length }, (_, m) => String(m)) });
  }

  new ResizeObserver(() => model && draw()).observe(slideCanvas);
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
