// Heatmaps of 2-D maps drawn at data resolution into a canvas and scaled by CSS (pixelated),
// with colour maps that work for colour-blind readers:
//   'gray'      0 → black, 1 → white (images)
//   'diverging' blue (negative) – white (0) – orange (positive), symmetric around 0, never clamped
//               silently: the scale is ±max|value| unless a range is given, and the legend says so.
//
//   drawHeatmap(canvas, data, h, w, { map: 'diverging' })  -> { lo, hi } used
//   legend(container, { lo, hi, map })                     -> DOM legend with the numbers as text

const DIVERGING = [
  [8, 48, 107], [33, 113, 181], [107, 174, 214], [198, 219, 239], [247, 247, 247],
  [253, 208, 162], [253, 141, 60], [217, 72, 1], [127, 39, 4],
];

function lerp(stops, t) {
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  return stops[i].map((a, k) => Math.round(a + (stops[i + 1][k] - a) * f));
}

/** RGB of `value` under `map` with range [lo, hi]. */
export function colour(value, { map = 'gray', lo = 0, hi = 1 } = {}) {
  if (!Number.isFinite(value)) return [204, 0, 204];
  if (map === 'diverging') {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return lerp(DIVERGING, 0.5 + value / (2 * m));
  }
  const t = hi > lo ? (value - lo) / (hi - lo) : 0;
  const g = Math.round(255 * Math.min(1, Math.max(0, t)));
  return [g, g, g];
}

/** The range a map uses for `data`: [0, 1] for gray unless given, ±max|v| for diverging. */
export function rangeOf(data, map, range) {
  if (range) return { lo: range[0], hi: range[1] };
  if (map === 'diverging') {
    let m = 0;
    for (const v of data) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
    return { lo: -m, hi: m };
  }
  let lo = Infinity, hi = -Infinity;
  for (const v of data) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  return lo <= hi ? { lo, hi } : { lo: 0, hi: 1 };
}

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
  const bar = document.createElement('canvas');
  drawHeatmap(bar, Array.from({ length: 64 }, (_, i) => lo + ((hi - lo) * i) / 63), 1, 64, { map, range: [lo, hi] });
  bar.classList.add('legend-bar');
  bar.setAttribute('aria-hidden', 'true');
  const label = (text, cls) => Object.assign(document.createElement('span'), { textContent: text, className: cls });
  const fmt = (v) => Number(v.toPrecision(digits)).toString();
  container.append(label(fmt(lo), 'legend-lo'), bar, label(fmt(hi), 'legend-hi'));
  if (map === 'diverging') container.append(label('white = 0, blue < 0, orange > 0', 'legend-note'));
  container.setAttribute('aria-label', `colour scale from ${fmt(lo)} to ${fmt(hi)}`);
}
