// The 1-D demo's text panels and their building blocks:
//  - valuesTable / legend / STYLE / fmt: row-labelled DOM tables (in a horizontal scroller, so
//    nothing is clipped on a phone), stem legends, the stems' colours and number format;
//  - createDecomposition: x[n] = Σ x[k]·δ[n−k], each impulse's response (from the core), and
//    the table showing that the responses add up to y;
//  - createIdentity: conv(x, h) = xcorr(x, flip h) and xcorr(x, h) = conv(x, flip h), each side
//    computed on its own by the core, with a check that they agree.
import { el } from '../../lib/dom.js';
import { formatFactor, formatList, formatProduct, formatValue, subscriptIndex } from '../../lib/format.js';
import { drawStems, valueRange } from '../../lib/stems.js';

/** Decimals shown by this demo (4, so binomial weights like 1/16 = 0.0625 show exactly). */
export const DIGITS = { decimals: 4 };
export const fmt = (v) => formatValue(v, DIGITS);
export const fmtProduct = (a, b) => formatProduct(a, b, DIGITS);

/** Stem colours and markers (site.css's colour-blind-safe custom properties). */
export const STYLE = {
  x: { color: '--cat-blue', marker: 'circle' },
  h: { color: '--cat-vermillion', marker: 'square' },
  product: { color: '--cat-green', marker: 'diamond' },
  y: { color: '--cat-black', marker: 'circle' },
};

/**
 * A table: `head` = [corner, ...column headers]; `rows` = [{ label, id?, cells: [value |
 * { value, className }] }]. Numbers are formatted, strings shown as they are.
 */
export function valuesTable({ id, caption, head, rows }) {
  const table = el('table', { class: 'values', id });
  if (caption) table.append(el('caption', { class: 'visually-hidden', text: caption }));
  const headRow = el('tr', {}, head.map((text, i) => el('th', { scope: i === 0 ? undefined : 'col', text: String(text) })));
  const tbody = el('tbody');
  for (const row of rows) {
    const tr = el('tr', { dataset: row.id ? { row: row.id } : undefined }, [el('th', { scope: 'row', text: row.label })]);
    for (const cell of row.cells) {
      const { value, className } = cell !== null && typeof cell === 'object' ? cell : { value: cell };
      tr.append(el('td', { class: className, text: typeof value === 'number' ? fmt(value) : String(value ?? '') }));
    }
    tbody.append(tr);
  }
  table.append(el('thead', {}, [headRow]), tbody);
  return el('div', { class: 'table-scroll' }, [table]);
}

/** A legend: [{ swatch: 'x' | 'h' | 'product' | 'y', text }]. */
export function legend(items) {
  return el('ul', { class: 'legend' }, items.map(({ swatch, text }) => el('li', {}, [el('span', { class: `swatch swatch-${swatch}`, 'aria-hidden': 'true' }), text])));
}

const impulseText = (k, v) => `${formatFactor(v, DIGITS)}·${subscriptIndex('δ', 'n', k)}`;
const indices = (length) => Array.from({ length }, (_, i) => i);

/** "A signal is a sum of shifted impulses"; returns `{ element, show(model) }`. */
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
      table.replaceChildren(
        valuesTable({
          id: 'superposition-table',
          caption: 'The response to each impulse, and their sum y',
          head: ['n', ...indices(model.length)],
          rows: [
            ...model.components.map((c) => ({ label: `from ${impulseText(c.k, c.value)}`, cells: Array.from(c.response) })),
            { label: 'y[n] (their sum)', id: 'y', cells: Array.from(model.y, (v) => ({ value: v, className: 'sum-cell' })) },
          ],
        }),
      );
      drawCards();
    },
  };
}

/** Agree to float32 precision (the two sides add the same products, maybe in another order). */
function agree(a, b) {
  return Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a), Math.abs(b));
}

const checkRow = (a, b) => Array.from(a, (v, i) => (agree(v, b[i]) ? { value: '✓', className: 'ok' } : { value: '✗', className: 'bad' }));

/** "True convolution and cross-correlation"; returns `{ element, show(model) }`. */
export function createIdentity() {
  const flipped = el('p', { id: 'flipped-h' });
  const table = el('div', { id: 'identity' });
  const status = el('p', { class: 'identity-status', id: 'identity-status', 'aria-live': 'polite' });
  const element = el('section', { class: 'panel conv1d-section', 'aria-labelledby': 'identity-title' }, [
    el('h2', { id: 'identity-title', text: '4. True convolution and cross-correlation' }),
    el('p', {
      text: 'Convolution flips h before sliding it; cross-correlation (what deep-learning libraries call “convolution”) slides h as it is. So convolving with h is cross-correlating with h flipped. The core computes each side separately:',
    }),
    flipped,
    table,
    status,
  ]);

  return {
    element,
    show(model) {
      const { identity: id, length } = model;
      flipped.textContent = `h = [${formatList(model.h, DIGITS)}], flip(h) = [${formatList(id.flipped, DIGITS)}]`;
      table.replaceChildren(
        valuesTable({
          id: 'identity-table',
          caption: 'Both identities, value by value',
          head: ['n', ...indices(length)],
          rows: [
            { label: 'conv(x, h)', id: 'conv', cells: Array.from(id.conv) },
            { label: 'xcorr(x, flip h)', id: 'xcorr-flipped', cells: Array.from(id.xcorrFlipped) },
            { label: 'agree?', id: 'agree-1', cells: checkRow(id.conv, id.xcorrFlipped) },
            { label: 'xcorr(x, h)', id: 'xcorr', cells: Array.from(id.xcorr) },
            { label: 'conv(x, flip h)', id: 'conv-flipped', cells: Array.from(id.convFlipped) },
            { label: 'agree?', id: 'agree-2', cells: checkRow(id.xcorr, id.convFlipped) },
          ],
        }),
      );
      const first = Array.from(id.conv).every((v, i) => agree(v, id.xcorrFlipped[i]));
      const second = Array.from(id.xcorr).every((v, i) => agree(v, id.convFlipped[i]));
      status.textContent = [
        `conv(x, h) ${first ? '=' : '≠'} xcorr(x, flip h) at all ${length} values of n ${first ? '✓' : '✗'}`,
        `xcorr(x, h) ${second ? '=' : '≠'} conv(x, flip h) ${second ? '✓' : '✗'}`,
      ].join('; ');
    },
  };
}
