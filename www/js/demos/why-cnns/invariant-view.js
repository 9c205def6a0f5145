// The invariant task's results: the moved digit, each network's probability of the true class
// against the move (a chart, with every value also in a table), and the core's summary numbers
// (probability at 0, the kept range, the mean) as DOM text. Drawing only: every number comes from
// trainer.transformCurve.
import { el, figure, legendList, stat, stats, table } from '../../lib/dom.js';
import { chartCanvas, drawLines } from '../../lib/charts.js';
import { drawHeatmap } from '../../lib/heatmap.js';
import { formatCount, formatValue } from '../../lib/format.js';

const ROLES = [
  ['cnn', '--cat-blue', false, 'c-blue'],
  ['mlp', '--cat-vermillion', true, 'c-orange'],
];

const value = (x, unit) => `${formatValue(x, { decimals: 0 })}${unit === '°' ? '°' : ` ${unit}`}`;
const probability = (p) => formatValue(p, { decimals: 3 });

/** One network's stats: weights, probability at 0, at the shown value, the kept range and the mean. */
function modelStats(role) {
  const s = {
    weights: stat({ id: `why-${role}-weights`, label: 'weights' }),
    p0: stat({ id: `why-${role}-p0`, label: 'P(true class) at 0' }),
    pAt: stat({ id: `why-${role}-pat`, label: 'P(true class) at the shown value' }),
    kept: stat({ id: `why-${role}-kept`, label: 'still right from … to' }),
    mean: stat({ id: `why-${role}-mean`, label: 'mean P over the sweep' }),
  };
  const name = el('h3', { class: 'why-model-name', id: `why-${role}-name` });
  return { s, name, node: el('div', { class: 'why-model' }, [name, stats(Object.values(s))]) };
}

/** The result pieces; `update(view)` redraws them (see `render` in invariant.js for `view`). */
export function createCurveView() {
  const moved = figure('The digit at the shown value', { id: 'why-moved', canvasLabel: 'The chosen digit moved by the shown value' });
  const canvas = chartCanvas(720, 300, 'Probability of the true class against the move, for both networks');
  canvas.id = 'why-curve';
  const legend = el('div', { id: 'why-curve-legend' });
  const models = Object.fromEntries(ROLES.map(([role]) => [role, modelStats(role)]));
  const tableBox = el('div', { id: 'why-curve-values' });
  const details = el('details', { class: 'why-details' }, [el('summary', { text: 'Every value of the sweep as a table' }), tableBox]);
  const message = el('p', { class: 'hint', id: 'why-curve-message', role: 'status' });
  const node = el('div', { class: 'why-results' }, [
    message,
    el('div', { class: 'why-curve-row' }, [moved.node, el('div', { class: 'why-chart' }, [canvas, legend])]),
    el('div', { class: 'why-models' }, ROLES.map(([role]) => models[role].node)),
    details,
  ]);

  /**
   * view: { image, h, w, names: { cnn, mlp }, weights: { cnn, mlp }, curves: { cnn, mlp } | null,
   * sweep: { max, step }, unit, at, message }.
   */
  function update(view) {
    message.textContent = view.message ?? '';
    if (view.image) drawHeatmap(moved.canvas, view.image, view.h, view.w);
    else drawHeatmap(moved.canvas, new Float32Array(view.h * view.w), view.h, view.w);
    const { max } = view.sweep;
    const series = [];
    for (const [role, colour, dash] of ROLES) {
      const m = models[role];
      m.name.textContent = view.names[role];
      m.s.weights.set(formatCount(view.weights[role]), view.weights[role]);
      const curve = view.curves?.[role];
      if (!curve) {
        for (const key of ['p0', 'pAt', 'kept', 'mean']) m.s[key].set('—');
        continue;
      }
      const values = Array.from(curve.values);
      const at = values.indexOf(view.at);
      m.s.p0.set(probability(curve.probabilityAtZero), curve.probabilityAtZero);
      m.s.pAt.set(at < 0 ? '—' : probability(curve.probabilities[at]), at < 0 ? undefined : curve.probabilities[at]);
      m.s.kept.set(curve.kept ? `${value(curve.kept[0], view.unit)} to ${value(curve.kept[1], view.unit)}` : 'wrong at 0 already', curve.kept ? curve.kept.join(',') : 'null');
      m.s.mean.set(probability(curve.meanProbability), curve.meanProbability);
      series.push({ colour, dash, points: values.map((v, i) => [v + max, curve.probabilities[i]]) });
    }
    series.push({ colour: '--text-muted', dots: true, points: [[view.at + max, 0], [view.at + max, 1]] });
    drawLines(canvas, series, { yRange: [0, 1], xTicks: [[0, value(-max, view.unit)], [max, '0'], [2 * max, value(max, view.unit)]] });
    legend.replaceChildren(legendList([
      ['c-blue', view.names.cnn],
      ['c-orange', `${view.names.mlp} (dashed)`],
      ['c-muted', 'the shown value (grey line)'],
    ]));
    tableBox.replaceChildren(view.curves ? curveTable(view) : el('p', { text: 'No curves yet.' }));
  }

  return { node, update };
}

/** value | each network's P(true class) and prediction, with the unrounded probability in data-value. */
function curveTable({ curves, names, unit }) {
  const values = Array.from(curves.cnn.values);
  const cell = (curve, role, i) => ({ text: probability(curve.probabilities[i]), 'data-value': String(curve.probabilities[i]), id: `why-${role}-p-${i}` });
  return table({
    id: 'why-curve-table',
    caption: 'Probability of the true class and the predicted class at every value of the sweep',
    head: [`move (${unit})`, `${names.cnn}: P`, 'predicts', `${names.mlp}: P`, 'predicts'],
    rows: values.map((v, i) => [
      formatValue(v, { decimals: 0 }),
      cell(curves.cnn, 'cnn', i),
      String(curves.cnn.predictions[i]),
      cell(curves.mlp, 'mlp', i),
      String(curves.mlp.predictions[i]),
    ]),
  });
}
