// Section 2, why MLPs explode: a dense layer's weights against its input size (n_out = n_in/ratio
// gives n_in²/ratio; a fixed width gives n_in·units) beside a convolution's constant count, on a
// log chart with the numbers as text (core.parameterGrowth); and the curse of dimensionality:
// the samples that cover [0, 1]^d at spacing ε, (1/ε)^d, as points and as a table (core.gridCover).
import { el, field, figure, legendList, section, stat, stats, table } from '../../lib/dom.js';
import { chartCanvas } from '../../lib/charts.js';
import { countText, formatCount, formatValue, superscript } from '../../lib/format.js';
import { drawGrid, drawLogLines } from './growth-draw.js';

const SERIES_FROM = 1;
const SERIES_TO = 1e9;
const SERIES_POINTS = 37; // four per decade
const CHANNELS = 1; // grey digits and photos: one input channel
const MOST_DRAWN = 20; // points per axis drawn (20³ = 8,000 in the cube)

const INTRO =
  'A dense layer connects every input to every unit: n_in × n_out weights. If each layer is a tenth of the one before ' +
  '(n_out = n_in/10, the lecture’s example) that is n_in²/10, so ten times the input means a hundred times the weights. ' +
  'A convolution’s weights depend on its filters and kernel, not on the size of the image.';
/** The curse's text for digits of h × w pixels. */
const curse = (h, w) =>
  'For methods that learn from nearby examples, covering the input space at spacing ε takes ⌈1/ε⌉ samples per axis, ' +
  `(1/ε)^d in d dimensions: a digit of ${h} × ${w} pixels is a point in ${formatCount(h * w)} dimensions. (Deep networks ` +
  'do not seem to suffer this in the same way; see Poggio and Liao, 2018, in the lecture.)';

const count = (n) => countText(n).text;

