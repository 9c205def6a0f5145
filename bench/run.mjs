// ConvPlay against its in-browser peers on LeNet-5 (44,426 parameters, batch 32, plain SGD,
// real digits): training samples/s and inference images/s in headless Chromium and in Node,
// plus ConvPlay's native numbers (from scripts/bench), batch-1 latency, a same-weights check
// against TF.js, memory over 10,000 steps, time to 97% test accuracy, and the wasm size.
//
// Usually run through scripts/bench, which builds everything first. Directly:
//   node bench/run.mjs [--rounds N] [--quick] [--seconds S] [--json]
//
// Every measurement runs in a fresh process: a new headless Chromium per framework, a new Node
// child per framework, frameworks interleaved round by round; each process warms up before it
// is timed, and the table shows the median over the rounds. Progress goes to stderr; the table
// to stdout (to stderr with --json, which prints the JSON on stdout). The full results are
// written to bench/results/latest.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fork, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/server.mjs';
import { PARAMETERS, BATCH, SPEED_LR } from './lib/lenet.mjs';
import { median } from './lib/timing.mjs';
import { fmt, ratio, table } from './lib/report.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');
const WWW = path.join(ROOT, 'www');

const ALL_FRAMEWORKS = [
  { id: 'convplay', name: 'ConvPlay wasm' },
  { id: 'convnetjs', name: 'ConvNetJS 0.3.0' },
  { id: 'tfjs-cpu', name: 'TF.js 4.22.0 cpu' },
  { id: 'tfjs-wasm', name: 'TF.js 4.22.0 wasm' },
];
let FRAMEWORKS = ALL_FRAMEWORKS;
const PLACES = [
  { id: 'chromium', name: 'Chromium' },
  { id: 'node', name: 'Node' },
];
const NATIVE = [
  { id: 'x86-64', name: 'native x86-64', flags: 'default RUSTFLAGS' },
  { id: 'native', name: 'native this CPU', flags: "RUSTFLAGS='-C target-cpu=native'" },
];
const LR_97 = 0.1;

const USAGE = `usage: node bench/run.mjs [--rounds N] [--quick] [--seconds S] [--only IDS] [--json]
  --rounds N    rounds of every framework in every place (default 5; median reported)
  --only IDS    measure only these (comma-separated: ${ALL_FRAMEWORKS.map((f) => f.id).join(', ')}, cores = ConvPlay on 1 and 2 workers × both builds)
  --quick       a short run: 1 round, 0.5 s per measurement, 1,000 memory steps, 60 s cap to 97%
  --seconds S   minimum timed seconds per measurement (default 1.5)
  --json        print the results as JSON on stdout (the table goes to stderr)
Environment: CONVPLAY_DIGITS (un-gzipped digit file; else www/data/digits.bin.gz is unpacked),
CONVPLAY_BENCH_NATIVE_DIR (native results written by scripts/bench), CHROMIUM (browser path).`;

function parseArgs(argv) {
  const o = { rounds: 5, seconds: 1.5, warmupSeconds: 0.5, latencySeconds: 1, memorySteps: 10_000, capSeconds: 180, json: false, quick: false };
  let roundsGiven = false;
  let secondsGiven = false;
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) die(`${a} needs a positive number\n${USAGE}`);
      return v;
    };
    if (a === '--rounds') {
      o.rounds = Math.round(value());
      roundsGiven = true;
    } else if (a === '--seconds') {
      o.seconds = value();
      secondsGiven = true;
    } else if (a === '--only') {
      o.only = String(argv[++i] ?? '').split(',');
      const bad = o.only.filter((id) => id !== 'cores' && !ALL_FRAMEWORKS.some((f) => f.id === id));
      if (bad.length || !o.only.length) die(`--only takes framework ids, got ${bad.join(', ') || 'nothing'}\n${USAGE}`);
    } else if (a === '--quick') o.quick = true;
    else if (a === '--json') o.json = true;
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else die(`unknown argument ${a}\n${USAGE}`);
  }
  if (o.quick) {
    if (!roundsGiven) o.rounds = 1;
    if (!secondsGiven) o.seconds = 0.5;
    o.warmupSeconds = 0.2;
    o.latencySeconds = 0.3;
    o.memorySteps = 1_000;
    o.capSeconds = 60;
  }
  return o;
}

