// TensorFlow.js 4.22 measured on the benchmark network, written with core ops (NHWC, as TF.js
// stores images): conv2d/maxPool/matMul/relu and tf.losses.softmaxCrossEntropy, trained with
// tf.train.sgd through optimizer.minimize. Every step runs inside tf.tidy so no tensor outlives
// it; the harness checks that the tensor count stays flat.
import { BATCH, CLASSES, SPEED_LR, checkParameterCount } from './lenet.mjs';
import { batchAt } from './digits.mjs';
import { inferRates, timeLoop, trainRates } from './timing.mjs';

/** Shapes of the variables in TF.js layout: conv [kh, kw, in, out], dense [in, out]. */
export const TF_SHAPES = {
  w1: [5, 5, 1, 6], b1: [6],
  w2: [5, 5, 6, 16], b2: [16],
  w3: [256, 120], b3: [120],
  w4: [120, 84], b4: [84],
  w5: [84, CLASSES], b5: [CLASSES],
};

/**
 * LeNet-5 as TF.js variables. `initial` optionally gives every variable's values in TF.js
 * layout (Float32Array by name); otherwise He-normal weights and zero biases.
 */
export function tfLenet(tf, initial = null) {
  const vars = {};
  for (const [name, shape] of Object.entries(TF_SHAPES)) {
    const fanIn = shape.length === 4 ? shape[0] * shape[1] * shape[2] : shape[0];
    const value = initial
      ? tf.tensor(initial[name], shape, 'float32')
      : name.startsWith('b')
        ? tf.zeros(shape)
        : tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', 7);
    vars[name] = tf.variable(value, true, `lenet_${name}`);
    value.dispose();
  }
  const parameters = Object.values(vars).reduce((n, v) => n + v.size, 0);
  /** Logits `[n, 10]` of images `[n, 28, 28, 1]`. */
  const forward = (x) => {
    let h = tf.relu(tf.add(tf.conv2d(x, vars.w1, 1, 'valid'), vars.b1));
    h = tf.maxPool(h, [2, 2], 2, 'valid');
    h = tf.relu(tf.add(tf.conv2d(h, vars.w2, 1, 'valid'), vars.b2));
    h = tf.maxPool(h, [2, 2], 2, 'valid');
    h = tf.reshape(h, [x.shape[0], 256]); // NHWC flatten: index (row·4 + col)·16 + channel
    h = tf.relu(tf.add(tf.matMul(h, vars.w3), vars.b3));
    h = tf.relu(tf.add(tf.matMul(h, vars.w4), vars.b4));
    return tf.add(tf.matMul(h, vars.w5), vars.b5);
  };
  /** Mean softmax cross-entropy of a batch (`y` one-hot). */
  const loss = (x, y) => tf.losses.softmaxCrossEntropy(y, forward(x));
  const dispose = () => Object.values(vars).forEach((v) => v.dispose());
  return { vars, parameters, forward, loss, dispose, varList: Object.values(vars) };
}

/** Input tensors of a batch: images `[n, 28, 28, 1]` (a 1-channel NCHW buffer is the same bytes) and one-hot labels. */
export function tfBatch(tf, images, labels) {
  const n = labels.length;
  return { x: tf.tensor4d(images, [n, 28, 28, 1]), y: tf.oneHot(tf.tensor1d(Int32Array.from(labels), 'int32'), CLASSES) };
}

/**
 * Training and inference throughput on `tf`'s current backend. A backend that cannot train
 * (the wasm backend lacks Conv2DBackpropFilter) gets `trainUnavailable` with the error it threw.
 */
export function measureTfjs(tf, data, o) {
  const model = tfLenet(tf);
  checkParameterCount(`TF.js (${tf.getBackend()})`, model.parameters);
  const opt = tf.train.sgd(o.lr ?? SPEED_LR);
  let k = 0;
  let lastLoss = NaN;
  const step = () => {
    const b = batchAt(data.train, k++, BATCH);
    tf.tidy(() => {
      const { x, y } = tfBatch(tf, b.images, b.labels);
      const cost = opt.minimize(() => model.loss(x, y), true, model.varList);
      lastLoss = cost.dataSync()[0];
    });
  };
  let j = 0;
  let sink = 0;
  const infer = () => {
    const b = batchAt(data.test, j++, BATCH);
    sink += tf.tidy(() => tf.softmax(model.forward(tf.tensor4d(b.images, [BATCH, 28, 28, 1]))).dataSync()[0]);
  };
  const result = { parameters: model.parameters, backend: tf.getBackend() };

  let trainError = null;
  try {
    step();
  } catch (err) {
    trainError = err;
  }
  if (trainError) {
    result.trainUnavailable = `cannot train: ${trainError.message ?? trainError}`;
  } else {
    timeLoop(step, { seconds: o.warmupSeconds, minIters: 2, now: o.now });
  }
  timeLoop(infer, { seconds: o.warmupSeconds / 2, minIters: 3, now: o.now });
  const tensorsBefore = tf.memory().numTensors;
  if (!trainError) {
    const train = timeLoop(step, { seconds: o.seconds, minIters: 3, now: o.now });
    Object.assign(result, trainRates(train, BATCH), { lastLoss });
    if (!Number.isFinite(lastLoss)) throw new Error(`TF.js (${tf.getBackend()}): non-finite loss`);
  }
  const inf = timeLoop(infer, { seconds: o.seconds, minIters: 3, now: o.now });
  if (!Number.isFinite(sink)) throw new Error(`TF.js (${tf.getBackend()}): non-finite output`);
  const tensorsAfter = tf.memory().numTensors;
  if (tensorsAfter !== tensorsBefore) {
    throw new Error(`TF.js (${tf.getBackend()}): tensor count grew from ${tensorsBefore} to ${tensorsAfter} while measuring`);
  }
  Object.assign(result, inferRates(inf, BATCH), { tensors: tensorsAfter });
  model.dispose();
  return result;
}

/**
 * Switch `tf` to `backend`. For 'wasm', `wasm` is the backend's module (`tf.wasm` in a page, the
 * package in Node) and `wasmPaths` where its .wasm files are (a local URL prefix or folder path);
 * it runs on one thread with SIMD when the engine has it. Returns what was set up.
 */
export async function useBackend(tf, backend, { wasm, wasmPaths } = {}) {
  const info = { backend };
  if (backend === 'wasm') {
    wasm.setWasmPaths(wasmPaths);
    wasm.setThreadsCount(1);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
  const ok = await tf.setBackend(backend);
  await tf.ready();
  if (!ok || tf.getBackend() !== backend) throw new Error(`TF.js: could not switch to the ${backend} backend (now ${tf.getBackend()})`);
  if (backend === 'wasm') {
    info.simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    info.multithread = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    info.threads = wasm.getThreadsCount();
    if (!info.simd) throw new Error('TF.js wasm: SIMD is not available, the benchmark wants the SIMD build');
    if (info.threads !== 1) throw new Error(`TF.js wasm: runs ${info.threads} threads, the benchmark wants 1`);
  }
  info.version = tf.version?.tfjs ?? tf.version_core;
  return info;
}
