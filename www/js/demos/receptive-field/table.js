// The receptive-field demo's layer table: one row per map (input first) with its size, the
// padding the core resolved, the receptive field and the jump, as DOM text. A layer that does
// not fit its input gets one row with the core's words. Nothing is computed here.
import { el, table } from '../../lib/dom.js';
import { describe } from './layers.js';
import { pair } from './model.js';

function rowHead(name, op, pads, bad = false) {
  return el('th', { scope: 'row', class: bad ? 'bad' : undefined }, [
    el('span', { class: 'rf-name', text: name }),
    el('span', { class: 'rf-op', text: op }),
    pads ? el('span', { class: 'rf-op', text: pads }) : null,
  ]);
}

function padsText(p) {
  return p && (p.top || p.bottom || p.left || p.right) ? `pads t/b/l/r ${p.top}/${p.bottom}/${p.left}/${p.right}` : '';
}

/** `{ node, render(result) }`: `result` is what model.js `analyse` returns. */
export function createTable() {
  const node = el('div', { class: 'rf-table-holder' });
  return {
    node,
    render(result) {
      const rows = [[rowHead('input', 'image'), { text: pair(result.input), id: 'rf-map-0' }, { text: '1×1', id: 'rf-size-0' }, { text: '1×1', id: 'rf-jump-0' }]];
      for (const r of result.rows) {
        const i = r.index;
        if (r.error) {
          rows.push([rowHead(`layer ${i}`, describe(r.layer), '', true), { text: r.error, id: `rf-error-${i}`, cls: 'rf-error', colspan: 3 }]);
        } else {
          rows.push([
            rowHead(`layer ${i}`, describe(r.layer), padsText(r.pads)),
            { text: pair(r.map), id: `rf-map-${i}` },
            { text: pair(r.field.size), id: `rf-size-${i}` },
            { text: pair(r.field.jump), id: `rf-jump-${i}` },
          ]);
        }
      }
      const scroll = table({ head: ['Map', 'Size', 'Receptive field', 'Jump'], rows, caption: 'Layer by layer (from the core)', id: 'rf-table', cls: 'rf-table' });
      // The table scrolls sideways on a phone: a focusable, named region so keyboards can scroll it.
      scroll.setAttribute('tabindex', '0');
      scroll.setAttribute('role', 'region');
      scroll.setAttribute('aria-label', 'Layer table');
      node.replaceChildren(scroll);
    },
  };
}
