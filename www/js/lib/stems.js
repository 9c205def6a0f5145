// Stem plots (the lollipops of signal processing) on a <canvas>, plus the pure layout maths
// that maps between indices/values and pixels (also used to edit stems with a pointer).
//
//   drawStems(canvas, {
//     kMin: -2, kMax: 6,                     // the index axis
//     yMin, yMax,                            // optional fixed value range (else from the data)
//     series: [{ points: [{ k, v }], color: '--cat-blue', marker: 'circle'|'square'|'diamond',
//                faded: false, offset: 0 }],   // offset: in fractions of one index step
//     band: [kFrom, kTo],                    // optional highlighted span (the window)
//     mark: k,                               // optional highlighted index (outlined)
//     axisLabel: 'k',
//   });
// Colours are CSS custom property names (from site.css) or plain colours. Numbers shown on the
// canvas are only axis ticks: values are always also in the page as text.
import { cssColour, cssVar } from './colour.js';
import { prepareCanvas as prepare } from './charts.js';

const PAD = { left: 34, right: 14, top: 12, bottom: 26 };

/** Nice value range including 0: [min, max] with a little headroom; never empty. */
export function valueRange(values, { yMin, yMax } = {}) {
  let lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  if (yMin !== undefined) lo = Math.min(lo, yMin);
  if (yMax !== undefined) hi = Math.max(hi, yMax);
  if (lo === hi) hi = lo + 1;
  const room = (hi - lo) * 0.08;
  return [lo < 0 ? lo - room : lo, hi > 0 ? hi + room : hi];
}

/**
 * The pixel layout of a plot `width × height` CSS pixels over indices kMin…kMax and values
 * yMin…yMax: `{ xOf(k), yOf(v), kAt(px), valueAt(py), step }`. Pure (no canvas).
 */
export function stemLayout({ width, height, kMin, kMax, yMin, yMax }) {
  const inner = Math.max(1, width - PAD.left - PAD.right);
  const span = Math.max(1, kMax - kMin);
  const step = inner / (span + 1);
  const x0 = PAD.left + step / 2;
  const plotH = Math.max(1, height - PAD.top - PAD.bottom);
  const yOf = (v) => PAD.top + ((yMax - v) / (yMax - yMin)) * plotH;
  return {
    step,
    xOf: (k) => x0 + (k - kMin) * step,
    yOf,
    kAt: (px) => Math.round((px - x0) / step) + kMin,
    valueAt: (py) => yMax - ((py - PAD.top) / plotH) * (yMax - yMin),
  };
}

function marker(ctx, kind, x, y, r) {
  ctx.beginPath();
  if (kind === 'square') ctx.rect(x - r, y - r, 2 * r, 2 * r);
  else if (kind === 'diamond') {
    ctx.moveTo(x, y - r * 1.3);
    ctx.lineTo(x + r * 1.3, y);
    ctx.lineTo(x, y + r * 1.3);
    ctx.lineTo(x - r * 1.3, y);
    ctx.closePath();
  } else ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fill();
}

/** Draw a stem plot (see the top of this file); returns the layout used. */
export function drawStems(canvas, spec) {
  const { ctx, width, height } = prepare(canvas);
  const values = spec.series.flatMap((s) => s.points.map((p) => p.v));
  const [yMin, yMax] = spec.yMin !== undefined && spec.yMax !== undefined ? [spec.yMin, spec.yMax] : valueRange(values, spec);
  const layout = stemLayout({ width, height, kMin: spec.kMin, kMax: spec.kMax, yMin, yMax });
  const text = cssVar('--text', '#15191e');
  const muted = cssVar('--text-muted', '#454d57');
  const font = cssVar('--font-body', 'sans-serif');

  if (spec.band) {
    ctx.fillStyle = cssVar('--highlight-window', '#e69f00');
    ctx.globalAlpha = 0.22;
    const [a, b] = spec.band;
    ctx.fillRect(layout.xOf(a) - layout.step / 2, PAD.top - 6, (b - a + 1) * layout.step, height - PAD.top - PAD.bottom + 12);
    ctx.globalAlpha = 1;
  }
  if (spec.mark !== undefined) {
    ctx.strokeStyle = cssVar('--highlight-output', '#0072b2');
    ctx.lineWidth = 2;
    ctx.strokeRect(layout.xOf(spec.mark) - layout.step / 2 + 1, PAD.top - 6, layout.step - 2, height - PAD.top - PAD.bottom + 12);
  }

  // Axes: the zero line, value ticks at the range ends, index ticks along the bottom.
  ctx.strokeStyle = muted;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(PAD.left - 4, layout.yOf(0));
  ctx.lineTo(width - PAD.right, layout.yOf(0));
  ctx.stroke();
  ctx.fillStyle = muted;
  ctx.font = `12px ${font}`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText('0', PAD.left - 8, layout.yOf(0));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const every = Math.max(1, Math.ceil(22 / layout.step));
  for (let k = spec.kMin; k <= spec.kMax; k += 1) {
    if ((k - spec.kMin) % every === 0) ctx.fillText(String(k).replace('-', '−'), layout.xOf(k), height - PAD.bottom + 8);
  }
  if (spec.axisLabel) {
    ctx.textAlign = 'left';
    ctx.fillText(spec.axisLabel, 4, height - PAD.bottom + 8);
  }

  const r = Math.max(2.5, Math.min(5, layout.step / 5));
  for (const s of spec.series) {
    const c = cssColour(s.color);
    ctx.globalAlpha = s.faded ? 0.5 : 1;
    ctx.strokeStyle = c;
    ctx.fillStyle = c;
    ctx.lineWidth = 2;
    ctx.setLineDash(s.faded ? [4, 3] : []);
    for (const { k, v } of s.points) {
      const x = layout.xOf(k) + (s.offset ?? 0) * layout.step;
      ctx.beginPath();
      ctx.moveTo(x, layout.yOf(0));
      ctx.lineTo(x, layout.yOf(v));
      ctx.stroke();
      marker(ctx, s.marker, x, layout.yOf(v), r);
    }
  }
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  ctx.fillStyle = text;
  return { ...layout, yMin, yMax, width, height };
}
