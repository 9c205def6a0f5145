// The labs' training worker: trains one or more small networks off the main thread with the
// core's Trainer and reports the loss curve as it goes. Every number comes from the core.
//
// Message in:  { id, jobs: [{ model, train, steps, chunk?, evalLimit? }] }
// Messages out: { id, type: 'progress', job, step, loss, accuracy }
//               { id, type: 'done', results: [{ curve, bytes, test, error }] }
//               { id, type: 'error', message }
// `bytes` is Trainer.save(): the page loads it with Trainer.load to measure the trained net.
import init, { Digits, Trainer } from '../../pkg/convplay_wasm.js';
import { loadDigits } from '../lib/digits.js';

let ready = null;

function load() {
  ready ??= init().then(() => loadDigits({ Digits }));
  return ready;
}

function runJob(digits, id, index, job) {
  const trainer = new Trainer(job.model, job.train);
  const curve = [];
  const chunk = Math.max(1, job.chunk ?? 10);
  try {
    for (let done = 0; done < job.steps; ) {
      const n = Math.min(chunk, job.steps - done);
      let r;
      try {
        r = trainer.train(digits, n);
      } catch (err) {
        return { curve, error: err instanceof Error ? err.message : String(err) };
      }
      done += n;
      curve.push({ step: done, loss: r.loss, accuracy: r.accuracy });
      postMessage({ id, type: 'progress', job: index, step: done, loss: r.loss, accuracy: r.accuracy });
    }
    const test = job.evalLimit ? trainer.evaluate(digits, 'test', job.evalLimit, 100) : null;
    return {
      curve,
      bytes: trainer.save(),
      test: test && { accuracy: test.accuracy, loss: test.loss },
    };
  } finally {
    trainer.free();
  }
}

self.addEventListener('message', async (event) => {
  const { id, jobs } = event.data;
  try {
    const digits = await load();
    const results = jobs.map((job, index) => runJob(digits, id, index, job));
    postMessage({ id, type: 'done', results });
  } catch (err) {
    postMessage({ id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
