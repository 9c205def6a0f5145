// The counts table of the "Groups" section: weights, biases, parameters and multiplications of
// the standard convolution, the current setting, depthwise, 1×1 pointwise and the
// depthwise-separable pair, and the cost ratio, all as the core's convolutionCounts gives them.
import { el, table } from '../../lib/dom.js';
import { formatCount, formatSignificant } from '../../lib/format.js';

const COLUMNS = ['weights', 'biases', 'parameters', 'multiplications'];

/** `{ element, show(counts, k) }`: a table whose cells have ids `gc-<row>-<column>`. */
export function createCountsTable() {
  const element = el('div', { class: 'groups-counts', id: 'groups-counts' });
  return {
    element,
    show(c, k) {
      const shape = (cost, kk = k) => `${cost.filters} × ${cost.channelsPerFilter} × ${kk}×${kk}`;
      const rows = [
        ['standard', 'standard (g = 1)', shape(c.standard)],
        ['grouped', `this setting (g = ${c.groups})`, shape(c.grouped)],
        ['depthwise', 'depthwise (g = C, one filter per channel)', shape(c.depthwise)],
        ['pointwise', '1×1 pointwise (C → F)', shape(c.pointwise, 1)],
        ['separable', 'depthwise-separable = depthwise + pointwise', `${c.depthwise.filters} + ${c.pointwise.filters} filters`],
      ];
      element.replaceChildren(table({
        caption: 'Parameters and multiplications for one image',
        head: ['convolution', 'filters × channels each × kernel', ...COLUMNS],
        rowHeads: true,
        rows: rows.map(([key, name, s]) => ({
          dataset: { row: key },
          cells: [name, s, ...COLUMNS.map((col) => ({ text: formatCount(c[key][col]), id: `gc-${key}-${col}`, 'data-value': String(c[key][col]) }))],
        })),
      }));
    },
  };
}

/** The depthwise-separable pair against the standard convolution, in words, from the core. */
export function ratioText(c, k) {
  const fmt = (v) => formatSignificant(v, 3);
  return `Depthwise-separable against standard: ${formatCount(c.separable.weights)} / ${formatCount(c.standard.weights)} = ${fmt(c.ratio.weights)} of the weights and ${fmt(c.ratio.multiplications)} of the multiplications, which is 1/F + 1/k² = 1/${c.standard.filters} + 1/${k}² = ${fmt(c.ratio.formula)}.`;
}
