// The in-browser side of the benchmark. bench/run.mjs opens this page in a fresh headless
// Chromium for each framework and calls, through page.evaluate:
//   window.benchMeasure(framework, options)  → throughput of 'convplay' | 'convnetjs' | 'tfjs-cpu' | 'tfjs-wasm'
//   window.benchTimeTo97(options)            → ConvPlay's training time to 97% test accuracy
//   window.benchCores(options)               → ConvPlay training on 1 and 2 workers × SIMD128 and relaxed SIMD
//   window.benchPresetTo97(options)          → the training page's default preset to 97% on N workers
// Everything is served by the local server (the site's CSP allows only same-origin scripts):
// /lib/ = bench/lib, /pkg/ and /pkg-relaxed/ = the two wasm builds, /data/ = www/data,
// /js/ = www/js (the site's own loader and data-parallel training), /node_modules/ = bench/node_modules.
import { parseDigits } from '/lib/digits.mjs';
import { measureConvplay, timeToAccuracy } from '/lib/harness-convplay.mjs';
import { measureConvnetjs } from '/lib/harness-convnetjs.mjs';
import { measureTfjs, useBackend } from '/lib/harness-tfjs.mjs';
import { measureCores, presetTo97 } from '/lib/harness-cores.mjs';

const status = document.getElementById('status');
const now = () => performance.now();

async function digitBytes() {
  const response = await fetch('/data/digits.bin.gz');
  if (!response.ok) throw new Error(`digits: HTTP ${response.status}`);
  const stream = response.body.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(s);
  });
}

async function loadConvplay() {
  const api = await import('/pkg/convplay_wasm.js');
  const exports = await api.default({ module_or_path: '/pkg/convplay_wasm_bg.wasm' });
  return { api, exports };
}

// The ES2017 bundles: the ES5 ones (tf.min.js) carry a regenerator polyfill that evaluates a
// string, which the site's CSP (no 'unsafe-eval') refuses.
async function loadTf(backend) {
  await loadScript('/node_modules/@tensorflow/tfjs/dist/tf.es2017.min.js');
  if (backend === 'wasm') await loadScript('/node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.es2017.min.js');
  const tf = globalThis.tf;
  const info = await useBackend(tf, backend, { wasm: tf.wasm, wasmPaths: new URL('/node_modules/@tensorflow/tfjs-backend-wasm/dist/', location.href).href });
  return { tf, info };
}

const environment = () => ({ where: 'chromium', userAgent: navigator.userAgent, crossOriginIsolated: globalThis.crossOriginIsolated === true });

window.benchMeasure = async (framework, options) => {
  status.textContent = `measuring ${framework}`;
  const data = parseDigits(await digitBytes());
  const o = { ...options, now };
  let result;
  switch (framework) {
    case 'convplay': {
      const { api, exports } = await loadConvplay();
      result = measureConvplay(api, exports, data, o);
      break;
    }
    case 'convnetjs': {
      await loadScript('/node_modules/convnetjs/build/convnet.js');
      result = measureConvnetjs(globalThis.convnetjs, data, o);
      break;
    }
    case 'tfjs-cpu':
    case 'tfjs-wasm': {
      const { tf, info } = await loadTf(framework.slice(5));
      result = { setup: info, ...measureTfjs(tf, data, o) };
      break;
    }
    default:
      throw new Error(`unknown framework ${framework}`);
  }
  status.textContent = `done: ${framework}`;
  return { ...environment(), ...result };
};

window.benchTimeTo97 = async (options) => {
  status.textContent = 'training to 97%';
  const { api } = await loadConvplay();
  const result = timeToAccuracy(api, await digitBytes(), { ...options, now });
  status.textContent = 'done';
  return { ...environment(), ...result };
};

/** The site's modules the multi-core measurements use (served from www/js). */
async function siteModules() {
  const [wasm, digits, pool] = await Promise.all([import('/js/wasm.js'), import('/js/lib/digits.js'), import('/js/workers/shards-pool.js')]);
  return { loadCore: wasm.loadCore, coreBuild: wasm.coreBuild, loadDigits: digits.loadDigits, createShardPool: pool.createShardPool };
}

window.benchCores = async (options) => {
  status.textContent = 'measuring ConvPlay on 1 and 2 workers';
  const cores = await measureCores(await siteModules(), { ...options, now });
  status.textContent = 'done';
  return { ...environment(), hardwareConcurrency: navigator.hardwareConcurrency, cores };
};

window.benchPresetTo97 = async (options) => {
  status.textContent = `default preset to 97% on ${options.workers} worker(s)`;
  const result = await presetTo97(await siteModules(), { ...options, now });
  status.textContent = 'done';
  return { ...environment(), ...result };
};

window.benchReady = true;
status.textContent = 'ready';
