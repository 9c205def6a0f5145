// Every demo mounts, unmounts and mounts again through the demo skeleton (www/js/demo.js) and
// leaves nothing behind: no worker still running, no timer, animation frame or interval still
// pending, no listener left on window or document, and no WebAssembly handle (Trainer, Digits)
// left unfreed beyond the digits the page keeps loaded for its next mount.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { DEMOS } from '../../www/js/demos.js';
import { openPage, assertClean, closeAll } from '../helpers/browser.mjs';

after(closeAll);

/** Runs in the page before its scripts: counts what is alive of each kind of resource. */
function instrument() {
  const timeouts = new Set();
  const intervals = new Set();
  const frames = new Set();
  const listeners = new Set();
  let workers = 0;
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      workers += 1;
      this.counted = true;
    }
    terminate() {
      if (this.counted) workers -= 1;
      this.counted = false;
      super.terminate();
    }
  };
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci, requestAnimationFrame: raf, cancelAnimationFrame: caf } = window;
  window.setTimeout = (fn, ms, ...rest) => {
    const id = st.call(window, (...a) => { timeouts.delete(id); if (typeof fn === 'function') fn(...a); }, ms, ...rest);
    timeouts.add(id);
    return id;
  };
  window.clearTimeout = (id) => { timeouts.delete(id); ct.call(window, id); };
  window.setInterval = (...a) => { const id = si.apply(window, a); intervals.add(id); return id; };
  window.clearInterval = (id) => { intervals.delete(id); ci.call(window, id); };
  window.requestAnimationFrame = (fn) => { const id = raf.call(window, (t) => { frames.delete(id); fn(t); }); frames.add(id); return id; };
  window.cancelAnimationFrame = (id) => { frames.delete(id); caf.call(window, id); };
  for (const [name, target] of [['window', window], ['document', document]]) {
    const add = target.addEventListener.bind(target);
    const remove = target.removeEventListener.bind(target);
    const key = (type, fn, opts) => `${name}:${type}:${typeof opts === 'boolean' ? opts : Boolean(opts?.capture)}:${fnId(fn)}`;
    target.addEventListener = (type, fn, opts) => { listeners.add(key(type, fn, opts)); add(type, fn, opts); };
    target.removeEventListener = (type, fn, opts) => { listeners.delete(key(type, fn, opts)); remove(type, fn, opts); };
  }
  const ids = new WeakMap();
  let next = 0;
  function fnId(fn) {
    if (!ids.has(fn)) ids.set(fn, (next += 1));
    return ids.get(fn);
  }
  window.liveResources = async () => {
    const core = await (await import('/js/wasm.js')).loadCore();
    return { workers, timeouts: timeouts.size, intervals: intervals.size, frames: frames.size, listeners: [...listeners].sort(), handles: core.liveHandles() };
  };
}

const settle = (page) => page.waitForTimeout(1500);

async function cycle(page, action) {
  await page.evaluate(async (what) => {
    const { currentDemo } = await import('/js/demo.js');
    await currentDemo()[what]();
  }, action);
  if (action === 'mount') await page.waitForFunction(() => document.documentElement.dataset.mounted === '1');
  await page.waitForLoadState('networkidle');
  await settle(page);
  return page.evaluate(() => window.liveResources());
}

// The training page's "Your own classes" mode (its dataset, camera and drawing pad) as well.
const MODES = [{ id: 'train-own', path: 'demos/train.html?data=own' }];

for (const demo of [...DEMOS, ...MODES]) {
  test(`demo ${demo.id}: mounts, unmounts and mounts again without leaks`, async () => {
    const { page, issues } = await openPage(`/${demo.path}`, { beforeLoad: (p) => p.addInitScript(instrument) });
    await page.waitForFunction(() => document.documentElement.dataset.mounted === '1', null, { timeout: 60000 });
    await page.waitForLoadState('networkidle');
    const first = await cycle(page, 'unmount');
    assert.equal(first.workers, 0, 'no worker runs after unmounting');
    assert.equal(first.intervals, 0, 'no interval left');
    assert.equal(first.timeouts, 0, 'no timeout pending');
    assert.equal(first.frames, 0, 'no animation frame pending');
    assert.ok(first.handles <= 1, `only the digits stay loaded (${first.handles} handles alive)`);
    assert.equal(await page.evaluate(() => document.getElementById('demo').childElementCount), 0, 'the demo is gone');
    await cycle(page, 'mount');
    assert.ok(await page.evaluate(() => document.getElementById('demo').childElementCount) > 0, 'the demo is back');
    const second = await cycle(page, 'unmount');
    assert.deepEqual(second, first, 'a second mount leaves exactly what the first left');
    await cycle(page, 'mount');
    assert.equal(await page.textContent('[role="alert"]'), '', 'no error after mounting again');
    assertClean(issues, demo.id);
  });
}
