// "Continuous time": two functions of t (a box, an exponential impulse response e^{−t/τ}u(t)),
// h flipped and slid to t, the product integrated — and the discrete sum of the sampled signals
// beside it, approaching the integral as the step Δ shrinks. Every number and every curve comes
// from core.continuousConv; this module only builds its arguments, draws and writes text.
import { el, field, legendList, section, stat, stats, table } from '../../lib/dom.js';
import { drawLines } from '../../lib/charts.js';
import { formatAxis, formatValue } from '../../lib/format.js';

export const KINDS = [['box', 'box'], ['exponential', 'exponential e^(−t/τ)u(t)']];
export const STEPS = ['1', '0.5', '0.25', '0.1', '0.05'];
const SIZE = { min: 0.25, max: 10, step: 0.25 };
const HEIGHT = { min: 0.25, max: 4, step: 0.25 };

/** The demo schema's keys of this section. */
export const CONTINUOUS_SCHEMA = {
  cx: { type: 'enum', values: KINDS.map(([k]) => k), default: 'box' },
  cxs: { type: 'float', ...SIZE, default: 1 },
  cxa: { type: 'float', ...HEIGHT, default: 1 },
  ch: { type: 'enum', values: KINDS.map(([k]) => k), default: 'box' },
  chs: { type: 'float', ...SIZE, default: 1 },
  cha: { type: 'float', ...HEIGHT, default: 1 },
  ct: { type: 'float', min: -60, max: 120, default: 1 },
  cdt: { type: 'enum', values: STEPS, default: '0.25' },
};

const POINTS = 401;
const DECIMALS = { decimals: 4 };
const num = (v) => formatValue(v, DECIMALS);

/** The core's description of signal `key` ('x' or 'h') of a state. */
export function signalOf(state, key) {
  const [kind, size, height] = [state[`c${key}`], state[`c${key}s`], state[`c${key}a`]];
  return kind === 'box' ? { kind, width: size, height } : { kind, tau: size, height };
}

/** Everything the section shows, from the core. */
export function computeContinuous(core, state) {
  return core.continuousConv(signalOf(state, 'x'), signalOf(state, 'h'), { t: state.ct, step: Number(state.cdt), points: POINTS });
}

function signalText(s, name) {
  return s.kind === 'box'
    ? `${name}(t) = ${num(s.height)} for 0 ≤ t < ${num(s.width)}, 0 elsewhere`
    : `${name}(t) = ${num(s.height)}·e^(−t/${num(s.tau)}) for t ≥ 0, 0 before`;
}

/** Points [[x − lo, y]] of a curve over the span (the chart's axis starts at 0) and its ticks. */
function plotted(r, values) {
  return Array.from(values, (v, i) => [r.times[i] - r.span[0], v]);
}
function ticks(r) {
  const at = (x) => [x - r.span[0], formatAxis(x)];
  return r.span[0] < 0 && r.span[1] > 0 ? [at(r.span[0]), at(0), at(r.span[1])] : [at(r.span[0]), at(r.span[1])];
}

/**
 * Build the section. `onChange(key, text)` sets a setting (checked by the schema);
 * `observe(element, fn)` is the demo's resize observer. Returns `{ element, fields, show(state, result) }`.
 */
