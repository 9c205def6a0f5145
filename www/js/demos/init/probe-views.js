// What one probe of the initialized network shows: the variance argument as a table (one row per
// hidden dense layer, every number from the core's variance report) and the per-layer histograms
// of activations and back-propagated gradients on one shared range per row.
import { el, section, table } from '../../lib/dom.js';
import { chartCanvas, drawBars } from '../../lib/charts.js';
import { formatStat } from '../../lib/format.js';

const BINS = 31;

/** The sentence under the table: where the two forms differ and where they agree (the core's formsDiffer). */
function formsText(rows) {
  const at = (want) => rows.flatMap((r, i) => (r.formsDiffer === want ? [String(i + 1)] : []));
  const [differ, agree] = [at(true), at(false)];
  const tol = formatStat(rows[0].formsTolerance);
  const list = (ks) => (ks.length === 1 ? `layer ${ks[0]}` : `layers ${ks.join(', ')}`);
  const parts = [];
  if (differ.length) parts.push(`The two forms differ at ${list(differ)}: there E[x]²/E[x²] is above ${tol}, the inputs are not zero-mean and the lecture’s form is too low.`);
  if (agree.length) parts.push(`They agree at ${list(agree)} (E[x]²/E[x²] at most ${tol}).`);
  return parts.join(' ');
}

/** "The variance argument": `show(rows)` with rows of the core's varianceReport. */
export function createVarianceTable() {
  const box = el('div');
  const verdict = el('p', { class: 'lab-result', id: 'forms-summary' });
  const node = section('The variance argument', {
    cls: 'lab-section',
    intro: 'For a unit s = Σ wᵢxᵢ over n inputs (n = fan-in) with independent zero-mean weights, Var(s) = n·Var(w)·E[x²] exactly, and E[x²] = Var(x) + E[x]². '
      + 'The lecture writes Var(s) = n·Var(w)·Var(x), which is the same only for zero-mean inputs; sigmoid and ReLU outputs are never negative, and neither are the pixels layer 1 sees. '
      + 'Both forms are computed by the core, beside the measured Var(s); the forms “differ” where E[x]²/E[x²] is above the core’s tolerance. n·Var(w) is the scheme’s (see the formulas below).',
  }, [box, verdict]);
  const cell = (k, id, what, value) => ({ text: formatStat(value), id: `${id}-${k}`, label: `layer ${k}: ${what} = ${formatStat(value)}` });
  return {
    node,
    show(rows) {
      box.replaceChildren(table({
        head: ['layer', 'n', 'n·Var(w)', 'Var(x)', 'E[x²]', 'lecture: n·Var(w)·Var(x)', 'exact: n·Var(w)·E[x²]', 'forms (E[x]²/E[x²])', 'Var(s) measured'],
        rowHeads: true,
        rows: rows.map((r, i) => {
          const k = i + 1;
          const word = r.formsDiffer ? 'differ' : 'agree';
          return [String(k), String(r.fanIn),
            cell(k, 'nvarw', 'n times Var(w)', r.schemeFanInTimesVariance),
            cell(k, 'varx', 'Var(x)', r.inputVariance),
            cell(k, 'ex2', 'E[x²]', r.inputSecondMoment),
            cell(k, 'pred', 'n·Var(w)·Var(x)', r.predicted),
            cell(k, 'exact', 'n·Var(w)·E[x²]', r.predictedExact),
            { text: `${word} (${formatStat(r.formsDifference)})`, id: `forms-${k}`, label: `layer ${k}: the two forms ${word}, E[x]² over E[x²] = ${formatStat(r.formsDifference)}` },
            cell(k, 'vars', 'measured Var(s)', r.outputVariance)];
        }),
      }));
      verdict.textContent = rows.length ? formsText(rows) : '';
    },
  };
}

/** One row of histograms (`what`: 'activations' | 'gradients') of the given layers, on a shared range. */
function histogramRow(core, trainer, layers, what, colour) {
  const range = el('p', { class: 'hist-range' });
  const grid = el('div', { class: 'hist-grid', id: what === 'activations' ? 'act-hists' : 'grad-hists' });
  const data = layers.map((L) => (what === 'activations' ? trainer.activations(L) : trainer.inputGradients(L)).data);
  const stats = layers.map((L) => trainer.layerStats(L, what, 2).summary);
  // The drawing range: symmetric around 0, wide enough for every layer of the row.
  const widest = Math.max(...stats.map((s) => Math.max(Math.abs(s.min), Math.abs(s.max))).filter(Number.isFinite));
  const half = Number.isFinite(widest) && widest > 0 ? widest : 1;
  const fractions = data.map((d) => core.histogram(d, BINS, -half, half).fractions);
  const yMax = Math.max(...fractions.flat(), 1e-9);
  range.textContent = `x axis from −${formatStat(half)} to ${formatStat(half)} (dashed line at 0); bar height as a fraction of the values, common scale up to ${formatStat(yMax)}.`;
  grid.replaceChildren(...fractions.map((f, i) => {
    const variance = formatStat(stats[i].variance);
    const canvas = chartCanvas(180, 90, `Layer ${i + 1} ${what}: histogram, variance ${variance}`);
    drawBars(canvas, f, { colour, yMax });
    return el('figure', {}, [canvas, el('figcaption', { id: `${what}-var-${i + 1}`, text: `layer ${i + 1} · Var ${variance}` })]);
  }));
  return [range, grid];
}

/** "Histograms per layer": `show(core, trainer, layers)` after a probe, `layers` the activation layers. */
export function createHistograms() {
  const acts = el('div');
  const grads = el('div');
  const node = section('Histograms per layer', {
    cls: 'lab-section',
    intro: 'Normalized histograms (fractions) on one shared range per row, as in Glorot & Bengio (2010), Figures 6 and 7. With tanh and standard init the gradients’ peak at zero changes with depth; Xavier keeps the layers alike.',
  }, [el('h3', { text: 'Activations (layer outputs)' }), acts, el('h3', { text: 'Back-propagated gradients ∂C/∂s' }), grads]);
  return {
    node,
    show(core, trainer, layers) {
      acts.replaceChildren(...histogramRow(core, trainer, layers, 'activations', '--cat-blue'));
      grads.replaceChildren(...histogramRow(core, trainer, layers, 'gradients', '--cat-vermillion'));
    },
  };
}