function die(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

const log = (message) => process.stderr.write(`${message}\n`);

// ── inputs ────────────────────────────────────────────────────────────────────────────────

/** Copy the wasm package aside so a rebuild of www/pkg during the run cannot mix two builds. */
function snapshotPkg(tmp, name = 'pkg') {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  for (const f of ['convplay_wasm.js', 'convplay_wasm_bg.wasm']) {
    const src = path.join(WWW, name, f);
    if (!fs.existsSync(src)) die(`${path.relative(ROOT, src)} is missing: build the wasm first (scripts/build)`);
    fs.copyFileSync(src, path.join(dir, f));
  }
  // Lets Node import the ES module convplay_wasm.js from this folder.
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  const wasm = fs.readFileSync(path.join(dir, 'convplay_wasm_bg.wasm'));
  return {
    dir,
    wasmBytes: wasm.length,
    wasmGzipBytes: zlib.gzipSync(wasm, { level: 9 }).length,
    wasmSha256: crypto.createHash('sha256').update(wasm).digest('hex'),
    wasmModified: fs.statSync(path.join(WWW, name, 'convplay_wasm_bg.wasm')).mtime.toISOString(),
  };
}

function digitsFile(tmp) {
  if (process.env.CONVPLAY_DIGITS) return process.env.CONVPLAY_DIGITS;
  const file = path.join(tmp, 'digits.bin');
  fs.writeFileSync(file, zlib.gunzipSync(fs.readFileSync(path.join(WWW, 'data', 'digits.bin.gz'))));
  return file;
}

function readNative() {
  const dir = process.env.CONVPLAY_BENCH_NATIVE_DIR;
  const out = {};
  for (const v of NATIVE) {
    if (!dir) {
      out[v.id] = { error: 'not run (scripts/bench runs the native benchmark)' };
      continue;
    }
    const json = path.join(dir, `${v.id}.json`);
    const err = path.join(dir, `${v.id}.error`);
    if (fs.existsSync(json)) {
      const line = fs.readFileSync(json, 'utf8').split('\n').find((l) => l.startsWith('{"framework":"convplay-native"'));
      try {
        const r = JSON.parse(line);
        if (r.parameters !== PARAMETERS) throw new Error(`the native benchmark reports ${r.parameters} parameters, not ${PARAMETERS}`);
        if (r.input !== 'digits') throw new Error(`the native benchmark trained on ${r.input}, not the real digits`);
        out[v.id] = { ...r, flags: v.flags };
      } catch (e) {
        out[v.id] = { error: `unreadable result: ${e.message}` };
      }
    } else if (fs.existsSync(err)) {
      out[v.id] = { error: fs.readFileSync(err, 'utf8').trim() };
    } else {
      out[v.id] = { error: 'no result' };
    }
  }
  return out;
}

function machine(chromiumVersion) {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const flags = cpuinfo.match(/^flags\s*:\s*(.+)$/m)?.[1].split(' ') ?? [];
  let rustc = null;
  try {
    rustc = execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    /* not needed for the JavaScript part */
  }
  return {
    cpu: model,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    cpuFeatures: ['avx2', 'fma', 'avx512f'].filter((f) => flags.includes(f)),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg(),
    chromium: chromiumVersion,
    node: process.version,
    rustc,
    os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
  };
}

// ── runners ───────────────────────────────────────────────────────────────────────────────

/** Run a task in a fresh Node process (bench/lib/node-child.mjs); resolves to its result. */
function inNode(task, label) {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(BENCH, 'lib', 'node-child.mjs'), [JSON.stringify(task)], {
      cwd: BENCH,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let message = null;
    let stderr = '';
    const relay = (chunk) => {
      for (const line of String(chunk).split('\n')) {
        // TF.js's greeting to Node users (it suggests its native backend); not ours to show.
        if (!line.trim() || /^=+$|tfjs-node|looks like you are running TensorFlow\.js/.test(line)) continue;
        stderr += `${line}\n`;
        if (/^\s{4}/.test(line)) log(line); // progress lines from the child
      }
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15 * 60 * 1000);
    child.on('message', (m) => {
      message = m;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (message?.ok) resolve(message.result);
      else if (message) reject(new Error(message.error));
      else reject(new Error(`${label}: the Node process exited (${signal ?? code}) without a result\n${stderr.slice(-2000)}`));
    });
  });
}

