// The trainer worker: the core and the digits off the main thread, for the training page (a
// long-lived session it trains in short chunks) and the labs (batches of small nets trained to
// the end). The protocol is described in lib/worker-client.js.
//
// An error that means the core broke (wasm.js isCoreBroken) is answered with `broken: true`; the
// client then replaces this worker by a fresh one.
import { coreMemory, isCoreBroken, loadCore, trapCore } from '../wasm.js';
import { loadDigits } from '../lib/digits.js';
import { createSession } from './training.js';
import { runJobs } from './jobs.js';

const message = (err) => (err instanceof Error ? err.message : String(err));
const post = (data, transfer = []) => self.postMessage(data, transfer);

const ready = (async () => {
  const core = await loadCore();
  const digits = await loadDigits(core);
  return { core, digits, session: createSession(core, digits, post) };
})();

// Requests about the worker itself rather than the training.
const WORKER_REQUESTS = {
  /** The size of this worker's core memory, in bytes (the soak reads it). */
  memory: ({ core }) => ({ wasmBytes: coreMemory(core).buffer.byteLength }),
  /** Trap inside this worker's core, as a bug would (the recovery tests). */
  trapCore: ({ core }) => trapCore(core),
};

self.onmessage = async (event) => {
  const { id, type, ...payload } = event.data ?? {};
  try {
    const { core, digits, session } = await ready;
    let result;
    if (type === 'jobs') result = runJobs(core, digits, payload.jobs, (progress) => post({ type: 'progress', id, ...progress }));
    else if (Object.hasOwn(WORKER_REQUESTS, type)) result = WORKER_REQUESTS[type]({ core });
    else if (Object.hasOwn(session.handlers, type)) result = await session.handlers[type](payload);
    else throw new Error(`trainer worker: unknown request "${type}"`);
    post({ type: 'reply', id, ok: true, result });
  } catch (err) {
    post({ type: 'reply', id, ok: false, error: message(err), broken: isCoreBroken(err) });
  }
};
