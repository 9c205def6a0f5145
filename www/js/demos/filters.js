// "What filters do, on real images": a photo (or a digit, or your picture) in grey, filtered by
// a kernel with core.conv2d (same padding, cross-correlation); one output pixel worked out with
// core.conv2dTrace; and the Gaussian done as two 1-D passes. The page only draws and listens.
import { mountShell, onReady, showError, clearError } from '../shell.js';
import { loadCore } from '../wasm.js';
import { readState, writeState } from '../state.js';
import { el, selectField } from '../lib/dom.js';
import { legend } from '../lib/heatmap.js';
import { formatValue } from '../lib/format.js';
import { createCellPicker } from '../lib/cell-picker.js';
import { rangeField } from '../lib/range-field.js';
import { PRESETS, kernelFor, createKernelPanel } from './filters/kernels.js';
import { createInspectPanel, createSeparablePanel } from './filters/panels.js';
import { SOURCES, DIGIT_MAX, createSourceControls } from '../lib/image-source.js';

const SCHEMA = {
  img: { type: 'enum', values: SOURCES, default: 'chelsea' },
  digit: { type: 'int', min: 0, max: DIGIT_MAX, default: 0 },
  filter: { type: 'enum', values: Object.keys(PRESETS), default: 'sobelX' },
  sigma: { type: 'float', min: 0.5, max: 2, default: 1 },
  k: { type: 'floatList', minLength: 9, maxLength: 25, min: -100, max: 100, default: [0, -1, 0, -1, 5, -1, 0, -1, 0] },
  map: { type: 'enum', values: ['auto', 'diverging', 'gray'], default: 'auto' },
  r: { type: 'int', min: 0, max: 255, default: 60 },
  c: { type: 'int', min: 0, max: 255, default: 120 },
};
const SAME = { padding: { kind: 'same' } };

const { content } = mountShell({
  title: 'What filters do, on real images',
  description: 'Pick a photo and a kernel: blur, sharpen, find edges. Every output pixel is a weighted sum of the pixels under the kernel — point at one to see the sum written out.',
});

function figure(id, caption, picker, extra = []) {
  return el('figure', { class: 'map-figure', id }, [picker.element, el('figcaption', {}, [caption]), ...extra]);
}

