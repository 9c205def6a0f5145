// "Pooling": a real feature map (a test digit convolved with an edge filter, then ReLU — the
// lecture's convolution → detector → pooling) summarized four ways side by side, one window
// traced, the gradient's routes drawn, and a 4×4 example to check by hand. All numbers come from
// the core: conv2d, activate, pool2d, pool2dTrace, pool2dBackward,
// pool2dBackwardWindow, gaussianWeights.
import { defineDemo } from '../../demo.js';
import { el, field, rangeOptions, section, setValue } from '../../lib/dom.js';
import { formatList, formatValue } from '../../lib/format.js';
import { KINDS, KIND_IDS, poolOptions, upstream, createTracePanel } from './window.js';
import { createPoolMaps, createGradientMaps } from './maps.js';
import { createExamplePanel, EXAMPLE_WINDOWS } from './example.js';
import { createBackwardPanel } from './backward.js';

const EDGES = { sobelX: 'Sobel x (vertical edges)', sobelY: 'Sobel y (horizontal edges)', laplacian: 'Laplacian', derivativeX: '[−1 1] horizontal change', derivativeY: '[−1 1]ᵀ vertical change' };
const SAME = { padding: { kind: 'same' } };

/** The settings; the digit number and the picked cell are bounded by the digit file. */
function schema({ digits }) {
  const [, h, w] = digits.shape();
  return {
    digit: { type: 'int', min: 0, max: digits.count('test') - 1, default: 0 },
    edge: { type: 'enum', values: Object.keys(EDGES), default: 'sobelY' },
    relu: { type: 'bool', default: true },
    size: { type: 'int', min: 2, max: 6, default: 2 },
    stride: { type: 'int', min: 1, max: 6, default: 2 },
    sigma: { type: 'float', min: 0.3, max: 3, default: 1 },
    kind: { type: 'enum', values: KIND_IDS, default: 'max' },
    grad: { type: 'enum', values: ['ones', 'cell'], default: 'ones' },
    row: { type: 'int', min: 0, max: h - 1, default: 3 },
    col: { type: 'int', min: 0, max: w - 1, default: 4 },
    ex: { type: 'enum', values: Object.keys(EXAMPLE_WINDOWS), default: '2s2' },
    er: { type: 'int', min: 0, max: 1, default: 0 },
    ec: { type: 'int', min: 0, max: 1, default: 0 },
  };
}

/** The settings' fields, keyed by state key. */
function createFields(state, lastDigit) {
  return {
    digit: field('number', { label: `Test digit (0–${lastDigit})`, id: 'digit-index', min: 0, max: lastDigit, value: state.digit }),
    edge: field('select', { label: 'Edge filter', id: 'edge-select', options: Object.entries(EDGES), value: state.edge }),
    relu: field('checkbox', { label: 'ReLU (detector stage)', id: 'relu', value: state.relu }),
    size: field('select', { label: 'Window', id: 'size-select', options: rangeOptions(2, 6).map(([v]) => [v, `${v}×${v}`]), value: state.size }),
    stride: field('select', { label: 'Stride', id: 'stride-select', options: rangeOptions(1, 6), value: state.stride }),
    sigma: field('range', { label: 'Gaussian σ', id: 'sigma', min: 0.3, max: 3, step: 0.1, value: state.sigma, format: (v) => formatValue(v, { decimals: 1 }) }),
    kind: field('select', { label: 'Chosen kind', id: 'kind-select', options: KINDS.map((k) => [k.id, k.name]), value: state.kind }),
    grad: field('select', { label: 'Upstream gradient', id: 'grad-select', options: [['ones', '1 at every output'], ['cell', '1 at the picked output only']], value: state.grad }),
  };
}

