// Charts on a canvas: line charts (loss and accuracy curves) and bar charts (histograms). Drawing
// only: every number plotted was computed by the core, and the numbers that matter are also on
// the page as text.
//
//   drawLines(canvas, [{ colour: '--cat-blue', points: [[x, y], …], dash?, dots? }], {
//     yRange: [0, 1],            // fixed y axis; otherwise from 0 (or the lowest value) to the largest
//     xMax, xLabel: (xMax) => `${xMax} steps`, xTicks: [[x, 'text'], …] })
//   const chart = new LineChart(canvas, options); chart.set(series)   // redrawn once per frame
//   drawBars(canvas, fractions, { colour, yMax })                    // a histogram, dashed line at 0
//   chartCanvas(720, 300, 'Loss against steps')                       // a canvas scaled by CSS
//   thin(points)                                                     // at most 600 points
import { el } from './dom.js';
import { cssColour, cssVar } from './colour.js';
import { formatAxis } from './format.js';

/**
 * Size a canvas's backing store to its CSS size × the device pixel ratio and clear it; returns
 * `{ ctx, width, height }` with the context scaled so that drawing is in CSS pixels.
 */
export function prepareCanvas(canvas) {
  const dpr = globalThis.devicePixelRatio || 1;
  const width = canvas.clientWidth || canvas.width || 300;
  const height = canvas.clientHeight || canvas.height || 160;
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return { ctx, width, height };
}

/** A line chart of `series` (see the top of this file). */
export function drawLines(canvas, series, { yRange = null, xMax: xTop, xLabel = (x) => `${formatAxis(x)} steps`, xTicks = null } = {}) {
  const { ctx, width, height } = prepareCanvas(canvas);
  const font = Math.max(11, Math.min(16, width / 28));
  ctx.font = `${font}px system-ui, sans-serif`;
  const pad = { l: font * 2.6, r: 8, t: 8, b: font * 1.8 };
  const w = width - pad.l - pad.r;
  const h = height - pad.t - pad.b;
  const all = series.flatMap((s) => s.points).filter(([, y]) => Number.isFinite(y));
  let xMax = xTop ?? Math.max(1, ...all.map(([x]) => x));
  if (xTicks) xMax = Math.max(...xTicks.map(([x]) => x));
  let [yLo, yHi] = yRange ?? [Math.min(0, ...all.map(([, y]) => y)), Math.max(0, ...all.map(([, y]) => y))];
  if (!yRange) yHi = yHi > yLo ? yLo + (yHi - yLo) * 1.05 : yLo + 1;
  const X = (x) => pad.l + (x / xMax) * w;
  const Y = (y) => pad.t + h - ((Math.min(yHi, Math.max(yLo, y)) - yLo) / (yHi - yLo)) * h;

  ctx.strokeStyle = cssVar('--border', '#b5bdc7');
  ctx.lineWidth = 1;
  ctx.strokeRect(pad.l, pad.t, w, h);
  ctx.fillStyle = cssVar('--text-muted', '#454d57');
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText(formatAxis(yHi), pad.l - 4, pad.t + font / 2);
  ctx.fillText(formatAxis(yLo), pad.l - 4, pad.t + h);
  ctx.textBaseline = 'top';
  if (xTicks) {
    xTicks.forEach(([x, text], i) => {
      ctx.textAlign = i === 0 ? 'left' : i === xTicks.length - 1 ? 'right' : 'center';
      ctx.fillText(text, X(x), pad.t + h + 3);
    });
  } else {
    ctx.textAlign = 'left';
    ctx.fillText('0', pad.l, pad.t + h + 3);
    ctx.textAlign = 'right';
    ctx.fillText(xLabel(xMax), pad.l + w, pad.t + h + 3);
  }
  for (const s of series) {
    const points = s.points.filter(([, y]) => Number.isFinite(y));
    if (points.length === 0) continue;
    ctx.strokeStyle = cssColour(s.colour, '#0072b2');
    ctx.fillStyle = ctx.strokeStyle;
    ctx.lineWidth = 2;
    ctx.setLineDash(s.dash ? [6, 4] : []);
    ctx.beginPath();
    points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(X(x), Y(y)) : ctx.lineTo(X(x), Y(y))));
    ctx.stroke();
    if (s.dots) {
      for (const [x, y] of points) {
        ctx.beginPath();
        ctx.arc(X(x), Y(y), 3.5, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
  }
  ctx.setLineDash([]);
}

/** A line chart redrawn at most once per animation frame, for data that arrives often. */
export class LineChart {
  constructor(canvas, options = {}) {
    this.canvas = canvas;
    this.options = options;
    this.series = [];
    this.frame = 0;
  }

  set(series) {
    this.series = series;
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      drawLines(this.canvas, this.series, this.options);
    });
  }

  /** Cancel a pending redraw (when the page unmounts). */
  destroy() {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }
}

/** Keep at most `max` points by dropping every other one of the oldest half (cheap thinning). */
export function thin(points, max = 600) {
  if (points.length <= max) return points;
  const half = Math.floor(points.length / 2);
  return points.slice(0, half).filter((_, i) => i % 2 === 0).concat(points.slice(half));
}

/** A bar chart of fractions (already normalized by the core) with a dashed line at the middle (0). */
export function drawBars(canvas, fractions, { colour = '--cat-blue', yMax } = {}) {
  const { ctx, width: w, height: h } = prepareCanvas(canvas);
  const top = yMax ?? Math.max(1e-9, ...fractions);
  ctx.fillStyle = cssColour(colour, '#0072b2');
  const bw = w / fractions.length;
  fractions.forEach((f, i) => {
    const bh = Math.min(1, f / top) * (h - 2);
    ctx.fillRect(i * bw + 0.5, h - bh, Math.max(1, bw - 1), bh);
  });
  ctx.strokeStyle = cssVar('--text-muted', '#454d57');
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(w / 2, 0);
  ctx.lineTo(w / 2, h);
  ctx.stroke();
  ctx.setLineDash([]);
}

/** A chart canvas with a fixed aspect ratio, scaled to its column by CSS. */
export function chartCanvas(width, height, label, cls = 'chart') {
  return el('canvas', { width, height, class: cls, role: 'img', 'aria-label': label });
}
