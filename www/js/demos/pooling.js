// "Pooling": a real feature map (a test digit convolved with an edge filter, then ReLU — the
// lecture's convolution → detector → pooling) summarized four ways side by side, one window
// traced, the gradient's routes drawn, and a 4×4 example to check by hand. All numbers come from
// the core: conv2d, activate, pool2d, pool2dTrace, pool2dBackward, gaussianWeights.
import { mountShell, onReady, showError, clearError } from '../shell.js';
import { loadCore } from '../wasm.js';
import { readState, writeState } from '../state.js';
import { el, selectField, numberField, checkField, rangeOptions } from '../lib/dom.js';
import { formatValue } from '../lib/format.js';
import { loadDigits } from '../lib/digits.js';
import { rangeField } from '../lib/range-field.js';
import { KINDS, KIND_IDS, poolOptions, upstream, createTracePanel } from './pooling/window.js';
import { createPoolMaps, createGradientMaps } from './pooling/maps.js';
import { createExamplePanel, EXAMPLE_WINDOWS } from './pooling/example.js';

const EDGES = { sobelX: 'Sobel x (vertical edges)', sobelY: 'Sobel y (horizontal edges)', laplacian: 'Laplacian', derivativeX: '[−1 1] horizontal change', derivativeY: '[−1 1]ᵀ vertical change' };
const SCHEMA = {
  digit: { type: 'int', min: 0, max: 1999, default: 0 },
  edge: { type: 'enum', values: Object.keys(EDGES), default: 'sobelY' },
  relu: { type: 'bool', default: true },
  size: { type: 'int', min: 2, max: 6, default: 2 },
  stride: { type: 'int', min: 1, max: 6, default: 2 },
  sigma: { type: 'float', min: 0.3, max: 3, default: 1 },
  kind: { type: 'enum', values: KIND_IDS, default: 'max' },
  grad: { type: 'enum', values: ['ones', 'cell'], default: 'ones' },
  row: { type: 'int', min: 0, max: 27, default: 3 },
  col: { type: 'int', min: 0, max: 27, default: 4 },
  ex: { type: 'enum', values: Object.keys(EXAMPLE_WINDOWS), default: '2s2' },
  er: { type: 'int', min: 0, max: 1, default: 0 },
  ec: { type: 'int', min: 0, max: 1, default: 0 },
};
const SAME = { padding: { kind: 'same' } };
const IMAGE_SHAPE = new Uint32Array([1, 1, 28, 28]);

const { content } = mountShell({
  title: 'Pooling',
  description: 'A summary of each neighbourhood: max, average, L2 norm, or an average weighted by distance to the centre — on a real feature map, one window at a time, and backwards.',
});

