// "What filters do, on real images": a photo (or a digit, or your picture) in grey, filtered by
// a kernel with core.conv2d (same padding, cross-correlation); one output pixel worked out with
// core.conv2dTrace; and the Gaussian done as two 1-D passes. The page only draws and listens.
import { defineDemo } from '../../demo.js';
import { el, field, figure, section, stat, stats } from '../../lib/dom.js';
import { legend } from '../../lib/heatmap.js';
import { formatValue } from '../../lib/format.js';
import { createCellPicker } from '../../lib/cell-picker.js';
import { createSourceControls, MAX_SIDE, SOURCES } from '../../lib/image-source.js';
import { OPERATIONS, PRESETS, kernelFor, createKernelPanel } from './kernels.js';
import { createInspectPanel, optionsFor, traceRect } from './inspect.js';
import { createSeparablePanel } from './separable.js';
import { BLUR, createGlobalPanel } from './global.js';

/** The custom kernel before the reader types one: the sharpen kernel. */
const CUSTOM = [0, -1, 0, -1, 5, -1, 0, -1, 0];

const schema = ({ digits }) => ({
  img: { type: 'enum', values: SOURCES, default: 'chelsea' },
  digit: { type: 'int', min: 0, max: digits.count('test') - 1, default: 0 },
  filter: { type: 'enum', values: Object.keys(PRESETS), default: 'sobelX' },
  op: { type: 'enum', values: ['xcorr', 'conv'], default: 'xcorr' },
  sigma: { type: 'float', min: 0.5, max: 2, default: 1 },
  k: { type: 'floatList', minLength: 9, maxLength: 25, min: -100, max: 100, default: CUSTOM },
  map: { type: 'enum', values: ['auto', 'diverging', 'gray'], default: 'auto' },
  r: { type: 'int', min: 0, max: MAX_SIDE - 1, default: 60 },
  c: { type: 'int', min: 0, max: MAX_SIDE - 1, default: 120 },
  blur: BLUR,
});

function check(state, problems) {
  if (state.k.length === 9 || state.k.length === 25) return;
  problems.push(`Setting "k" has ${state.k.length} numbers; a custom kernel needs 9 (3×3) or 25 (5×5); using the default.`);
  state.k = [...CUSTOM];
}

const COLOURS = [['auto', 'auto'], ['diverging', 'signed: blue − / white 0 / orange +'], ['gray', 'grey, darkest to brightest']];