let chromiumVersion = null;

/** Open the benchmark page in a fresh headless Chromium and call `window[fn](...args)` there. */
async function inChromium(origin, fn, args) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  chromiumVersion ??= browser.version();
  const problems = [];
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    // Nothing may leave the local server.
    await context.route('**/*', (route) => {
      const target = route.request().url();
      if (/^(data|blob):/.test(target) || new URL(target).origin === origin) return route.continue();
      problems.push(`request to another origin: ${target}`);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
    });
    await page.goto(`${origin}/index.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 30_000 }).catch(() => {
      throw new Error(`the benchmark page did not get ready: ${problems.join('; ') || 'no error shown'}`);
    });
    const result = await page.evaluate(([name, a]) => window[name](...a), [fn, args]);
    if (problems.length) throw new Error(problems.join('\n'));
    return result;
  } catch (err) {
    if (problems.length && !err.message.includes(problems[0])) err.message += `\n${problems.join('\n')}`;
    throw err;
  } finally {
    await browser.close();
  }
}

// ── the run ───────────────────────────────────────────────────────────────────────────────

const opts = parseArgs(process.argv.slice(2));
if (opts.only) FRAMEWORKS = ALL_FRAMEWORKS.filter((f) => opts.only.includes(f.id));
const CORES = !opts.only || opts.only.includes('cores');
const started = Date.now();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'convplay-bench-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
const pkg = snapshotPkg(tmp);
const pkgRelaxed = snapshotPkg(tmp, 'pkg-relaxed');
const digitsPath = digitsFile(tmp);
const server = await startServer({
  root: path.join(BENCH, 'pages'),
  port: 0,
  mounts: {
    '/pkg/': pkg.dir,
    '/pkg-relaxed/': pkgRelaxed.dir,
    '/js/': path.join(WWW, 'js'),
    '/data/': path.join(WWW, 'data'),
    '/node_modules/': path.join(BENCH, 'node_modules'),
    '/lib/': path.join(BENCH, 'lib'),
  },
});
const measureOptions = { seconds: opts.seconds, warmupSeconds: opts.warmupSeconds, latencySeconds: opts.latencySeconds, lr: SPEED_LR };
const nodeTask = (extra) => ({ pkgDir: pkg.dir, digitsPath, options: measureOptions, ...extra });
const failures = [];

log(`ConvPlay benchmark: ${opts.rounds} round(s), ≥ ${opts.seconds} s per measurement, wasm ${pkg.wasmSha256.slice(0, 12)} (${fmt(pkg.wasmBytes)} bytes)`);

// Same weights, same batch.
log('same weights, same batch: ConvPlay and TF.js cpu, one SGD step (Node)');
let sameWeights;
try {
  sameWeights = await inNode(nodeTask({ task: 'same-weights', lr: 0.01, batchIndex: 0 }), 'same weights');
  log(`    ${sameWeights.pass ? 'PASS' : 'FAIL'}: after the step ${sameWeights.after.convplay} vs ${sameWeights.after.tfjs}`);
} catch (err) {
  sameWeights = { pass: false, error: err.message };
  log(`    failed: ${err.message}`);
}
if (!sameWeights.pass) failures.push('same-weights check');

// Throughput rounds.
const runs = {}; // `${framework}@${place}` → [{ round, result } | { round, error }]
for (let round = 1; round <= opts.rounds; round += 1) {
  for (const place of PLACES) {
    for (const fw of FRAMEWORKS) {
      const key = `${fw.id}@${place.id}`;
      const t = Date.now();
      let entry;
      try {
        const result =
          place.id === 'node'
            ? await inNode(nodeTask({ task: 'measure', framework: fw.id }), `${fw.name} in Node`)
            : await inChromium(server.url, 'benchMeasure', [fw.id, measureOptions]);
        entry = { round, result };
        const train = result.trainUnavailable ? 'train —' : `train ${fmt(result.trainSamplesPerSec)} samples/s`;
        log(`[round ${round}/${opts.rounds}] ${fw.name} in ${place.name}: ${train}, infer ${fmt(result.inferImagesPerSec)} images/s (${((Date.now() - t) / 1000).toFixed(1)} s)`);
      } catch (err) {
        entry = { round, error: err.message };
        log(`[round ${round}/${opts.rounds}] ${fw.name} in ${place.name}: FAILED: ${err.message.split('\n')[0]}`);
      }
      (runs[key] ??= []).push(entry);
    }
  }
}

// ConvPlay on 1 and 2 workers × both builds (Chromium), one fresh browser per round; then the
// training page's default preset to 97% on 1 and on 2 workers.
const coreRuns = [];
const presetRuns = {};
if (CORES) {
  for (let round = 1; round <= opts.rounds; round += 1) {
    const t = Date.now();
    try {
      const r = await inChromium(server.url, 'benchCores', [measureOptions]);
      coreRuns.push({ round, result: r });
      const line = Object.values(r.cores).map((c) => `${c.build} × ${c.workers}: ${fmt(c.trainSamplesPerSec)}`).join(', ');
      log(`[round ${round}/${opts.rounds}] ConvPlay workers × builds in Chromium: ${line} samples/s (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    } catch (err) {
      coreRuns.push({ round, error: err.message });
      log(`[round ${round}/${opts.rounds}] ConvPlay workers × builds: FAILED: ${err.message.split('\n')[0]}`);
    }
  }
  for (const workers of [1, 2]) {
    log(`time to 97%: the training page's default preset on ${workers} worker(s), cap ${Math.min(opts.capSeconds, 60)} s`);
    try {
      presetRuns[workers] = await inChromium(server.url, 'benchPresetTo97', [{ workers, target: 0.97, every: 250, capSeconds: Math.min(opts.capSeconds, 60), seed: 1 }]);
      const p = presetRuns[workers];
      log(`    ${p.reached ? 'reached' : 'not reached'} after ${fmt(p.steps)} steps, ${p.trainSeconds.toFixed(1)} s of training (${p.build})`);
    } catch (err) {
      presetRuns[workers] = { error: err.message };
      log(`    failed: ${err.message.split('\n')[0]}`);
    }
  }
}

