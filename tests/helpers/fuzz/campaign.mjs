// Runs the fuzz plan in worker threads against the built core (www/pkg). Segments are dealt to
// `lanes` lanes (one per core) that run side by side; in each lane one worker at a time runs calls
// until its segments end, a call traps (the worker reports it and a fresh one takes over at the
// next call) or a call gives no answer within the time bound (the worker is ended, the call is
// reported as a hang, and a fresh one takes over). Returns the counts and every failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildPlan, segmentAt } from './plan.mjs';
import { showCall } from './values.mjs';
import { AT, DONE, ERRORS, RETURNS, TICK } from './worker.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..', '..');
/** The build under test: www/pkg, or FUZZ_PKG (another build's pkg folder). */
const PKG = process.env.FUZZ_PKG ? path.resolve(process.env.FUZZ_PKG) : path.join(ROOT, 'www', 'pkg');

/** The build under test, loaded in this thread (for the list of its exports). */
export async function loadBuild() {
  const core = await import(pathToFileURL(path.join(PKG, 'convplay_wasm.js')).href);
  core.initSync({ module: fs.readFileSync(path.join(PKG, 'convplay_wasm_bg.wasm')) });
  return core;
}

/** The site's digit file cut to its first 600 training and 200 test digits (real digits, and a
 * fresh worker parses them in milliseconds). Format: crates/convplay-core/src/data/digits.rs. */
export function digitSubset(bytes, train = 600, test = 200) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [count, trainAll, rows, cols] = [view.getUint32(8, true), view.getUint32(12, true), view.getUint16(16, true), view.getUint16(18, true)];
  const plane = rows * cols;
  const pick = [...Array(train).keys(), ...Array.from({ length: test }, (_, i) => trainAll + i)];
  const out = new Uint8Array(20 + pick.length * (1 + plane));
  out.set(bytes.subarray(0, 20));
  const head = new DataView(out.buffer);
  head.setUint32(8, pick.length, true);
  head.setUint32(12, train, true);
  pick.forEach((i, j) => {
    out[20 + j] = bytes[20 + i];
    out.set(bytes.subarray(20 + count + i * plane, 20 + count + (i + 1) * plane), 20 + pick.length + j * plane);
  });
  return out;
}

/**
 * Run the whole plan (or the segments whose name contains `only`). `timeoutMs` bounds each call;
 * `lanes` workers run at once.
 */
