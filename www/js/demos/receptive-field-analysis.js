// Asks the core about a stack: map sizes (convGeometry, layer by layer), closed-form receptive
// fields and jumps (receptiveFieldSizes), and the regions of a selected unit (receptiveField).
// A layer that cannot fit its input stops the chain there, with the core's message.
// Also the per-layer table (DOM text) and the selection sentence.
import { el } from '../lib/dom-kit.js';
import { decodeStack, windowOf, geometryOptions, describe } from './receptive-field-stack.js';

const DIGIT_SIDE = 28;
const pair = ([a, b]) => (a === b ? `${a}×${a}` : `${a}×${b}`);

/** Everything the page shows about the stack in `state`; never throws for a bad stack. */
export function analyse(core, state, digit) {
  const layers = decodeStack(state.layers);
  const side = state.digit ? DIGIT_SIDE : state.size;
  const windows = layers.map(windowOf);
  const maps = [{ h: side, w: side, caption: `input ${side}×${side}` }];
  const rows = [];
  const notes = [];
  let error = null;

  let sizes = [];
  try {
    sizes = core.receptiveFieldSizes(windows);
  } catch (err) {
    error = err.message;
  }
  let [h, w] = [side, side];
  for (const [i, layer] of layers.entries()) {
    let g;
    try {
      g = core.convGeometry(h, w, layer.kernel, layer.kernel, geometryOptions(layer));
    } catch (err) {
      error ??= `Layer ${i + 1} is impossible: ${err.message}`;
      notes[i] = { bad: true, text: err.message };
      rows.push({ index: i + 1, layer, error: err.message });
      break;
    }
    const field = sizes[i];
    maps.push({ h: g.outH, w: g.outW, caption: `layer ${i + 1}: ${describe(layer)}` });
    rows.push({ index: i + 1, layer, g, field });
    notes[i] = { text: `→ ${g.outH}×${g.outW} map; receptive field ${pair(field.size)}, jump ${pair(field.jump)}` };
    [h, w] = [g.outH, g.outW];
  }

  // The selected unit: kept inside the maps that exist (a shorter stack or a smaller map moves it).
  const valid = maps.length - 1;
  let selected = null;
  let regions = null;
  if (valid > 0) {
    const layer = Math.min(state.layer, valid - 1);
    const map = maps[layer + 1];
    const centre = state.centre || layer !== state.layer;
    const row = centre ? Math.floor((map.h - 1) / 2) : Math.min(state.row, map.h - 1);
    const col = centre ? Math.floor((map.w - 1) / 2) : Math.min(state.col, map.w - 1);
    selected = { layer, row, col };
    regions = core.receptiveField(side, side, windows, layer, row, col);
  }
  return {
    layers,
    notes,
    rows,
    side,
    sizes,
    error,
    selected,
    regions,
    selectionState: selected ?? {},
    view: { maps, selected, regions, digit: state.digit ? digit : null },
  };
}

/** The sentence under "Maps": what the selected unit sees. */
export function selectionText(result) {
  const { selected, regions, sizes } = result;
  if (!selected) return 'No layer fits its input yet, so there is no unit to select.';
  const input = regions[0];
  const field = sizes[selected.layer];
  const map = regions[regions.length - 1].map;
  // The region's extent in pixels: its last row/column minus its first, plus one (inclusive).
  const height = input.bottom - input.top + 1;
  const width = input.right - input.left + 1;
  const clipped = field && (height !== field.size[0] || width !== field.size[1]);
  return (
    `Unit (row ${selected.row}, column ${selected.col}) of layer ${selected.layer + 1}'s ${pair(map)} output sees input rows ` +
    `${input.top}–${input.bottom} and columns ${input.left}–${input.right}: a region of ${height} × ${width} pixels` +
    (field ? `; the closed form says ${pair(field.size)}, jump ${pair(field.jump)}` : '') +
    (clipped ? ' (the region is cut by the border or reaches into padding).' : '.')
  );
}

/** The table: one row per map with its size, padding, receptive field and jump, as DOM text. */
export function createTable() {
  const body = el('tbody');
  const tableEl = el('table', { class: 'rf-table', id: 'rf-table' }, [
    el('caption', { text: 'Layer by layer (from the core)' }),
    el('thead', {}, [
      el('tr', {}, ['Map', 'Size', 'Receptive field', 'Jump'].map((t) => el('th', { scope: 'col', text: t }))),
    ]),
    body,
  ]);
  const node = el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Layer table' }, [tableEl]);
  const cell = (text, id) => el('td', { text, id });
  const head = (name, op, pads) =>
    el('th', { scope: 'row' }, [
      el('span', { class: 'rf-name', text: name }),
      el('span', { class: 'rf-op', text: op }),
      pads ? el('span', { class: 'rf-op', text: pads }) : null,
    ]);
  return {
    node,
    render(result) {
      const rows = [
        el('tr', { id: 'rf-row-0' }, [
          head('input', 'image'),
          cell(`${result.side}×${result.side}`, 'rf-map-0'),
          cell('1×1', 'rf-size-0'),
          cell('1×1', 'rf-jump-0'),
        ]),
      ];
      for (const r of result.rows) {
        const p = r.g?.pads;
        const padded = p && (p.top || p.bottom || p.left || p.right);
        const name = head(`layer ${r.index}`, describe(r.layer), padded ? `pads t/b/l/r ${p.top}/${p.bottom}/${p.left}/${p.right}` : '');
        if (r.error) {
          rows.push(el('tr', { id: `rf-row-${r.index}`, class: 'bad' }, [
            name,
            el('td', { colspan: '3', class: 'rf-error', id: `rf-error-${r.index}`, text: r.error }),
          ]));
          continue;
        }
        rows.push(el('tr', { id: `rf-row-${r.index}` }, [
          name,
          cell(`${r.g.outH}×${r.g.outW}`, `rf-map-${r.index}`),
          cell(pair(r.field.size), `rf-size-${r.index}`),
          cell(pair(r.field.jump), `rf-jump-${r.index}`),
        ]));
      }
      body.replaceChildren(...rows);
    },
  };
}
