// The fuzz worker: a fresh instance of the core (its own module graph and wasm memory), the real
// digits and a small trainer, then the plan's calls from `start` on. Before each call it writes the
// call's number into shared memory, so the main thread can tell a hang and end this thread; a trap
// poisons the instance, so after one it reports and stops, and the main thread starts a new worker.
// After each segment it checks that the instance still computes the lecture's example, that its
// handles still answer and that no call left a handle alive.
import { parentPort, workerData } from 'node:worker_threads';
import { buildPlan } from './plan.mjs';
import { digitFile } from './models.mjs';
import { TRAINER_CONFIG, TRAINER_MODEL } from './targets.mjs';
import { classHandles } from './classes.mjs';
import { Lazy, Ref, showCall } from './values.mjs';

/** Shared counters (Int32Array): the call running now (−1 idle, ≤ −2 the check after segment −v−2),
 * calls done, errors, returns, and a tick bumped at every call. */
export const AT = 0, DONE = 1, ERRORS = 2, RETURNS = 3, TICK = 4;

const TRAP_TEXT = /unreachable|memory access out of bounds|attempted to take ownership|null pointer passed to rust|recursive use of an object|already (mutably )?borrowed/i;
const LECTURE = [12, 12, 17, 10, 17, 19, 9, 6, 14];

/** How a call ended, from what it threw. */
export function classify(e) {
  if (e instanceof WebAssembly.RuntimeError) return 'trap';
  const message = typeof e?.message === 'string' ? e.message : '';
  if (e instanceof RangeError && /call stack/i.test(message)) return 'trap';
  if (TRAP_TEXT.test(message)) return 'trap';
  if (!(e instanceof Error) || message.trim() === '') return 'badThrow';
  return 'error';
}

const isPlain = (v) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

