// Helpers of the convolution demos: URL state and data resizing (conv2d), the stepper's
// phases and presets (conv1d), equation and formula text, stem-plot layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as c2 from '../../www/js/demos/conv2d/state.js';
import { convOptions, equationLines, formulaText, stepText } from '../../www/js/demos/conv2d/model.js';
import * as c1 from '../../www/js/demos/conv1d/model.js';
import { stemLayout, valueRange } from '../../www/js/lib/stems.js';
import { loadCore } from '../helpers/core.mjs';

const core = await loadCore();

test('conv2d: an empty URL is the lecture example', () => {
  const { state, problems } = c2.loadState(core, '');
  assert.deepEqual(problems, []);
  assert.deepEqual(state.input, c2.LECTURE.input);
  assert.deepEqual(state.kernel, c2.LECTURE.kernel);
  assert.deepEqual(convOptions(state), { stride: 1, padding: { kind: 'valid' }, dilation: 1, mode: 'crossCorrelation' });
  assert.deepEqual(convOptions({ ...state, padding: 'explicit', pad: 2, mode: 'conv' }).padding, { kind: 'explicit', y: 2, x: 2 });
});

test('conv2d: data of the wrong length is reported only when it was in the URL', () => {
  const silent = c2.loadState(core, '?rows=6&cols=6');
  assert.deepEqual(silent.problems, []);
  assert.equal(silent.state.input.length, 36);
  assert.deepEqual(silent.state.input.slice(0, 5), c2.LECTURE.input.slice(0, 5), 'the lecture values keep their place');
  const loud = c2.loadState(core, '?input=1,2,3&kernel=abc');
  assert.equal(loud.problems.length, 2);
  assert.match(loud.problems[0], /^Setting "kernel" was "abc"/);
  assert.match(loud.problems[1], /^Setting "input" has 3 numbers, but a 1-channel 5×5 input needs 25; using the default\.$/);
  assert.deepEqual(loud.state.input, c2.LECTURE.input);
});

test('conv2d: resize keeps the overlap and fills the rest', () => {
  const out = c2.resize([1, 2, 3, 4], [1, 1, 2, 2], [1, 1, 3, 3], () => 0);
  assert.deepEqual(out, [1, 2, 0, 3, 4, 0, 0, 0, 0]);
  assert.deepEqual(c2.resize(out, [1, 1, 3, 3], [1, 1, 1, 2], () => 9), [1, 2]);
});

test('conv2d: volume mode adds channels and filters around the existing values', () => {
  const { state } = c2.loadState(core, '');
  c2.applySettings(core, state, { volume: true, filters: 2 });
  const d = c2.dims(state);
  assert.deepEqual(d, { C: 3, F: 2, H: 5, W: 5, KH: 3, KW: 3 });
  assert.equal(state.input.length, 75);
  assert.deepEqual(state.input.slice(0, 25), c2.LECTURE.input);
  assert.equal(state.kernel.length, 54);
  assert.deepEqual(state.kernel.slice(0, 9), c2.LECTURE.kernel);
  assert.deepEqual(state.bias, [1, 1]);
  assert.ok(state.input.every((v) => Number.isInteger(v) && v >= 0 && v <= 3));
  c2.applySettings(core, state, { volume: false });
  assert.deepEqual(state.input, c2.LECTURE.input);
});

test('conv2d: random fill is reproducible from the seed', () => {
  const a = c2.randomFill(core, { ...c2.loadState(core, '').state, seed: 7 });
  const b = c2.randomFill(core, { ...c2.loadState(core, '').state, seed: 7 });
  const c = c2.randomFill(core, { ...c2.loadState(core, '').state, seed: 8 });
  assert.deepEqual(a.input, b.input);
  assert.notDeepEqual(a.input, c.input);
  assert.ok(a.kernel.every((v) => v >= 0 && v <= 2));
  assert.deepEqual(Array.from(core.seededInts(3, 1, 4, 0, 3)), [0, 1, 2, 3].map((i) => core.seededInts(3, 1, i + 1, 0, 3)[i]));
});

