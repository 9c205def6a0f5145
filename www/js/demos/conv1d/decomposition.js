// "x as a sum of shifted impulses": x[n] = Σ x[k]·δ[n−k], each impulse's response from the core
// (a scaled, shifted copy of h), and the table showing that the responses add up to y.
import { el } from '../../lib/dom.js';
import { formatFactor, subscriptIndex } from '../../lib/format.js';
import { drawStems } from '../../lib/stems.js';
import { legend, STYLE, valuesTable } from './tables.js';

const impulseText = (k, v) => `${formatFactor(v)}·${subscriptIndex('δ', 'n', k)}`;

/** Build the panel; returns `{ element, show(model) }`. */
export function createDecomposition() {
  const sum = el('p', { class: 'equation', id: 'decomposition' });
  const cards = el('div', { class: 'component-grid' });
  const table = el('div', { id: 'superposition' });
  const element = el('section', { class: 'panel conv1d-section', 'aria-labelledby': 'decomposition-title' }, [
    el('h2', { id: 'decomposition-title', text: '2. A signal is a sum of shifted impulses' }),
    sum,
    el('p', {
      class: 'part-hint',
      text: 'The system is linear and time-invariant, so each impulse x[k]·δ[n−k] produces h shifted by k and scaled by x[k]. Adding these responses gives y. (Samples with x[k] = 0 add nothing and are left out.)',
    }),
    legend([{ swatch: 'x', text: 'impulse x[k]·δ[n−k]' }, { swatch: 'h', text: 'its response (computed by the core)' }]),
    cards,
    table,
  ]);
  let last = null;

  function drawCards() {
    for (const [i, c] of last.components.entries()) {
      drawStems(cards.children[i].querySelector('canvas'), {
        kMin: 0,
        kMax: last.length - 1,
        series: [
          { points: [{ k: c.k, v: c.value }], ...STYLE.x, offset: -0.18 },
          { points: Array.from(c.response, (v, k) => ({ k, v })), ...STYLE.h, offset: 0.18 },
        ],
        axisLabel: 'n',
      });
    }
  }
  new ResizeObserver(() => last && drawCards()).observe(cards);

  return {
    element,
    show(model) {
      last = model;
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
      const n = Array.from({ length: model.length }, (_, i) => i);
      table.replaceChildren(
        valuesTable({
          id: 'superposition-table',
          caption: 'The response to each impulse, and their sum y',
          head: ['n', ...n],
          rows: [
            ...model.components.map((c) => ({ label: `response to ${impulseText(c.k, c.value)}`, cells: Array.from(c.response) })),
            { label: 'y[n] (their sum)', id: 'y', cells: Array.from(model.y, (v) => ({ value: v, className: 'sum-cell' })) },
          ],
        }),
      );
      drawCards();
    },
  };
}
