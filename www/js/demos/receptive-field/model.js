// What the core says about the stack: core.describeModel gives every map's size, the resolved
// padding, the receptive field and the jump (stopping, with the core's words, at the first
// layer that does not fit), and core.traceUnit the region a selected unit sees in every map.
// Also reading the URL's layer code, and the sentence about the selected unit.
import { quote } from '../../state.js';
import { MAP_KINDS, MAX_LAYERS, describe } from './layers.js';

/**
 * The layers of the URL's `code` (new or old layer code), as LayerConfig objects the page can
 * draw: `{ layers, problems }`. A code the core cannot read gives the default (`fallback`); a
 * layer that is not a map (flatten, dense) and everything after it, or layers beyond
 * MAX_LAYERS, are left out; each with a sentence in `problems`.
 */
export function readLayers(core, code, fallback) {
  const problems = [];
  let layers;
  try {
    layers = core.parseLayers(code);
  } catch (err) {
    problems.push(`Setting "layers" was ${quote(code)}, which is not in the expected form; using the default. (${err.message})`);
    layers = core.parseLayers(fallback);
  }
  const cut = layers.findIndex((l) => !MAP_KINDS.includes(l.kind));
  if (cut >= 0) {
    problems.push(`Setting "layers" has a ${layers[cut].kind} layer at position ${cut + 1}, which has no map to draw; showing the layers before it.`);
    layers = layers.slice(0, cut);
  }
  if (layers.length > MAX_LAYERS) {
    problems.push(`Setting "layers" has ${layers.length} layers; this page draws at most ${MAX_LAYERS}, the first ${MAX_LAYERS} are shown.`);
    layers = layers.slice(0, MAX_LAYERS);
  }
  if (!layers.length) {
    problems.push('Setting "layers" has no layer with a map; using the default.');
    layers = core.parseLayers(fallback);
  }
  return { layers, problems };
}

/** "5×5", or "5×3" when the two sides differ. */
export const pair = ([a, b]) => (a === b ? `${a}×${a}` : `${a}×${b}`);

/** The selected unit, kept inside the maps that exist (a shorter stack or a smaller map moves it). */
function selectUnit(maps, state) {
  const valid = maps.length - 1;
  if (valid === 0) return null;
  const layer = Math.min(state.layer, valid - 1);
  const map = maps[layer + 1];
  const centre = state.centre || layer !== state.layer;
  const row = centre ? Math.floor((map.h - 1) / 2) : Math.min(state.row, map.h - 1);
  const col = centre ? Math.floor((map.w - 1) / 2) : Math.min(state.col, map.w - 1);
  return { layer, row, col };
}

/**
 * Everything the page shows about `layers` (LayerConfig objects) on an input `[h, w]`, with the
 * selection of `state` (`digit`: the pixels drawn underneath, or null). A layer that does not
 * fit is reported in `error`, `notes` and `rows`; invalid layers make the core throw.
 */
export function analyse(core, layers, state, [h, w], digit) {
  const input = [1, h, w];
  const described = core.describeModel({ input, layers });
  const maps = [{ h, w, caption: `input ${pair([h, w])}` }];
  const rows = [];
  const notes = [];
  for (const [i, info] of described.layers.entries()) {
    const [, oh, ow] = info.outputShape;
    const { size, jump } = info.receptiveField;
    maps.push({ h: oh, w: ow, caption: `layer ${i + 1}: ${describe(layers[i])}` });
    rows.push({ index: i + 1, layer: layers[i], map: [oh, ow], pads: info.pads, field: info.receptiveField });
    notes[i] = { text: `→ ${oh}×${ow} map; receptive field ${pair(size)}, jump ${pair(jump)}` };
  }
  let error = null;
  if (described.problem) {
    const { layer: i, message } = described.problem;
    error = `Layer ${i + 1} is impossible: ${message}`;
    notes[i] = { bad: true, text: message };
    rows.push({ index: i + 1, layer: layers[i], error: message });
  }

  const selected = selectUnit(maps, state);
  const regions = selected ? core.traceUnit({ input, layers: layers.slice(0, selected.layer + 1) }, selected.layer, selected.row, selected.col) : null;
  return {
    input: [h, w],
    notes,
    rows,
    fields: described.layers.map((l) => l.receptiveField),
    error,
    selected,
    regions,
    selectionState: selected ?? {},
    view: { maps, selected, regions, digit },
  };
}

/** The sentence under "Maps": what the selected unit sees. */
export function selectionText(result) {
  const { selected, regions, fields } = result;
  if (!selected) return 'No layer fits its input yet, so there is no unit to select.';
  const input = regions[0];
  const field = fields[selected.layer];
  const map = regions[regions.length - 1].map;
  // The region's extent in pixels: its last row/column minus its first, plus one (inclusive).
  const height = input.bottom - input.top + 1;
  const width = input.right - input.left + 1;
  const clipped = height !== field.size[0] || width !== field.size[1];
  return (
    `Unit (row ${selected.row}, column ${selected.col}) of layer ${selected.layer + 1}'s ${pair(map)} output sees input rows ` +
    `${input.top}–${input.bottom} and columns ${input.left}–${input.right}: a region of ${height} × ${width} pixels` +
    `; the closed form says ${pair(field.size)}, jump ${pair(field.jump)}` +
    (clipped ? ' (the region is cut by the border or reaches into padding).' : '.')
  );
}
