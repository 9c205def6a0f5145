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

/** Start a trainer worker and return its client. */
export function createTrainerClient() {
  const worker = new Worker(new URL('../workers/trainer.js', import.meta.url), { type: 'module' });
  const pending = new Map();
  const listeners = new Map();
  let nextId = 1;
  let closed = false;

  const emit = (type, message) => listeners.get(type)?.forEach((fn) => fn(message));

  function failAll(message) {
    for (const job of pending.values()) job.reject(new Error(message));
    pending.clear();
  }

  worker.addEventListener('message', ({ data }) => {
    if (data?.type === 'reply') {
      const job = pending.get(data.id);
      pending.delete(data.id);
      if (job) (data.ok ? job.resolve(data.result) : job.reject(new Error(data.error)));
    } else if (data?.type === 'progress') {
      pending.get(data.id)?.onProgress?.(data);
    } else if (data?.type) {
      emit(data.type, data);
    }
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    const message = `the training worker failed: ${event.message || 'it could not start'}`;
    failAll(message);
    emit('failure', { message });
  });

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
    /** Listen to broadcasts of one type ('failure' when the worker itself fails); returns an unsubscribe. */
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
