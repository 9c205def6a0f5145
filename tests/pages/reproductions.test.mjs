// The settings of issue 12 that reached a trap, a hang or an out-of-memory from the site itself.
// Each now answers in words (a result, or why there is none) and the page keeps working without a
// reload: the next step trains, reset and a preset work. (The 1×1 and 1×10000 pictures on the
// filters page are in hostile-files.test.mjs.)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPage, closeAll, alertText, text, num, FIXTURES } from '../helpers/browser.mjs';

after(closeAll);

const lecture = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'lecture.json'), 'utf8'));
const BROKEN = /unreachable|memory access out of bounds|take ownership|null pointer|recursive use/;
const trainReady = () => document.getElementById('step')?.disabled === false && document.getElementById('stat-step')?.dataset.value === '0';
const stepIs = (page, n) => page.waitForFunction((k) => document.getElementById('stat-step').dataset.value === String(k), n, { timeout: 30000 });

test('conv2d: a dilated 7×7 kernel with same padding on a 2×2 input is worked out and said in words', async () => {
  const { page, issues } = await openPage('/demos/conv2d.html?rows=2&cols=2&krows=7&kcols=7&padding=same&dilation=3');
  await page.waitForSelector('#output-size', { timeout: 30000 });
  assert.equal(await text(page, '#output-size'), 'Output 2 × 2; padding top 9, bottom 9, left 9, right 9.');
  await page.focus('#stage');
  await page.keyboard.press('End');
  const cells = await page.$$eval('#stage .stage-output td .grid-value', (vs) => vs.map((v) => v.textContent));
  assert.equal(cells.length, 4);
  assert.ok(cells.every((c) => Number.isFinite(num(c))), cells.join(' '));
  // The same kernel without padding has no output: said in words, and the page goes on.
  await page.selectOption('select[name="padding"]', 'valid');
  await page.waitForSelector('#formula-error');
  assert.match(await text(page, '#formula-error'), /^No output for this setting: /);
  await page.click('#lecture-example');
  await page.keyboard.press('End');
  await page.focus('#stage');
  await page.keyboard.press('End');
  const lectureCells = await page.$$eval('#stage .stage-output td .grid-value', (vs) => vs.map((v) => v.textContent));
  assert.deepEqual(lectureCells.map(num), lecture.crossCorrelation.data);
  assert.doesNotMatch(await alertText(page), BROKEN);
  assert.deepEqual(issues.pageErrors, []);
  assert.deepEqual(issues.consoleErrors, []);
});

test('train: five padded convolutions pooled down to 1×1 train a step; reset and a preset work, no reload', async () => {
  const { page, issues } = await openPage('/demos/train.html?layers=c4k5ps_mp2_c4k5ps_mp2_c4k5ps_mp2_c4k5ps_mp2_c4k5ps_fl_d10');
  await page.waitForFunction(trainReady, null, { timeout: 60000 });
  assert.equal(await text(page, '#param-total'), '1,770');
  await page.click('#step');
  await stepIs(page, 1);
  await page.click('#step');
  await stepIs(page, 2);
  await page.click('#reset');
  await stepIs(page, 0);
  await page.selectOption('#preset', 'cnn');
  await page.waitForFunction(() => document.getElementById('param-total').textContent === '20,522');
  await page.waitForFunction(trainReady, null, { timeout: 30000 });
  await page.click('#step');
  await stepIs(page, 1);
  assert.equal(await alertText(page), '');
  assert.deepEqual(issues.pageErrors, []);
  assert.deepEqual(issues.consoleErrors, []);
});

test('train: 999 filters at batch 256, and 400 filters whose batch would not fit, are refused in words before Play', async () => {
  for (const [query, message] of [
    ['?layers=c999k1_relu_fl_d10&batch=256', /^This network cannot be built: model: layer 4 \(dense\) brings the model to 7,834,168 learnable parameters; the limit is 4,194,304/],
    ['?layers=c400k1_relu_fl_d10&batch=256', /^This network cannot be built: train: layer 1 \(conv2d\) on a batch of 256 would have 80,281,600 values; the limit is 16,777,216/],
  ]) {
    const { page, issues } = await openPage(`/demos/train.html${query}`);
    await page.waitForFunction(() => (document.getElementById('model-message')?.textContent ?? '') !== '', null, { timeout: 60000 });
    assert.match(await text(page, '#model-message'), message);
    assert.equal(await page.$eval('#play', (b) => b.disabled), true, 'Play waits for a network that can be built');
    // Smaller batches fit: the network trains.
    if (query.includes('c400')) {
      await page.fill('#batch', '16');
      await page.$eval('#batch', (input) => input.blur()); // the change event, as when a reader moves on
      await page.waitForFunction(trainReady, null, { timeout: 60000 });
      await page.click('#play');
      await page.waitForFunction(() => Number(document.getElementById('stat-step').dataset.value) >= 3, null, { timeout: 60000 });
      await page.click('#play');
      await page.waitForFunction(() => document.documentElement.dataset.training === 'paused');
    }
    await page.selectOption('#preset', 'mlp');
    await page.waitForFunction(trainReady, null, { timeout: 30000 });
    await page.click('#step');
    await stepIs(page, 1);
    assert.doesNotMatch(await alertText(page), BROKEN);
    assert.deepEqual(issues.pageErrors, []);
  }
});

test('train: five 9,999-unit dense layers are refused at once, in words, without blocking the page', async () => {
  const { page, issues } = await openPage('/demos/train.html', {
    beforeLoad: (p) => p.addInitScript(() => {
      // The longest stretch the main thread was busy, measured from the page's first script on.
      window.longestBusy = 0;
      let last = performance.now();
      const tick = () => {
        const now = performance.now();
        window.longestBusy = Math.max(window.longestBusy, now - last);
        last = now;
        setTimeout(tick, 10);
      };
      tick();
    }),
  });
  await page.waitForFunction(trainReady, null, { timeout: 60000 });
  const t0 = Date.now();
  await page.evaluate(async () => {
    const { currentDemo } = await import('/js/demo.js');
    window.longestBusy = 0;
    currentDemo().unmount();
    history.replaceState(null, '', `${location.pathname}?layers=fl_d9999_d9999_d9999_d9999_d9999_d10`);
    await currentDemo().mount();
  });
  await page.waitForFunction(() => (document.getElementById('model-message')?.textContent ?? '') !== '', null, { timeout: 10000 });
  const elapsed = Date.now() - t0;
  assert.match(await text(page, '#model-message'), /^This network cannot be built: model: layer 2 \(dense\) brings the model to 7,849,215 learnable parameters; the limit is 4,194,304/);
  assert.ok(elapsed < 5000, `answered in ${elapsed} ms`);
  const busy = await page.evaluate(() => window.longestBusy);
  assert.ok(busy < 1000, `the main thread was busy for ${Math.round(busy)} ms at a stretch`);
  await page.selectOption('#preset', 'cnn');
  await page.waitForFunction(trainReady, null, { timeout: 30000 });
  await page.click('#step');
  await stepIs(page, 1);
  assert.deepEqual(issues.pageErrors, []);
});