// Memory.
log(`memory: ConvPlay trains ${fmt(opts.memorySteps)} steps of batch ${BATCH} (Node)`);
let memory;
try {
  memory = await inNode(nodeTask({ task: 'memory', warmup: 100, steps: opts.memorySteps }), 'memory');
  log(`    ${fmt(memory.bytesAfterWarmup)} → ${fmt(memory.bytesAfterSteps)} bytes`);
} catch (err) {
  memory = { error: err.message };
  failures.push('memory run');
  log(`    failed: ${err.message.split('\n')[0]}`);
}

// Time to 97%.
log(`time to 97%: ConvPlay wasm in Chromium, SGD lr ${LR_97}, cap ${opts.capSeconds} s of training`);
let to97;
try {
  to97 = await inChromium(server.url, 'benchTimeTo97', [{ lr: LR_97, target: 0.97, every: 250, capSeconds: opts.capSeconds, seed: 1 }]);
  log(`    ${to97.reached ? 'reached' : 'not reached'} after ${fmt(to97.steps)} steps, ${to97.trainSeconds.toFixed(1)} s of training`);
} catch (err) {
  to97 = { error: err.message };
  failures.push('time to 97%');
  log(`    failed: ${err.message.split('\n')[0]}`);
}
await server.close();

// ── summary ───────────────────────────────────────────────────────────────────────────────

