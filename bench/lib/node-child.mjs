// One measurement in a fresh Node process, started by bench/run.mjs with an IPC channel:
//   node bench/lib/node-child.mjs '{"task":"measure","framework":"convplay",...}'
// Sends `{ ok: true, result }` or `{ ok: false, error }` to the parent; progress goes to stderr.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { parseDigits } from './digits.mjs';
import { measureConvplay, memoryRun } from './harness-convplay.mjs';
import { measureConvnetjs } from './harness-convnetjs.mjs';
import { measureTfjs, useBackend } from './harness-tfjs.mjs';
import { sameWeightsCheck } from './same-weights.mjs';

const BENCH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(BENCH, 'package.json'));

async function loadConvplay(pkgDir) {
  const api = await import(pathToFileURL(path.join(pkgDir, 'convplay_wasm.js')).href);
  const exports = await api.default({ module_or_path: fs.readFileSync(path.join(pkgDir, 'convplay_wasm_bg.wasm')) });
  return { api, exports };
}

async function loadTf(backend) {
  // The tfjs package greets Node users on stdout; keep stdout for nothing but that.
  const tf = require('@tensorflow/tfjs');
  let wasm;
  if (backend === 'wasm') wasm = require('@tensorflow/tfjs-backend-wasm');
  const wasmPaths = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
  const info = await useBackend(tf, backend, { wasm, wasmPaths });
  return { tf, info };
}

async function run(task) {
  const digitsBytes = fs.readFileSync(task.digitsPath);
  const data = parseDigits(digitsBytes);
  const o = { ...task.options, now: () => performance.now() };
  const env = { where: 'node', node: process.version, v8: process.versions.v8 };
  switch (task.task) {
    case 'measure':
      switch (task.framework) {
        case 'convplay': {
          const { api, exports } = await loadConvplay(task.pkgDir);
          return { ...env, ...measureConvplay(api, exports, data, o) };
        }
        case 'convnetjs': {
          const convnetjs = require('convnetjs');
          return { ...env, ...measureConvnetjs(convnetjs, data, o) };
        }
        case 'tfjs-cpu':
        case 'tfjs-wasm': {
          const { tf, info } = await loadTf(task.framework.slice(5));
          return { ...env, setup: info, ...measureTfjs(tf, data, o) };
        }
        default:
          throw new Error(`unknown framework ${task.framework}`);
      }
    case 'memory': {
      const { api, exports } = await loadConvplay(task.pkgDir);
      return {
        ...env,
        ...memoryRun(api, exports, data, {
          warmup: task.warmup,
          steps: task.steps,
          onProgress: (n) => process.stderr.write(`    memory: ${n} / ${task.steps} steps\n`),
        }),
      };
    }
    case 'same-weights': {
      const { api } = await loadConvplay(task.pkgDir);
      const { tf, info } = await loadTf('cpu');
      return { ...env, setup: info, ...sameWeightsCheck(api, tf, data, task) };
    }
    default:
      throw new Error(`unknown task ${task.task}`);
  }
}

const task = JSON.parse(process.argv[2]);
try {
  const result = await run(task);
  process.send({ ok: true, result }, () => process.exit(0));
} catch (err) {
  process.send({ ok: false, error: err?.stack ?? String(err) }, () => process.exit(1));
}
