// Data-parallel training for the trainer worker: each step's batch (the one a single worker would
// take, core `nextBatch`) is split into N contiguous shards; this worker computes shard 0 and
// N − 1 helpers (workers/shards.js, each with its own core) the others, on the weights this worker
// sends with the request; the core sums the shards' gradients in shard order and applies one update
// here (`applyShards`). So N workers reach the weights of one, to rounding (core
// train/parallel.rs; page test tests/pages/train-parallel.test.mjs). Buffers are transferred, no
// shared memory is needed. Networks with batch norm or dropout train on one worker (the core says
// why: `trainer.parallelBlocker()`).
//
//   const pool = createShardPool(2);            // 2 workers: this one and one helper
//   await pool.configure(modelConfig, trainConfig, coreBuild(core));
//   const progress = await pool.train(trainer, digits, steps);   // like trainer.train(digits, steps)
//   pool.close();

const HELPER_URL = new URL('./shards.js', import.meta.url);

/** Most workers a training run uses (the trainer worker and up to MAX_WORKERS − 1 helpers). */
export const MAX_WORKERS = 8;

/**
 * Workers to use by default ("every core"): the cores the browser reports, at most DEFAULT_CAP —
 * a batch of 32 split further leaves each worker too little to outweigh what every step sends.
 */
export const DEFAULT_CAP = 4;
export function defaultWorkers() {
  const cores = Number(globalThis.navigator?.hardwareConcurrency) || 1;
  return Math.max(1, Math.min(DEFAULT_CAP, cores));
}

/** A pool of `count − 1` helper workers (count ≥ 2). */
export function createShardPool(count) {
  const helpers = Array.from({ length: count - 1 }, () => {
    const worker = new Worker(HELPER_URL, { type: 'module' });
    const pending = new Map();
    worker.onmessage = ({ data }) => {
      const job = pending.get(data.id);
      pending.delete(data.id);
      if (data.ok) job?.resolve(data);
      else job?.reject(new Error(data.error));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      for (const job of pending.values()) job.reject(new Error(`a training helper failed: ${event.message || 'it could not start'}`));
      pending.clear();
    };
    return { worker, pending };
  });
  let nextId = 1;
  const request = (h, message, transfer = []) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      h.pending.set(id, { resolve, reject });
      h.worker.postMessage({ id, ...message }, transfer);
    });

  /** One step: shards of the next batch, their gradients, one update; returns the core's progress. */
  async function step(trainer, digits, alive) {
    if (!alive()) return null;
    const batch = trainer.nextBatch(digits);
    const n = Math.min(count, batch.length);
    const part = (k) => batch.subarray(Math.floor((k * batch.length) / n), Math.floor(((k + 1) * batch.length) / n));
    const weights = trainer.weights();
    const replies = helpers.slice(0, n - 1).map((h, k) => {
      const w = k === n - 2 ? weights : weights.slice(); // the last helper takes the original
      const indices = part(k + 1).slice();
      return request(h, { type: 'gradients', weights: w, indices, total: batch.length }, [w.buffer, indices.buffer]);
    });
    let own;
    try {
      own = trainer.shardGradients(digits, part(0), batch.length);
    } catch (err) {
      await Promise.allSettled(replies); // the helpers' answers (errors too) are no longer wanted
      throw err;
    }
    const shards = [own, ...(await Promise.all(replies))];
    if (!alive()) return null; // the model was replaced (or freed) while the helpers computed
    const p = own.grads.length;
    const grads = new Float32Array(n * p);
    shards.forEach((s, k) => grads.set(s.grads, k * p));
    const stats = Float32Array.from(shards.flatMap((s) => [s.lossSum, s.correct, s.count]));
    return trainer.applyShards(grads, stats);
  }

  return {
    count,
    /** Give every helper a model of the network (its weights come with each step) and the build of the core to run ('simd128' | 'relaxed', the coordinator's). */
    configure: (modelConfig, trainConfig, build = null) =>
      Promise.all(helpers.map((h) => request(h, { type: 'configure', modelConfig, trainConfig, build }))),
    /**
     * `steps` steps; `{ loss, accuracy }` are the means over them, as `trainer.train` gives (null
     * if `alive()` turned false meanwhile: nothing was applied to a replaced model).
     */
    async train(trainer, digits, steps, alive = () => true) {
      let loss = 0;
      let accuracy = 0;
      let last = null;
      for (let i = 0; i < steps; i += 1) {
        last = await step(trainer, digits, alive);
        if (!last) return null;
        loss += last.loss;
        accuracy += last.accuracy;
      }
      return { ...last, loss: loss / steps, accuracy: accuracy / steps };
    },
    close() {
      for (const h of helpers) {
        h.worker.terminate();
        for (const job of h.pending.values()) job.reject(new Error('the training helpers were stopped'));
      }
    },
  };
}
