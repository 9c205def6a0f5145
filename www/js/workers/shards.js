// A helper of data-parallel training (shards-pool.js starts it from the trainer worker): its own
// core and the shipped digits, a model of the network being trained, and one request that computes
// a shard's gradient on the weights it was sent. It keeps no state between steps but the model's
// buffers: the coordinator sends the weights with every request and applies every update itself.
//
//   { id, type: 'configure', modelConfig, trainConfig, build }   → reply { id, ok }  (build: wasm.js coreBuild)
//   { id, type: 'gradients', weights, indices, total }             → reply { id, ok, grads, lossSum, correct, count }
// (`weights`, `indices` and the reply's `grads` are transferred ArrayBuffers' views.)
import { loadCore } from '../wasm.js';
import { loadDigits } from '../lib/digits.js';

let ready = null; // the core (the coordinator's build, named by the first configure) and the digits
let trainer = null;

self.onmessage = async ({ data }) => {
  const { id, type } = data ?? {};
  try {
    ready ??= loadCore({ build: data.build ?? null }).then(async (core) => ({ core, digits: await loadDigits(core) }));
    const { core, digits } = await ready;
    if (type === 'configure') {
      trainer?.free();
      trainer = null;
      trainer = new core.Trainer(data.modelConfig, data.trainConfig);
      self.postMessage({ id, ok: true });
    } else if (type === 'gradients') {
      if (!trainer) throw new Error('shard worker: no model is configured');
      trainer.setWeights(data.weights);
      const s = trainer.shardGradients(digits, data.indices, data.total);
      self.postMessage({ id, ok: true, grads: s.grads, lossSum: s.lossSum, correct: s.correct, count: s.count }, [s.grads.buffer]);
    } else {
      throw new Error(`shard worker: unknown request "${type}"`);
    }
  } catch (err) {
    self.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
