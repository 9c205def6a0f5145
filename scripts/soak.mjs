// The soak: the training page trains for a long time (10 minutes by default) in headless
// Chromium, and we watch what should stay flat: the wasm memory of the trainer worker and of the
// page, the renderer's memory (JS heap, DOM nodes, the renderer processes' resident memory) and
// the speed (samples/s as the page shows it, steps × batch over wall-clock time, and per CPU-second
// the renderer got: on a shared machine the first two follow the machine's load, the last one
// follows the page).
//
// Usage: node scripts/soak.mjs [--minutes M] [--every S] [--query '?preset=cnn'] [--json FILE]
// (scripts/soak runs it after the setup and a release build.)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from './server.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = createRequire(path.join(ROOT, 'tests', 'package.json'))('playwright-core');

function options(argv) {
  const opts = { minutes: 10, every: 15, query: '', json: null };
  for (let i = 0; i < argv.length; i += 1) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === '--minutes') opts.minutes = Number(value);
    else if (key === '--every') opts.every = Number(value);
    else if (key === '--query') opts.query = value;
    else if (key === '--json') opts.json = value;
    else if (key === '--help' || key === '-h') {
      console.log('node scripts/soak.mjs [--minutes M (10)] [--every S (15)] [--query "?preset=cnn"] [--json FILE]');
      process.exit(0);
    } else throw new Error(`soak: unknown option ${key}`);
    i += 1;
  }
  if (!(opts.minutes > 0) || !(opts.every > 0)) throw new Error('soak: --minutes and --every must be positive');
  return opts;
}

const MB = 1024 * 1024;
const mb = (bytes) => (bytes / MB).toFixed(1);
const count = (n) => Math.round(n).toLocaleString('en-US');
const pct = (x) => (Number.isFinite(x) ? `${Math.round(100 * x)} %` : '—');

/**
 * The browser's renderer processes (the page's main thread and the trainer worker run in one):
 * their resident memory in bytes, from /proc (Linux; null elsewhere), and the CPU time they have
 * used in seconds, from the browser's own process list.
 */
