// ConvNetJS 0.3.0 measured on the benchmark network. `convnetjs` is the library object (the
// global of build/convnet.js in a page, its module.exports in Node). ConvNetJS works one image
// (Vol) at a time; its SGD trainer accumulates gradients and updates every `batch_size` images,
// so 32 `train` calls are one batch-32 SGD step. Each image is copied from the same
// Float32Array batches the other harnesses get, inside the timed loop.
import { BATCH, SPEED_LR, convnetjsLayers, checkParameterCount } from './lenet.mjs';
import { batchAt } from './digits.mjs';
import { inferRates, timeLoop, trainRates } from './timing.mjs';

export function convnetjsParameterCount(net) {
  return net.getParamsAndGrads().reduce((n, pg) => n + pg.params.length, 0);
}

export function measureConvnetjs(convnetjs, data, o) {
  const net = new convnetjs.Net();
  net.makeLayers(convnetjsLayers());
  const parameters = checkParameterCount('ConvNetJS', convnetjsParameterCount(net));
  const trainer = new convnetjs.Trainer(net, { method: 'sgd', learning_rate: o.lr ?? SPEED_LR, momentum: 0.0, batch_size: BATCH, l2_decay: 0.0, l1_decay: 0.0 });
  const vol = new convnetjs.Vol(28, 28, 1, 0.0);
  if (vol.w.length !== 784) throw new Error('ConvNetJS: unexpected Vol size');
  let k = 0;
  let lossSum = 0;
  let lastLoss = NaN;
  const step = () => {
    const b = batchAt(data.train, k++, BATCH);
    lossSum = 0;
    for (let i = 0; i < BATCH; i += 1) {
      vol.w.set(b.images.subarray(i * 784, (i + 1) * 784));
      lossSum += trainer.train(vol, b.labels[i]).cost_loss;
    }
    lastLoss = lossSum / BATCH;
  };
  let j = 0;
  let sink = 0;
  const infer = () => {
    const b = batchAt(data.test, j++, BATCH);
    for (let i = 0; i < BATCH; i += 1) {
      vol.w.set(b.images.subarray(i * 784, (i + 1) * 784));
      sink += net.forward(vol, false).w[0];
    }
  };
  // Every step feeds whole batches, so each timed step is exactly one SGD update.
  timeLoop(step, { seconds: o.warmupSeconds, minIters: 3, now: o.now });
  timeLoop(infer, { seconds: o.warmupSeconds / 2, minIters: 3, now: o.now });
  const train = timeLoop(step, { seconds: o.seconds, minIters: 3, now: o.now });
  const inf = timeLoop(infer, { seconds: o.seconds, minIters: 3, now: o.now });
  if (!Number.isFinite(lastLoss) || !Number.isFinite(sink)) throw new Error('ConvNetJS: non-finite loss or output');
  return {
    parameters,
    ...trainRates(train, BATCH),
    ...inferRates(inf, BATCH),
    lastLoss,
  };
}
