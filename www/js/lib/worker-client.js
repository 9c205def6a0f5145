// The page side of the trainer worker (workers/trainer.js): one protocol for the training page
// and the labs.
//
//   const trainer = createTrainerClient();
//   const result = await trainer.request('configure', { modelConfig, trainConfig });
//   const off = trainer.on('status', (message) => …);       // broadcasts: status, test, filters, stopped, compare
//   await trainer.request('jobs', { jobs }, { onProgress: (p) => … });   // the labs' batch training
//   trainer.close();                                          // terminates the worker; pending requests reject
//
// Requests are `{ id, type, ...payload }`; every request gets exactly one
// `{ type: 'reply', id, ok, result | error }`. Progress of a request arrives as
// `{ type: 'progress', id, … }` before its reply; anything else is a broadcast.
//
// A reply or a 'stopped' broadcast with `broken: true` says the worker's core trapped (wasm.js
// isCoreBroken): the client then replaces the worker with a fresh one (a new core, and the broken
// one's memory freed), rejects what was pending, and broadcasts `{ type: 'restarted', reason }`;
// what the old worker held (a configured model) is gone, so listeners set it up again.

const WORKER_URL = new URL('../workers/trainer.js', import.meta.url);

/** Start a trainer worker and return its client. */
export function createTrainerClient() {
  const pending = new Map();
  const listeners = new Map();
  let worker = null;
  let nextId = 1;
  let closed = false;
  let restarting = false;

  const emit = (type, message) => listeners.get(type)?.forEach((fn) => fn(message));

  function failAll(message) {
    for (const job of pending.values()) job.reject(new Error(message));
    pending.clear();
  }

  function onMessage({ data }) {
    if (data?.type === 'reply') {
      const job = pending.get(data.id);
      pending.delete(data.id);
      const error = data.broken ? `the core failed (${data.error}); the training worker was restarted` : data.error;
      if (job) (data.ok ? job.resolve(data.result) : job.reject(new Error(error)));
    } else if (data?.type === 'progress') {
      pending.get(data.id)?.onProgress?.(data);
    } else if (data?.type) {
      emit(data.type, data);
    }
    if (data?.broken) restart(data.error ?? data.reason ?? 'the core failed');
  }

  function onError(event) {
    event.preventDefault();
    const message = `the training worker failed: ${event.message || 'it could not start'}`;
    failAll(message);
    emit('failure', { message });
  }

  function start() {
    const w = new Worker(WORKER_URL, { type: 'module' });
    w.addEventListener('message', (event) => w === worker && onMessage(event));
    w.addEventListener('error', (event) => w === worker && onError(event));
    worker = w;
    restarting = false;
  }

  /** Replace a worker whose core broke by a fresh one. */
  function restart(reason) {
    if (closed || restarting) return;
    restarting = true;
    worker.terminate();
    failAll(`the training worker was restarted after its core failed (${reason})`);
    start();
    emit('restarted', { type: 'restarted', reason });
  }

  start();
  return {
    /** Send a request; resolves with its result or rejects with the worker's message. */
    request(type, payload = {}, { transfer = [], onProgress } = {}) {
      if (closed) return Promise.reject(new Error(`${type}: the training worker has stopped`));
      const id = nextId;
      nextId += 1;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, onProgress });
        worker.postMessage({ id, type, ...payload }, transfer);
      });
    },
    /** Listen to broadcasts of one type ('failure' when the worker itself fails, 'restarted' after a broken core); returns an unsubscribe. */
    on(type, fn) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type).add(fn);
      return () => listeners.get(type)?.delete(fn);
    },
    /** Stop the worker and reject what is still pending. */
    close() {
      if (closed) return;
      closed = true;
      worker.terminate();
      failAll('the training worker was stopped');
      listeners.clear();
    },
  };
}
