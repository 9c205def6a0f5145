// The filters demo's kernels: the presets (every one built by core.filterKernel), the custom
// kernel the reader types, and the panel that shows the numbers (an editable grid for custom).
import { el } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { formatValue } from '../../lib/format.js';

/** Preset id → [label, the core's kernel spec (σ filled in later)]. */
export const PRESETS = {
  identity: ['Identity 3×3', { kind: 'identity', size: 3 }],
  box3: ['Box 3×3 (average)', { kind: 'box', size: 3 }],
  box5: ['Box 5×5 (average)', { kind: 'box', size: 5 }],
  gaussian: ['Gaussian (σ slider)', { kind: 'gaussian' }],
  sharpen: ['Sharpen', { kind: 'sharpen' }],
  derivativeX: ['[−1 1]: horizontal change', { kind: 'derivativeX' }],
  derivativeY: ['[−1 1]ᵀ: vertical change', { kind: 'derivativeY' }],
  sobelX: ['Sobel x (vertical edges)', { kind: 'sobelX' }],
  sobelY: ['Sobel y (horizontal edges)', { kind: 'sobelY' }],
  laplacian: ['Laplacian', { kind: 'laplacian' }],
  emboss: ['Emboss', { kind: 'emboss' }],
  custom: ['Custom (type the numbers)', null],
};

const WHAT = {
  identity: 'copies every pixel: the output is the input.',
  box3: 'averages each 3×3 neighbourhood: a blur.',
  box5: 'averages each 5×5 neighbourhood: a stronger blur.',
  gaussian: 'a weighted average that favours the centre: a smooth blur whose width is σ.',
  sharpen: 'twice the pixel minus the local average: differences are accentuated, flat areas stay.',
  derivativeX: 'right neighbour minus pixel: responds where brightness changes from left to right.',
  derivativeY: 'lower neighbour minus pixel: responds where brightness changes from top to bottom.',
  sobelX: 'a smoothed horizontal derivative: strong on vertical edges, signed by direction.',
  sobelY: 'a smoothed vertical derivative: strong on horizontal edges, signed by direction.',
  laplacian: 'the sum of second derivatives: zero on flat and linear ramps, large at fine detail.',
  emboss: 'a diagonal derivative plus the pixel: looks like light from the top left.',
  custom: 'your own numbers; every output pixel is Σ input × weight over the window.',
};

/** The kernel for a state: `{ rows, cols, values: Float32Array }` from the core (or the URL). */
export function kernelFor(core, state) {
  if (state.filter === 'custom') {
    const n = state.k.length === 25 ? 5 : 3;
    return { rows: n, cols: n, values: Float32Array.from(state.k) };
  }
  const spec = { ...PRESETS[state.filter][1] };
  if (spec.kind === 'gaussian') spec.sigma = state.sigma;
  const k = core.filterKernel(spec);
  return { rows: k.rows, cols: k.cols, values: Float32Array.from(k.values) };
}

/** A custom kernel resized to n×n: the centre is kept, a new ring is zeros. */
export function resizeKernel(values, n) {
  const m = values.length === 25 ? 5 : 3;
  const out = new Array(n * n).fill(0);
  const off = (n - m) / 2;
  for (let r = 0; r < n; r += 1) {
    for (let c = 0; c < n; c += 1) {
      const rr = r - off;
      const cc = c - off;
      if (rr >= 0 && rr < m && cc >= 0 && cc < m) out[r * n + c] = values[rr * m + cc];
    }
  }
  return out;
}

/** Significant-figure text for kernel weights, so 0.0000197 does not read as 0. */
export function weightText(v) {
  return Math.abs(v) >= 0.001 || v === 0 ? formatValue(v, { decimals: 3 }) : formatValue(Number(v.toPrecision(2)), { decimals: 8 });
}

/**
 * The kernel panel. `onEdit(values)` is called with a custom kernel's new numbers (typed into
 * the grid, resized, or copied from a preset).
 */
export function createKernelPanel({ onEdit }) {
  const heading = el('h2', { id: 'kernel-heading', text: 'Kernel' });
  const what = el('p', { class: 'kernel-what', id: 'kernel-what' });
  const grid = createGrid({ label: 'Kernel weights', rows: 0, cols: 0, format: weightText });
  const scroller = el('div', { class: 'scroll-x', id: 'kernel-numbers' }, [grid.element]);
  const flat = el('p', { class: 'kernel-flat', id: 'kernel-flat' });
  const sizeSelect = el('select', { id: 'custom-size' }, [
    el('option', { value: '3', text: '3×3' }),
    el('option', { value: '5', text: '5×5' }),
  ]);
  const sizeLabel = el('label', { class: 'field' }, [el('span', { class: 'field-label', text: 'Custom size' }), sizeSelect]);
  const copy = el('button', { type: 'button', class: 'secondary', id: 'copy-kernel', text: 'Edit a copy of these numbers' });
  const tools = el('div', { class: 'controls kernel-tools' }, [sizeLabel, copy]);
  const element = el('section', { class: 'panel kernel-panel', 'aria-labelledby': 'kernel-heading' }, [heading, what, scroller, flat, tools]);

  let current = null;
  sizeSelect.addEventListener('change', () => onEdit(resizeKernel(current.values, Number(sizeSelect.value))));
  copy.addEventListener('click', () => onEdit(Array.from(current.values)));

  /** Show `kernel` for `state`; `flatResponse` is the core's response to a patch of 1s. */
  function render(kernel, state, flatResponse) {
    current = kernel;
    const custom = state.filter === 'custom';
    heading.textContent = `Kernel: ${PRESETS[state.filter][0]}, ${kernel.rows}×${kernel.cols}`;
    what.textContent = `This kernel ${WHAT[state.filter]}`;
    const { rows, cols, values } = kernel;
    grid.render({
      rows,
      cols,
      label: `Kernel weights, ${rows}×${cols}${custom ? ', editable' : ''}`,
      values: (r, c) => values[r * cols + c],
      editable: custom,
      cellLabel: (r, c) => `weight row ${r + 1}, column ${c + 1}`,
      onChange: (r, c, v) => {
        const next = Array.from(values);
        next[r * cols + c] = v;
        onEdit(next);
      },
    });
    flat.textContent = `Response to a flat patch of 1s (the sum of the weights): ${formatValue(flatResponse, { decimals: 4 })}`;
    sizeLabel.hidden = !custom;
    sizeSelect.value = String(rows);
    copy.hidden = custom || !((rows === 3 && cols === 3) || (rows === 5 && cols === 5));
  }

  return { element, render };
}
