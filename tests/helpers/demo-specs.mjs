// The demos' specs in Node, without a page: every www/js/demos/<id>/main.js is imported with its
// `import { defineDemo } from '../../demo.js'` answered by a stand-in that records the spec instead
// of drawing the page (a module resolve hook), so a unit test can read each demo's URL schema and
// its check exactly as the skeleton does.
//
//   import { demoSpecs } from '../helpers/demo-specs.mjs';
//   const specs = await demoSpecs();          // id → the object passed to defineDemo
//   const schema = await schemaOf('pooling'); // the schema, given the real digit file when it needs it
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { register } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEMOS } from '../../www/js/demos.js';
import { loadCore } from './core.mjs';

const WWW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'www');
const SKELETON = pathToFileURL(path.join(WWW, 'js', 'demo.js')).href;
const STAND_IN = `data:text/javascript,${encodeURIComponent(
  'export function defineDemo(spec) { globalThis.__convplaySpecs.push(spec); }\nexport function currentDemo() { return null; }',
)}`;
const HOOKS = `data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  return resolved.url === ${JSON.stringify(SKELETON)} ? { url: ${JSON.stringify(STAND_IN)}, shortCircuit: true } : resolved;
}`)}`;

let loading = null;

/** id → the spec each demo passes to defineDemo (imported once). */
export function demoSpecs() {
  loading ??= (async () => {
    register(HOOKS);
    globalThis.__convplaySpecs = [];
    const specs = {};
    for (const { id } of DEMOS) {
      const before = globalThis.__convplaySpecs.length;
      await import(pathToFileURL(path.join(WWW, 'js', 'demos', id, 'main.js')).href);
      if (globalThis.__convplaySpecs.length !== before + 1) throw new Error(`${id}: main.js did not call defineDemo once`);
      specs[id] = globalThis.__convplaySpecs[before];
    }
    return specs;
  })();
  return loading;
}

let resources = null;

/** What a demo's `needs` asks for, loaded in Node: `{ core, digits }` (the site's real digit file). */
export function demoResources() {
  resources ??= (async () => {
    const core = await loadCore();
    const bytes = zlib.gunzipSync(fs.readFileSync(path.join(WWW, 'data', 'digits.bin.gz')));
    return { core, digits: new core.Digits(new Uint8Array(bytes)) };
  })();
  return resources;
}

/** The URL schema of demo `id`, built as the skeleton builds it. */
export async function schemaOf(id) {
  const spec = (await demoSpecs())[id];
  if (typeof spec.schema !== 'function') return spec.schema ?? {};
  const { digits } = await demoResources();
  return spec.schema({ digits });
}
