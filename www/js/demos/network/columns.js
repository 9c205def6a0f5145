// The whole network for one digit: the input, then one column per layer — its feature maps (the
// core's activations, drawn with the kit's heatmap) or, for flatten and dense layers, one bar per
// value — and the class probabilities at the end. A map is a button: a click picks the unit under
// the pointer, Enter or Space its centre, the arrow keys move it; a bar column picks a feature.
import { el } from '../../lib/dom.js';
import { cssVar } from '../../lib/colour.js';
import { drawHeatmap } from '../../lib/heatmap.js';
import { plane } from '../../lib/tensor.js';
import { formatPercent, formatValue } from '../../lib/format.js';

/** Position `box` over a map of h × w cells at `region` (rows and columns inclusive), in percent; hide it when null. */
export function placeBox(box, region, [h, w]) {
  box.hidden = !region;
  if (!region) return;
  box.style.top = `${(100 * region.top) / h}%`;
  box.style.left = `${(100 * region.left) / w}%`;
  box.style.height = `${(100 * (region.bottom - region.top + 1)) / h}%`;
  box.style.width = `${(100 * (region.right - region.left + 1)) / w}%`;
}

const KEYS = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/** Where on a canvas of h × w cells the pointer is, as (row, col). */
function cellAt(canvas, event, h, w) {
  const box = canvas.getBoundingClientRect();
  const row = Math.floor(((event.clientY - box.top) / box.height) * h);
  const col = Math.floor(((event.clientX - box.left) / box.width) * w);
  return [Math.min(h - 1, Math.max(0, row)), Math.min(w - 1, Math.max(0, col))];
}

export class NetworkColumns {
  /** `host` receives the columns; `onPick({ layer, channel, row, col })` when a unit is chosen. */
  constructor(host, onPick) {
    this.host = host;
    this.onPick = onPick;
    this.layers = null;
    this.selected = null;
  }

  /** Build the columns for `infos` (the core's layerInfos) and the input shape. */
  build(infos, [c, h, w]) {
    this.infos = infos;
    this.input = el('canvas', { role: 'img', 'aria-label': 'The chosen test digit', class: 'net-input' });
    this.inputBox = el('div', { class: 'net-rf-box', hidden: true, 'aria-hidden': 'true' });
    const columns = [el('div', { class: 'net-column', 'data-layer': 'input' }, [
      el('h3', { text: 'Input' }), el('p', { class: 'net-shape', text: `${c}×${h}×${w}` }), el('div', { class: 'net-in' }, [this.input, this.inputBox]),
    ])];
    this.inputShape = [h, w];
    this.layers = infos.map((info, layer) => {
      const [oc, oh, ow] = info.outputShape;
      const flat = oh === 1 && ow === 1;
      const title = `${layer + 1} ${info.kind}`;
      const maps = flat ? [] : Array.from({ length: oc }, (_, channel) => this.mapButton(layer, channel, oh, ow));
      const bars = flat ? this.barsButton(layer, oc) : null;
      const node = el('div', { class: `net-column${flat ? ' net-flat' : ''}`, 'data-layer': String(layer), 'data-kind': info.kind }, [
        el('h3', { text: title }), el('p', { class: 'net-shape', text: `${oc}×${oh}×${ow}` }),
        flat ? bars.node : el('div', { class: `net-maps${oc > 8 ? ' net-maps-wide' : ''}` }, maps.map((m) => m.node)),
      ]);
      columns.push(node);
      return { info, node, maps, bars, flat };
    });
    this.probs = el('ol', { class: 'net-probs', start: '0', 'aria-label': 'Class probabilities' });
    columns.push(el('div', { class: 'net-column net-end' }, [el('h3', { text: 'Probabilities' }), this.probs]));
    this.host.replaceChildren(...columns);
  }

  mapButton(layer, channel, h, w) {
    const canvas = el('canvas', { 'aria-hidden': 'true' });
    const box = el('div', { class: 'net-rf-box', hidden: true, 'aria-hidden': 'true' });
    const node = el('button', { type: 'button', class: 'net-map', 'data-channel': String(channel), 'aria-label': `Layer ${layer + 1}, map ${channel + 1}: pick a unit (arrow keys move it)` }, [el('span', { class: 'net-in' }, [canvas, box])]);
    node.addEventListener('click', (e) => {
      const [row, col] = e.detail === 0 ? this.keyUnit(layer, channel, h, w) : cellAt(canvas, e, h, w);
      this.pick({ layer, channel, row, col });
    });
    node.addEventListener('keydown', (e) => {
      const move = KEYS[e.key];
      if (!move) return;
      e.preventDefault();
      const [row, col] = this.keyUnit(layer, channel, h, w);
      this.pick({ layer, channel, row: Math.min(h - 1, Math.max(0, row + move[0])), col: Math.min(w - 1, Math.max(0, col + move[1])) });
    });
    return { node, canvas, box, shape: [h, w] };
  }