onReady(async () => {
  const core = await loadCore();
  const { state, problems } = readState(SCHEMA);
  if (state.k.length !== 9 && state.k.length !== 25) {
    problems.push(`Setting "k" has ${state.k.length} numbers; a custom kernel needs 9 (3×3) or 25 (5×5); using the default.`);
    state.k = [...SCHEMA.k.default];
  }
  if (problems.length) showError(problems.join('\n'));

  let image = null;
  let uploaded = false;
  let kernel = null;
  let output = null;

  // Controls.
  const source = createSourceControls(core, {
    onChoose: (change) => { uploaded = false; update(change, { reload: true }); },
    onUpload: (img) => { clearError(); uploaded = true; image = img; refresh({ image: true }); },
    onError: (err) => showError(err),
  });
  const filter = selectField('Filter', Object.entries(PRESETS).map(([id, [label]]) => [id, label]), state.filter, { id: 'filter-select' });
  const sigma = rangeField('Gaussian σ (pixels)', { min: 0.5, max: 2, step: 0.1, value: state.sigma, id: 'sigma', format: (v) => formatValue(v, { decimals: 1 }) });
  const map = selectField('Colours', [['auto', 'auto'], ['diverging', 'signed: blue − / white 0 / orange +'], ['gray', 'grey, darkest to brightest']], state.map, { id: 'map-select' });
  filter.control.addEventListener('change', () => update({ filter: filter.control.value }));
  sigma.control.addEventListener('change', () => update({ sigma: Number(sigma.control.value) }, { separable: true }));
  map.control.addEventListener('change', () => update({ map: map.control.value }));

  // Maps.
  const select = (r, c) => { update({ r, c }, { inspectOnly: true }); };
  const hover = (r, c) => (r === null ? inspect(...Object.values(selection())) : inspect(r, c, true));
  const inputPicker = createCellPicker({ label: 'Input image', onSelect: select, onHover: hover });
  const outputPicker = createCellPicker({ label: 'Filtered output', onSelect: select, onHover: hover });
  const inputCaption = el('span', { id: 'input-caption' });
  const outputLegend = el('div', { id: 'output-legend' });
  const stats = el('dl', { class: 'readout compact' }, [
    el('dt', { text: 'min' }), el('dd', { id: 'output-min' }),
    el('dt', { text: 'max' }), el('dd', { id: 'output-max' }),
    el('dt', { text: '‖out − in‖ / ‖in‖' }), el('dd', { id: 'output-change' }),
  ]);

  const kernelPanel = createKernelPanel({ onEdit: (values) => update({ filter: 'custom', k: values }) });
  const inspectPanel = createInspectPanel();
  const separablePanel = createSeparablePanel();

  content.append(
    el('section', { class: 'panel settings', 'aria-label': 'Settings' }, [
      source.element,
      source.privacy,
      el('div', { class: 'controls' }, [filter.label, sigma.label, map.label]),
    ]),
    el('div', { class: 'map-row pair' }, [
      figure('input-figure', inputCaption, inputPicker),
      figure('output-figure', 'Output: the kernel slid over the grey image (same size; outside the picture counts as 0, so its borders can respond too)', outputPicker, [outputLegend, stats]),
    ]),
    el('div', { class: 'demo-grid' }, [kernelPanel.element, inspectPanel.element]),
    separablePanel.element,
  );

  function selection() {
    return { r: Math.min(state.r, image.h - 1), c: Math.min(state.c, image.w - 1) };
  }

  function inspect(r, c, preview = false) {
    if (!image || !kernel) return;
    try {
      inspectPanel.render(core, image, kernel, r, c, preview);
      const g = core.convGeometry(image.h, image.w, kernel.rows, kernel.cols, SAME);
      const rect = { top: r - g.pads.top, left: c - g.pads.left, bottom: r - g.pads.top + kernel.rows - 1, right: c - g.pads.left + kernel.cols - 1 };
      inputPicker.box('window', rect);
      outputPicker.box('window', null);
      inputPicker.select(r, c);
      outputPicker.select(r, c);
    } catch (err) {
      showError(err);
    }
  }

  function drawOutput() {
    const s = core.summarize(output.data);
    const signed = state.map === 'diverging' || (state.map === 'auto' && (s.min < 0 || s.max > 1.001));
    const range = signed ? undefined : state.map === 'auto' ? [0, 1] : undefined;
    const used = outputPicker.draw(output.data, image.h, image.w, { map: signed ? 'diverging' : 'gray', range });
    legend(outputLegend, { ...used, map: signed ? 'diverging' : 'gray' });
    content.querySelector('#output-min').textContent = formatValue(s.min, { decimals: 4 });
    content.querySelector('#output-max').textContent = formatValue(s.max, { decimals: 4 });
    content.querySelector('#output-change').textContent = formatValue(core.relativeChange(image.gray, output.data), { decimals: 4 });
  }

  /** Recompute what depends on the image, kernel or σ; `what.image` also redraws the input. */
  function refresh(what = {}) {
    if (!image) return;
    try {
      kernel = kernelFor(core, state);
      const kshape = new Uint32Array([1, 1, kernel.rows, kernel.cols]);
      output = core.conv2d(image.gray, new Uint32Array([1, 1, image.h, image.w]), kernel.values, kshape, undefined, SAME);
      const flat = core.conv2d(kernel.values, kshape, new Float32Array(kernel.values.length).fill(1), kshape).data[0];
      if (what.image) {
        inputPicker.draw(image.gray, image.h, image.w, { map: 'gray', range: [0, 1] });
        inputCaption.textContent = `Input: ${image.label}, ${image.w}×${image.h}, grey levels 0–1 (${image.credit})`;
      }
      drawOutput();
      kernelPanel.render(kernel, state, flat);
      if (what.image || what.separable) separablePanel.render(core, image, state.sigma);
      const { r, c } = selection();
      inspect(r, c);
    } catch (err) {
      showError(err);
    }
    sync();
  }

  function sync() {
    source.sync(state, uploaded);
    filter.control.value = state.filter;
    map.control.value = state.map;
  }

  async function update(change, { reload = false, separable = false, inspectOnly = false } = {}) {
    if (!inspectOnly) clearError();
    Object.assign(state, change);
    writeState(state, SCHEMA);
    if (inspectOnly) return inspect(...Object.values(selection()));
    if (reload) {
      try {
        image = await source.load(state);
      } catch (err) {
        showError(err);
      }
    }
    refresh({ image: reload, separable });
  }

  await update({}, { reload: true });
  if (problems.length) showError(problems.join('\n'));
});