async function mount(demo) {
  const { core, digits, state, root: content } = demo;
  let image = null;
  let uploaded = false;
  let kernel = null;
  demo.picture = () => image; // the grey picture shown, for "Copy as PyTorch" (teach/exports/filters.js)

  const source = createSourceControls({
    core,
    digits,
    onChoose: (change) => { uploaded = false; update(change, { reload: true }); },
    onDigit: (text) => {
      if (!demo.set('digit', text)) return;
      uploaded = false;
      update({}, { reload: true });
    },
    onUpload: (img) => {
      if (!demo.alive) return;
      demo.clear();
      uploaded = true;
      image = { ...img, shape: [1, 1, img.h, img.w] };
      refresh({ image: true });
    },
    onError: (err) => demo.alive && demo.fail(err),
  });
  const filter = field('select', { label: 'Filter', id: 'filter-select', options: Object.entries(PRESETS).map(([id, [label]]) => [id, label]), value: state.filter });
  const sigma = field('range', { label: 'Gaussian σ (pixels)', id: 'sigma', min: 0.5, max: 2, step: 0.1, value: state.sigma, format: (v) => formatValue(v, { decimals: 1 }) });
  const map = field('select', { label: 'Colours', id: 'map-select', options: COLOURS, value: state.map });
  const op = field('select', { label: 'Operation', id: 'op-select', options: [['xcorr', 'cross-correlation'], ['conv', 'true convolution (flipped)']], value: state.op });
  const opText = el('p', { class: 'hint', id: 'op-text' });
  demo.listen(op.input, 'change', () => update({ op: op.input.value }));
  demo.listen(filter.input, 'change', () => update({ filter: filter.input.value }));
  demo.listen(sigma.input, 'change', () => update({ sigma: Number(sigma.input.value) }, { separable: true }));
  demo.listen(map.input, 'change', () => update({ map: map.input.value }));

  // Maps: pointing previews a pixel, picking selects it.
  const select = (r, c) => update({ r, c }, { inspectOnly: true });
  const hover = (r, c) => (r === null ? inspect(...selection()) : inspect(r, c, true));
  const inputPicker = createCellPicker({ label: 'Input image', onSelect: select, onHover: hover });
  const outputPicker = createCellPicker({ label: 'Filtered output', onSelect: select, onHover: hover });
  const inputFigure = figure('Input', { id: 'input-figure', content: inputPicker.element });
  inputFigure.caption.id = 'input-caption';
  const outputFigure = figure('Output', { id: 'output-figure', content: outputPicker.element, legend: true });
  outputFigure.caption.id = 'output-caption';
  outputFigure.legend.id = 'output-legend';
  const outMin = stat({ id: 'output-min', label: 'min' });
  const outMax = stat({ id: 'output-max', label: 'max' });
  const outChange = stat({ id: 'output-change', label: '‖out − in‖ / ‖in‖' });
  outputFigure.node.append(stats([outMin, outMax, outChange], 'narrow'));

  const kernelPanel = createKernelPanel({ onEdit: (values) => update({ filter: 'custom', k: values }) });
  const inspectPanel = createInspectPanel();
  const separablePanel = createSeparablePanel();
  const globalPanel = createGlobalPanel({ onSigma: (text) => setBlur(text) });

  content.append(
    section('Picture and kernel', { id: 'settings', cls: 'settings' }, [
      source.element,
      source.privacy,
      el('div', { class: 'controls' }, [filter.node, op.node, sigma.node, map.node]),
      opText,
    ]),
    el('div', { class: 'map-row pair' }, [inputFigure.node, outputFigure.node]),
    el('div', { class: 'demo-grid' }, [kernelPanel.element, inspectPanel.element]),
    separablePanel.element,
    globalPanel.element,
  );

  /** The global-to-local section: its own σ, from the core's separable blur. */
  function showGlobal() {
    if (!image) return;
    try {
      globalPanel.render(core, image, state.blur);
    } catch (err) {
      demo.fail(err);
    }
  }

  function setBlur(text) {
    if (demo.set('blur', text)) demo.notify([]);
    demo.save();
    showGlobal();
  }

  /** The selected pixel, inside the current picture. */
  function selection() {
    return [Math.min(state.r, image.h - 1), Math.min(state.c, image.w - 1)];
  }

  function inspect(r, c, preview = false) {
    if (!image || !kernel) return;
    try {
      const trace = inspectPanel.render(core, image, kernel, r, c, preview, state.op);
      inputPicker.box('window', traceRect(trace));
      outputPicker.box('window', null);
      inputPicker.select(r, c);
      outputPicker.select(r, c);
    } catch (err) {
      demo.fail(err);
    }
  }

  function drawOutput(output) {
    const s = core.summarize(output.data);
    const signed = state.map === 'diverging' || (state.map === 'auto' && (s.min < 0 || s.max > 1.001));
    const range = signed || state.map !== 'auto' ? undefined : [0, 1];
    const used = outputPicker.draw(output.data, image.h, image.w, { map: signed ? 'diverging' : 'gray', range });
    legend(outputFigure.legend, { ...used, map: signed ? 'diverging' : 'gray' });
    outMin.set(formatValue(s.min, { decimals: 4 }));
    outMax.set(formatValue(s.max, { decimals: 4 }));
    outChange.set(formatValue(core.relativeChange(image.gray, output.data), { decimals: 4 }));
  }

  /** Recompute what depends on the image, kernel or σ; `what.image` also redraws the input. */
  function refresh(what = {}) {
    if (!image) return;
    try {
      kernel = kernelFor(core, state);
      const kshape = new Uint32Array(kernel.shape);
      const output = core.conv2d(image.gray, new Uint32Array(image.shape), kernel.values, kshape, undefined, optionsFor(state.op));
      // The response to a flat patch of 1s: the kernel slid over a patch of its own size of ones.
      const flat = core.conv2d(kernel.values, kshape, new Float32Array(kernel.values.length).fill(1), kshape).data[0];
      if (what.image) {
        inputPicker.draw(image.gray, image.h, image.w, { map: 'gray', range: [0, 1] });
        inputFigure.caption.textContent = `Input: ${image.label}, ${image.w}×${image.h}, grey levels 0–1 (${image.credit})`;
      }
      outputFigure.caption.textContent = `Output: the kernel slid over the grey image by ${state.op === 'conv' ? 'true convolution' : 'cross-correlation'} (same size; outside the picture counts as 0, so its borders can respond too)`;
      opText.textContent = `Operation: ${OPERATIONS[state.op]}.`;
      drawOutput(output);
      kernelPanel.render(kernel, state, flat);
      if (what.image || what.separable) separablePanel.render(core, image, state.sigma);
      if (what.image) showGlobal();
      inspect(...selection());
    } catch (err) {
      demo.fail(err);
    }
    source.sync(state, uploaded);
    filter.input.value = state.filter;
    map.input.value = state.map;
    op.input.value = state.op;
  }

  /** Apply a change, save it, and redraw what it touches; `initial` keeps the load-time notices. */
  async function update(change, { reload = false, separable = false, inspectOnly = false, initial = false } = {}) {
    if (!inspectOnly && !initial) demo.clear();
    Object.assign(state, change);
    demo.save();
    if (inspectOnly) return inspect(...selection());
    if (reload) {
      try {
        const loaded = await source.load(state);
        if (!demo.alive) return;
        image = { ...loaded, shape: [1, 1, loaded.h, loaded.w] };
      } catch (err) {
        if (!demo.alive) return;
        demo.fail(err);
      }
    }
    refresh({ image: reload, separable });
  }

  await update({}, { reload: true, initial: true });
}

defineDemo({
  title: 'What filters do, on real images',
  description: 'Pick a photo and a kernel: blur, sharpen, find edges. Every output pixel is a weighted sum of the pixels under the kernel — point at one to see the sum written out.',
  needs: ['digits'],
  schema,
  check,
  mount,
});
