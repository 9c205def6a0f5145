// The one place that loads the WebAssembly core (www/pkg/, built by scripts/build), in a page and
// in a worker alike. It draws nothing: a failure rejects with an Error whose message says what
// went wrong ("could not load the WebAssembly core: …"), and the caller shows it.
//
//   const core = await loadCore();   // the core's exports, e.g. core.conv2d(...), new core.Trainer(...)

let loading = null;

/** Load and initialise the core once; later calls return the same exports (a failure is retried). */
export function loadCore() {
  loading ??= (async () => {
    const core = await import('../pkg/convplay_wasm.js');
    await core.default();
    return core;
  })().catch((err) => {
    loading = null;
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(`could not load the WebAssembly core: ${detail}`, { cause: err });
  });
  return loading;
}
