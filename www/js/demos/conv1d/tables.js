// Small DOM-table builders for the 1-D demo: a row-labelled table of values with per-cell
// classes, inside a horizontal scroller (so nothing is clipped on a phone).
import { el } from '../../lib/dom.js';
import { formatValue } from '../../lib/format.js';

/**
 * A table: `head` = [corner, ...column headers]; `rows` = [{ label, id?, cells: [value |
 * { value, className }] }]. Numbers are formatted, strings shown as they are.
 */
export function valuesTable({ id, caption, head, rows }) {
  const table = el('table', { class: 'values', id });
  if (caption) table.append(el('caption', { class: 'visually-hidden', text: caption }));
  const thead = el('thead');
  const headRow = el('tr');
  head.forEach((text, i) => headRow.append(el('th', { scope: i === 0 ? undefined : 'col', text: String(text) })));
  thead.append(headRow);
  const tbody = el('tbody');
  for (const row of rows) {
    const tr = el('tr', { dataset: row.id ? { row: row.id } : undefined });
    tr.append(el('th', { scope: 'row', text: row.label }));
    for (const cell of row.cells) {
      const { value, className } = cell !== null && typeof cell === 'object' ? cell : { value: cell };
      const text = typeof value === 'number' ? formatValue(value) : String(value ?? '');
      tr.append(el('td', { class: className, text }));
    }
    tbody.append(tr);
  }
  table.append(thead, tbody);
  return el('div', { class: 'table-scroll' }, [table]);
}

/** A legend: [{ swatch: 'x' | 'h' | 'product' | 'y', text }]. */
export function legend(items) {
  return el('ul', { class: 'legend' }, items.map(({ swatch, text }) => el('li', {}, [el('span', { class: `swatch swatch-${swatch}`, 'aria-hidden': 'true' }), text])));
}

/** Stem colours and markers of the 1-D demo (CSS custom properties from site.css). */
export const STYLE = {
  x: { color: '--cat-blue', marker: 'circle' },
  h: { color: '--cat-vermillion', marker: 'square' },
  product: { color: '--cat-green', marker: 'diamond' },
  y: { color: '--cat-black', marker: 'circle' },
};
