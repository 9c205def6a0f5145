// Asks the core about a stack: map sizes (convGeometry, layer by layer), closed-form receptive
// fields and jumps (receptiveFieldSizes), and the regions of a selected unit (receptiveField).
// A layer that cannot fit its input stops the chain there, with the core's message.
// Also the selection sentence.
import { decodeStack, windowOf, geometryOptions, describe } from './stack.js';

/** "5×5", or "5×3" when the two sides differ. */
export const pair = ([a, b]) => (a === b ? `${a}×${a}` : `${a}×${b}`);

/**
 * Everything the page shows about the stack in `state` on an input `side × side` (`digit`: the
 * pixels drawn underneath, or null); never throws for a bad stack.
 */
export function analyse(core, state, side, digit) {
  const layers = decodeStack(state.layers);
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
    view: { maps, selected, regions, digit },
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