  barsButton(layer, n) {
    const canvas = el('canvas', { 'aria-hidden': 'true' });
    const node = el('button', { type: 'button', class: 'net-bars', 'aria-label': `Layer ${layer + 1}, ${n} values as bars: pick a unit (arrow keys move it)` }, [canvas]);
    node.addEventListener('click', (e) => {
      const [channel] = e.detail === 0 ? this.keyUnit(layer, 0, n, 1) : cellAt(canvas, e, n, 1);
      this.pick({ layer, channel, row: 0, col: 0 });
    });
    node.addEventListener('keydown', (e) => {
      const move = KEYS[e.key];
      if (!move) return;
      e.preventDefault();
      const [at] = this.keyUnit(layer, 0, n, 1);
      this.pick({ layer, channel: Math.min(n - 1, Math.max(0, at + move[0] + move[1])), row: 0, col: 0 });
    });
    return { node, canvas };
  }

  /** The selected unit's (row, col) if it is on this map, else the map's centre. */
  keyUnit(layer, channel, h, w) {
    const s = this.selected;
    if (s && s.layer === layer && (h === 1 || s.channel === channel) && w !== 1) return [s.row, s.col];
    if (s && s.layer === layer && w === 1) return [s.channel, 0];
    return [Math.floor((h - 1) / 2), Math.floor((w - 1) / 2)];
  }

  pick(unit) {
    this.select(unit);
    this.onPick(unit);
  }

  /** Mark the chosen unit's map (or bar column). */
  select(unit) {
    this.selected = unit;
    for (const [layer, l] of (this.layers ?? []).entries()) {
      l.maps.forEach((m, c) => m.node.setAttribute('aria-pressed', String(unit?.layer === layer && unit.channel === c)));
      if (l.bars) l.bars.node.setAttribute('aria-pressed', String(unit?.layer === layer));
    }
  }

  /**
   * Mark what the chosen unit reads: `regions` (the core's traceUnit, input first) on the input
   * and on every map of the layers before the unit's, and the unit itself on its own map.
   */
  mark(regions, unit) {
    placeBox(this.inputBox, regions?.[0] ?? null, this.inputShape);
    (this.layers ?? []).forEach((l, layer) => l.maps.forEach((m, c) => {
      const own = unit && layer === unit.layer && c === unit.channel ? { top: unit.row, bottom: unit.row, left: unit.col, right: unit.col } : null;
      placeBox(m.box, regions && layer < unit.layer ? regions[layer + 1] : own, m.shape);
    }));
  }

  /** Draw one digit's pass: `pixels`, `activations[layer]` ({ shape, data }) and `probabilities`. */
  show(pixels, [, h, w], activations, probabilities) {
    drawHeatmap(this.input, pixels, h, w);
    this.layers.forEach((l, layer) => {
      const t = activations[layer];
      if (l.flat) drawBarsColumn(l.bars.canvas, t.data);
      else l.maps.forEach((m, c) => drawHeatmap(m.canvas, plane(t, 0, c), t.shape[2], t.shape[3], { map: 'diverging' }));
    });
    const best = probabilities.indexOf(Math.max(...probabilities));
    this.probs.replaceChildren(...probabilities.map((p, d) => el('li', {
      class: d === best ? 'best' : undefined, 'data-value': String(p), 'aria-label': `${d}: ${formatPercent(p)}`,
    }, [el('span', { class: 'net-class', text: String(d) }), el('span', { class: 'net-bar', style: undefined }), el('span', { class: 'net-p', text: formatValue(p) })])));
    this.probs.querySelectorAll('.net-bar').forEach((bar, d) => bar.style.setProperty('--p', String(probabilities[d])));
  }
}

/** One horizontal bar per value, top to bottom: orange right of the middle line, blue left of it. */
function drawBarsColumn(canvas, values) {
  const n = values.length;
  const rowH = Math.max(1, Math.floor(240 / n));
  canvas.width = 60;
  canvas.height = rowH * n;
  const ctx = canvas.getContext('2d');
  const pos = cssVar('--cat-orange', '#e69f00');
  const neg = cssVar('--cat-blue', '#0072b2');
  let top = 0;
  for (const v of values) top = Math.max(top, Math.abs(v));
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  values.forEach((v, i) => {
    const len = top > 0 ? (Math.abs(v) / top) * 29 : 0;
    ctx.fillStyle = v >= 0 ? pos : neg;
    ctx.fillRect(v >= 0 ? 30 : 30 - len, i * rowH, len, Math.max(1, rowH - (rowH > 2 ? 1 : 0)));
  });
}
