// The conv2d page's transposed-convolution mode (op=transposed): sliders for the sizes, stride,
// padding, output padding and dilation; the scatter view (each input cell stamping x·K) and the
// gather view (a stride-1 convolution over the zero-inserted input with the rotated kernel),
// stepped with the player's controls; the output-size formula with the core's numbers; both
// views' finished grids with the core's agreement, and the matching convolution's ∂L/∂x.
import { button, el, field, section, setValue } from '../../lib/dom.js';
import { formatValue } from '../../lib/format.js';
import { bindPlayerKeys, createPlayer, mountPlayerControls } from '../../lib/player.js';
import { applyTransposed, computeTransposed, stepCount, TRANSPOSED_LEGEND, transposedFormula, transposedStepText } from './transposed-model.js';
import { TRANSPOSED_EXAMPLE, TRANSPOSED_SCHEMA } from './transposed-state.js';
import { createTransposedViews, gridBox } from './transposed-views.js';

const SLIDERS = [
  ['trows', 'Input rows'], ['tcols', 'Input columns'], ['tk', 'Kernel k × k'], ['ts', 'Stride s'],
  ['tpad', 'Padding p'], ['tout', 'Output padding'], ['tdil', 'Dilation d'],
];
const VIEWS = [['scatter', 'Scatter: stamp x·K'], ['gather', 'Gather: convolve the zero-inserted input']];

/**
 * Mount the mode on `demo`; `direct` lists the page's direct-convolution parts, hidden while the
 * mode is on. Returns `{ modeBar, element, refresh() }`.
 */
