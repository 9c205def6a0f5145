// "The formulas, per layer": for every dense layer of the network, its fans n_in and n_out, the
// scheme's rule, what the scheme predicts (core: initScheme) for the forward argument n_in·Var(w)
// and the backward one n_out·Var(w), what it keeps the same whatever the fans (Xavier: the mean
// fan), and the same two products measured on the weights actually drawn (core: varianceReport).
// Below: where the 1/3 of U[−r, r] comes from, with the core's r, Var(w) and Var(w)/r².
import { el, section, table } from '../../lib/dom.js';
import { formatStat } from '../../lib/format.js';
import { FORMULAS, initLabel, weightInit } from './network.js';

/** What a scheme keeps, in words, from the core's `keeps` and `keptValue`. */
export function keepsText(s) {
  const v = formatStat(s.keptValue);
  if (s.keeps === 'meanFanTimesVariance') return `(n_in+n_out)/2·Var(w) = ${v}`;
  if (s.keeps === 'fanInTimesVariance') return `n_in·Var(w) = ${v}`;
  return `Var(w) = ${v}`;
}

/** The sentence under the table: what the scheme keeps, with layer 1's numbers. */
function summaryText(label, s) {
  const fans = `on layer 1 (${s.fanIn} → ${s.fanOut}) n_in·Var(w) = ${formatStat(s.fanInTimesVariance)} and n_out·Var(w) = ${formatStat(s.fanOutTimesVariance)}`;
  if (s.keeps === 'meanFanTimesVariance') {
    return `${label} is a compromise between the forward argument (n_in·Var(w) = 1) and the backward one (n_out·Var(w) = 1): it keeps their mean (n_in + n_out)/2 · Var(w) at ${formatStat(s.keptValue)}, so ${fans} — neither is 1 where the fans differ.`;
  }
  if (s.keeps === 'fanInTimesVariance') return `${label} keeps the forward product n_in·Var(w) at ${formatStat(s.keptValue)} on every layer; the backward one follows n_out: ${fans}.`;
  if (s.family === 'constant') return `${label}: every weight is ${formatStat(s.spread)}, so Var(w) = ${formatStat(s.variance)} and ${fans}.`;
  return `${label} fixes Var(w) = ${formatStat(s.keptValue)} whatever the fans, so the products scale with the fans: ${fans}.`;
}

/** Where the 1/3 comes from, with the numbers of a uniform scheme on layer 1 (the chosen one, or standard). */
function thirdText(label, u) {
  return [
    'Where the 1/3 comes from: w ~ U[−r, r] has density 1/(2r) on [−r, r], so Var(w) = ∫ w²/(2r) dw from −r to r = r²/3. ',
    `For ${label} on layer 1 (n_in = ${u.fanIn}): r = ${formatStat(u.spread)}, Var(w) = ${formatStat(u.variance)}, Var(w)/r² = `,
    el('strong', { id: 'uniform-third', text: formatStat(u.variancePerSquaredHalfWidth) }),
    `, and n_in·Var(w) = ${formatStat(u.fanInTimesVariance)}`,
    u.keeps === 'fanInTimesVariance' && label.startsWith('standard') ? ' — the lecture’s n·Var(w) = n · (1/n)/3 = 1/3.' : '.',
  ];
}

/** The section; `show(core, state, rows)` with every dense layer's row of the core's varianceReport. */
export function createFormulas() {
  const formula = el('p', { id: 'init-formula' });
  const box = el('div');
  const summary = el('p', { class: 'lab-result', id: 'keeps-summary' });
  const third = el('p', { id: 'uniform-note' });
  const node = section('The formulas, per layer', {
    cls: 'lab-section',
    id: 'formulas',
    intro: 'Going forward, Var(s) = n_in·Var(w)·E[x²] (above): the signal keeps its size when n_in·Var(w) = 1. Going back, the gradient picks up n_out·Var(w) per layer: it keeps its variance when n_out·Var(w) = 1. Both hold only when n_in = n_out. '
      + 'Each row: the fans, what the scheme predicts (Var(w), σ or r, and the two products), what it keeps the same on every layer, and the products measured on the weights drawn.',
  }, [formula, box, summary, third]);

  return {
    node,
    show(core, state, rows) {
      const init = weightInit(state.init, state.sigma);
      const label = initLabel(state.init);
      const schemes = rows.map((r) => core.initScheme(init, r.fanIn, r.fanOut));
      formula.textContent = `${label}: ${FORMULAS[state.init]}`;
      const cell = (k, id, what, value) => ({ text: formatStat(value), id: `${id}-${k}`, label: `layer ${k}: ${what} ${formatStat(value)}` });
      box.replaceChildren(table({
        head: ['layer', 'n_in → n_out', 'Var(w) (σ or r)', 'forward n_in·Var(w)', 'backward n_out·Var(w)', 'keeps the same', 'measured n_in·Var(w)', 'measured n_out·Var(w)'],
        rowHeads: true,
        caption: 'Predicted by the scheme and measured on the drawn weights, per dense layer',
        rows: rows.map((r, i) => {
          const k = i + 1;
          const s = schemes[i];
          const fans = el('td', { 'aria-label': `layer ${k}: ${r.fanIn} inputs, ${r.fanOut} outputs` }, [
            el('span', { id: `fanin-${k}`, text: String(r.fanIn) }), ' → ', el('span', { id: `fanout-${k}`, text: String(r.fanOut) })]);
          return [String(k), fans,
            { text: `${formatStat(s.variance)} (${s.family === 'uniform' ? 'r' : s.family === 'normal' ? 'σ' : 'w'} = ${formatStat(s.spread)})`, id: `scheme-var-${k}` },
            cell(k, 'fwd', 'predicted forward n_in times Var(w)', s.fanInTimesVariance),
            cell(k, 'bwd', 'predicted backward n_out times Var(w)', s.fanOutTimesVariance),
            { text: keepsText(s), id: `keeps-${k}`, cls: 'wrap' },
            cell(k, 'mfwd', 'measured n_in times Var(w)', r.fanInTimesVariance),
            cell(k, 'mbwd', 'measured n_out times Var(w)', r.fanOutTimesVariance)];
        }),
      }));
      summary.textContent = summaryText(label, schemes[0]);
      const uniform = schemes[0].family === 'uniform' ? [label, schemes[0]] : [initLabel('standard'), core.initScheme({ kind: 'standard' }, rows[0].fanIn, rows[0].fanOut)];
      third.replaceChildren(...thirdText(...uniform));
    },
  };
}
