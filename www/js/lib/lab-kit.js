// Shared pieces of the initialization, batch-norm and dropout labs: a client for the training
// worker, canvas charts (histogram bars, loss curves) and small DOM helpers. Only drawing and
// plumbing: every number drawn here was computed by the core.
//
//   const run = trainInWorker(jobs, (p) => …progress…);  -> Promise<results> (see lab-worker.js)
//   drawBars(canvas, fractions, { colour })              bar chart of a normalized histogram
//   drawCurves(canvas, [{ values, colour }], { yLabel })  loss curves on a shared axis
//   section(title, intro) -> <section class="panel lab-section">
import { el } from './dom.js';
import { formatValue } from './format.js';

let worker = null;
let nextId = 1;
const pending = new Map();

function getWorker() {
  if (!worker) {
    worker = new Worker(new URL('../workers/lab-worker.js', import.meta.url), { type: 'module' });
    worker.addEventListener('message', ({ data }) => {
      const job = pending.get(data.id);
      if (!job) return;
      if (data.type === 'progress') job.onProgress?.(data);
      else {
        pending.delete(data.id);
        if (data.type === 'done') job.resolve(data.results);
        else job.reject(new Error(data.message));
      }
    });
    worker.addEventListener('error', (e) => {
      for (const job of pending.values()) job.reject(new Error(`training worker failed: ${e.message ?? 'unknown error'}`));
      pending.clear();
      worker = null;
    });
  }
  return worker;
}

/** Train `jobs` in the lab worker; resolves with one result per job. */
export function trainInWorker(jobs, onProgress) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, onProgress });
    getWorker().postMessage({ id, jobs });
  });
}

function cssColour(name, fallback) {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** A bar chart of fractions (already normalized by the core) with a fixed y maximum. */
export function drawBars(canvas, fractions, { colour = '--cat-blue', yMax } = {}) {
  const ctx = canvas.getContext('2d');
  const { width: w, height: h } = canvas;
  ctx.clearRect(0, 0, w, h);
  const top = yMax ?? Math.max(1e-9, ...fractions);
  ctx.fillStyle = cssColour(colour, '#0072b2');
  const bw = w / fractions.length;
  fractions.forEach((f, i) => {
    const bh = Math.min(1, f / top) * (h - 2);
    ctx.fillRect(i * bw + 0.5, h - bh, Math.max(1, bw - 1), bh);
  });
  ctx.strokeStyle = cssColour('--text-muted', '#454d57');
  ctx.beginPath();
  ctx.moveTo(w / 2, 0);
  ctx.lineTo(w / 2, h);
  ctx.setLineDash([3, 3]);
  ctx.stroke();
  ctx.setLineDash([]);
}

/** Curves `[{ values: [{ step, loss }], colour }]` on shared axes; key picks the y value. */
export function drawCurves(canvas, series, { key = 'loss', yMin = 0, yMax: yTop, xMax: xTop, xLabel = (x) => `${x} steps`, dots = false } = {}) {
  const ctx = canvas.getContext('2d');
  const { width: w, height: h } = canvas;
  const pad = 44;
  ctx.clearRect(0, 0, w, h);
  const points = series.flatMap((s) => s.values).filter((p) => Number.isFinite(p[key]));
  const xMax = xTop ?? Math.max(1, ...points.map((p) => p.step));
  const yMax = yTop ?? (points.length ? Math.max(yMin + 1e-6, ...points.map((p) => p[key])) : yMin + 1);
  const X = (x) => pad + ((w - pad - 8) * x) / xMax;
  const Y = (y) => h - pad + -((h - pad - 8) * (y - yMin)) / (yMax - yMin);
  ctx.strokeStyle = cssColour('--border', '#b5bdc7');
  ctx.fillStyle = cssColour('--text-muted', '#454d57');
  ctx.font = '22px sans-serif';
  ctx.strokeRect(pad, 8, w - pad - 8, h - pad - 8);
  ctx.fillText(formatValue(yMax, { decimals: 2 }), 2, 28);
  ctx.fillText(formatValue(yMin, { decimals: 2 }), 2, h - pad + 4);
  ctx.textAlign = 'right';
  ctx.fillText(points.length || xTop ? xLabel(xMax) : 'steps', w - 8, h - 10);
  ctx.textAlign = 'left';
  for (const s of series) {
    ctx.strokeStyle = cssColour(s.colour, '#000');
    ctx.lineWidth = 2.5;
    ctx.setLineDash(s.dash ? [7, 4] : []);
    ctx.beginPath();
    s.values.filter((p) => Number.isFinite(p[key])).forEach((p, i) => (i ? ctx.lineTo(X(p.step), Y(p[key])) : ctx.moveTo(X(p.step), Y(p[key]))));
    ctx.stroke();
    if (dots) {
      ctx.fillStyle = ctx.strokeStyle;
      for (const p of s.values) if (Number.isFinite(p[key])) ctx.fillRect(X(p.step) - 4, Y(p[key]) - 4, 8, 8);
    }
  }
  ctx.setLineDash([]);
}

/** A lab section: a panel with a heading and an optional intro paragraph. */
export function section(title, intro) {
  const node = el('section', { class: 'panel lab-section' }, [el('h2', { text: title })]);
  if (intro) node.append(el('p', { text: intro }));
  return node;
}

/** A canvas with a fixed drawing size, scaled to its column by CSS. */
export function chartCanvas(width, height, label) {
  return el('canvas', { width, height, class: 'lab-chart', role: 'img', 'aria-label': label });
}

/** A small legend: swatches (CSS classes) and texts. */
export function chartLegend(items) {
  return el('ul', { class: 'lab-legend' }, items.map(([cls, text]) => el('li', {}, [el('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), text])));
}

/** Number as display text (3 significant decimals, or scientific for tiny values). */
export function fmt(x) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return formatValue(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 0.001 || a >= 1e5)) return x.toExponential(2).replace('-', '\u2212');
  return formatValue(x, { decimals: 3 });
}
