// ConvPlay's wasm build (www/pkg, wasm-bindgen `--target web`) measured on the benchmark
// network. `api` is the module namespace of convplay_wasm.js after its init function ran, and
// `exports` what that init returned (the wasm exports, `memory` among them).
import { BATCH, SPEED_LR, convplayLenet5, checkParameterCount } from './lenet.mjs';
import { batchAt } from './digits.mjs';
import { inferRates, median, timeLoop, trainRates } from './timing.mjs';

export function newTrainer(api, lr = SPEED_LR, seed = 1) {
  const trainer = new api.Trainer(convplayLenet5(seed), { optimizer: { kind: 'sgd', lr, momentum: 0, weightDecay: 0 }, batchSize: BATCH, seed });
  checkParameterCount('ConvPlay', trainer.parameterCount());
  return trainer;
}

/**
 * Training samples/s (one `trainOn` per batch of 32 real digits, cycling through the training
 * split), inference images/s (`predict` on batches of 32 test digits) and batch-1 latency.
 */
export function measureConvplay(api, exports, data, o) {
  const trainer = newTrainer(api, o.lr ?? SPEED_LR);
  const parameters = trainer.parameterCount();
  let k = 0;
  let lastLoss = NaN;
  const step = () => {
    const b = batchAt(data.train, k++, BATCH);
    lastLoss = trainer.trainOn(b.images, b.labels).loss;
  };
  let j = 0;
  let sink = 0;
  const infer = () => {
    const b = batchAt(data.test, j++, BATCH);
    sink += trainer.predict(b.images)[0];
  };
  const one = data.test.images.subarray(0, 784);
  const single = () => {
    sink += trainer.predict(one)[0];
  };

  // Warm-up: compile tiers, buffers sized once.
  timeLoop(step, { seconds: o.warmupSeconds, minIters: 5, now: o.now });
  timeLoop(infer, { seconds: o.warmupSeconds / 2, minIters: 5, now: o.now });
  timeLoop(single, { seconds: o.warmupSeconds / 4, minIters: 20, now: o.now });

  const train = timeLoop(step, { seconds: o.seconds, minIters: 3, now: o.now });
  const inf = timeLoop(infer, { seconds: o.seconds, minIters: 3, now: o.now });
  // Batch-1 latency: a browser clock may be coarse (100 µs without cross-origin isolation), so
  // time groups of predicts and take the median group's mean.
  const per = 50;
  const groups = [];
  const latencyStart = o.now();
  while (groups.length < 15 || (o.now() - latencyStart < o.latencySeconds * 1000 && groups.length < 2000)) {
    const t = o.now();
    for (let i = 0; i < per; i += 1) single();
    groups.push((o.now() - t) / per);
  }
  if (!Number.isFinite(lastLoss) || !Number.isFinite(sink)) throw new Error('ConvPlay: non-finite loss or output');
  const result = {
    parameters,
    ...trainRates(train, BATCH),
    ...inferRates(inf, BATCH),
    latencyMs: median(groups),
    latencyPredicts: groups.length * per,
    lastLoss,
    wasmMemoryBytes: exports.memory.buffer.byteLength,
  };
  trainer.free();
  return result;
}

/** Sample of the weights of a learnable layer: `{ shape, data }` (conv [out,in,kh,kw], dense [out,in]). */
export function parameter(trainer, layer, name) {
  const p = trainer.parameter(layer, name, false);
  return { shape: Array.from(p.shape), data: Float32Array.from(p.data) };
}

/**
 * Memory: train `steps` steps of batch 32 after a `warmup`, reading the wasm linear memory size
 * before and after. `onProgress(done)` is called now and then.
 */
export function memoryRun(api, exports, data, { warmup = 100, steps = 10_000, onProgress = () => {} }) {
  const trainer = newTrainer(api);
  let k = 0;
  let loss = NaN;
  const step = () => {
    const b = batchAt(data.train, k++, BATCH);
    loss = trainer.trainOn(b.images, b.labels).loss;
  };
  for (let i = 0; i < warmup; i += 1) step();
  // Inference and evaluation allocate too; warm them as well so "after" compares like with like.
  trainer.predict(batchAt(data.test, 0, BATCH).images);
  const afterWarmup = exports.memory.buffer.byteLength;
  const t = performance.now();
  for (let i = 0; i < steps; i += 1) {
    step();
    if (i % 1000 === 999) onProgress(i + 1);
  }
  const seconds = (performance.now() - t) / 1000;
  trainer.predict(batchAt(data.test, 0, BATCH).images);
  const afterSteps = exports.memory.buffer.byteLength;
  trainer.free();
  return { warmupSteps: warmup, steps, batch: BATCH, bytesAfterWarmup: afterWarmup, bytesAfterSteps: afterSteps, grewBytes: afterSteps - afterWarmup, flat: afterSteps === afterWarmup, finalLoss: loss, seconds };
}

/**
 * Train with plain SGD at `lr` on ConvPlay's own shuffled batches (`train(digits, n)`), evaluate
 * on the whole test split every `every` steps, and stop when test accuracy first reaches
 * `target`, or after `capSeconds` of training. Training time excludes evaluation.
 */
export function timeToAccuracy(api, digitsBytes, { lr, seed = 1, target = 0.97, every = 250, capSeconds = 180, now = () => performance.now() }) {
  const digits = new api.Digits(digitsBytes);
  const trainer = newTrainer(api, lr, seed);
  const testCount = digits.count('test');
  let trainMs = 0;
  let evalMs = 0;
  let steps = 0;
  const curve = [];
  let reached = false;
  while (trainMs < capSeconds * 1000) {
    let t = now();
    const progress = trainer.train(digits, every);
    trainMs += now() - t;
    steps = Number(progress.steps);
    t = now();
    const e = trainer.evaluate(digits, 'test', 0, 256);
    evalMs += now() - t;
    curve.push({ steps, trainSeconds: trainMs / 1000, testAccuracy: e.accuracy, trainLoss: progress.loss });
    if (!Number.isFinite(progress.loss)) break;
    if (e.accuracy >= target) {
      reached = true;
      break;
    }
  }
  trainer.free();
  digits.free();
  return { lr, seed, target, every, capSeconds, testDigits: testCount, reached, steps, trainSeconds: trainMs / 1000, evalSeconds: evalMs / 1000, curve };
}
