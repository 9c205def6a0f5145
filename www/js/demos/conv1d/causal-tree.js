// The dependency tree of the WaveNet stack on a canvas: one row of samples per level (the input at
// the bottom, each layer above), the samples the traced output depends on filled, the core's
// edges drawn between them, the samples after n shaded as the future. Drawing only: the levels,
// dependencies and edges are core.causalStack's.
import { el } from '../../lib/dom.js';
import { prepareCanvas } from '../../lib/charts.js';
import { cssVar } from '../../lib/colour.js';

/** `{ element, draw(stack) }`; the canvas's label says what the tree shows. */
export function createTree() {
  const canvas = el('canvas', { class: 'causal-tree', id: 'causal-tree', role: 'img' });
  let last = null;

  function draw(stack = last) {
    last = stack;
    if (!stack) return;
    const { ctx, width, height } = prepareCanvas(canvas);
    const levels = stack.levels;
    const n = levels[0].values.length;
    const pad = { left: 56, right: 8, top: 26, bottom: 18 };
    const dx = (width - pad.left - pad.right) / Math.max(1, n - 1);
    const dy = (height - pad.top - pad.bottom) / Math.max(1, levels.length - 1);
    const x = (i) => pad.left + i * dx;
    const y = (l) => height - pad.bottom - l * dy;
    const r = Math.max(2, Math.min(6, dx / 2.6));
    const [muted, line, accent, future, text] = ['--border', '--text-muted', '--cat-blue', '--surface-strong', '--text'].map((v) => cssVar(v, '#888'));
    // The future: samples after the traced output.
    ctx.fillStyle = future;
    if (stack.at < n - 1) {
      ctx.fillRect(x(stack.at) + dx / 2, 2, width - pad.right - x(stack.at) - dx / 2, height - pad.bottom + 4);
      ctx.fillStyle = text;
      ctx.font = '12px system-ui, sans-serif';
      ctx.textAlign = 'right';
      ctx.fillText('future →', width - pad.right - 2, 13);
      ctx.textAlign = 'left';
    }
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = accent;
    for (let l = 1; l < levels.length; l += 1) {
      for (const [from, to] of levels[l].edges) {
        ctx.beginPath();
        ctx.moveTo(x(from), y(l));
        ctx.lineTo(x(to), y(l - 1));
        ctx.stroke();
      }
    }
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    levels.forEach((level, l) => {
      ctx.fillStyle = text;
      ctx.fillText(l === 0 ? 'x' : `d = ${level.dilation}`, 4, y(l));
      const on = new Set(level.depends);
      for (let i = 0; i < n; i += 1) {
        ctx.beginPath();
        ctx.arc(x(i), y(l), on.has(i) || (l === levels.length - 1 && i === stack.at) ? r : r * 0.6, 0, 2 * Math.PI);
        if (on.has(i) || (l === levels.length - 1 && i === stack.at)) {
          ctx.fillStyle = accent;
          ctx.fill();
        } else {
          ctx.strokeStyle = muted;
          ctx.stroke();
        }
      }
    });
    ctx.fillStyle = line;
    ctx.textBaseline = 'alphabetic';
    for (let i = 0; i < n; i += 4) ctx.fillText(String(i), x(i) - 3, height - 3);
  }

  return { element: canvas, draw };
}
