// Small line charts on a canvas: series of (x, y) points, axes with their end values.
// Drawing only; the numbers themselves are also shown as DOM text by the page.

function cssVar(name, fallback) {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

function fmt(v) {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a >= 1000) return `${Math.round(v / 100) / 10}k`;
  if (a >= 10) return String(Math.round(v));
  return String(Number(v.toPrecision(2)));
}

/**
 * A line chart. `series` = [{ name, colour (CSS var), points: [[x, y], …], dash? }].
 * `yRange` fixes the y axis (e.g. [0, 1] for accuracy); otherwise it fits the data from 0.
 */
export class LineChart {
  constructor(canvas, { yRange = null, label = '', xTicks = null } = {}) {
    this.xTicks = xTicks;
    this.canvas = canvas;
    this.yRange = yRange;
    this.label = label;
    this.series = [];
    this.pending = false;
  }

  set(series) {
    this.series = series;
    if (!this.pending) {
      this.pending = true;
      requestAnimationFrame(() => { this.pending = false; this.draw(); });
    }
  }

  draw() {
    const canvas = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const cssW = canvas.clientWidth || 300;
    const cssH = canvas.clientHeight || 160;
    if (canvas.width !== Math.round(cssW * dpr) || canvas.height !== Math.round(cssH * dpr)) {
      canvas.width = Math.round(cssW * dpr);
      canvas.height = Math.round(cssH * dpr);
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssW, cssH);
    const font = Math.max(11, Math.min(16, cssW / 28));
    ctx.font = `${font}px system-ui, sans-serif`;
    const pad = { l: font * 2.6, r: 8, t: 8, b: font * 1.8 };
    const w = cssW - pad.l - pad.r;
    const h = cssH - pad.t - pad.b;
    let xMax = 1, yLo = 0, yHi = 1;
    const all = this.series.flatMap((s) => s.points);
    for (const [x] of all) xMax = Math.max(xMax, x);
    if (this.xTicks) xMax = Math.max(...this.xTicks.map(([x]) => x));
    if (this.yRange) [yLo, yHi] = this.yRange;
    else {
      yHi = 0;
      for (const [, y] of all) if (Number.isFinite(y)) yHi = Math.max(yHi, y);
      yHi = yHi > 0 ? yHi * 1.05 : 1;
    }
    const X = (x) => pad.l + (x / xMax) * w;
    const Y = (y) => pad.t + h - ((Math.min(yHi, Math.max(yLo, y)) - yLo) / (yHi - yLo)) * h;
    ctx.strokeStyle = cssVar('--border', '#b5bdc7');
    ctx.lineWidth = 1;
    ctx.strokeRect(pad.l, pad.t, w, h);
    ctx.fillStyle = cssVar('--text-muted', '#454d57');
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(fmt(yHi), pad.l - 4, pad.t + font / 2);
    ctx.fillText(fmt(yLo), pad.l - 4, pad.t + h);
    ctx.textBaseline = 'top';
    if (this.xTicks) {
      this.xTicks.forEach(([x, text], i) => {
        ctx.textAlign = i === 0 ? 'left' : i === this.xTicks.length - 1 ? 'right' : 'center';
        ctx.fillText(text, X(x), pad.t + h + 3);
      });
    } else {
      ctx.textAlign = 'left';
      ctx.fillText('0', pad.l, pad.t + h + 3);
      ctx.textAlign = 'right';
      ctx.fillText(`${fmt(xMax)} ${this.label}`, pad.l + w, pad.t + h + 3);
    }
    for (const s of this.series) {
      if (s.points.length === 0) continue;
      ctx.strokeStyle = cssVar(s.colour, '#0072b2');
      ctx.fillStyle = ctx.strokeStyle;
      ctx.lineWidth = 2;
      ctx.setLineDash(s.dash ? [6, 4] : []);
      ctx.beginPath();
      s.points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(X(x), Y(y)) : ctx.lineTo(X(x), Y(y))));
      ctx.stroke();
      if (s.dots) for (const [x, y] of s.points) { ctx.beginPath(); ctx.arc(X(x), Y(y), 3.5, 0, 2 * Math.PI); ctx.fill(); }
    }
    ctx.setLineDash([]);
  }
}

/** Keep at most `max` points by dropping every other one of the oldest half (cheap thinning). */
export function thin(points, max = 600) {
  if (points.length <= max) return points;
  const half = Math.floor(points.length / 2);
  return points.slice(0, half).filter((_, i) => i % 2 === 0).concat(points.slice(half));
}
