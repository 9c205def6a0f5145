// "Global to local": the Gaussian's σ up to 20 pixels on the picture. What a wide blur keeps is
// the global layout (the outline, as in the lecture's Dalí that becomes a portrait of Lincoln
// from afar); what it removes, picture − blur, is the local detail. The blur is the core's
// separable Gaussian (core.gaussianBlur: two 1-D passes), its cost core.separableCost's.
import { el, field, figure, section, setValue, stat, stats } from '../../lib/dom.js';
import { drawHeatmap, legend } from '../../lib/heatmap.js';
import { formatCount, formatValue } from '../../lib/format.js';

/** The section's setting: σ of the blur, in pixels. */
export const BLUR = { type: 'float', min: 0.5, max: 20, default: 8 };

/** Build the section; `onSigma(text)` sets σ. Returns `{ element, render(core, image, sigma) }`. */
export function createGlobalPanel({ onSigma }) {
  const sigma = field('range', {
    label: 'Blur σ (pixels)',
    id: 'blur-sigma',
    min: BLUR.min,
    max: BLUR.max,
    step: 0.5,
    value: BLUR.default,
    format: (v) => formatValue(v, { decimals: 1 }),
  });
  sigma.input.addEventListener('input', () => onSigma(sigma.input.value));
  const blurred = figure('Global: the picture blurred (only the coarse layout is left)', { id: 'global-blurred' });
  const detail = figure('Local: picture − blurred (the detail the blur removed)', { id: 'global-detail', legend: true });
  const size = stat({ id: 'global-size', label: 'Gaussian length k (2·⌈3σ⌉ + 1)' });
  const direct = stat({ id: 'global-direct', label: 'Multiplications, k×k kernel (k² per pixel)' });
  const separable = stat({ id: 'global-separable', label: 'Multiplications, two 1-D passes (2k per pixel)', cls: 'key' });
  const note = el('p', { class: 'hint', id: 'global-note' });
  const element = section('Global to local', {
    id: 'global',
    cls: 'global-panel',
    intro:
      'The lecture shows Dalí’s Gala Contemplating the Mediterranean Sea, which at twenty metres becomes a portrait of Abraham Lincoln: ' +
      'look from afar — blur — and only the global layout is left; come close and the local detail takes over. ' +
      'Slide σ up to 20 pixels: the blur keeps the outline, and picture − blur is the detail it removed.',
  }, [el('div', { class: 'controls' }, [sigma.node]), el('div', { class: 'map-row pair' }, [blurred.node, detail.node]), stats([size, direct, separable]), note]);

  function render(core, image, value) {
    setValue(sigma.input, value);
    const b = core.gaussianBlur(image.gray, image.h, image.w, value);
    drawHeatmap(blurred.canvas, b.data, image.h, image.w, { map: 'gray', range: [0, 1] });
    const rest = core.differenceMap(b.data, image.gray);
    legend(detail.legend, { ...drawHeatmap(detail.canvas, rest, image.h, image.w, { map: 'diverging' }), map: 'diverging' });
    size.set(String(b.size), b.size);
    direct.set(formatCount(b.cost.direct), b.cost.direct);
    separable.set(formatCount(b.cost.separable), b.cost.separable);
    note.textContent =
      `σ = ${formatValue(value, { decimals: 1 })}: a ${b.size}×${b.size} kernel on ${image.w}×${image.h} pixels. ` +
      'The blur here is two 1-D passes (rows, then columns); each output pixel averages only the pixels inside the picture, so the borders do not darken.';
    return b;
  }

  return { element, render, input: sigma.input };
}
