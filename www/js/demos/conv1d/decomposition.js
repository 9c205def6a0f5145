// "A signal is a sum of shifted impulses": x[n] = Σ x[k]·δ[n−k], each impulse's response (from
// the core), drawn as small stem plots, and the table showing that the responses add up to y.
import { el, legendList, section, table } from '../../lib/dom.js';
import { formatFactor, subscriptIndex } from '../../lib/format.js';
import { drawStems, valueRange } from '../../lib/stems.js';
import { cell, DECIMALS, indexHead, STYLE } from './signal-style.js';

const impulseText = (k, v) => `${formatFactor(v, DECIMALS)}·${subscriptIndex('δ', 'n', k)}`;

/** What one impulse produces, for the page's operation (the cards show the core's responses). */
const RESPONSE_TEXT = {
  conv:
    'The system is linear and time-invariant, so each impulse x[k]·δ[n−k] produces h shifted by k and scaled by x[k]. Adding these responses gives y. (Samples with x[k] = 0 add nothing and are left out.)',
  xcorr:
    'With cross-correlation, each impulse x[k]·δ[n−k] produces h flipped — h read backwards, flip(h) — shifted by k and scaled by x[k]: the kernel slides unflipped, so what one impulse leaves behind is the flipped h. Adding these responses gives y. (Samples with x[k] = 0 add nothing and are left out.)',
};

/** Build the section; `observe(element, fn)` is the demo's resize observer. Returns `{ element, show(model) }`. */
export function createDecomposition({ observe }) {
  const sum = el('p', { class: 'equation', id: 'decomposition' });
  const cards = el('div', { class: 'component-grid' });
  const superposition = el('div', { id: 'superposition' });
  const hint = el('p', { class: 'part-hint', id: 'impulse-text' });
  const element = section('2. A signal is a sum of shifted impulses', { id: 'decomposition-section', cls: 'conv1d-section' }, [
    sum,
    hint,
    legendList([['swatch-x', 'impulse x[k]·δ[n−k]'], ['swatch-h', 'its response (computed by the core)']]),
    cards,
    superposition,
  ]);
  let last = null;

  function drawCards() {
    if (!last) return;
    // One value range for all cards, so the responses can be compared by eye.
    const [yMin, yMax] = valueRange(last.components.flatMap((c) => [c.value, ...c.response]));
    for (const [i, c] of last.components.entries()) {
      drawStems(cards.children[i].querySelector('canvas'), {
        kMin: 0,
        kMax: last.length - 1,
        yMin,
        yMax,
        series: [
          { points: [{ k: c.k, v: c.value }], ...STYLE.x, offset: -0.18 },
          { points: Array.from(c.response, (v, k) => ({ k, v })).filter((p) => p.v !== 0), ...STYLE.h, offset: 0.18 },
        ],
        axisLabel: 'n',
      });
    }
  }
  observe(cards, drawCards);

  return {
    element,
    show(model) {
      last = model;
      hint.textContent = RESPONSE_TEXT[model.mode];
      const parts = model.components.map((c) => impulseText(c.k, c.value));
      sum.textContent = `x[n] = ${parts.length ? parts.join(' + ') : '0'}`;
      cards.replaceChildren(
        ...model.components.map((c) =>
          el('figure', { class: 'component' }, [
            el('figcaption', { text: `${impulseText(c.k, c.value)} → its response` }),
            el('canvas', { class: 'stems small', role: 'img', 'aria-label': `Impulse ${impulseText(c.k, c.value)} and its response; values in the table below.` }),
          ]),
        ),
      );
      superposition.replaceChildren(
        table({
          id: 'superposition-table',
          cls: 'values',
          caption: 'The response to each impulse, and their sum y',
          head: indexHead('n', model.length),
          rowHeads: true,
          rows: [
            ...model.components.map((c) => [`from ${impulseText(c.k, c.value)}`, ...Array.from(c.response, (v) => cell(v))]),
            { dataset: { row: 'y' }, cells: ['y[n] (their sum)', ...Array.from(model.y, (v) => cell(v, 'sum-cell'))] },
          ],
        }),
      );
      drawCards();
    },
  };
}
