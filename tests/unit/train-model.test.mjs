// The training page's presets and the core's one layer code (core.parseLayers / printLayers,
// crates/convplay-core/src/model/code.rs), as the page uses them; the training settings builder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRESETS } from '../../www/js/demos/train/model.js';
import { trainConfig } from '../../www/js/lib/training.js';
import { loadCore } from '../helpers/core.mjs';

const core = await loadCore();
const KINDS = ['c8k3ps', 'mp2', 'relu', 'bn', 'do25', 'fl', 'd32'];
const error = (code) => {
  try {
    core.parseLayers(code);
  } catch (err) {
    return err.message;
  }
  return undefined;
};

test('every preset parses and prints back to the same code', () => {
  for (const [name, p] of Object.entries(PRESETS)) {
    const layers = core.parseLayers(p.layers);
    assert.equal(core.printLayers(layers), p.layers, name);
    assert.deepEqual(core.parseLayers(core.printLayers(layers)), layers, name);
  }
});

test('every kind of new layer round-trips', () => {
  const layers = KINDS.map((code) => core.parseLayers(code)[0]);
  assert.deepEqual(core.parseLayers(core.printLayers(layers)), layers);
  assert.deepEqual(layers.map((l) => l.kind), ['conv2d', 'pool', 'activation', 'batchNorm', 'dropout', 'flatten', 'dense']);
});

test('bad codes are reported in words', () => {
  assert.match(error('c8k5_zz_d10'), /layer 2 "zz" is not a layer code/);
  assert.match(error(''), /empty/);
  assert.match(error('c0k5_d10'), /size of 0/);
  assert.match(error('c8k5iqq_d10'), /unknown initiali[sz]er/);
  assert.match(error(Array(41).fill('fl').join('_')), /at most 40/);
});

test("layer and train configs have the core's shape", () => {
  const layers = core.parseLayers('c8k3s2ps_lrelu_gp2_bn_do30_fl_d10ixu');
  assert.deepEqual(
    { kind: layers[0].kind, outChannels: layers[0].outChannels, kernel: layers[0].kernel, stride: layers[0].stride, padding: layers[0].padding, weightInit: layers[0].weightInit },
    { kind: 'conv2d', outChannels: 8, kernel: 3, stride: 2, padding: { kind: 'same' }, weightInit: { kind: 'heNormal' } },
  );
  assert.deepEqual(layers[1].activation, { kind: 'leakyRelu', slope: Math.fround(0.01) });
  assert.deepEqual(layers[2].pool, { kind: 'gaussian', sigma: 1 });
  assert.deepEqual(layers[4].dropout, { kind: 'inverted', p: Math.fround(0.3) });
  assert.deepEqual(layers[6].weightInit, { kind: 'xavierUniform' });
  assert.deepEqual(trainConfig({ optimizer: 'momentum', lr: 0.1, batch: 16, wd: 0.001, seed: 2 }),
    { optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0.001 }, batchSize: 16, seed: 2 });
  assert.equal(trainConfig({ optimizer: 'adam', lr: 0.002, batch: 32, wd: 0, seed: 1 }).optimizer.kind, 'adam');
});
