// The filters demo's kernels: the presets (every one built by core.filterKernel), the custom
// kernel the reader types, and the panel that shows the numbers (an editable grid for custom).
import { button, el, field, section, scrollArea } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { formatSignificant, formatValue } from '../../lib/format.js';
import { offset } from '../../lib/tensor.js';

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
  gaussian: 'is a weighted average that favours the centre: a smooth blur whose width is σ.',
  sharpen: 'takes twice the pixel minus the local average: differences are accentuated, flat areas stay.',
  derivativeX: 'takes the right neighbour minus the pixel: it responds where brightness changes from left to right.',
  derivativeY: 'takes the lower neighbour minus the pixel: it responds where brightness changes from top to bottom.',
  sobelX: 'is a smoothed horizontal derivative: strong on vertical edges, signed by direction.',
  sobelY: 'is a smoothed vertical derivative: strong on horizontal edges, signed by direction.',
  laplacian: 'is the sum of second derivatives: zero on flat and linear ramps, large at fine detail.',
  emboss: 'is a diagonal derivative plus the pixel: looks like light from the top left.',
  custom: 'holds your own numbers; every output pixel is Σ input × weight over the window.',
};

/** What a kernel does under true convolution, where the flip changes it (the others are symmetric). */
const WHAT_FLIPPED = {
  derivativeX: 'is flipped to [1 −1] before it slides, so it takes the pixel minus its right neighbour: the lecture’s f ⊗ [−1 1], the opposite sign of cross-correlation’s right neighbour minus pixel.',
  derivativeY: 'is flipped to [1 −1]ᵀ before it slides, so it takes the pixel minus its lower neighbour: the lecture’s f ⊗ [−1 1]ᵀ, the opposite sign of cross-correlation’s lower neighbour minus pixel.',
  sobelX: 'is turned by 180° before it slides, which changes its sign: a smoothed horizontal derivative, strong on vertical edges, now positive where brightness falls from left to right.',
  sobelY: 'is turned by 180° before it slides, which changes its sign: a smoothed vertical derivative, strong on horizontal edges, now positive where brightness falls from top to bottom.',
  emboss: 'is turned by 180° before it slides: a diagonal derivative plus the pixel, now as if lit from the bottom right.',
};

/** The operation, named: what the page computes with the kernel. */
export const OPERATIONS = {
  xcorr: 'cross-correlation, out[i, j] = Σₘ Σₙ in[i + m, j + n]·K[m, n] (what CNN layers compute)',
  conv: 'true convolution, out[i, j] = Σₘ Σₙ in[i − m, j − n]·K[m, n] (the kernel turned by 180° before it slides)',
};

/** The kernel for a state: `{ rows, cols, values: Float32Array, shape }` from the core (or the URL). */
export function kernelFor(core, state) {
  if (state.filter === 'custom') {
    const n = state.k.length === 25 ? 5 : 3;
    return { rows: n, cols: n, values: Float32Array.from(state.k), shape: [1, 1, n, n] };
  }
  const spec = { ...PRESETS[state.filter][1] };
  if (spec.kind === 'gaussian') spec.sigma = state.sigma;
  const k = core.filterKernel(spec);
  return { rows: k.rows, cols: k.cols, values: Float32Array.from(k.values), shape: [1, 1, k.rows, k.cols] };
}

/** A custom kernel resized to n×n: the centre is kept, a new ring is zeros. */
export function resizeKernel(values, n) {
  const m = values.length === 25 ? 5 : 3;
  const [from, to] = [[1, 1, m, m], [1, 1, n, n]];
  const out = new Array(n * n).fill(0);
  const off = (n - m) / 2;
  for (let r = 0; r < n; r += 1) {
    for (let c = 0; c < n; c += 1) {
      const rr = r - off;
      const cc = c - off;
      if (rr >= 0 && rr < m && cc >= 0 && cc < m) out[offset(to, 0, 0, r, c)] = values[offset(from, 0, 0, rr, cc)];
    }
  }
  return out;
}

/** Kernel weights as text: 3 decimals, or 2 significant digits below 0.001 (so 0.0000197 does not read as 0). */
export function weightText(v) {
  return Math.abs(v) >= 0.001 || v === 0 ? formatValue(v, { decimals: 3 }) : formatSignificant(v, 2);
}

/**
 * The kernel panel. `onEdit(values)` is called with a custom kernel's new numbers (typed into
 * the grid, resized, or copied from a preset).
 */
export function createKernelPanel({ onEdit }) {
  const what = el('p', { class: 'kernel-what', id: 'kernel-what' });
  const grid = createGrid({ label: 'Kernel weights', rows: 0, cols: 0, format: weightText });
  const scroller = scrollArea([grid.element], { id: 'kernel-numbers', label: 'Kernel weights' });
  const flat = el('p', { class: 'kernel-flat', id: 'kernel-flat' });
  const size = field('select', { label: 'Custom size', id: 'custom-size', options: [[3, '3×3'], [5, '5×5']], value: 3 });
  let current = null;
  const copy = button('Edit a copy of these numbers', { class: 'secondary', id: 'copy-kernel' }, () => onEdit(Array.from(current.values)));
  const tools = el('div', { class: 'controls kernel-tools' }, [size.node, copy]);
  const element = section('Kernel', { cls: 'kernel-panel', headingId: 'kernel-heading' }, [what, scroller, flat, tools]);
  const heading = element.querySelector('#kernel-heading');
  size.input.addEventListener('change', () => onEdit(resizeKernel(current.values, Number(size.input.value))));

  /** Show `kernel` for `state`; `flatResponse` is the core's response to a patch of 1s. */
  function render(kernel, state, flatResponse) {
    current = kernel;
    const custom = state.filter === 'custom';
    heading.textContent = `Kernel: ${PRESETS[state.filter][0]}, ${kernel.rows}×${kernel.cols}`;
    const flipped = state.op === 'conv' ? WHAT_FLIPPED[state.filter] : undefined;
    const name = state.op === 'conv' ? 'With true convolution' : 'With cross-correlation';
    what.textContent = `${name}, this kernel ${flipped ?? WHAT[state.filter]}`;
    const { rows, cols, values, shape } = kernel;
    const at = (r, c) => offset(shape, 0, 0, r, c);
    grid.render({
      rows,
      cols,
      label: `Kernel weights, ${rows}×${cols}${custom ? ', editable' : ''}`,
      values: (r, c) => values[at(r, c)],
      editable: custom,
      cellLabel: (r, c) => `weight row ${r + 1}, column ${c + 1}`,
      onChange: (r, c, v) => {
        const next = Array.from(values);
        next[at(r, c)] = v;
        onEdit(next);
      },
    });
    flat.textContent = `Response to a flat patch of 1s (the sum of the weights): ${formatValue(flatResponse, { decimals: 4 })}`;
    size.node.hidden = !custom;
    size.input.value = String(rows);
    copy.hidden = custom || !((rows === 3 && cols === 3) || (rows === 5 && cols === 5));
  }

  return { element, render };
}