async function main() {
  const { pkg, module, digitBytes, shared, start, only, lane = 0, lanes = 1 } = workerData;
  const counters = new Int32Array(shared);
  let panic = '';
  console.error = (...parts) => { panic = parts.join(' ').slice(0, 600); };
  console.warn = () => {};

  const core = await import(pkg);
  core.initSync({ module });
  const digits = new core.Digits(new Uint8Array(digitBytes));
  const trainer = new core.Trainer(TRAINER_MODEL, TRAINER_CONFIG);
  trainer.train(digits, 2);
  const tiny = digitFile({ count: 4, train: 2, rows: 28, cols: 28 });
  const sets = classHandles(core, digits);
  const handles = { digits, trainer, ...sets.handles };
  const fresh = {
    ...sets.fresh,
    freshDigits: () => new core.Digits(tiny),
    freshTrainer: () => new core.Trainer(TRAINER_MODEL, TRAINER_CONFIG),
    freedDigits: () => { const d = new core.Digits(tiny); d.free(); return d; },
  };
  const isHandle = (v) => v instanceof core.Trainer || v instanceof core.Digits || v instanceof core.ClassSet;
  const post = (m) => parentPort.postMessage(m);
  const fail = (kind, call, message, at) => post({ type: 'failure', kind, at, target: call?.target, call: call ? showCall(call) : null, label: call?.label, rule: call?.rule, message, panic: kind === 'trap' ? panic : '' });

  const resolve = (v, saved) => {
    if (v instanceof Lazy) return v.make();
    if (v instanceof Ref) {
      if (v.name in handles) return handles[v.name];
      if (v.name in fresh) return fresh[v.name]();
      if (v.name in saved) return saved[v.name];
      throw new SkipStep(v.name);
    }
    if (Array.isArray(v)) return Array.from(v, (x) => resolve(x, saved));
    if (isPlain(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x, saved)]));
    return v;
  };
  /** The function a target names, or null if this core has none (a fault of the plan, not the core). */
  const callee = (t, self) => {
    if (t.startsWith('new ')) return typeof core[t.slice(4)] === 'function' ? core[t.slice(4)] : null;
    if (t.includes('#')) return isHandle(self) && typeof self[t.split('#')[1]] === 'function' ? self : null;
    if (t.includes('.')) { const [cls, m] = t.split('.'); return typeof core[cls]?.[m] === 'function' ? core[cls] : null; }
    return typeof core[t] === 'function' ? core : null;
  };
  const invoke = (call, self, args) => {
    const t = call.target;
    if (t.startsWith('new ')) return new core[t.slice(4)](...args);
    if (t.includes('#')) return self[t.split('#')[1]](...args);
    if (t.includes('.')) { const [cls, m] = t.split('.'); return core[cls][m](...args); }
    return core[t](...args);
  };
  /** Still the lecture's example, the handles still answering and no other handle alive; a message if not. */
  const health = () => {
    const r = core.conv2d(new Float32Array([3, 3, 2, 1, 0, 0, 0, 1, 3, 1, 3, 1, 2, 2, 3, 2, 0, 0, 2, 2, 2, 0, 0, 0, 1]),
      new Uint32Array([1, 1, 5, 5]), new Float32Array([0, 1, 2, 2, 2, 0, 0, 1, 2]), new Uint32Array([1, 1, 3, 3]));
    const got = Array.from(r?.data ?? []);
    if (got.join() !== LECTURE.join()) return `the lecture's example gives [${got.join(', ')}], not [${LECTURE.join(', ')}]`;
    if (!(digits.count('train') > 0)) return 'the digits handle no longer counts its training split';
    if (!Array.isArray(trainer.layerInfos())) return 'the trainer handle no longer lists its layers';
    const live = core.liveHandles();
    if (live !== 2) return `${live} handles are alive, not 2 (the digits and the trainer): the segment leaked or lost handles`;
    return null;
  };

  const plan = buildPlan({ only });
  const slow = [];
  let previous = null;
  for (const [si, seg] of plan.segments.entries()) {
    if (seg.start + seg.count <= start || si % lanes !== lane) continue;
    const segStart = performance.now();
    const calls = seg.calls();
    const saved = {};
    const from = Math.max(0, start - seg.start);
    for (let j = from; j < calls.length; j++) {
      const call = calls[j];
      const at = seg.start + j;
      let self;
      let args;
      try {
        self = call.self ? resolve(call.self, saved) : undefined;
        args = call.args.map((a) => resolve(a, saved));
      } catch (e) {
        if (e instanceof SkipStep) { post({ type: 'skip', at }); continue; }
        throw e;
      }
      if (!callee(call.target, self)) {
        post({ type: 'failure', kind: 'harness', at, target: call.target, call: showCall(call), message: `the core has no ${call.target}, or the call's handle is not one` });
        continue;
      }
      panic = '';
      Atomics.store(counters, AT, at);
      Atomics.add(counters, TICK, 1);
      const t0 = performance.now();
      let result;
      let thrown;
      let threw = false;
      try {
        result = invoke(call, self, args);
      } catch (e) {
        threw = true;
        thrown = e;
      }
      const ms = performance.now() - t0;
      args = null;
      const before = previous;
      previous = call;
      if (ms > 250) {
        slow.push({ ms: Math.round(ms), call: showCall(call).slice(0, 300) });
        if (slow.length > 20) slow.sort((a, b) => b.ms - a.ms).splice(10);
      }
      if (threw) {
        const kind = classify(thrown);
        const message = String(thrown?.message ?? thrown);
        if (kind === 'trap') {
          // A handle left borrowed is the previous call's doing: say which call that was.
          const cause = /borrowed|recursive use|ownership/.test(message) && before ? ` (after ${showCall(before).slice(0, 300)})` : '';
          fail('trap', call, `${thrown?.constructor?.name ?? typeof thrown}: ${message}${cause}`, at);
          post({ type: 'dead', at, resumeAt: seg.atomic ? seg.start + seg.count : at + 1, slow });
          return;
        }
        Atomics.add(counters, DONE, 1);
        if (kind === 'badThrow') { fail('badThrow', call, `threw ${typeof thrown === 'object' ? thrown?.constructor?.name : typeof thrown} ${message.slice(0, 100)}`, at); continue; }
        Atomics.add(counters, ERRORS, 1);
        if (call.expect === 'ok') fail('refused', call, message, at);
      } else {
        Atomics.add(counters, DONE, 1);
        Atomics.add(counters, RETURNS, 1);
        if (call.expect === 'error') fail('accepted', call, `returned instead of throwing an Error${call.rule ? ` (${call.rule})` : ''}`, at);
        const wrong = call.check ? call.check(result) : null;
        if (wrong) fail('wrong', call, wrong, at);
        if (call.save) saved[call.save] = result;
        else if (isHandle(result)) result.free();
      }
    }
    for (const h of Object.values(saved)) if (isHandle(h) && h.__wbg_ptr) try { h.free(); } catch { /* freed by the case */ }
    Atomics.store(counters, AT, -2 - si);
    Atomics.add(counters, TICK, 1);
    let problem;
    try {
      problem = health();
    } catch (e) {
      problem = `the check threw ${e?.constructor?.name}: ${e?.message}`;
    }
    if (problem) {
      post({ type: 'failure', kind: 'poisoned', at: seg.start + seg.count - 1, target: seg.name, call: null, message: `after ${seg.name}: ${problem}`, panic });
      post({ type: 'dead', at: -2 - si, resumeAt: seg.start + seg.count, slow });
      return;
    }
    post({ type: 'checked', segment: seg.name, ms: performance.now() - segStart });
  }
  Atomics.store(counters, AT, -1);
  post({ type: 'done', slow });
}

class SkipStep extends Error {}

if (parentPort && workerData?.pkg) {
  main().catch((e) => parentPort.postMessage({ type: 'setup', message: `${e?.constructor?.name}: ${e?.message}\n${e?.stack}` }));
}