export async function runCampaign({ timeoutMs = 10_000, only, lanes = Math.min(2, os.availableParallelism()), log = () => {} } = {}) {
  const started = performance.now();
  const plan = buildPlan({ only });
  // A snapshot of the build, so a rebuild of www/pkg during the run cannot pair new glue with old wasm.
  const snapshot = fs.mkdtempSync(path.join(os.tmpdir(), 'convplay-fuzz-'));
  for (const f of ['convplay_wasm.js', 'convplay_wasm_bg.wasm']) fs.copyFileSync(path.join(PKG, f), path.join(snapshot, f));
  const module = new WebAssembly.Module(fs.readFileSync(path.join(snapshot, 'convplay_wasm_bg.wasm')));
  const digitBytes = digitSubset(zlib.gunzipSync(fs.readFileSync(path.join(ROOT, 'www', 'data', 'digits.bin.gz'))));
  const pkg = pathToFileURL(path.join(snapshot, 'convplay_wasm.js')).href;
  const totals = { calls: 0, errors: 0, returns: 0, traps: 0, hangs: 0, skipped: 0, workers: 0, checks: 0 };
  const failures = [];
  const slow = [];
  const timings = [];
  const describe = (at) => {
    const seg = segmentAt(plan, at);
    const call = seg?.calls()[at - seg.start];
    return call ? { target: call.target, call: showCall(call), label: call.label } : { target: '?', call: `call ${at}` };
  };

  /** One worker from call `start` on, until it is done, dead, hung or broken. */
  function runWorker(lane, start) {
    const counters = new Int32Array(new SharedArrayBuffer(4 * 8));
    Atomics.store(counters, AT, -1);
    totals.workers += 1;
    const worker = new Worker(path.join(HERE, 'worker.mjs'), {
      workerData: { pkg, module, digitBytes, shared: counters.buffer, start, only, lane, lanes },
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    return new Promise((resolve) => {
      let tick = -1;
      let since = performance.now();
      const timer = setInterval(() => {
        const t = Atomics.load(counters, TICK);
        if (t !== tick) { tick = t; since = performance.now(); return; }
        if (Atomics.load(counters, AT) !== -1 && performance.now() - since > timeoutMs) finish({ type: 'hang' });
      }, 50);
      let ended = false;
      async function finish(end) {
        if (ended) return;
        ended = true;
        clearInterval(timer);
        const at = Atomics.load(counters, AT);
        // A call inside a native loop (a typed array's set() over an array-like of a billion
        // items) can hold the thread past terminate(); it is left to finish on its own.
        await Promise.race([worker.terminate(), new Promise((r) => setTimeout(r, 1000).unref())]);
        worker.unref();
        totals.calls += Atomics.load(counters, DONE);
        totals.errors += Atomics.load(counters, ERRORS);
        totals.returns += Atomics.load(counters, RETURNS);
        resolve({ ...end, at: end.at ?? at });
      }
      worker.on('message', (m) => {
        if (m.type === 'failure') failures.push(m);
        else if (m.type === 'skip') totals.skipped += 1;
        else if (m.type === 'checked') { totals.checks += 1; timings.push([Math.round(m.ms), m.segment]); }
        else if (m.type === 'dead' || m.type === 'done' || m.type === 'setup') {
          if (m.slow) slow.push(...m.slow);
          finish(m);
        }
      });
      worker.on('error', (e) => finish({ type: 'crash', message: `${e?.constructor?.name}: ${e?.message}` }));
      worker.on('exit', (code) => finish({ type: 'crash', message: `the worker exited (code ${code})` }));
    });
  }

  /** Where a lane goes on after a worker ended at call `at`: the next call, or the next segment. */
  function after(at, { whole = false } = {}) {
    const seg = segmentAt(plan, at);
    if (whole || seg.atomic) {
      totals.skipped += seg.start + seg.count - at - 1;
      return seg.start + seg.count;
    }
    return at + 1;
  }

  async function runLane(lane) {
    let next = 0;
    while (next < plan.total) {
      const end = await runWorker(lane, next);
      const { at } = end;
      if (end.type === 'done') return;
      if (at === -1) { // the worker broke before its first call: nothing would go better next time
        failures.push({ kind: 'harness', target: 'worker', call: null, message: end.message ?? 'the worker stopped before its first call' });
        return;
      }
      if (at <= -2) { // the check after a segment
        const seg = plan.segments[-2 - at];
        if (end.type !== 'dead') failures.push({ kind: end.type === 'hang' ? 'poisoned' : 'harness', target: seg.name, call: null, message: `the check after ${seg.name} ${end.type === 'hang' ? `gave no answer within ${timeoutMs / 1000} s` : end.message}` });
        next = seg.start + seg.count;
      } else if (end.type === 'dead') { // a trap, reported by the worker itself
        totals.traps += 1;
        totals.calls += 1;
        next = after(at);
      } else if (end.type === 'hang') {
        totals.hangs += 1;
        totals.calls += 1;
        failures.push({ kind: 'hang', at, ...describe(at), message: `no answer within ${timeoutMs / 1000} s`, panic: '' });
        next = after(at);
      } else { // the worker crashed, or the harness threw: not the core's fault, but the call is not done
        failures.push({ kind: 'harness', at, ...describe(at), message: end.message });
        next = after(at);
      }
      log(`fuzz: ${end.type} at call ${at}; a fresh worker resumes at call ${next}`);
    }
  }

  try {
    await Promise.all(Array.from({ length: lanes }, (_, lane) => runLane(lane)));
  } finally {
    fs.rmSync(snapshot, { recursive: true, force: true });
  }
  const sum = (kind) => plan.segments.filter((s) => s.kind === kind).reduce((a, s) => a + s.count, 0);
  return {
    plan, totals, failures, lanes, timeoutMs,
    generated: sum('fuzz'), swept: sum('sweep'), caseSteps: sum('case'), cases: plan.segments.filter((s) => s.kind === 'case').length,
    seconds: (performance.now() - started) / 1000,
    slow: slow.sort((a, b) => b.ms - a.ms).slice(0, 8),
    timings: timings.sort((a, b) => b[0] - a[0]),
  };
}

/** Failures grouped by kind, target (or reproduction) and message (numbers blurred), each with its shortest call. */
export function groupFailures(failures) {
  const groups = new Map();
  for (const f of failures) {
    const message = String(f.message).replace(/\d[\d,.]*/g, '#').slice(0, 140);
    const where = f.label && f.label !== 'sweep' ? f.label : f.target;
    const key = `${f.kind} ${where} ${message}`;
    const g = groups.get(key) ?? { kind: f.kind, target: f.target, message: f.message, count: 0, call: f.call, label: f.label, panic: f.panic };
    g.count += 1;
    if (f.call && (!g.call || f.call.length < g.call.length)) Object.assign(g, { call: f.call, label: f.label, message: f.message, panic: f.panic });
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => a.kind.localeCompare(b.kind) || String(a.target).localeCompare(String(b.target)));
}

/** One entry per group: `trap conv2d ×3: conv2d(…) → RuntimeError: unreachable` and the panic's place. */
export function formatGroups(groups) {
  return groups.map((g) => {
    const where = g.label && g.label !== 'sweep' ? ` [case: ${g.label}]` : '';
    const panic = g.panic ? `\n      ${g.panic.split('\n')[0].slice(0, 200)}` : '';
    return `  ${g.kind} ${g.target} ×${g.count}: ${g.call ?? ''}${where}\n      → ${String(g.message).split('\n')[0].slice(0, 300)}${panic}`;
  }).join('\n');
}

/** The one summary line. */
export function summaryLine(r) {
  const n = (x) => x.toLocaleString('en-US');
  const count = (kind) => r.failures.filter((f) => f.kind === kind).length;
  const t = r.totals;
  return `fuzz: ${n(t.calls)} calls (${n(r.generated)} generated, ${n(r.swept)} in the geometry sweep, ${n(r.caseSteps)} in ${r.cases} explicit cases), `
    + `${n(t.errors)} errors, ${n(t.returns)} returns, ${n(t.traps)} traps, ${n(t.hangs)} hangs; `
    + `${count('badThrow')} non-Error throws, ${count('accepted')} accepted, ${count('refused')} refused, ${count('wrong')} wrong sizes, `
    + `${count('poisoned')} failed lecture checks, ${count('harness')} harness faults; ${n(t.skipped)} steps skipped; `
    + `${t.workers} workers in ${r.lanes} lanes, ${r.timeoutMs / 1000} s bound, ${r.seconds.toFixed(1)} s`;
}
