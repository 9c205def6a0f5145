// The training session's side of data-parallel training (workers/training.js asks it to train):
// how many workers the student chose (the `workers` request; 1 by default), the pool of helpers
// (shards-pool.js) kept configured with the session's network, and one `train` that runs on the
// pool or, with one worker, in this worker's core (`trainer.train`), one call at a time.
//
// The pool is used only when it can give one worker's result: on the shipped digits (the helpers
// load those, not a student's own classes) and for networks without batch norm or dropout
// (`trainer.parallelBlocker()`: their result depends on the whole batch). `status()` says how many
// workers the current network trains on and, when fewer than chosen, why in words.
import { createShardPool, defaultWorkers, MAX_WORKERS } from './shards-pool.js';

const BLOCKED = {
  batchNorm: 'batch norm computes its statistics over the whole batch',
  dropout: 'dropout draws its masks from one random stream',
};

export function createParallelTraining(shipped, build) {
  let wanted = 1;
  let pool = null;
  let ready = Promise.resolve();
  let configured = null; // the trainer the helpers were configured for
  let queue = Promise.resolve(); // one training call at a time (a step never interleaves another)

  /** Why `trainer` on `digits` trains on one worker although more were chosen, or null. */
  function blocker(trainer, digits) {
    if (wanted < 2 || !trainer) return null;
    if (digits !== shipped) return 'your own classes train on one worker';
    const kind = trainer.parallelBlocker();
    return kind ? `this network trains on one worker: ${BLOCKED[kind] ?? kind}` : null;
  }

  function configure(trainer, config) {
    configured = trainer;
    if (pool) ready = pool.configure(trainer.modelConfig(), config.trainConfig, build);
  }

  return {
    /** Choose `count` workers (1 to MAX_WORKERS; 0 = every core, capped): `{ chosen, max, cores }`. */
    setWorkers(count, trainer, config) {
      const n = count === 0 ? defaultWorkers() : count;
      if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) throw new Error(`workers: count must be 0 (every core) or 1 to ${MAX_WORKERS}, got ${count}`);
      if (n !== wanted) {
        pool?.close();
        pool = n > 1 ? createShardPool(n) : null;
        wanted = n;
        ready = Promise.resolve();
        if (trainer) configure(trainer, config);
      }
      return { chosen: wanted, max: MAX_WORKERS, cores: Number(globalThis.navigator?.hardwareConcurrency) || 1 };
    },
    configure,
    /** `{ workers, reason }`: the workers the current network trains on, and why fewer if so. */
    status(trainer, digits) {
      const reason = blocker(trainer, digits);
      return { workers: reason ? 1 : wanted, reason };
    },
    /**
     * `steps` steps of `trainer` on `digits`: `{ loss, accuracy, steps, epochs }` as trainer.train
     * gives, or null if `alive()` turned false while helpers computed (the model was replaced).
     */
    train(trainer, digits, steps, alive) {
      const run = async () => {
        if (!alive()) return null;
        if (!pool || blocker(trainer, digits) || configured !== trainer) return trainer.train(digits, steps);
        await ready;
        return pool.train(trainer, digits, steps, alive);
      };
      const result = queue.then(run);
      queue = result.catch(() => {});
      return result;
    },
    close() {
      pool?.close();
    },
  };
}