export function createContinuous({ onChange, observe }) {
  const kinds = (key, label) => field('select', { label, id: `c${key}`, options: KINDS, value: 'box' });
  const range = (key, label, spec) => field('range', { label, id: key, ...spec, value: spec.min, format: (v) => formatValue(v, { decimals: 2 }) });
  const fields = {
    cx: kinds('x', 'x(t): kind'),
    cxs: range('cxs', 'x: width', SIZE),
    cxa: range('cxa', 'x: height', HEIGHT),
    ch: kinds('h', 'h(t): kind'),
    chs: range('chs', 'h: width', SIZE),
    cha: range('cha', 'h: height', HEIGHT),
    ct: field('range', { label: 'Slide to t', id: 'ct', min: -1, max: 2, step: 0.05, value: 1, format: (v) => formatValue(v, { decimals: 2 }) }),
    cdt: field('select', { label: 'Sampling step Δ', id: 'cdt', options: STEPS.map((s) => [s, s]), value: '0.25' }),
  };
  for (const [key, f] of Object.entries(fields)) {
    f.input.addEventListener(f.input.type === 'range' ? 'input' : 'change', () => onChange(key, f.input.value));
  }
  const signals = el('p', { class: 'equation', id: 'cont-signals' });
  const slideCanvas = el('canvas', { class: 'stems tall', role: 'img', 'aria-label': 'x(τ), h(t − τ) and their product against τ; the numbers are below.' });
  const yCanvas = el('canvas', { class: 'stems tall', role: 'img', 'aria-label': 'y(t) = (x ∗ h)(t) and the discrete sums at t = nΔ; the numbers are below.' });
  const integralText = el('p', { class: 'equation', id: 'cont-integral', 'aria-live': 'polite' });
  const s = {
    exact: stat({ id: 'cont-exact', label: 'y(t), exact', cls: 'key' }),
    integral: stat({ id: 'cont-numeric', label: 'y(t), integrated numerically (Simpson)' }),
    sample: stat({ id: 'cont-sample', label: 'Nearest sample t = nΔ' }),
    sum: stat({ id: 'cont-sum', label: 'Discrete sum Δ·Σₖ x[k]·h[n−k]', cls: 'key' }),
    sampleExact: stat({ id: 'cont-sample-exact', label: 'y(nΔ), exact' }),
    error: stat({ id: 'cont-error', label: 'Discrete sum − y(nΔ)' }),
  };
  const convergence = el('div', { id: 'cont-convergence' });
  const why = el('p', {
    class: 'part-hint',
    text: 'Why the dots are off the curve: Δ·Σₖ x(kΔ)·h(t − kΔ) counts whole samples where the product jumps at the ends of the overlap (a box’s edges, the exponential’s start), so it differs from the integral by an amount proportional to Δ. Halve Δ and the difference about halves: the table below.',
  });
  const element = section('5. Continuous time: flip, slide, multiply, integrate', {
    id: 'continuous',
    cls: 'conv1d-section',
    intro: 'The lecture starts here: y(t) = (x ∗ h)(t) = ∫ x(τ)·h(t − τ) dτ. Flip h(τ) to h(−τ), slide it to t, multiply with x(τ) and integrate. Sample both signals every Δ and the integral becomes the convolution sum of sections 1–4, times Δ.',
  }, [
    el('div', { class: 'controls continuous-controls' }, Object.values(fields).map((f) => f.node)),
    signals,
    legendList([['swatch-x', 'x(τ)'], ['swatch-h', 'h(t − τ): h flipped and slid to t'], ['swatch-product', 'x(τ)·h(t − τ), integrated']]),
    slideCanvas,
    integralText,
    legendList([['swatch-y', 'y(t), exact'], ['swatch-product', 'Δ·(x ∗ h)[n] at t = nΔ (dots)']]),
    yCanvas,
    why,
    stats(Object.values(s)),
    convergence,
  ]);
  let last = null;

  function draw() {
    if (!last) return;
    const r = last;
    const xTicks = ticks(r);
    drawLines(slideCanvas, [
      { colour: '--cat-green', points: plotted(r, r.product) },
      { colour: '--cat-blue', points: plotted(r, r.x) },
      { colour: '--cat-vermillion', points: plotted(r, r.slid), dash: true },
    ], { xTicks });
    const samples = Array.from(r.samples, (v, i) => [r.sampleTimes[i] - r.span[0], v]);
    drawLines(yCanvas, [
      { colour: '--cat-black', points: plotted(r, r.curve) },
      { colour: '--cat-green', points: samples, dots: true, dash: true },
      { colour: '--highlight-output', points: [[r.t - r.span[0], 0], [r.t - r.span[0], r.exact]] },
    ], { xTicks });
  }
  observe(slideCanvas, draw);
  observe(yCanvas, draw);

  return {
    element,
    fields,
    /** Show `r` (core.continuousConv's result) for `state`. */
    show(state, r) {
      last = r;
      fields.ct.input.min = String(r.span[0]);
      fields.ct.input.max = String(r.span[1]);
      signals.textContent = `${signalText(signalOf(state, 'x'), 'x')};  ${signalText(signalOf(state, 'h'), 'h')}`;
      for (const key of ['x', 'h']) {
        fields[`c${key}s`].node.querySelector('.field-label').textContent = `${key}: ${state[`c${key}`] === 'box' ? 'width' : 'τ'}`;
      }
      integralText.textContent = r.overlap
        ? `y(${num(r.t)}) = ∫ from ${num(r.overlap[0])} to ${num(r.overlap[1])} of x(τ)·h(${num(r.t)} − τ) dτ = ${num(r.exact)}`
        : `y(${num(r.t)}) = 0: x(τ) and h(${num(r.t)} − τ) do not overlap.`;
      s.exact.set(num(r.exact), r.exact);
      s.integral.set(num(r.integral), r.integral);
      s.sample.set(`n = ${r.sample}, t = ${num(r.sampleTime)}`, r.sampleTime);
      s.sum.set(num(r.sum), r.sum);
      s.sampleExact.set(num(r.sampleExact), r.sampleExact);
      s.error.set(num(r.convergence[0].error), r.convergence[0].error);
      convergence.replaceChildren(table({
        id: 'cont-convergence-table',
        cls: 'values',
        caption: `The discrete sum at t = ${num(r.sampleTime)} as the step shrinks (exact: ${num(r.sampleExact)})`,
        head: ['Δ', 'Δ·Σₖ x[k]·h[n−k]', 'error'],
        rows: r.convergence.map((c) => ({ dataset: { step: String(c.step) }, cells: [formatValue(c.step, { decimals: 5 }), num(c.sum), formatValue(c.error, { decimals: 6 })] })),
      }));
      draw();
    },
  };
}
