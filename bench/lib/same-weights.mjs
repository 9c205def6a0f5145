// "Same weights, same batch": ConvPlay's LeNet-5 (seed 1) and a TF.js cpu LeNet-5 given the same
// initial weights take one plain SGD step (lr 0.01) on the same 32 real digits; their losses on
// that batch before and after the step must agree to 1e-4 (relative).
//
// Only data is moved here, never computed: ConvPlay's conv weights [out, in, kh, kw] become
// TF.js's [kh, kw, in, out]; dense weights [out, in] become [in, out]; and because ConvPlay
// flattens NCHW (index c·16 + h·4 + w) while TF.js flattens NHWC ((h·4 + w)·16 + c), the first
// dense layer's input rows are permuted accordingly.
import { BATCH, CONVPLAY_LAYERS } from './lenet.mjs';
import { batchAt } from './digits.mjs';
import { newTrainer, parameter } from './harness-convplay.mjs';
import { tfLenet, tfBatch, TF_SHAPES } from './harness-tfjs.mjs';

export const TOLERANCE = 1e-4;

function convToTf({ shape: [o, i, kh, kw], data }) {
  const out = new Float32Array(data.length);
  for (let a = 0; a < o; a += 1)
    for (let b = 0; b < i; b += 1)
      for (let y = 0; y < kh; y += 1)
        for (let x = 0; x < kw; x += 1) out[((y * kw + x) * i + b) * o + a] = data[((a * i + b) * kh + y) * kw + x];
  return out;
}

/** Dense [out, in] → [in, out]; with `chw = [c, h, w]` the input index is also moved from NCHW to NHWC order. */
function denseToTf({ shape: [o, n], data }, chw = null) {
  const out = new Float32Array(data.length);
  for (let r = 0; r < o; r += 1) {
    for (let q = 0; q < n; q += 1) {
      let row = q;
      if (chw) {
        const [, h, w] = chw;
        const c = Math.floor(q / (h * w));
        const rest = q % (h * w);
        row = rest * chw[0] + c; // (y·w + x)·C + c with rest = y·w + x
      }
      out[row * o + r] = data[r * n + q];
    }
  }
  return out;
}

/** ConvPlay's current weights in TF.js layout, by TF.js variable name. */
export function convplayWeightsForTf(trainer) {
  const L = CONVPLAY_LAYERS;
  const w = (layer) => parameter(trainer, layer, 'weight');
  const b = (layer) => parameter(trainer, layer, 'bias').data;
  const dense1 = w(L.dense1);
  if (dense1.shape[0] !== 120 || dense1.shape[1] !== 256) throw new Error(`same weights: ConvPlay's first dense weight has shape ${dense1.shape}, expected [120, 256]`);
  const out = {
    w1: convToTf(w(L.conv1)), b1: b(L.conv1),
    w2: convToTf(w(L.conv2)), b2: b(L.conv2),
    w3: denseToTf(dense1, [16, 4, 4]), b3: b(L.dense1),
    w4: denseToTf(w(L.dense2)), b4: b(L.dense2),
    w5: denseToTf(w(L.dense3)), b5: b(L.dense3),
  };
  for (const [name, shape] of Object.entries(TF_SHAPES)) {
    const n = shape.reduce((a, c) => a * c, 1);
    if (out[name].length !== n) throw new Error(`same weights: ${name} has ${out[name].length} values, TF.js expects ${n} (${shape})`);
  }
  return out;
}

const rel = (a, b) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-30);

export function sameWeightsCheck(api, tf, data, { lr = 0.01, batchIndex = 0 } = {}) {
  if (tf.getBackend() !== 'cpu') throw new Error('same weights: TF.js must be on the cpu backend');
  const batch = batchAt(data.train, batchIndex, BATCH);
  const trainer = newTrainer(api, lr, 1);
  const initial = convplayWeightsForTf(trainer);

  // ConvPlay: trainOn returns the loss before its update; the second call's loss is the loss
  // after the first step (its own update is not looked at).
  const cpBefore = trainer.trainOn(batch.images, batch.labels).loss;
  const cpStepped = convplayWeightsForTf(trainer);
  const cpAfter = trainer.trainOn(batch.images, batch.labels).loss;
  trainer.free();

  const model = tfLenet(tf, initial);
  const { x, y } = tfBatch(tf, batch.images, batch.labels);
  const lossOf = () => tf.tidy(() => model.loss(x, y).dataSync()[0]);
  const tfBefore = lossOf();
  const opt = tf.train.sgd(lr);
  tf.tidy(() => opt.minimize(() => model.loss(x, y), false, model.varList));
  const tfAfter = lossOf();
  let maxWeightDiff = 0;
  let maxWeight = 0;
  for (const [name, v] of Object.entries(model.vars)) {
    const t = v.dataSync();
    const c = cpStepped[name];
    for (let i = 0; i < t.length; i += 1) {
      maxWeightDiff = Math.max(maxWeightDiff, Math.abs(t[i] - c[i]));
      maxWeight = Math.max(maxWeight, Math.abs(c[i]));
    }
  }
  x.dispose();
  y.dispose();
  model.dispose();
  opt.dispose();

  const before = { convplay: cpBefore, tfjs: tfBefore, relDiff: rel(cpBefore, tfBefore) };
  const after = { convplay: cpAfter, tfjs: tfAfter, relDiff: rel(cpAfter, tfAfter) };
  // A step that did not move the loss would make the "after" comparison prove nothing.
  const stepMoved = rel(cpBefore, cpAfter);
  const pass = before.relDiff <= TOLERANCE && after.relDiff <= TOLERANCE && stepMoved > 100 * TOLERANCE;
  return {
    lr,
    batch: { split: 'train', index: batch.index, size: BATCH, labels: Array.from(batch.labels) },
    before,
    after,
    stepMovedLossRel: stepMoved,
    weightsAfterStep: { maxAbsDiff: maxWeightDiff, maxAbsWeight: maxWeight },
    tolerance: TOLERANCE,
    pass,
  };
}