export function createGrowth(demo) {
  const { core, digits, state, schema: spec } = demo;
  const [, h, w] = digits.shape();
  const bounds = (key, extra = {}) => ({ name: key, id: `why-${key}`, min: spec[key].min, max: spec[key].max, value: state[key], ...extra });
  const fields = {
    nin: field('number', { label: 'Inputs n_in', ...bounds('nin') }),
    ratio: field('number', { label: 'n_out = n_in ÷', ...bounds('ratio') }),
    units: field('number', { label: 'Fixed dense width (units)', ...bounds('units') }),
    filters: field('number', { label: 'Conv filters', ...bounds('filters') }),
    kernel: field('number', { label: 'Kernel k (k × k)', ...bounds('kernel') }),
    eps: field('number', { label: 'Spacing ε', ...bounds('eps', { step: 0.001, inputmode: 'decimal' }) }),
    dims: field('number', { label: 'Dimensions in the table (up to)', ...bounds('dims') }),
  };
  const chart = chartCanvas(720, 320, 'Weights against the number of inputs on log–log axes: dense layer with n_out = n_in / ratio, dense layer of fixed width, convolution');
  chart.id = 'why-growth-chart';
  const legend = el('div');
  const growthTable = el('div', { id: 'why-growth-values' });
  const at = {
    dense: stat({ id: 'why-dense-weights', label: 'dense, n_out = n_in/ratio' }),
    fixed: stat({ id: 'why-fixed-weights', label: 'dense, fixed width' }),
    conv: stat({ id: 'why-conv-weights', label: 'convolution' }),
  };
  const perAxis = stat({ id: 'why-per-axis', label: 'samples per axis ⌈1/ε⌉' });
  const pictures = [1, 2, 3].map((d) => figure('', { id: `why-grid-${d}`, canvasLabel: `Sample points covering the unit ${['line', 'square', 'cube'][d - 1]}` }));
  const pictureNote = el('p', { class: 'hint', id: 'why-grid-note' });
  const gridTable = el('div', { id: 'why-grid-values' });

  const node = section('2. Why MLPs explode', { id: 'why-growth', intro: INTRO }, [
    el('div', { class: 'controls' }, ['nin', 'ratio', 'units', 'filters', 'kernel'].map((k) => fields[k].node)),
    el('h3', { text: 'Weights at n_in (biases left out)' }),
    stats(Object.values(at)),
    chart,
    el('p', { class: 'hint', text: 'Weights (up) against the number of inputs n_in (across), both on log scales: a straight line of slope 2 is n_in², of slope 1 is n_in.' }),
    legend,
    growthTable,
    el('h3', { id: 'why-curse-title', text: 'The curse of dimensionality' }),
    el('p', { class: 'section-intro', text: curse(h, w) }),
    el('div', { class: 'controls' }, [fields.eps.node, fields.dims.node]),
    stats([perAxis]),
    el('div', { class: 'why-grids' }, pictures.map((p) => p.node)),
    pictureNote,
    gridTable,
  ]);

  function renderGrowth() {
    const options = { from: SERIES_FROM, to: SERIES_TO, points: SERIES_POINTS, ratio: state.ratio, units: state.units, filters: state.filters, kernel: state.kernel, channels: CHANNELS };
    const g = core.parameterGrowth(state.nin, options);
    at.dense.set(count(g.at.denseWeights), g.at.denseWeights);
    at.fixed.set(count(g.at.fixedWeights), g.at.fixedWeights);
    at.conv.set(count(g.at.convWeights), g.at.convWeights);
    const line = (key) => g.series.map((p) => [p.nIn, p[key]]);
    drawLogLines(chart, [
      { colour: '--cat-blue', points: line('denseWeights') },
      { colour: '--cat-vermillion', dash: true, points: line('fixedWeights') },
      { colour: '--cat-green', dots: true, points: line('convWeights') },
    ], { mark: state.nin });
    const names = [
      `dense, n_out = ⌈n_in/${state.ratio}⌉ (n_in · n_out ≈ n_in²/${state.ratio})`,
      `dense, ${formatCount(state.units)} units (n_in · ${formatCount(state.units)})`,
      `convolution, ${state.filters} filters of ${state.kernel} × ${state.kernel} (the same for every n_in)`,
    ];
    legend.replaceChildren(legendList([['c-blue', names[0]], ['c-orange', `${names[1]} (dashed)`], ['c-green', `${names[2]} (dotted)`], ['c-text', 'the chosen n_in (line)']]));
    const keys = [['dense', 'denseWeights'], ['fixed', 'fixedWeights'], ['conv', 'convWeights']];
    const short = [`dense, n_out = ⌈n_in/${state.ratio}⌉`, `dense, ${formatCount(state.units)} units`, `conv, ${state.filters} × ${state.kernel} × ${state.kernel}`];
    growthTable.replaceChildren(table({
      id: 'why-growth-table',
      caption: `Weights at n_in = ${formatCount(g.at.nIn)} and at ten times as many inputs`,
      head: ['layer', `at n_in = ${formatCount(g.at.nIn)}`, `at n_in = ${formatCount(g.tenfold.nIn)}`, 'factor'],
      rows: keys.map(([id, key], i) => [
        { text: short[i], header: true },
        { text: count(g.at[key]), id: `why-${id}-at`, 'data-value': String(g.at[key]) },
        { text: count(g.tenfold[key]), id: `why-${id}-ten`, 'data-value': String(g.tenfold[key]) },
        { text: `× ${formatCount(g.factors[i])}`, id: `why-${id}-factor`, 'data-value': String(g.factors[i]) },
      ]),
    }));
  }

  function renderCover() {
    const dims = Array.from({ length: state.dims }, (_, i) => i + 1);
    const c = core.gridCover(state.eps, dims);
    perAxis.set(formatCount(c.perAxis), c.perAxis);
    const drawn = c.perAxis <= MOST_DRAWN;
    pictures.forEach((p, i) => {
      const { d, samples } = c.points[i];
      p.caption.textContent = `d = ${d}: ${formatCount(c.perAxis)}${superscript(d)} = ${count(samples)} points`;
      p.canvas.hidden = !drawn;
      if (drawn) drawGrid(p.canvas, c.axis, d);
    });
    pictureNote.textContent = drawn
      ? `Each point stands for the cell of side ε = ${formatValue(c.epsilon)} around it.`
      : `At ε = ${formatValue(c.epsilon)} there are ${formatCount(c.perAxis)} points per axis: too many to draw; the table has the numbers.`;
    gridTable.replaceChildren(table({
      id: 'why-grid-table',
      caption: `Samples needed to cover [0, 1]^d at spacing ε = ${formatValue(c.epsilon)}`,
      head: ['d', 'samples (1/ε)^d', 'as a power of ten'],
      rows: c.points.map(({ d, samples, log10 }) => [
        { text: String(d), header: true },
        { text: samples === null ? 'more than a double holds' : count(samples), id: `why-cover-${d}`, 'data-value': String(samples) },
        { text: `10${superscript(formatValue(log10, { decimals: 2, unicodeMinus: false }))}`, id: `why-cover-log-${d}`, 'data-value': String(log10) },
      ]),
    }));
  }

  function render() {
    try {
      renderGrowth();
      renderCover();
      demo.fail(null);
    } catch (err) {
      demo.fail(err);
    }
    node.dataset.ready = '1';
  }

  return { node, fields, read: (key) => fields[key].input.value, changed: render, render };
}
