// Pictures of section 2: weights against input size on log–log axes, and the sample points that
// cover [0, 1]^d at spacing ε for d = 1, 2, 3. Drawing only: the counts and the points' positions
// come from core.parameterGrowth and core.gridCover.
import { prepareCanvas } from '../../lib/charts.js';
import { cssColour, cssVar } from '../../lib/colour.js';
import { superscript } from '../../lib/format.js';

/**
 * Lines of `series` ([{ colour, dash?, points: [[x, y], …] }], x and y > 0) on log10 axes, with a
 * vertical mark at `mark` (x). Ticks at every power of ten that fits (thinned to at most 7).
 */
export function drawLogLines(canvas, series, { mark } = {}) {
  const { ctx, width, height } = prepareCanvas(canvas);
  const font = Math.max(11, Math.min(15, width / 30));
  ctx.font = `${font}px system-ui, sans-serif`;
  const pad = { l: font * 3.2, r: 10, t: 8, b: font * 2 };
  const w = width - pad.l - pad.r;
  const h = height - pad.t - pad.b;
  const all = series.flatMap((s) => s.points).filter(([x, y]) => x > 0 && y > 0);
  const xs = all.map(([x]) => Math.log10(x));
  const ys = all.map(([, y]) => Math.log10(y));
  const [x0, x1] = [Math.floor(Math.min(...xs)), Math.ceil(Math.max(...xs))];
  const [y0, y1] = [Math.floor(Math.min(0, ...ys)), Math.ceil(Math.max(...ys))];
  const X = (x) => pad.l + ((Math.log10(x) - x0) / Math.max(1, x1 - x0)) * w;
  const Y = (y) => pad.t + h - ((Math.log10(y) - y0) / Math.max(1, y1 - y0)) * h;
  ctx.strokeStyle = cssVar('--border', '#b5bdc7');
  ctx.lineWidth = 1;
  ctx.strokeRect(pad.l, pad.t, w, h);
  ctx.fillStyle = cssVar('--text-muted', '#454d57');
  const every = (lo, hi) => Math.max(1, Math.ceil((hi - lo) / 6));
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let e = y0; e <= y1; e += every(y0, y1)) ctx.fillText(`10${superscript(e)}`, pad.l - 4, Y(10 ** e));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let e = x0; e <= x1; e += every(x0, x1)) ctx.fillText(`10${superscript(e)}`, X(10 ** e), pad.t + h + 3);
  for (const s of series) {
    ctx.strokeStyle = cssColour(s.colour, '#0072b2');
    ctx.lineWidth = 2;
    ctx.setLineDash(s.dash ? [6, 4] : s.dots ? [2, 3] : []);
    ctx.beginPath();
    s.points.filter(([x, y]) => x > 0 && y > 0).forEach(([x, y], i) => (i === 0 ? ctx.moveTo(X(x), Y(y)) : ctx.lineTo(X(x), Y(y))));
    ctx.stroke();
  }
  ctx.setLineDash([]);
  if (mark > 0) {
    ctx.strokeStyle = cssVar('--text', '#1a1d21');
    ctx.beginPath();
    ctx.moveTo(X(mark), pad.t);
    ctx.lineTo(X(mark), pad.t + h);
    ctx.stroke();
  }
}

/**
 * The points of the grid at `axis` (positions in [0, 1]) in `d` = 1, 2 or 3 dimensions: a line,
 * a square, a cube in oblique projection (the back points fainter).
 */
export function drawGrid(canvas, axis, d) {
  const { ctx, width, height } = prepareCanvas(canvas);
  const side = Math.min(width, height) - 16;
  const depth = d === 3 ? side * 0.35 : 0;
  const box = side - depth;
  const left = (width - side) / 2;
  const top = 8 + depth;
  const P = (x, y, z) => [left + x * box + z * depth, top + (1 - y) * box - z * depth];
  ctx.strokeStyle = cssVar('--border', '#b5bdc7');
  ctx.lineWidth = 1;
  if (d === 1) {
    ctx.beginPath();
    ctx.moveTo(...P(0, 0.5, 0));
    ctx.lineTo(...P(1, 0.5, 0));
    ctx.stroke();
  } else {
    ctx.strokeRect(left, top, box, box);
    if (d === 3) {
      ctx.strokeRect(left + depth, top - depth, box, box);
      for (const [x, y] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
        ctx.beginPath();
        ctx.moveTo(...P(x, y, 0));
        ctx.lineTo(...P(x, y, 1));
        ctx.stroke();
      }
    }
  }
  const colour = cssColour('--cat-vermillion', '#d55e00');
  const r = Math.max(1.2, Math.min(4, box / axis.length / 4));
  const zs = d === 3 ? [...axis].reverse() : [0];
  const ys = d >= 2 ? axis : [0.5];
  for (const z of zs) {
    ctx.globalAlpha = d === 3 ? 0.35 + 0.65 * (1 - z) : 1;
    ctx.fillStyle = colour;
    for (const y of ys) {
      for (const x of axis) {
        ctx.beginPath();
        ctx.arc(...P(x, y, z), r, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
  }
  ctx.globalAlpha = 1;
}
