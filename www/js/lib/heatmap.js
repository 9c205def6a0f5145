// Heatmaps of 2-D maps drawn at data resolution into a canvas and scaled by CSS (pixelated),
// with colour maps that work for colour-blind readers:
//   'gray'      0 → black, 1 → white (images)
//   'diverging' blue (negative) – white (0) – orange (positive), symmetric around 0, never clamped
//               silently: the scale is ±max|value| unless a range is given, and the legend says so.
//
//   drawHeatmap(canvas, data, h, w, { map: 'diverging' })  -> { lo, hi } used
//   legend(container, { lo, hi, map })                     -> DOM legend with the numbers as text

import { colourOf as colour, rangeOf } from './colour.js';
import { formatSignificant } from './format.js';
import { el } from './dom.js';

export { colour, rangeOf };

/** Draw `data` (h × w, row-major) into `canvas` at one canvas pixel per value. */
export function drawHeatmap(canvas, data, h, w, { map = 'gray', range } = {}) {
  const { lo, hi } = rangeOf(data, map, range);
  canvas.width = w;
  canvas.height = h;
  canvas.classList.add('heatmap');
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(w, h);
  for (let i = 0; i < h * w; i += 1) {
    const [r, g, b] = colour(data[i], { map, lo, hi });
    img.data.set([r, g, b, 255], 4 * i);
  }
  ctx.putImageData(img, 0, 0);
  return { lo, hi };
}

/** A legend: a gradient bar with its end values (and zero for diverging maps) as DOM text. */
export function legend(container, { lo, hi, map = 'gray', digits = 3 }) {
  container.replaceChildren();
  container.classList.add('legend');
  const bar = el('canvas');
  drawHeatmap(bar, Array.from({ length: 64 }, (_, i) => lo + ((hi - lo) * i) / 63), 1, 64, { map, range: [lo, hi] });
  bar.classList.add('legend-bar');
  bar.setAttribute('aria-hidden', 'true');
  const label = (text, cls) => el('span', { class: cls, text });
  const fmt = (v) => formatSignificant(v, digits);
  container.append(label(fmt(lo), 'legend-lo'), bar, label(fmt(hi), 'legend-hi'));
  if (map === 'diverging') container.append(label('white = 0, blue < 0, orange > 0', 'legend-note'));
  container.setAttribute('aria-label', `colour scale from ${fmt(lo)} to ${fmt(hi)}`);
}
