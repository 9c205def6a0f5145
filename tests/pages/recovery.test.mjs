// Recover, don't die: when the WebAssembly core breaks (a trap leaves its instance unusable), the
// page loads a fresh core and sets the demo up again from its address, saying so, with no reload;
// the trainer worker is replaced by a fresh one and the training page sets its network up again.
// The tests break the core as a bug would (wasm.js breakCore overwrites the page core's memory,
// so its next call traps; trapCore traps inside the worker's core at once).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPage, closeAll, alertText, num, FIXTURES } from '../helpers/browser.mjs';

after(closeAll);

const lecture = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'lecture.json'), 'utf8'));

/** Break the page's own core, as a trap would. */
const breakPageCore = (page) => page.evaluate(async () => {
  const wasm = await import('/js/wasm.js');
  const core = await wasm.loadCore();
  window.brokenCore = core;
  wasm.breakCore(core);
});
/** Trap inside the core of the demo's trainer worker; returns the request's error message. */
const trapWorkerCore = (page) => page.evaluate(async () => {
  const trainer = (await import('/js/demo.js')).currentDemo().demo.trainer();
  return trainer.request('trapCore').then(() => 'no error', (err) => err.message);
});
const recoveries = (page) => page.evaluate(() => Number(document.documentElement.dataset.recoveries ?? 0));
const mounted = (page, n) => page.waitForFunction((k) => document.documentElement.dataset.mounted === '1' && Number(document.documentElement.dataset.recoveries ?? 0) === k, n, { timeout: 30000 });
const outputs = (page) => page.$$eval('#stage .stage-output td .grid-value', (vs) => vs.map((v) => v.textContent));

test('conv2d: a broken core is replaced by a fresh one, the demo set up again from the URL, and it says so', async () => {
  const { page, issues } = await openPage('/demos/conv2d.html?step=3&stride=1');
  await page.waitForSelector('#stage .stage-output table');
  await breakPageCore(page);
  await page.selectOption('select[name="padding"]', 'same'); // the next core call traps
  await mounted(page, 1);
  assert.match(await alertText(page), /The WebAssembly core failed \((memory access out of bounds|unreachable)\)\. It was restarted and the demo set up again from the page's address/);
  assert.equal(await page.evaluate(async () => (await (await import('/js/wasm.js')).loadCore()) !== window.brokenCore), true, 'a new core instance');
  // It works: the lecture's example steps to its output with the fresh core.
  await page.click('#lecture-example');
  await page.focus('#stage');
  await page.keyboard.press('End');
  assert.deepEqual((await outputs(page)).map(num), lecture.crossCorrelation.data);
  assert.deepEqual(issues.pageErrors, []);
});

test('conv2d: an uncaught trap is recovered too; a second break at once falls back to the default settings', async () => {
  const { page } = await openPage('/demos/conv2d.html?stride=2');
  await page.waitForSelector('#stage .stage-output table');
  await page.evaluate(() => setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable'); }));
  await mounted(page, 1);
  assert.match(await alertText(page), /The WebAssembly core failed \(unreachable\)/);
  assert.equal(new URLSearchParams(await page.evaluate(() => location.search)).get('stride'), '2', 'set up again from the URL');
  await breakPageCore(page);
  await page.selectOption('select[name="padding"]', 'same');
  await mounted(page, 2);
  assert.match(await alertText(page), /failed again .* set up with its default settings/);
  assert.equal(new URLSearchParams(await page.evaluate(() => location.search)).get('stride') ?? '1', '1', 'the default stride');
  await page.focus('#stage');
  await page.keyboard.press('End');
  assert.equal((await outputs(page)).length, 9);
});

test('train: a broken worker core is replaced by a fresh worker; step, reset and a preset work without a reload', async () => {
  const { page, issues } = await openPage('/demos/train.html');
  const ready = () => page.waitForFunction(() => document.getElementById('step')?.disabled === false && document.getElementById('stat-step')?.dataset.value === '0', null, { timeout: 30000 });
  await ready();
  const reply = await trapWorkerCore(page);
  assert.match(reply, /^the core failed \((memory access out of bounds|unreachable)\); the training worker was restarted$/);
  await page.waitForFunction(() => /fresh worker/.test(document.getElementById('train-message').textContent), null, { timeout: 30000 });
  assert.match(await page.textContent('#train-message'), /^The core failed while training \((memory access out of bounds|unreachable)\)\. It was restarted in a fresh worker and the network set up again from fresh weights\.$/);
  assert.match(await alertText(page), /The core failed while training/);
  await ready();
  await page.click('#step');
  await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '1');
  await page.click('#reset');
  await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '0');
  await page.selectOption('#preset', 'lenet');
  await page.waitForFunction(() => document.getElementById('param-total').textContent !== '20,522');
  await ready();
  await page.click('#step');
  await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '1');
  assert.equal(await alertText(page), '');
  assert.equal(await recoveries(page), 0, 'the page itself was not remounted');
  assert.deepEqual(issues.pageErrors, []);
});

test('a lab: after its worker core trapped, the labs train in a fresh worker', async () => {
  const { page, issues } = await openPage('/demos/init.html');
  await page.waitForSelector('#spread-zero-1', { timeout: 30000 });
  assert.match(await trapWorkerCore(page), /^the core failed \((memory access out of bounds|unreachable)\); the training worker was restarted$/);
  await page.click('text=Train both');
  await page.waitForFunction(() => document.querySelector('#train-results')?.textContent.includes('test accuracy'), null, { timeout: 90000 });
  assert.equal(await alertText(page), '');
  assert.deepEqual(issues.pageErrors, []);
});