export function mountTransposed(demo, direct) {
  const { core, state, root } = demo;
  let model = null;

  const player = demo.own(createPlayer({ count: 0, value: 0, speed: Number(state.speed) }));
  const playerUi = demo.own(mountPlayerControls(player, { label: 'Transposed convolution steps', describe: (v) => transposedStepText(model?.trace, state.tview, v) }));
  playerUi.element.id = 'transposed-player';

  const opButtons = [['direct', 'Convolution'], ['transposed', 'Transposed convolution']].map(([op, text]) => {
    const b = button(text, { id: `op-${op}`, class: 'secondary' }, () => change(() => { state.op = op; }));
    return [op, b];
  });
  const modeBar = el('p', { class: 'conv-mode', role: 'group', 'aria-label': 'Operation' }, opButtons.map(([, b]) => b));
  const viewButtons = VIEWS.map(([view, text]) => [view, button(text, { id: `view-${view}`, class: 'secondary' }, () => change(() => { state.tview = view; }))]);

  const sliders = Object.fromEntries(SLIDERS.map(([key, label]) => {
    const s = TRANSPOSED_SCHEMA[key];
    const f = field('range', { label, id: `transposed-${key}`, min: s.min, max: s.max, step: 1, value: s.default });
    f.input.addEventListener('change', () => change(() => applyTransposed(core, state, { [key]: Number(f.input.value) })));
    return [key, f];
  }));
  const example = button('The hand-worked example', { id: 'transposed-example', class: 'secondary' }, () => change(() => {
    for (const key of Object.keys(TRANSPOSED_SCHEMA)) if (key !== 'op' && key !== 'tview') state[key] = TRANSPOSED_SCHEMA[key].default;
    Object.assign(state, { tin: [...TRANSPOSED_EXAMPLE.input], tw: [...TRANSPOSED_EXAMPLE.kernel] });
  }));

  const formula = el('div', { class: 'transposed-formula', id: 'transposed-formula', 'aria-live': 'polite' });
  const views = createTransposedViews({
    input: (i, v) => change(() => { state.tin[i] = v; }),
    kernel: (i, v) => change(() => { state.tw[i] = v; }),
  });
  const finals = el('div', { class: 'grid-set', id: 'transposed-finals' });
  const verdict = el('p', { class: 'verdict', id: 'transposed-verdict' });
  const matching = el('p', { id: 'transposed-matching' });

  const element = section('Transposed convolution', {
    id: 'transposed',
    cls: 'conv-transposed',
    intro: 'A transposed convolution goes the other way: a small input becomes a larger output, as in a decoder or a GAN’s generator. Step it two ways: each input cell stamping the scaled kernel onto the output, or an ordinary convolution over the input with zeros inserted between its cells. Both give the same numbers.',
  }, [
    el('div', { class: 'controls transposed-controls' }, [...Object.values(sliders).map((f) => f.node), example]),
    formula,
    el('div', { class: 'transposed-views', role: 'group', 'aria-label': 'View' }, viewButtons.map(([, b]) => b)),
    playerUi.element,
    views.element,
    el('h3', { text: 'Both views, finished' }),
    finals,
    verdict,
    matching,
  ]);
  demo.own(bindPlayerKeys(element, player));
  for (const part of direct) part.classList.add('conv-direct');

  function showFormula() {
    const g = model.geometry;
    formula.replaceChildren(
      el('h3', { text: 'Output size' }),
      el('p', { class: 'formula-line' }, [el('span', { class: 'formula-axis', text: 'height ' }), el('span', { class: 'formula', id: 'transposed-formula-height', text: transposedFormula(g.height) })]),
      el('p', { class: 'formula-line' }, [el('span', { class: 'formula-axis', text: 'width ' }), el('span', { class: 'formula', id: 'transposed-formula-width', text: transposedFormula(g.width) })]),
      el('p', { class: 'formula-summary', id: 'transposed-size', dataset: { rows: String(g.height.output), cols: String(g.width.output) }, text: `Input ${g.height.input}×${g.width.input} → output ${g.height.output}×${g.width.output}.` }),
      el('p', { class: 'part-hint', text: TRANSPOSED_LEGEND }),
    );
  }

  function showFinals() {
    const { trace } = model;
    const [oh, ow] = [trace.geometry.height.output, trace.geometry.width.output];
    const grid = (title, data, id) => gridBox(title, { rows: oh, cols: ow, values: (r, c) => data[r * ow + c] }, id);
    finals.replaceChildren(grid('Scatter: the stamps added up', trace.scatterOutput, 'transposed-final-scatter'), grid('Gather: the convolution', trace.gatherOutput, 'transposed-final-gather'));
    const a = trace.agreement;
    verdict.dataset.agree = String(a.all);
    verdict.textContent = a.all
      ? `Both views give the same ${oh}×${ow} grid (largest difference ${formatValue(a.maxAbsDifference)}).`
      : `The two views differ (largest difference ${formatValue(a.maxAbsDifference)}).`;
    const m = model.matching;
    matching.dataset.agree = m ? String(m.agreement.all) : '';
    matching.textContent = m
      ? `It is also the gradient ∂L/∂x of the ${state.tk}×${state.tk} convolution with stride ${state.ts}, padding ${state.tpad} and dilation ${state.tdil} (whose input is ${m.inH}×${m.inW}), with ∂L/∂y = this input: conv2dBackward ${m.agreement.all ? 'gives the same grid' : 'gives another grid'} (largest difference ${formatValue(m.agreement.maxAbsDifference)}).`
      : `That convolution of a ${oh}×${ow} input does not come back to ${state.trows}×${state.tcols}: with output padding beyond the stride there is no matching gradient to compare.`;
  }

  function showStep() {
    if (model) views.show(model, state, state.tview, player.value);
  }

  function refresh() {
    const on = state.op === 'transposed';
    root.dataset.op = state.op;
    element.hidden = !on;
    for (const [op, b] of opButtons) b.setAttribute('aria-pressed', String(state.op === op));
    for (const [view, b] of viewButtons) b.setAttribute('aria-pressed', String(state.tview === view));
    for (const [key, f] of Object.entries(sliders)) setValue(f.input, state[key]);
    if (!on) return;
    try {
      model = computeTransposed(core, state);
    } catch (err) {
      model = null;
      demo.fail(err);
      formula.replaceChildren(el('h3', { text: 'Output size' }), el('p', { class: 'formula-error', id: 'transposed-error', text: `No output for this setting: ${err.message}` }));
      views.clear();
      finals.replaceChildren();
      verdict.textContent = '';
      matching.textContent = '';
      player.setCount(0);
      return;
    }
    demo.fail(null);
    showFormula();
    showFinals();
    const wanted = Math.min(state.tstep, stepCount(model.trace, state.tview)); // setCount writes state.tstep
    player.setCount(stepCount(model.trace, state.tview));
    player.set(wanted);
    showStep();
  }

  function change(apply) {
    demo.notify([]);
    apply();
    refresh();
    demo.save();
  }

  player.subscribe(() => {
    state.tstep = player.value;
    showStep();
    demo.save();
  });
  refresh();
  return { modeBar, element, refresh };
}