test('conv2d: formula and equation text from a geometry and a trace', () => {
  const g = { inH: 5, inW: 6, kH: 3, kW: 3, sY: 1, sX: 2, dY: 1, dX: 2, pads: { top: 0, bottom: 0, left: 1, right: 1 }, outH: 3, outW: 2 };
  assert.equal(formulaText(g, 'height'), '⌊(5 + 0 + 0 − 3) / 1⌋ + 1 = 3');
  assert.equal(formulaText(g, 'width'), '⌊(6 + 1 + 1 − (2·(3−1)+1)) / 2⌋ + 1 = 2');
  const term = (channel, input, weight) => ({ channel, input, weight, product: input * weight });
  const one = { terms: [term(0, 3, 0), term(0, 3, 1), term(0, 2, -2)], channelSums: [-1], bias: 0, result: -1 };
  assert.deepEqual(equationLines(one), ['3·0 + 3·1 + 2·(−2) = −1']);
  const two = { terms: [term(0, 1, 2), term(1, 3, 1)], channelSums: [2, 3], bias: 0.5, result: 5.5 };
  assert.deepEqual(equationLines(two, { withBias: true }), ['channel 1: 1·2 = 2', 'channel 2: 3·1 = 3', 'total: 2 + 3 + bias 0.5 = 5.5']);
  const model = { count: 9, volume: false, position: (i) => ({ o: 0, r: Math.floor(i / 3), c: i % 3 }) };
  assert.equal(stepText(model, 2), 'Step 2 of 9: output row 0, column 1.');
  assert.match(stepText(model, 0), /^Step 0 of 9/);
});

test('conv1d: the flat step counter maps to flip, then slide/multiply/sum per output', () => {
  assert.equal(c1.stepCount(4), 12);
  assert.deepEqual(c1.stageAt(0), { phase: 'flip', n: 0 });
  assert.deepEqual(c1.stageAt(1), { phase: 'slide', n: 0 });
  assert.deepEqual(c1.stageAt(3), { phase: 'sum', n: 0 });
  assert.deepEqual(c1.stageAt(4), { phase: 'slide', n: 1 });
  assert.deepEqual(c1.stageAt(12), { phase: 'sum', n: 3 });
  for (let v = 0; v <= 12; v += 1) {
    const { phase, n } = c1.stageAt(v);
    assert.equal(c1.valueFor(n, phase), v);
  }
  assert.deepEqual([0, 1, 2, 3, 4, 6, 12].map(c1.outputsShown), [0, 0, 0, 1, 1, 2, 4]);
});

test('conv1d: presets, the Gaussian from the core when it has one', () => {
  assert.equal(c1.presetOf('h', [0.25, 0.25, 0.25, 0.25]), 'box');
  assert.equal(c1.presetOf('x', [0, 0, 1, 1, 1, 1, 1, 1]), 'step');
  assert.equal(c1.presetOf('h', [1, 2]), '');
  assert.deepEqual(c1.gaussianPreset({}, 'h'), { label: 'binomial ≈ Gaussian', values: c1.BINOMIAL });
  const core = { filterKernel: ({ kind }) => (kind === 'gaussian1d' ? { rows: 1, cols: 3, values: [0.25, 0.5, 0.25], sum: 1 } : null) };
  assert.deepEqual(c1.gaussianPreset(core, 'h', 1), { label: 'Gaussian (σ = 1)', values: [0.25, 0.5, 0.25] });
  const failing = { filterKernel: () => { throw new Error('filterKernel: sigma must be positive'); } };
  assert.equal(c1.gaussianPreset(failing, 'h').label, 'binomial ≈ Gaussian');
  const tooLong = { filterKernel: () => ({ rows: 1, cols: 9, values: new Array(9).fill(1 / 9), sum: 1 }) };
  assert.equal(c1.gaussianPreset(tooLong, 'h').values, c1.BINOMIAL);
  assert.equal(c1.BINOMIAL.reduce((a, b) => a + b), 1);
});

test('conv1d: bad URL values fall back to the defaults', () => {
  const { state, problems } = c1.loadState('?x=1,2,3&h=&mode=nope');
  assert.deepEqual(state.x, [1, 2, 3]);
  assert.deepEqual(state.h, c1.SCHEMA.h.default);
  assert.equal(state.mode, 'conv');
  assert.equal(problems.length, 2);
});

test('stem layout: pixels and indices/values map back and forth', () => {
  const layout = stemLayout({ width: 400, height: 200, kMin: -2, kMax: 5, yMin: -1, yMax: 3 });
  for (let k = -2; k <= 5; k += 1) assert.equal(layout.kAt(layout.xOf(k) + 3), k);
  for (const v of [-1, 0, 1.5, 3]) assert.ok(Math.abs(layout.valueAt(layout.yOf(v)) - v) < 1e-9);
  assert.ok(layout.yOf(3) < layout.yOf(-1), 'larger values are higher up');
  const [lo, hi] = valueRange([2, 5]);
  assert.equal(lo, 0);
  assert.ok(hi > 5);
  assert.deepEqual(valueRange([0, 0]).map((v) => v > 0), [false, true]);
});
