// "Groups: standard → grouped → depthwise": a slider over the group counts the core allows for
// C channels and F filters, which channels each filter reads (stepped filter by filter with the
// player's controls), the input channels, the current filter's kernels and output map, and the
// parameter and multiplication counts of standard, grouped, depthwise, 1×1 pointwise and
// depthwise-separable convolution — every number from the core (groups-model.js).
import { el, field, section, setValue } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { drawHeatmap, rangeOf } from '../../lib/heatmap.js';
import { formatCount, formatSignificant } from '../../lib/format.js';
import { offset } from '../../lib/tensor.js';
import { bindPlayerKeys, createPlayer, mountPlayerControls } from '../../lib/player.js';
import { computeGroups, groupCounts, settingName, SIDE } from './groups-model.js';
import { createCountsTable, ratioText } from './groups-counts.js';

const CHANNELS = [['4', '4 channels'], ['6', '6 channels']];
const MULTIPLIERS = [['1', 'F = C filters'], ['2', 'F = 2·C filters']];
const KERNELS = [['1', '1×1 (pointwise)'], ['3', '3×3'], ['5', '5×5']];

const channelList = (r) => (r.count === 1 ? `channel ${r.first + 1}` : `channels ${r.first + 1}–${r.first + r.count}`);

/** Mount the section on `demo` (its state keys: GROUPS_SCHEMA). Returns `{ element, refresh() }`. */
export function mountGroups(demo) {
  const { core, state } = demo;
  let result = null;

  const player = demo.own(createPlayer({ count: 0, value: 0, speed: 1 }));
  const playerUi = demo.own(mountPlayerControls(player, {
    label: 'Filters',
    describe: (v) => {
      const r = result?.counts.reads[v];
      return r ? `Filter ${v + 1} of ${result.d.F} (group ${r.group + 1}) reads ${channelList(r)}.` : 'No filters.';
    },
  }));
  playerUi.element.id = 'groups-player';

  const controls = {
    gch: field('select', { label: 'Input channels C', id: 'groups-channels', options: CHANNELS }),
    gmul: field('select', { label: 'Filters F', id: 'groups-filters', options: MULTIPLIERS }),
    gk: field('select', { label: 'Kernel k × k', id: 'groups-kernel', options: KERNELS }),
  };
  const slider = field('range', { label: 'Groups g', id: 'groups-slider', min: 0, max: 0, step: 1, format: (i) => `g = ${result?.counts.validGroups[i] ?? ''}` });
  const setting = el('p', { class: 'verdict', id: 'groups-setting', 'aria-live': 'polite' });
  const reads = createGrid({
    label: 'Which input channels each filter reads',
    rows: 0,
    cols: 0,
    onCellClick: (row) => {
      player.pause();
      player.set(row);
    },
  });
  reads.element.id = 'groups-reads';
  const inputs = el('div', { class: 'grid-set', id: 'groups-inputs' });
  const kernels = el('div', { class: 'grid-set', id: 'groups-kernels' });
  const outputTitle = el('p', { class: 'grid-title', id: 'groups-output-title' });
  const output = createGrid({ label: 'Output map', rows: 0, cols: 0 });
  output.element.id = 'groups-output';
  const maps = el('div', { class: 'groups-maps', id: 'groups-maps', role: 'group', 'aria-label': 'Every filter’s output map: pick one' });
  const counts = createCountsTable();
  const compare = el('p', { class: 'verdict', id: 'groups-compare' });
  const ratio = el('p', { id: 'groups-ratio' });

  const body = section('Groups: standard → grouped → depthwise', {
    id: 'groups',
    cls: 'conv-groups',
    intro: 'A standard convolution gives every filter all C input channels. Split the channels and the filters into g groups and each filter reads only its own group’s C/g channels: F·(C/g)·k·k weights instead of F·C·k·k. With g = C every channel is filtered on its own (depthwise); a 1×1 convolution then mixes the channels at each pixel (pointwise). Depthwise followed by pointwise is the depthwise-separable convolution of MobileNet and Xception.',
  }, [
    el('div', { class: 'controls' }, [controls.gch.node, controls.gmul.node, controls.gk.node, slider.node]),
    setting,
    el('div', { class: 'groups-layout' }, [
      el('div', { class: 'grid-box' }, [el('p', { class: 'grid-title', text: 'Filters (rows) × input channels (columns): ● = read; tap a row to pick its filter' }), el('div', { class: 'grid-scroll' }, [reads.element])]),
      el('div', { class: 'groups-step' }, [playerUi.element]),
    ]),
    el('h3', { text: 'Input channels (the ones the current filter reads are outlined)' }),
    inputs,
    el('h3', { text: 'Every filter’s output map (blue negative, orange positive; tap one to pick its filter)' }),
    maps,
    el('h3', { id: 'groups-kernels-title', text: 'The current filter’s kernels and its output map' }),
    el('div', { class: 'grid-set' }, [kernels, el('div', { class: 'grid-box' }, [outputTitle, el('div', { class: 'grid-scroll' }, [output.element])])]),
    el('h3', { text: 'What it costs (one 5×5 image, “same” padding)' }),
    counts.element,
    compare,
    ratio,
  ]);
  body.hidden = !state.grp;
  const toggle = el('button', { type: 'button', id: 'groups-toggle', class: 'secondary', text: 'Groups: standard → grouped → depthwise' });
  const element = el('div', { class: 'groups-wrap' }, [el('p', { class: 'backward-toggle' }, [toggle]), body]);
  demo.own(bindPlayerKeys(body, player));

  const box = (title, grid, cls = '') => el('div', { class: `grid-box ${cls}`.trim() }, [el('p', { class: 'grid-title', text: title }), el('div', { class: 'grid-scroll' }, [grid.element])]);
  const fmt = (v) => formatSignificant(v, 3);

  /** The views that depend on the filter only. */
  function showFilter() {
    if (!result) return;
    const f = Math.min(player.value, result.d.F - 1);
    const r = result.counts.reads[f];
    const { d, counts: c } = result;
    reads.render({ cellClass: (row, col) => [row === f ? 'win' : '', col >= result.counts.reads[row].first && col < result.counts.reads[row].first + result.counts.reads[row].count ? 'reads' : ''].join(' ').trim() });
    inputs.replaceChildren(...Array.from({ length: d.C }, (_, ch) => {
      const g = createGrid({ label: `Input channel ${ch + 1}`, rows: SIDE, cols: SIDE, values: (y, x) => result.input[offset([1, d.C, SIDE, SIDE], 0, ch, y, x)], format: fmt });
      const read = ch >= r.first && ch < r.first + r.count;
      return box(`Channel ${ch + 1}${read ? ' (read)' : ''}`, g, read ? 'channel-read' : 'channel-unread');
    }));
    const wShape = [d.F, c.channelsPerGroup, d.k, d.k];
    kernels.replaceChildren(...Array.from({ length: c.channelsPerGroup }, (_, j) => box(`Kernel on channel ${r.first + j + 1}`, createGrid({ label: `Filter ${f + 1} on channel ${r.first + j + 1}`, rows: d.k, cols: d.k, values: (y, x) => result.weight[offset(wShape, f, j, y, x)], format: fmt }))));
    outputTitle.textContent = `Output map of filter ${f + 1} (${SIDE}×${SIDE})`;
    output.render({ rows: SIDE, cols: SIDE, label: `Output map of filter ${f + 1}`, values: (y, x) => result.output.data[offset(result.output.shape, 0, f, y, x)], format: fmt });
    for (const b of maps.children) b.setAttribute('aria-pressed', String(Number(b.dataset.filter) === f));
    state.gf = f;
  }

  /** Every filter's output map as a small heatmap on one shared scale, each a button that picks it. */
  function drawMaps() {
    const { data, shape } = result.output;
    const range = rangeOf(data, 'diverging');
    const per = SIDE * SIDE;
    maps.replaceChildren(...Array.from({ length: shape[1] }, (_, f) => {
      const canvas = el('canvas', { 'aria-hidden': 'true' });
      drawHeatmap(canvas, data.subarray(f * per, (f + 1) * per), SIDE, SIDE, { map: 'diverging', range: [range.lo, range.hi] });
      const b = el('button', { type: 'button', class: 'groups-map', dataset: { filter: String(f) }, 'aria-label': `Output map of filter ${f + 1}` }, [canvas, el('span', { text: String(f + 1) })]);
      b.addEventListener('click', () => {
        player.pause();
        player.set(f);
      });
      return b;
    }));
  }

  function refresh() {
    toggle.setAttribute('aria-pressed', String(state.grp));
    body.hidden = !state.grp;
    for (const [key, c] of Object.entries(controls)) setValue(c.input, state[key]);
    if (!state.grp) return;
    try {
      result = computeGroups(core, state);
    } catch (err) {
      demo.fail(err);
      return;
    }
    const { d, counts: c } = result;
    slider.input.max = String(c.validGroups.length - 1);
    setValue(slider.input, c.validGroups.indexOf(c.groups));
    setting.textContent = `g = ${c.groups}: ${settingName(c, d.k)} — ${c.groups} group${c.groups > 1 ? 's' : ''} of ${c.channelsPerGroup} channel${c.channelsPerGroup > 1 ? 's' : ''} and ${c.filtersPerGroup} filter${c.filtersPerGroup > 1 ? 's' : ''}.`;
    reads.render({ rows: d.F, cols: d.C, label: 'Which input channels each filter reads', rowHeaders: c.reads.map((r) => `filter ${r.filter + 1}`), colHeaders: Array.from({ length: d.C }, (_, i) => `ch ${i + 1}`), values: (row, col) => (col >= c.reads[row].first && col < c.reads[row].first + c.reads[row].count ? '●' : '·') });
    drawMaps();
    counts.show(c, d.k);
    // The depthwise setting against the standard one: C·k·k weights (F = C) against C·F·k·k.
    const g = c.grouped;
    compare.textContent = `This setting: ${g.filters} filters × ${g.channelsPerFilter} channel${g.channelsPerFilter > 1 ? 's' : ''} × ${d.k}×${d.k} = ${formatCount(g.weights)} weights, against the standard ${c.standard.filters} × ${c.standard.channelsPerFilter} × ${d.k}×${d.k} = ${formatCount(c.standard.weights)}${c.groups > 1 ? ` (1/g of them: ${c.groups} times fewer)` : ''}.`;
    ratio.textContent = ratioText(c, d.k);
    const wanted = Math.min(state.gf, d.F - 1); // setCount calls showFilter, which writes state.gf
    player.setCount(d.F - 1);
    player.set(wanted);
    showFilter();
  }

  function change(apply) {
    demo.notify([]);
    apply();
    refresh();
    demo.save();
  }
  toggle.addEventListener('click', () => change(() => { state.grp = !state.grp; }));
  for (const [key, c] of Object.entries(controls)) {
    c.input.addEventListener('change', () => change(() => {
      state[key] = c.input.value;
      // Keep the largest group count that still divides the new C and F.
      const valid = groupCounts(core, { ...state, groups: 1 }).validGroups;
      state.groups = valid.filter((v) => v <= state.groups).pop() ?? 1;
    }));
  }
  slider.input.addEventListener('input', () => change(() => { state.groups = result.counts.validGroups[Number(slider.input.value)]; }));
  player.subscribe(() => {
    showFilter();
    demo.save();
  });
  refresh();
  return { element, refresh };
}
