// The training page's layer code and configs (www/js/demos/train/model.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRESETS, decodeLayers, encodeLayers, modelConfig, layersFromConfig, trainConfig, newLayer, KINDS } from '../../www/js/demos/train/model.js';

test('every preset decodes and encodes back to the same code', () => {
  for (const [name, p] of Object.entries(PRESETS)) {
    const { layers, error } = decodeLayers(p.layers);
    assert.equal(error, undefined, name);
    assert.equal(encodeLayers(layers), p.layers, name);
    assert.deepEqual(layersFromConfig(modelConfig(layers, 1)), layers, name);
  }
});

test('every kind of new layer round-trips', () => {
  const layers = KINDS.map(newLayer);
  assert.deepEqual(decodeLayers(encodeLayers(layers)).layers, layers);
  assert.deepEqual(layersFromConfig(modelConfig(layers, 3)), layers);
});

test('bad codes are reported in words', () => {
  assert.match(decodeLayers('c8k5_zz_d10').error, /layer 2 "zz" is not a layer code/);
  assert.match(decodeLayers('').error, /empty/);
  assert.match(decodeLayers('c0k5_d10').error, /size of 0/);
  assert.match(decodeLayers('c8k5iqq_d10').error, /unknown initialiser/);
  assert.match(decodeLayers(Array(41).fill('fl').join('_')).error, /at most 40/);
});

test("model and train configs have the core's shape", () => {
  const { layers } = decodeLayers('c8k3s2ps_lrelu_gp2_bn_do30_fl_d10ixu');
  const mc = modelConfig(layers, 5);
  assert.deepEqual(mc.input, [1, 28, 28]);
  assert.deepEqual(mc.layers[0], { kind: 'conv2d', outChannels: 8, kernel: 3, stride: 2, padding: { kind: 'same' }, weightInit: { kind: 'heNormal' } });
  assert.deepEqual(mc.layers[1].activation, { kind: 'leakyRelu', slope: 0.01 });
  assert.deepEqual(mc.layers[2].pool, { kind: 'gaussian', sigma: 1 });
  assert.deepEqual(mc.layers[4].dropout, { kind: 'inverted', p: 0.3 });
  assert.deepEqual(mc.layers[6].weightInit, { kind: 'xavierUniform' });
  assert.deepEqual(trainConfig({ optimizer: 'momentum', lr: 0.1, batch: 16, wd: 0.001, seed: 2 }),
    { optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0.001 }, batchSize: 16, seed: 2 });
  assert.equal(trainConfig({ optimizer: 'adam', lr: 0.002, batch: 32, wd: 0, seed: 1 }).optimizer.kind, 'adam');
});
