// The labs' batch training in the trainer worker: each job trains one small network from scratch
// with the core's Trainer, reporting its loss as it goes.
//
// job:    { model, train, steps, chunk?, evalLimit?, trainLimit? (train on the first n training
//           digits only), gap? ({ train, test }: digits of each split for Trainer.generalization) }
// result: { curve: [{ step, loss, accuracy }], bytes (Trainer.save, to measure the trained net on
//           the page), test: { accuracy, loss } | null, gap (the core's train/test gap) | null,
//           error? (training stopped: the message), health (null, or in words why the loss says it
//           did not learn: health.js) }
// A broken core (a trap) is thrown, not returned: the worker answers it with `broken` and is replaced.
import { isCoreBroken } from '../wasm.js';
import { classesOf, watchHealth } from './health.js';

function runJob(core, digits, job, report) {
  const trainer = new core.Trainer(job.model, job.train);
  const curve = [];
  const chunk = Math.max(1, job.chunk ?? 10);
  const health = watchHealth({ classes: classesOf(trainer), lr: job.train.optimizer?.lr });
  let verdict = null;
  let broken = false;
  try {
    if (job.trainLimit) trainer.limitTrainingSet(digits, job.trainLimit);
    for (let done = 0; done < job.steps; ) {
      const n = Math.min(chunk, job.steps - done);
      let r;
      try {
        r = trainer.train(digits, n);
      } catch (err) {
        if (isCoreBroken(err)) throw err;
        return { curve, error: err instanceof Error ? err.message : String(err), health: null };
      }
      done += n;
      verdict = health.add(done, r.loss);
      curve.push({ step: done, loss: r.loss, accuracy: r.accuracy });
      report({ step: done, loss: r.loss, accuracy: r.accuracy, health: verdict?.message ?? null });
    }
    const test = job.evalLimit ? trainer.evaluate(digits, 'test', job.evalLimit, 100) : null;
    const gap = job.gap ? trainer.generalization(digits, job.gap.train, job.gap.test) : null;
    return { curve, bytes: trainer.save(), test: test && { accuracy: test.accuracy, loss: test.loss }, gap, health: verdict?.message ?? null };
  } catch (err) {
    broken = isCoreBroken(err);
    throw err;
  } finally {
    if (!broken) trainer.free(); // a broken core's handles are left to the worker being replaced
  }
}

/** Train every job in turn; `report(progress)` gets `{ job, step, loss, accuracy, health }`. */
export function runJobs(core, digits, jobs, report) {
  return jobs.map((job, index) => runJob(core, digits, job, (p) => report({ job: index, ...p })));
}