const summary = {};
for (const [key, entries] of Object.entries(runs)) {
  const ok = entries.filter((e) => e.result).map((e) => e.result);
  const pick = (f) => ok.map(f).filter((x) => Number.isFinite(x));
  const spread = (values) => (values.length ? { median: median(values), min: Math.min(...values), max: Math.max(...values), values } : null);
  summary[key] = {
    rounds: entries.length,
    succeeded: ok.length,
    errors: entries.filter((e) => e.error).map((e) => `round ${e.round}: ${e.error}`),
    trainSamplesPerSec: spread(pick((r) => r.trainSamplesPerSec)),
    inferImagesPerSec: spread(pick((r) => r.inferImagesPerSec)),
    latencyMs: spread(pick((r) => r.latencyMs)),
    trainUnavailable: ok.find((r) => r.trainUnavailable)?.trainUnavailable ?? null,
    setup: ok[0]?.setup ?? null,
    parameters: ok[0]?.parameters ?? null,
  };
  if (ok.length === 0) failures.push(key);
}
const native = readNative();
for (const v of NATIVE) {
  if (process.env.CONVPLAY_BENCH_NATIVE_DIR && native[v.id].error && !native[v.id].error.startsWith('skipped')) failures.push(`ConvPlay ${v.name}`);
}
const med = (key, what) => summary[key]?.[what]?.median ?? null;
const coreSummary = {};
for (const build of ['simd128', 'relaxed']) {
  for (const workers of [1, 2]) {
    const key = `${build}×${workers}`;
    const values = coreRuns.filter((r) => r.result).map((r) => r.result.cores[key]?.trainSamplesPerSec).filter((x) => Number.isFinite(x));
    coreSummary[key] = values.length ? { median: median(values), min: Math.min(...values), max: Math.max(...values), values } : null;
  }
}
if (CORES && coreRuns.every((r) => r.error)) failures.push('ConvPlay workers × builds');
const results = {
  benchmark: {
    network: 'LeNet-5, valid convolutions: conv 5×5×6 → ReLU → max-pool 2 → conv 5×5×16 → ReLU → max-pool 2 → flatten 256 → dense 120 → ReLU → dense 84 → ReLU → dense 10, softmax cross-entropy (mean over the batch)',
    parameters: PARAMETERS,
    batch: BATCH,
    optimizer: `plain SGD, lr ${SPEED_LR}, no momentum, no weight decay`,
    data: 'www/data/digits.bin.gz: 8,000 training digits cycled in order in batches of 32; inference on batches of 32 test digits',
    rounds: opts.rounds,
    secondsPerMeasurement: opts.seconds,
    warmupSeconds: opts.warmupSeconds,
    method: 'one fresh process per framework and place per round (new headless Chromium, new Node child), frameworks interleaved round by round, warm-up inside each process, time-based loops, median over rounds',
  },
  machine: machine(chromiumVersion),
  wasm: { file: 'www/pkg/convplay_wasm_bg.wasm', bytes: pkg.wasmBytes, gzip9Bytes: pkg.wasmGzipBytes, sha256: pkg.wasmSha256, modified: pkg.wasmModified },
  results: summary,
  rounds: runs,
  native,
  sameWeights,
  memory,
  timeTo97: to97,
  cores: { summary: coreSummary, rounds: coreRuns, hardwareConcurrency: coreRuns.find((r) => r.result)?.result.hardwareConcurrency ?? null },
  presetTo97: presetRuns,
  failures,
  seconds: (Date.now() - started) / 1000,
};

// Table.
const rows = [];
const notes = [];
const noteFor = (text) => {
  let i = notes.indexOf(text);
  if (i < 0) i = notes.push(text) - 1;
  return `—${'¹²³⁴⁵⁶⁷⁸⁹'[i] ?? `(${i + 1})`}`;
};
const cell = (key, what) => {
  const s = summary[key];
  if (!s?.succeeded) return noteFor(`${key}: failed: ${s?.errors?.[0]?.split('\n')[0] ?? 'not run'}`);
  if (what === 'trainSamplesPerSec' && s.trainUnavailable) return noteFor(`${key.split('@')[0]}: ${s.trainUnavailable}`);
  return fmt(med(key, what));
};
for (const fw of FRAMEWORKS) {
  for (const place of PLACES) {
    const key = `${fw.id}@${place.id}`;
    const ours = `convplay@${place.id}`;
    const mine = fw.id === 'convplay';
    rows.push([
      fw.name,
      place.name,
      cell(key, 'trainSamplesPerSec'),
      cell(key, 'inferImagesPerSec'),
      mine ? '' : ratio(med(ours, 'trainSamplesPerSec'), summary[key]?.trainUnavailable ? null : med(key, 'trainSamplesPerSec')),
      mine ? '' : ratio(med(ours, 'inferImagesPerSec'), med(key, 'inferImagesPerSec')),
    ]);
  }
  if (fw.id === 'convplay') {
    for (const v of NATIVE) {
      const n = native[v.id];
      rows.push([
        'ConvPlay',
        v.name,
        n.error ? noteFor(`${v.name}: ${n.error.split('\n')[0]}`) : fmt(n.trainSamplesPerSec),
        n.error ? '—' : fmt(n.inferImagesPerSec),
        n.error ? '' : ratio(med('convplay@chromium', 'trainSamplesPerSec'), n.trainSamplesPerSec),
        n.error ? '' : ratio(med('convplay@chromium', 'inferImagesPerSec'), n.inferImagesPerSec),
      ]);
    }
  }
}