function mount(demo) {
  const { core, digits, state, root: content } = demo;
  const imageShape = new Uint32Array([1, ...digits.shape()]);
  const [, , height, width] = imageShape;
  const fields = createFields(state, digits.count('test') - 1);
  const weights = el('p', { class: 'hint', id: 'gaussian-weights' });

  // Every field is read through the schema (demo.set, which says why a value is refused), then
  // the page is redrawn.
  for (const [key, f] of Object.entries(fields)) {
    demo.listen(f.input, 'change', () => {
      const text = f.input.type === 'checkbox' ? (f.input.checked ? '1' : '0') : f.input.value;
      if (demo.set(key, text)) update({});
    });
  }

  const maps = createPoolMaps({ onPick: (k, row, col) => update({ kind: k, row, col }, k) });
  const tracePanel = createTracePanel();
  const gradientMaps = createGradientMaps();
  const backward = createBackwardPanel();
  const example = createExamplePanel({ onChange: (change) => update(change) });

  content.append(
    section('Digit, feature map and pooling', { id: 'settings', cls: 'settings' }, [
      el('div', { class: 'controls' }, ['digit', 'edge', 'relu'].map((k) => fields[k].node)),
      el('div', { class: 'controls' }, ['size', 'stride', 'sigma', 'kind', 'grad'].map((k) => fields[k].node)),
      weights,
      el('p', { class: 'hint', id: 'why-history-link' }, ['Convolution, detector, pooling: the simple and complex cells of the visual cortex and the Neocognitron’s S- and C-cells before them — ', el('a', { href: 'why-cnns.html#why-history', text: 'where CNNs come from' }), '.']),
    ]),
    maps.element,
    tracePanel.element,
    gradientMaps.element,
    backward.element,
    example.element,
  );

  function compute() {
    const image = { data: digits.image('test', state.digit), shape: imageShape };
    const k = core.filterKernel({ kind: state.edge });
    const conv = core.conv2d(image.data, imageShape, k.values, new Uint32Array([1, 1, k.rows, k.cols]), undefined, SAME);
    const feature = state.relu ? core.activate(conv.data, new Uint32Array(conv.shape), { kind: 'relu' }) : conv;
    const fshape = new Uint32Array(feature.shape);
    const outputs = {};
    const traces = {};
    const grads = {};
    const windows = {};
    let row = 0;
    let col = 0;
    for (const { id } of KINDS) {
      const opts = poolOptions(id, state);
      outputs[id] = core.pool2d(feature.data, fshape, opts);
      const [, , oh, ow] = outputs[id].shape;
      row = Math.min(state.row, oh - 1);
      col = Math.min(state.col, ow - 1);
      traces[id] = core.pool2dTrace(feature.data, fshape, opts, 0, 0, row, col);
      windows[id] = core.pool2dBackwardWindow(feature.data, fshape, opts, 0, 0, row, col);
      const up = upstream(outputs[id].shape, state.grad, row, col);
      grads[id] = core.pool2dBackward(feature.data, fshape, up.data, up.shape, opts);
    }
    const counts = Object.fromEntries(Object.entries(grads).map(([id, g]) => [id, core.summarize(g.data).nonZero]));
    return { image, feature, outputs, traces, grads, windows, counts, row, col, label: digits.label('test', state.digit) };
  }

  function render() {
    for (const [key, f] of Object.entries(fields)) setValue(f.input, state[key]);
    try {
      const r = compute();
      const gw = core.gaussianWeights(state.size, state.size, state.sigma);
      weights.textContent = `Gaussian weights of a ${state.size}×${state.size} window (σ = ${formatValue(state.sigma, { decimals: 1 })}), row by row: ${formatList(gw.data, { decimals: 3 })}.`;
      maps.render({
        ...r,
        chosen: state.kind,
        digitText: `Test digit #${state.digit}, labelled ${r.label}, ${height}×${width}`,
        featureText: `Feature map: ${EDGES[state.edge]}${state.relu ? ', then ReLU' : ' (no ReLU: signed)'}, ${r.feature.shape[2]}×${r.feature.shape[3]}`,
      });
      tracePanel.render(r.traces, state.size, r.row, r.col, state.kind);
      gradientMaps.render({ grads: r.grads, counts: r.counts, mode: state.grad, traces: r.traces, row: r.row, col: r.col });
      backward.render(r.windows, state.size, state.stride, r.row, r.col, state.kind);
    } catch (err) {
      demo.fail(err);
    }
    try {
      example.render(core, state);
    } catch (err) {
      demo.fail(err);
    }
  }

  /** A reader's change (a pick, or a setting already in `state`): clear the messages, apply, save, redraw. */
  function update(change, focusKind) {
    demo.clear();
    Object.assign(state, change);
    demo.save();
    render();
    if (focusKind) maps.focus(focusKind);
  }

  render();
  demo.save();
}

defineDemo({
  title: 'Pooling',
  description: 'A summary of each neighbourhood: max, average, L2 norm, or an average weighted by distance to the centre — on a real feature map, one window at a time, and backwards.',
  needs: ['digits'],
  schema,
  mount,
});
