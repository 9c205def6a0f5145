// The training page's accuracy on shifted test digits: after a short training and a pause the
// page shows, for shifts of 0 to 4 px, the core's shiftedAccuracy of the very model it trained
// (saved from the page and loaded back), and a network with mp2b trains and shows them too.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPage, assertClean, screenshot, closeAll } from '../helpers/browser.mjs';

after(closeAll);

const PAGE = '/demos/train.html';

async function trainAndPause(page, steps) {
  await page.waitForFunction(() => !document.getElementById('play')?.disabled && document.getElementById('stat-step')?.dataset.value === '0', null, { timeout: 30000 });
  await page.click('#play');
  await page.waitForFunction((n) => Number(document.getElementById('stat-step').dataset.value) >= n, steps, { timeout: 30000 });
  await page.click('#play');
  await page.waitForFunction(() => document.documentElement.dataset.training === 'paused');
  await page.waitForSelector('#shifted .shifted-value', { timeout: 30000 });
}

const shown = (page) => page.evaluate(() => ({
  cells: Array.from(document.querySelectorAll('#shifted .shifted-value'), (e) => ({ shift: Number(e.dataset.shift), value: e.dataset.value, text: e.textContent })),
  mean: document.querySelector('#shifted .shifted-mean-value').dataset.value,
}));

test('the shown accuracies on shifted test digits are the core\'s for the trained model', async () => {
  const { page, issues } = await openPage(PAGE);
  await trainAndPause(page, 30);
  const { cells, mean } = await shown(page);
  assert.deepEqual(cells.map((c) => c.shift), [0, 1, 2, 3, 4]);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')]);
  const file = path.join(os.tmpdir(), `convplay-shifted-${process.pid}.cpmodel`);
  await download.saveAs(file);
  const bytes = Array.from(fs.readFileSync(file));
  fs.rmSync(file, { force: true });
  const core = await page.evaluate(async (bytes) => {
    const { loadCore } = await import('/js/wasm.js');
    const { loadDigits } = await import('/js/lib/digits.js');
    const core = await loadCore();
    const digits = await loadDigits(core);
    const t = core.Trainer.load(new Uint8Array(bytes), { optimizer: { kind: 'sgd', lr: 0.01, momentum: 0, weightDecay: 0 }, batchSize: 1, seed: 0 });
    const r = t.shiftedAccuracy(digits, 4, 500);
    t.free();
    return { values: r.shifts.map((s) => String(s.accuracy)), mean: String(r.meanShifted), count: r.count };
  }, bytes);
  assert.deepEqual(cells.map((c) => c.value), core.values, 'each shown accuracy is the core\'s');
  assert.equal(mean, core.mean);
  assert.equal(core.count, 500);
  for (const c of cells) assert.equal(c.text, `${(100 * Number(c.value)).toFixed(1)} %`);
  console.log(`default net after 30+ steps: ${core.values.map((v) => (100 * Number(v)).toFixed(1)).join(', ')} % (mean ${(100 * Number(core.mean)).toFixed(1)} %)`);
  await screenshot(page, 'train-shifted');
  assertClean(issues, 'train shifted accuracy');
});

test('a network with blur, then subsample (mp2b) trains and shows its shifted accuracy', async () => {
  const layers = 'c8k5_relu_mp2b_c16k5_relu_mp2b_fl_d64_relu_d10';
  const { page, issues } = await openPage(`${PAGE}?layers=${layers}&preset=custom`);
  await trainAndPause(page, 20);
  const { cells, mean } = await shown(page);
  assert.equal(cells.length, 5);
  for (const c of [...cells.map((c) => c.value), mean]) assert.ok(Number(c) >= 0 && Number(c) <= 1, c);
  assert.match(await page.evaluate(() => location.search), /mp2b/);
  assertClean(issues, 'train shifted accuracy with mp2b');
});
