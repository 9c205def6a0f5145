// The dropout/BN variance-shift lab: loads cleanly (also embedded), the analytic and the measured
// train/test variance ratio of the BN input grows with p (Li et al. 2018), the remedies keep it
// near 1, and the URL restores the state.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, screenshot, closeAll, assertWorksInIframe } from '../helpers/browser.mjs';

after(closeAll);
const PAGE = '/demos/dropout.html';
const ready = (page) => page.waitForSelector('#theory-ratio-uniform', { timeout: 30000 });
const text = (page, sel) => page.$eval(sel, (n) => n.textContent.trim());
const num = (t) => Number(t.replace('\u2212', '-'));
const errorText = (page) => page.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? '');

test('dropout lab loads cleanly, normal and embedded', async () => {
  for (const url of [PAGE, `${PAGE}?embed=1`]) {
    const { page, issues } = await openPage(url);
    await ready(page);
    assert.equal(await errorText(page), '');
    await screenshot(page, url.includes('embed') ? 'lab-dropout-embed' : 'lab-dropout');
    assertClean(issues, url);
  }
});

test('analytic train/test variance ratio grows with p; uniform noise stays near 1', async () => {
  const { page, issues } = await openPage(`${PAGE}?beta=0.5`);
  await ready(page);
  const r = [];
  for (const p of [0, 0.1, 0.3, 0.5]) r.push(num(await text(page, `[id="theory-ratio-${p}"]`)));
  assert.equal(r[0], 1);
  for (let i = 1; i < r.length; i += 1) assert.ok(r[i] > r[i - 1], r.join());
  assert.equal(r[3], 2);
  const u = num(await text(page, '#theory-ratio-uniform'));
  assert.ok(u > 1 && u < 1.1, String(u));
  assertClean(issues);
});

test('measured: ratio grows with p before BN, remedies measured on the same net, URL restores', async () => {
  const { page, issues } = await openPage(`${PAGE}?steps=100&detail=0.3&p=0.3`);
  await ready(page);
  assert.equal(await page.$eval('select', (s) => s.value), '0.3');
  assert.match(page.url(), /steps=100&detail=0.3/);
  await page.click('text=Train the 12 nets');
  await page.waitForSelector('[id="ratio-uniform-0.5"]', { timeout: 180000 });
  const ratio = async (v, p) => num(await text(page, `[id="ratio-${v}-${p}"]`));
  const before = [];
  for (const p of [0, 0.1, 0.3, 0.5]) before.push(await ratio('before', p));
  assert.ok(before[3] > before[0] + 0.1 && before[2] > before[0], before.join());
  assert.ok(Math.abs((await ratio('after', 0.5)) - 1) < Math.abs(before[3] - 1), 'remedy 1 shifts less');
  assert.ok(Math.abs((await ratio('uniform', 0.5)) - 1) < Math.abs(before[3] - 1), 'remedy 2 shifts less');
  for (const v of ['before', 'after', 'uniform']) assert.ok(num(await text(page, `[id="acc-${v}-0.5"]`)) > 0.3, v);
  assert.ok(await page.$('#unit-running-0'));
  await screenshot(page, 'lab-dropout-trained');
  assertClean(issues);
});

test('dropout lab works inside an iframe', () => assertWorksInIframe('/demos/dropout.html?embed=1', '.lab-section', 'dropout in an iframe'));
