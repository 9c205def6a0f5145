// Time-based measurement loops and small statistics. Runs in Node and in the browser; the
// clock is passed in (`performance.now` in both).

/**
 * Call `fn()` until at least `seconds` have passed and it ran at least `minIters` times.
 * Returns `{ iters, seconds }`.
 */
export function timeLoop(fn, { seconds, minIters = 3, now = () => performance.now() }) {
  const start = now();
  let iters = 0;
  let elapsed = 0;
  while (iters < minIters || elapsed < seconds * 1000) {
    fn(iters);
    iters += 1;
    elapsed = now() - start;
  }
  return { iters, seconds: elapsed / 1000 };
}

/** Like `timeLoop` for an async `fn` (TF.js reads back asynchronously in some backends). */
export async function timeLoopAsync(fn, { seconds, minIters = 3, now = () => performance.now() }) {
  const start = now();
  let iters = 0;
  let elapsed = 0;
  while (iters < minIters || elapsed < seconds * 1000) {
    await fn(iters);
    iters += 1;
    elapsed = now() - start;
  }
  return { iters, seconds: elapsed / 1000 };
}

/** Rates from a `timeLoop` of training steps and one of inference batches, `batch` samples each. */
export function trainRates(train, batch) {
  return { trainSamplesPerSec: (train.iters * batch) / train.seconds, trainSteps: train.iters, trainSeconds: train.seconds };
}

export function inferRates(inf, batch) {
  return { inferImagesPerSec: (inf.iters * batch) / inf.seconds, inferBatches: inf.iters, inferSeconds: inf.seconds };
}

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
