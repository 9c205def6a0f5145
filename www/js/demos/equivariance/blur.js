// "Blur, then subsample" (Zhang 2019) in the equivariance demo: the maps of the subsampling step
// blurred before they are subsampled, and how much a layer's output changes under 1-px shifts with
// and without the blur, over many test digits. Every number is the core's (blurPool2d,
// blurShiftSensitivity); this module only chooses the call, caches it and draws it.
import { el, field, legendList, stat, stats } from '../../lib/dom.js';
import { chartCanvas, drawLines } from '../../lib/charts.js';
import { formatSignificant } from '../../lib/format.js';

/** Test digits the sensitivity is averaged over, and the largest shift of the curve (px). */
export const BLUR_DIGITS = 200;
export const MAX_SHIFT = 6;
const STEP = 2;

/** The layer the core measures: the page's subsampling choice with the page's kernel. */
export function blurLayer(sample, kernel) {
  const k = { rows: kernel.rows, cols: kernel.cols, values: Array.from(kernel.values) };
  return sample === 'stride2'
    ? { kind: 'conv', ...k, stride: STEP }
    : { kind: 'convMaxPool', ...k, size: STEP, stride: STEP };
}

/**
 * The subsampled map of a stride-1 feature map `fx` (`{ h, w, data }`): blurred with the binomial
 * [1 2 1]/4 ⊗ [1 2 1]/4 before every second cell is kept. For the pool, the 2×2 max at stride 1
 * comes first; for the strided convolution, fx is already the stride-1 convolution.
 */
export function blurSubsampled(core, fx, sample) {
  const size = sample === 'stride2' ? 1 : STEP;
  const t = core.blurPool2d(fx.data, new Uint32Array([1, 1, fx.h, fx.w]), { pool: { kind: 'max' }, size, stride: STEP });
  return { h: t.shape[2], w: t.shape[3], data: t.data };
}

const cache = new Map();

/** `{ plain, blurred, ratio, reduced }` of the core for this layer, measured once per layer. */
export function measureBlur(core, digits, sample, kernel) {
  const layer = blurLayer(sample, kernel);
  const key = JSON.stringify(layer);
  if (!cache.has(key)) {
    if (cache.size > 16) cache.clear();
    cache.set(key, core.blurShiftSensitivity(digits, BLUR_DIGITS, layer, MAX_SHIFT));
  }
  return cache.get(key);
}

/** The checkbox (keyed like the schema), the numbers, the curve and the verdict. */
export function buildBlur(state) {
  const toggle = field('checkbox', { label: 'Blur, then subsample (binomial [1 2 1]/4 ⊗ [1 2 1]/4)', name: 'blur', value: state.blur });
  const plain = stat({ id: 'blur-plain', label: 'Mean change under a 1-px shift, without the blur', cls: 'key' });
  const blurred = stat({ id: 'blur-blurred', label: 'Mean change under a 1-px shift, blurred, then subsampled', cls: 'key' });
  const ratio = stat({ id: 'blur-ratio', label: 'Blurred ÷ without' });
  const chart = chartCanvas(640, 260, 'Mean change of the subsampled map against the shift, without and with the blur', 'chart eq-blur-chart');
  const verdict = el('p', { class: 'verdict', id: 'blur-verdict', 'aria-live': 'polite' });
  const node = el('div', { class: 'eq-blur', id: 'blur' }, [
    el('h3', { text: 'Blur, then subsample' }),
    el('p', {
      text:
        'Zhang (2019): read a strided layer as "at stride 1, then keep every second cell", and blur before keeping. ' +
        'The shift no longer decides which cells survive, so a 1-px shift changes the small map less. ' +
        `Measured over the first ${BLUR_DIGITS} test digits, each shifted right by 0 to ${MAX_SHIFT} px; the change is what is left after the best whole-cell shift, relative to the map.`,
    }),
    toggle.node,
    stats([plain, blurred, ratio]),
    el('figure', { class: 'chart-figure' }, [
      chart,
      el('figcaption', {}, [
        legendList([['c-blue', 'without the blur'], ['c-orange', 'blurred, then subsampled']]),
        el('span', { text: 'Mean change against the shift (px), each digit against itself unshifted.' }),
      ]),
    ]),
    verdict,
  ]);

  function update(r) {
    plain.set(formatSignificant(r.plain.onePixel, 3), r.plain.onePixel);
    blurred.set(formatSignificant(r.blurred.onePixel, 3), r.blurred.onePixel);
    ratio.set(formatSignificant(r.ratio, 3), r.ratio);
    const points = (s) => s.shifts.map((d, i) => [d, s.curve[i]]);
    drawLines(chart, [
      { colour: '--cat-blue', points: points(r.plain), dots: true },
      { colour: '--cat-vermillion', points: points(r.blurred), dots: true, dash: true },
    ], { xMax: MAX_SHIFT, xLabel: () => `${MAX_SHIFT} px shift` });
    const numbers = `${formatSignificant(r.plain.onePixel, 3)} without, ${formatSignificant(r.blurred.onePixel, 3)} blurred, over ${r.plain.digits} digits`;
    verdict.textContent = r.reduced
      ? `The blur lowers the change under a 1-px shift: ${numbers} (×${formatSignificant(r.ratio, 3)}).`
      : `The blur does not lower the change under a 1-px shift here: ${numbers}.`;
  }
  return { node, toggle, update };
}