async function renderers(browserCdp) {
  const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
  const list = processInfo.filter((p) => p.type === 'renderer');
  let rss = fs.existsSync('/proc') ? 0 : null;
  for (const { id } of list) {
    try {
      const resident = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${id}/status`, 'utf8'));
      if (resident && rss !== null) rss += Number(resident[1]) * 1024;
    } catch {
      rss = null;
    }
  }
  return { rss, cpu: list.reduce((t, p) => t + p.cpuTime, 0) };
}

/**
 * How fast this machine is right now, apart from the page: a fresh tiny CNN trained for `steps`
 * steps by the same core in Node (samples/s). Taken at the start and the end, it tells a slower
 * page from a busier machine.
 */
async function machineSpeed(steps = 300) {
  const pkg = path.join(ROOT, 'www', 'pkg');
  const core = await import(pathToFileURL(path.join(pkg, 'convplay_wasm.js')).href);
  core.initSync({ module: fs.readFileSync(path.join(pkg, 'convplay_wasm_bg.wasm')) });
  const digits = new core.Digits(zlib.gunzipSync(fs.readFileSync(path.join(ROOT, 'www', 'data', 'digits.bin.gz'))));
  const trainer = new core.Trainer(
    { input: Array.from(digits.shape()), seed: 1, layers: core.parseLayers('c8k5_relu_mp2_c16k5_relu_mp2_fl_d64_relu_d10') },
    { optimizer: { kind: 'adam', lr: 0.002, weightDecay: 0 }, batchSize: 32, seed: 1 },
  );
  try {
    trainer.train(digits, 20);
    const t0 = performance.now();
    trainer.train(digits, steps);
    return (steps * 32 * 1000) / (performance.now() - t0);
  } finally {
    trainer.free();
    digits.free();
  }
}

/**
 * A DevTools session on the trainer worker (through the browser's session): `send(method, params)`.
 * The worker's JS heap is not in the page's performance.memory.
 */
async function workerSession(browserCdp) {
  const { targetInfos } = await browserCdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'worker' && t.url.endsWith('/js/workers/trainer.js'));
  if (!worker) return null;
  const { sessionId } = await browserCdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  const pending = new Map();
  let next = 1;
  browserCdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message);
    pending.get(reply.id)?.(reply.result ?? null);
    pending.delete(reply.id);
  });
  return {
    send(method, params = {}) {
      const id = next;
      next += 1;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        browserCdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      });
    },
  };
}

/** One sample of everything the soak watches. */
async function sample(page, cdp, browserCdp, worker, t0) {
  const inPage = await page.evaluate(async () => {
    const { currentDemo } = await import('/js/demo.js');
    const wasm = await import('/js/wasm.js');
    const worker = await currentDemo().demo.trainer().request('memory');
    const step = document.getElementById('stat-step');
    const sps = document.getElementById('stat-sps');
    return {
      steps: Number(step.dataset.value),
      shownSps: Number(sps.dataset.value ?? 0),
      workerWasm: worker.wasmBytes,
      pageWasm: wasm.coreMemory(await wasm.loadCore()).buffer.byteLength,
      jsHeap: performance.memory?.usedJSHeapSize ?? null,
      batch: Number(new URLSearchParams(location.search).get('batch') ?? 32),
      running: document.documentElement.dataset.training,
      message: document.getElementById('train-message')?.textContent ?? '',
    };
  });
  const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? null;
  const proc = await renderers(browserCdp);
  const workerHeap = worker ? (await worker.send('Runtime.getHeapUsage'))?.usedSize ?? null : null;
  return {
    t: (Date.now() - t0) / 1000, ...inPage, workerHeap, domNodes: nodes, listeners: jsEventListeners, rendererRss: proc.rss, rendererCpu: proc.cpu,
    mainThreadBusy: metric('TaskDuration'), loadAverage: fs.existsSync('/proc/loadavg') ? Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]) : null,
  };
}

/** The mean of `key` over samples, and the wall-clock samples/s between the first and last of them. */
function summary(samples) {
  const mean = (key) => samples.reduce((s, x) => s + (x[key] ?? 0), 0) / samples.length;
  const [a, b] = [samples[0], samples.at(-1)];
  const wall = b.t > a.t ? ((b.steps - a.steps) * b.batch) / (b.t - a.t) : NaN;
  const cpu = b.rendererCpu - a.rendererCpu;
  return {
    from: a.t, to: b.t, shownSps: mean('shownSps'), wallSps: wall, perCpuSecond: cpu > 0 ? ((b.steps - a.steps) * b.batch) / cpu : NaN,
    workerWasm: b.workerWasm, pageWasm: b.pageWasm, jsHeap: mean('jsHeap'), workerHeap: mean('workerHeap'), rendererRss: mean('rendererRss'), domNodes: mean('domNodes'), listeners: mean('listeners'),
    mainBusy: mean('mainBusy'), cpuShare: mean('cpuShare'), loadAverage: mean('loadAverage'),
  };
}

async function main() {
  const opts = options(process.argv.slice(2));
  const server = await startServer({ root: path.join(ROOT, 'www'), port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
  const browserCdp = await browser.newBrowserCDPSession();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${server.url}/demos/train.html${opts.query}`);
    await page.waitForFunction(() => document.getElementById('play')?.disabled === false && document.getElementById('stat-step')?.dataset.value === '0', null, { timeout: 60000 });
    const worker = await workerSession(browserCdp);
    const machineBefore = await machineSpeed();
    await page.click('#play');
    const t0 = Date.now();
    const samples = [];
    console.log(`soak: training ${opts.query || 'the default tiny CNN'} for ${opts.minutes} min, a sample every ${opts.every} s`);
    console.log('  time    steps  samples/s shown   wall  worker wasm  page wasm  JS heap page/worker  renderer RSS  DOM nodes  main thread  renderer CPU  load');
    let last = null;
    while ((Date.now() - t0) / 60000 < opts.minutes) {
      await page.waitForTimeout(opts.every * 1000);
      const s = await sample(page, cdp, browserCdp, worker, t0);
      const wall = last ? ((s.steps - last.steps) * s.batch) / (s.t - last.t) : NaN;
      s.wallSps = wall;
      s.mainBusy = last ? (s.mainThreadBusy - last.mainThreadBusy) / (s.t - last.t) : NaN;
      s.cpuShare = last && s.rendererCpu !== null ? (s.rendererCpu - last.rendererCpu) / (s.t - last.t) : NaN;
      samples.push(s);
      last = s;
      console.log(`  ${String(Math.round(s.t)).padStart(4)} s ${String(s.steps).padStart(8)}  ${count(s.shownSps).padStart(15)}  ${Number.isFinite(wall) ? count(wall).padStart(5) : '    —'}  ${mb(s.workerWasm).padStart(8)} MB ${mb(s.pageWasm).padStart(7)} MB ${s.jsHeap === null ? '   —' : mb(s.jsHeap).padStart(8)} / ${s.workerHeap === null ? '—' : mb(s.workerHeap).padStart(4)} MB ${s.rendererRss === null ? '   —' : mb(s.rendererRss).padStart(8)} MB ${String(s.domNodes).padStart(9)}  ${pct(s.mainBusy).padStart(9)}  ${pct(s.cpuShare).padStart(10)}   ${s.loadAverage ?? '—'}`);
      if (s.running !== 'running') throw new Error(`soak: training stopped at ${Math.round(s.t)} s: ${s.message}`);
    }
    const machineAfter = await machineSpeed();
    // Start: the first minute after the first sample (warm-up); end: the last minute.
    const minute = Math.max(1, Math.round(60 / opts.every));
    const start = summary(samples.slice(1, 1 + minute));
    const end = summary(samples.slice(-minute));
    const ratio = (a, b) => `${((100 * (b - a)) / a).toFixed(1)} %`;
    console.log('');
    console.log(`start (${Math.round(start.from)}–${Math.round(start.to)} s) → end (${Math.round(end.from)}–${Math.round(end.to)} s):`);
    console.log(`  samples/s shown by the page:   ${count(start.shownSps)} → ${count(end.shownSps)}  (${ratio(start.shownSps, end.shownSps)})`);
    console.log(`  samples/s, steps over wall time: ${count(start.wallSps)} → ${count(end.wallSps)}  (${ratio(start.wallSps, end.wallSps)})`);
    console.log(`  samples per CPU-second of the renderer (page + worker): ${count(start.perCpuSecond)} → ${count(end.perCpuSecond)}  (${ratio(start.perCpuSecond, end.perCpuSecond)})`);
    console.log(`  worker wasm memory:            ${mb(start.workerWasm)} MB → ${mb(end.workerWasm)} MB`);
    console.log(`  page wasm memory:              ${mb(start.pageWasm)} MB → ${mb(end.pageWasm)} MB`);
    console.log(`  JS heap (used), page / worker: ${mb(start.jsHeap)} / ${mb(start.workerHeap)} MB → ${mb(end.jsHeap)} / ${mb(end.workerHeap)} MB`);
    console.log(`  renderer processes, resident:  ${start.rendererRss ? mb(start.rendererRss) : '—'} MB → ${end.rendererRss ? mb(end.rendererRss) : '—'} MB`);
    console.log(`  DOM nodes:                     ${count(start.domNodes)} → ${count(end.domNodes)};  listeners ${count(start.listeners)} → ${count(end.listeners)}`);
    console.log(`  main thread busy:              ${pct(start.mainBusy)} → ${pct(end.mainBusy)};  renderer CPU (page + worker) ${pct(start.cpuShare)} → ${pct(end.cpuShare)};  load average ${start.loadAverage.toFixed(2)} → ${end.loadAverage.toFixed(2)}`);
    console.log(`  this machine apart from the page (a fresh tiny CNN in Node, before and after): ${count(machineBefore)} → ${count(machineAfter)} samples/s (${ratio(machineBefore, machineAfter)})`);
    console.log(`  steps: ${count(samples.at(-1).steps)} in ${Math.round(samples.at(-1).t)} s; errors on the page: ${errors.length ? errors.join(' | ') : 'none'}`);
    if (opts.json) fs.writeFileSync(opts.json, `${JSON.stringify({ options: opts, samples, start, end, machine: { before: machineBefore, after: machineAfter }, errors }, null, 2)}\n`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