onReady(async () => {
  const core = await loadCore();
  const { state, problems } = readState(SCHEMA);
  if (problems.length) showError(problems.join('\n'));
  const digits = await loadDigits(core);
  const lastDigit = digits.count('test') - 1;

  const digit = numberField(`Test digit (0–${lastDigit})`, { min: 0, max: lastDigit, value: state.digit, id: 'digit-index' });
  const edge = selectField('Edge filter', Object.entries(EDGES), state.edge, { id: 'edge-select' });
  const relu = checkField('ReLU (detector stage)', state.relu, { id: 'relu' });
  const size = selectField('Window', rangeOptions(2, 6).map(([v]) => [v, `${v}×${v}`]), state.size, { id: 'size-select' });
  const stride = selectField('Stride', rangeOptions(1, 6), state.stride, { id: 'stride-select' });
  const sigma = rangeField('Gaussian σ', { min: 0.3, max: 3, step: 0.1, value: state.sigma, id: 'sigma', format: (v) => formatValue(v, { decimals: 1 }) });
  const kind = selectField('Chosen kind', KINDS.map((k) => [k.id, k.name]), state.kind, { id: 'kind-select' });
  const grad = selectField('Upstream gradient', [['ones', '1 at every output'], ['cell', '1 at the picked output only']], state.grad, { id: 'grad-select' });
  const weights = el('p', { class: 'hint', id: 'gaussian-weights' });

  const on = (control, event, read) => control.addEventListener(event, () => {
    const change = read();
    if (change) update(change);
  });
  on(digit.control, 'change', () => {
    const n = Number(digit.control.value);
    if (Number.isInteger(n) && n >= 0 && n <= lastDigit) return { digit: n };
    showError(`Test digit "${digit.control.value}" must be a whole number from 0 to ${lastDigit}.`);
    return null;
  });
  on(edge.control, 'change', () => ({ edge: edge.control.value }));
  on(relu.control, 'change', () => ({ relu: relu.control.checked }));
  on(size.control, 'change', () => ({ size: Number(size.control.value) }));
  on(stride.control, 'change', () => ({ stride: Number(stride.control.value) }));
  on(sigma.control, 'change', () => ({ sigma: Number(sigma.control.value) }));
  on(kind.control, 'change', () => ({ kind: kind.control.value }));
  on(grad.control, 'change', () => ({ grad: grad.control.value }));

  const maps = createPoolMaps({ onPick: (k, row, col) => update({ kind: k, row, col }, k) });
  const tracePanel = createTracePanel();
  const gradientMaps = createGradientMaps();
  const example = createExamplePanel({ onChange: (change) => update(change) });

  content.append(
    el('section', { class: 'panel settings', 'aria-label': 'Settings' }, [
      el('div', { class: 'controls' }, [digit.label, edge.label, relu.label]),
      el('div', { class: 'controls' }, [size.label, stride.label, sigma.label, kind.label, grad.label]),
      weights,
    ]),
    maps.element,
    tracePanel.element,
    gradientMaps.element,
    example.element,
  );

  function compute() {
    const image = digits.image('test', state.digit);
    const k = core.filterKernel({ kind: state.edge });
    const conv = core.conv2d(image, IMAGE_SHAPE, k.values, new Uint32Array([1, 1, k.rows, k.cols]), undefined, SAME);
    const feature = state.relu ? core.activate(conv.data, new Uint32Array(conv.shape), { kind: 'relu' }) : conv;
    const fshape = new Uint32Array(feature.shape);
    const outputs = {};
    const traces = {};
    const grads = {};
    let row = 0;
    let col = 0;
    for (const { id } of KINDS) {
      const opts = poolOptions(id, state);
      outputs[id] = core.pool2d(feature.data, fshape, opts);
      const [, , oh, ow] = outputs[id].shape;
      row = Math.min(state.row, oh - 1);
      col = Math.min(state.col, ow - 1);
      traces[id] = core.pool2dTrace(feature.data, fshape, opts, 0, 0, row, col);
      const up = upstream(outputs[id].shape, state.grad, row, col);
      grads[id] = core.pool2dBackward(feature.data, fshape, up.data, up.shape, opts);
    }
    const label = digits.label('test', state.digit);
    return { image, feature, outputs, traces, grads, row, col, label };
  }

  function render() {
    digit.control.value = String(state.digit);
    edge.control.value = state.edge;
    relu.control.checked = state.relu;
    size.control.value = String(state.size);
    stride.control.value = String(state.stride);
    kind.control.value = state.kind;
    grad.control.value = state.grad;
    try {
      const r = compute();
      const gw = core.gaussianWeights(state.size, state.size, state.sigma);
      weights.textContent = `Gaussian weights of a ${state.size}×${state.size} window (σ = ${formatValue(state.sigma, { decimals: 1 })}), row by row: ${Array.from(gw.data, (v) => formatValue(v, { decimals: 3 })).join(', ')}.`;
      maps.render({
        ...r,
        chosen: state.kind,
        digitText: `Test digit #${state.digit}, labelled ${r.label}, 28×28`,
        featureText: `Feature map: ${EDGES[state.edge]}${state.relu ? ', then ReLU' : ' (no ReLU: signed)'}, 28×28`,
      });
      tracePanel.render(r.traces, state.size, r.row, r.col, state.kind);
      gradientMaps.render({ grads: r.grads, mode: state.grad, traces: r.traces, row: r.row, col: r.col });
    } catch (err) {
      showError(err);
    }
    try {
      example.render(core, state);
    } catch (err) {
      showError(err);
    }
  }

  function update(change, focusKind) {
    clearError();
    Object.assign(state, change);
    writeState(state, SCHEMA);
    render();
    if (focusKind) maps.focus(focusKind);
  }

  render();
});
