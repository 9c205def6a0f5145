// The WebAssembly core (www/pkg/, built by scripts/build) loaded in Node, for unit tests of page
// helpers that ask the core.
//
//   import { loadCore } from '../helpers/core.mjs';
//   const core = await loadCore();   // the same exports a page gets from www/js/wasm.js
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PKG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'www', 'pkg');
let loading = null;

/** Load and initialise the core once from www/pkg (run scripts/build first). */
export function loadCore() {
  loading ??= (async () => {
    const core = await import(path.join(PKG, 'convplay_wasm.js'));
    core.initSync({ module: fs.readFileSync(path.join(PKG, 'convplay_wasm_bg.wasm')) });
    return core;
  })();
  return loading;
}
