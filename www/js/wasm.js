// The one place that loads the WebAssembly core (www/pkg/ or www/pkg-relaxed/, built by
// scripts/build), in a page and in a worker alike. It draws nothing: a failure rejects with an
// Error whose message says what went wrong ("could not load the WebAssembly core: …"), and the
// caller shows it.
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

// Two builds of the same core (scripts/build): SIMD128, which every supported browser runs, and
// SIMD128 + relaxed SIMD, whose matrix-product kernel uses the fused multiply-add (each a·b + c
// rounded once, so its results differ from SIMD128's by rounding only). The relaxed one is loaded
// where the browser validates RELAXED_PROBE; if it fails to load, the SIMD128 one is.
const PKG = { relaxed: '../pkg-relaxed/convplay_wasm.js', simd128: '../pkg/convplay_wasm.js' };

/** What the page says it runs, per build. */
export const CORE_BUILD_NAMES = { relaxed: 'relaxed SIMD (fused multiply-add)', simd128: 'SIMD128' };

// The smallest module using a relaxed-SIMD instruction: one function (v128, v128, v128) → v128
// whose body is local.get 0, local.get 1, local.get 2, f32x4.relaxed_madd (opcode 0xfd 0x105,
// LEB128 0x85 0x02), end.
const RELAXED_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b, // type section: (v128 v128 v128) → v128
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfd, 0x85, 0x02, 0x0b, // its code
]);

/** True if this browser (or worker) validates relaxed-SIMD code. */
export function hasRelaxedSimd() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(RELAXED_PROBE);
  } catch {
    return false;
  }
}

let loading = null;
let generation = 0;
const instances = new WeakMap(); // core → the instance's raw exports
const builds = new WeakMap(); // core → 'relaxed' | 'simd128'

async function importBuild(build, instance) {
  const url = new URL(PKG[build], import.meta.url);
  if (instance > 0) url.searchParams.set('instance', String(instance));
  const core = await import(url.href);
  const exports = await core.default();
  instances.set(core, exports);
  builds.set(core, build);
  return core;
}

/**
 * Load and initialise the core once; later calls return the same exports (a failure is retried).
 * `fresh: true` loads a new instance (the glue imported again under a new URL, so it gets a new
 * module and a new memory) and makes it the one later calls return. `build: 'simd128' | 'relaxed'`
 * loads that build instead of choosing (data-parallel helpers run their coordinator's build; the
 * benchmark measures both); it applies to the load that the call starts.
 */
export function loadCore({ fresh = false, build = null } = {}) {
  if (fresh) {
    loading = null;
    generation += 1;
  }
  const instance = generation;
  loading ??= (async () => {
    if (build === 'simd128' || build === 'relaxed') return importBuild(build, instance);
    if (hasRelaxedSimd()) {
      try {
        return await importBuild('relaxed', instance);
      } catch {
        // a site copied without pkg-relaxed/, or a browser that validates but cannot compile it
      }
    }
    return importBuild('simd128', instance);
  })().catch((err) => {
    loading = null;
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(`could not load the WebAssembly core: ${detail}`, { cause: err });
  });
  return loading;
}

/** Which build a core returned by loadCore is: 'relaxed' or 'simd128' (see CORE_BUILD_NAMES). */
export function coreBuild(core) {
  return builds.get(core);
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
