// The one place that loads the WebAssembly core (www/pkg/, built by scripts/build).
// Every page calls `await loadCore()` and uses the returned exports, e.g. `core.conv2d(...)`.
import { showError } from './shell.js';

let loading = null;

/**
 * Load and initialise the core once; later calls return the same exports.
 * On failure the page shows "could not load the WebAssembly core: …" and the promise rejects
 * with that message (a later call tries again).
 */
export function loadCore() {
  if (!loading) {
    loading = (async () => {
      const core = await import('../pkg/convplay_wasm.js');
      await core.default();
      return core;
    })().catch((err) => {
      loading = null;
      const detail = err instanceof Error ? err.message : String(err);
      const message = `could not load the WebAssembly core: ${detail}`;
      showError(message);
      throw new Error(message, { cause: err });
    });
  }
  return loading;
}