const m = results.machine;
const lines = [];
lines.push(
  `ConvPlay vs peers — LeNet-5 (${fmt(PARAMETERS)} parameters), batch ${BATCH}, plain SGD (lr ${SPEED_LR}), real digits; median of ${opts.rounds} round(s), ≥ ${opts.seconds} s each`,
  '',
  table(['framework', 'where', 'train samples/s', 'infer images/s', 'ConvPlay ÷ this (train)', '(infer)'], rows, ['l', 'l', 'r', 'r', 'r', 'r']),
  '',
  'Ratios: ConvPlay wasm in the same place (Chromium or Node) ÷ the row; native rows: ConvPlay wasm in Chromium ÷ native.',
);
notes.forEach((n, i) => lines.push(`${'¹²³⁴⁵⁶⁷⁸⁹'[i] ?? `(${i + 1})`} ${n}`));
lines.push('');
if (CORES) {
  const c = (key) => coreSummary[key]?.median ?? null;
  const peer = (id) => med(`${id}@chromium`, 'trainSamplesPerSec');
  const coreRows = ['simd128', 'relaxed'].map((build) => [
    build === 'simd128' ? 'SIMD128 (www/pkg)' : 'relaxed SIMD (www/pkg-relaxed)',
    c(`${build}×1`) == null ? '—' : fmt(c(`${build}×1`)),
    c(`${build}×2`) == null ? '—' : fmt(c(`${build}×2`)),
    ratio(c(`${build}×2`), c(`${build}×1`)),
    `${ratio(c(`${build}×1`), peer('convnetjs'))} / ${ratio(c(`${build}×2`), peer('convnetjs'))}`,
    `${ratio(c(`${build}×1`), peer('tfjs-cpu'))} / ${ratio(c(`${build}×2`), peer('tfjs-cpu'))}`,
  ]);
  lines.push(
    `ConvPlay on 1 and 2 workers (Chromium, the site's data-parallel training; LeNet-5, batch ${BATCH}, plain SGD, the core's own shuffled batches; median of ${coreRuns.filter((r) => r.result).length} round(s)):`,
    table(['build', '1 worker samples/s', '2 workers samples/s', '2 ÷ 1', '÷ ConvNetJS (1 / 2 workers)', '÷ TF.js cpu (1 / 2 workers)'], coreRows, ['l', 'r', 'r', 'r', 'r', 'r']),
    `relaxed ÷ SIMD128: ${ratio(c('relaxed×1'), c('simd128×1'))} on 1 worker, ${ratio(c('relaxed×2'), c('simd128×2'))} on 2 workers (navigator.hardwareConcurrency ${results.cores.hardwareConcurrency ?? '—'})`,
  );
  const p97 = (w) => {
    const p = presetRuns[w];
    if (!p || p.error) return `${w} worker(s): failed (${p?.error?.split('\n')[0] ?? 'not run'})`;
    return p.reached ? `${w} worker(s) ${p.trainSeconds.toFixed(1)} s (${fmt(p.steps)} steps)` : `${w} worker(s) not reached in ${p.trainSeconds.toFixed(0)} s (best ${p.accuracy.toFixed(4)})`;
  };
  lines.push(`time to 97% with the training page's default preset (Tiny CNN, Adam lr ${presetRuns[1]?.preset?.lr ?? 0.002}, batch 32, the browser's build, all test digits every 250 steps, evaluation excluded): ${p97(1)}; ${p97(2)}`, '');
}
const nx = native['x86-64'];
if (!nx.error) {
  const wx = (place, what, nat) => ratio(med(`convplay@${place}`, what), nat);
  lines.push(
    `wasm ÷ native x86-64: train ${wx('chromium', 'trainSamplesPerSec', nx.trainSamplesPerSec)} (Chromium), ${wx('node', 'trainSamplesPerSec', nx.trainSamplesPerSec)} (Node); ` +
      `infer ${wx('chromium', 'inferImagesPerSec', nx.inferImagesPerSec)} (Chromium), ${wx('node', 'inferImagesPerSec', nx.inferImagesPerSec)} (Node)`,
  );
} else {
  lines.push(`wasm ÷ native x86-64: — (native: ${nx.error.split('\n')[0]})`);
}
const lat = (v) => (v == null ? '—' : `${v.toFixed(3)} ms`);
lines.push(
  `batch-1 latency (ConvPlay predict, median): wasm ${lat(med('convplay@chromium', 'latencyMs'))} (Chromium), ${lat(med('convplay@node', 'latencyMs'))} (Node); ` +
    `native ${lat(native['x86-64'].latencyMs)} (x86-64), ${lat(native.native.latencyMs)} (this CPU)`,
);
if (sameWeights.error) {
  lines.push(`same weights, same batch: FAIL (${sameWeights.error.split('\n')[0]})`);
} else {
  const l = (x) => x.toFixed(7);
  lines.push(
    `same weights, same batch (Node; ConvPlay seed-1 weights copied into TF.js cpu; one SGD step, lr ${sameWeights.lr}, on the first ${BATCH} training digits):`,
    `    loss before the step: ConvPlay ${l(sameWeights.before.convplay)}, TF.js ${l(sameWeights.before.tfjs)}, relative difference ${sameWeights.before.relDiff.toExponential(2)}`,
    `    loss after the step:  ConvPlay ${l(sameWeights.after.convplay)}, TF.js ${l(sameWeights.after.tfjs)}, relative difference ${sameWeights.after.relDiff.toExponential(2)}`,
    `    weights after the step differ by at most ${sameWeights.weightsAfterStep.maxAbsDiff.toExponential(2)} (largest weight ${sameWeights.weightsAfterStep.maxAbsWeight.toFixed(3)}); the step moved the loss by ${(100 * sameWeights.stepMovedLossRel).toFixed(1)}%`,
    `    ${sameWeights.pass ? 'PASS' : 'FAIL'} (tolerance ${sameWeights.tolerance} relative)`,
  );
}
lines.push(
  memory.error
    ? `memory: failed (${memory.error.split('\n')[0]})`
    : `memory (Node, ConvPlay wasm linear memory): ${fmt(memory.bytesAfterWarmup)} bytes after ${memory.warmupSteps} warm-up steps, ${fmt(memory.bytesAfterSteps)} after ${fmt(memory.steps)} more steps of batch ${memory.batch} → ${memory.flat ? 'flat (no growth)' : `grew by ${fmt(memory.grewBytes)} bytes`}`,
);
lines.push(
  to97.error
    ? `time to 97%: failed (${to97.error.split('\n')[0]})`
    : to97.reached
      ? `time to 97% test accuracy (ConvPlay wasm in Chromium, plain SGD lr ${to97.lr}, batch ${BATCH}, all ${fmt(to97.testDigits)} test digits checked every ${to97.every} steps): ${fmt(to97.steps)} steps, ${to97.trainSeconds.toFixed(1)} s of training (evaluation time excluded: ${to97.evalSeconds.toFixed(1)} s)`
      : `time to 97% test accuracy (ConvPlay wasm in Chromium, plain SGD lr ${to97.lr}): not reached within ${to97.capSeconds} s of training (${fmt(to97.steps)} steps, best ${Math.max(...to97.curve.map((c) => c.testAccuracy)).toFixed(4)})`,
);
lines.push(`wasm size: ${fmt(pkg.wasmBytes)} bytes raw, ${fmt(pkg.wasmGzipBytes)} bytes gzipped (level 9)`);
lines.push(
  `machine: ${m.cpu}, ${m.cores} cores${m.cpuFeatures.length ? ` (${m.cpuFeatures.join(', ')})` : ''}; Chromium ${m.chromium ?? '—'}; Node ${m.node}; ${m.rustc ?? 'rustc —'}; load average at the end ${m.loadAverage.map((x) => x.toFixed(2)).join(' ')}; ${m.date}`,
);
if (failures.length) lines.push('', `FAILED: ${failures.join(', ')}`);
const text = lines.join('\n');

fs.mkdirSync(path.join(BENCH, 'results'), { recursive: true });
const out = path.join(BENCH, 'results', 'latest.json');
fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
if (opts.json) {
  process.stderr.write(`${text}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  process.stdout.write(`\n${text}\n\nresults: ${path.relative(process.cwd(), out) || out} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}
process.exitCode = failures.length ? 1 : 0;
