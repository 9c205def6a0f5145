// The one place that loads the WebAssembly core (www/pkg/, built by scripts/build), in a page and
// in a worker alike. It draws nothing: a failure rejects with an Error whose message says what
// went wrong ("could not load the WebAssembly core: …"), and the caller shows it.
//
//   const core = await loadCore();                  // the core's exports, e.g. core.conv2d(...), new core.Trainer(...)
//   if (isCoreBroken(err)) core = await loadCore({ fresh: true });   // a new instance with its own memory
//   coreMemory(core).buffer.byteLength              // the instance's linear memory, in bytes
//
// A trap inside the core (a WebAssembly.RuntimeError: "unreachable", "memory access out of
// bounds", an allocation that failed) leaves that instance unusable: a handle that was in use
// stays borrowed and what it held stays allocated. The skeleton (demo.js) and the trainer worker
// then load a fresh instance. The broken one cannot be unloaded (a page keeps every module it
// imported), so its memory is only returned when the page reloads; a worker is replaced whole.

const PKG = '../pkg/convplay_wasm.js';

let loading = null;
let generation = 0;
const instances = new WeakMap(); // core → the instance's raw exports

/**
 * Load and initialise the core once; later calls return the same exports (a failure is retried).
 * `fresh: true` loads a new instance (the glue imported again under a new URL, so it gets a new
 * module and a new memory) and makes it the one later calls return.
 */
export function loadCore({ fresh = false } = {}) {
  if (fresh) {
    loading = null;
    generation += 1;
  }
  const instance = generation;
  loading ??= (async () => {
    const url = new URL(PKG, import.meta.url);
    if (instance > 0) url.searchParams.set('instance', String(instance));
    const core = await import(url.href);
    const exports = await core.default();
    instances.set(core, exports);
    return core;
  })().catch((err) => {
    loading = null;
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(`could not load the WebAssembly core: ${detail}`, { cause: err });
  });
  return loading;
}

/** The linear memory (a WebAssembly.Memory) of a core returned by loadCore. */
export function coreMemory(core) {
  return instances.get(core).memory;
}

// What wasm-bindgen says when a handle is used after its instance trapped mid-call.
const BROKEN_MESSAGES = [
  'attempted to take ownership of Rust value while it was borrowed',
  'null pointer passed to rust',
  'recursive use of an object detected',
];

/**
 * True if `err` means the core instance is no longer usable: a trap, or wasm-bindgen's own error
 * for a handle a trap left borrowed (the whole message is wasm-bindgen's, not a page's sentence
 * that quotes it).
 */
export function isCoreBroken(err) {
  if (typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError) return true;
  return err instanceof Error && BROKEN_MESSAGES.some((m) => err.message.startsWith(m));
}

/**
 * For the recovery tests: make `core` unusable the way a bug would. breakCore overwrites its
 * memory, so the next call that allocates traps ("memory access out of bounds"); trapCore traps
 * at once, inside the core (it frees a handle at an address outside the memory), and throws that
 * WebAssembly.RuntimeError.
 */
export function breakCore(core) {
  new Uint8Array(coreMemory(core).buffer).fill(0xff);
}

export function trapCore(core) {
  const exports = instances.get(core);
  const free = Object.keys(exports).find((name) => /^__wbg_\w+_free$/.test(name));
  exports[free](0xfffffff0, 1);
}
