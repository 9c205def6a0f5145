// Colours: the site's CSS custom properties, and the colour maps heatmaps use. Both maps work
// for colour-blind readers:
//   'gray'      0 → black, 1 → white (images)
//   'diverging' blue (negative) – white (0) – orange (positive), symmetric around 0
//
//   cssVar('--cat-blue')                         '#0072b2' (the page's value, trimmed)
//   colourOf(value, { map, lo, hi })             [r, g, b]
//   rangeOf(data, map, range?)                   { lo, hi } a map uses for `data`

/** A CSS custom property of the page (e.g. '--cat-blue'), trimmed; `fallback` if unset. */
export function cssVar(name, fallback = '#000') {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** A colour given as a custom property name ('--cat-blue') or as a plain CSS colour. */
export function cssColour(nameOrColour, fallback = '#000') {
  return String(nameOrColour).startsWith('--') ? cssVar(nameOrColour, fallback) : nameOrColour;
}

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

/** RGB of `value` under `map` with range [lo, hi]; non-finite values are magenta. */
export function colourOf(value, { map = 'gray', lo = 0, hi = 1 } = {}) {
  if (!Number.isFinite(value)) return [204, 0, 204];
  if (map === 'diverging') {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return lerp(DIVERGING, 0.5 + value / (2 * m));
  }
  const t = hi > lo ? (value - lo) / (hi - lo) : 0;
  const g = Math.round(255 * Math.min(1, Math.max(0, t)));
  return [g, g, g];
}

/** The range a map uses for `data`: the data's min…max for gray, ±max|v| for diverging, or `range`. */
export function rangeOf(data, map, range) {
  if (range) return { lo: range[0], hi: range[1] };
  if (map === 'diverging') {
    let m = 0;
    for (const v of data) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
    return { lo: -m, hi: m };
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of data) {
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  return lo <= hi ? { lo, hi } : { lo: 0, hi: 1 };
}
