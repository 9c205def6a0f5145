// The weight initialization lab: loads cleanly (also embedded), reads out n·Var(w) = 1/3 for the
// standard init, zero init keeps every unit identical, histograms carry variances, the URL
// restores the state, and two initializations train in the worker.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, screenshot, closeAll, assertWorksInIframe } from '../helpers/browser.mjs';

after(closeAll);
const PAGE = '/demos/init.html';

async function ready(page) {
  await page.waitForSelector('#spread-zero-1', { timeout: 30000 });
}
const text = (page, sel) => page.$eval(sel, (n) => n.textContent.trim());
const errorText = (page) => page.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? '');

test('init lab loads cleanly, normal and embedded', async () => {
  for (const url of [PAGE, `${PAGE}?embed=1`]) {
    const { page, issues } = await openPage(url);
    await ready(page);
    assert.equal(await errorText(page), '');
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('embed')), url.includes('embed'));
    await screenshot(page, url.includes('embed') ? 'lab-init-embed' : 'lab-init');
    assertClean(issues, url);
  }
});

test('standard init at large n reads n·Var(w) = 0.333', async () => {
  const { page, issues } = await openPage(`${PAGE}?init=standard&width=256&depth=3`);
  await ready(page);
  for (const k of [1, 2, 3]) {
    const v = Number(await text(page, `#nvarw-${k}`));
    assert.ok(Math.abs(v - 1 / 3) <= 0.01, `layer ${k}: ${v}`);
    assert.match(await page.$eval(`#nvarw-${k}`, (n) => n.getAttribute('aria-label')), /n times Var\(w\) = 0\.333/);
  }
  const xavier = await openPage(`${PAGE}?init=xavierNormal&width=256&depth=3`);
  await ready(xavier.page);
  assert.ok(Math.abs(Number(await text(xavier.page, '#nvarw-2')) - 1) <= 0.01);
  assertClean(issues);
  assertClean(xavier.issues);
});

test('zero init: every unit of a layer identical after 10 steps; random init is not', async () => {
  const { page, issues } = await openPage(`${PAGE}?init=zeros&depth=3`);
  await ready(page);
  for (const k of [1, 2, 3]) {
    assert.equal(await text(page, `#spread-zero-${k}`), '0');
    assert.ok(Number(await text(page, `#spread-random-${k}`)) > 0, `random layer ${k}`);
  }
  assertClean(issues);
});

test('histograms render per layer with variance numbers', async () => {
  const { page, issues } = await openPage(`${PAGE}?depth=4&act=tanh&init=standard`);
  await ready(page);
  assert.equal(await page.$$eval('#act-hists canvas', (c) => c.length), 4);
  assert.equal(await page.$$eval('#grad-hists canvas', (c) => c.length), 4);
  for (const k of [1, 4]) {
    assert.match(await text(page, `#activations-var-${k}`), new RegExp(`^layer ${k} · Var \\d`));
    assert.match(await text(page, `#gradients-var-${k}`), new RegExp(`^layer ${k} · Var \\d`));
  }
  // Standard init with tanh: the gradient variance differs across depth by a visible factor.
  const g = await page.$$eval('#grad-hists figcaption', (fs) => fs.map((f) => Number(f.textContent.split('Var ')[1].replace('\u2212', '-'))));
  assert.ok(g.every((v) => v > 0), g.join());
  assertClean(issues);
});

test('URL reload restores the state, changes are written to the URL', async () => {
  const { page, issues } = await openPage(`${PAGE}?depth=7&width=32&act=relu&init=heNormal&bias=0.01&seed=3`);
  await ready(page);
  assert.equal(await page.$eval('select', (s) => s.value), 'relu');
  assert.equal(await page.$$eval('#act-hists canvas', (c) => c.length), 7);
  await page.selectOption('select >> nth=1', 'lecunNormal');
  await page.waitForFunction(() => location.search.includes('init=lecunNormal'));
  // Reload: open the written address afresh.
  const written = new URL(page.url());
  const again = await openPage(written.pathname + written.search);
  await ready(again.page);
  assert.equal(await again.page.$$eval('select', (s) => s[1].value), 'lecunNormal');
  assert.equal(await again.page.$$eval('#act-hists canvas', (c) => c.length), 7);
  assert.match(again.page.url(), /depth=7&width=32&act=relu&init=lecunNormal/);
  assertClean(again.issues, 'reloaded');
  const bad = await openPage(`${PAGE}?depth=99`);
  await ready(bad.page);
  assert.match(await errorText(bad.page), /depth/);
  assertClean(issues);
});

test('two initializations train side by side in the worker', async () => {
  const { page, issues } = await openPage(`${PAGE}?depth=3&width=32&steps=50&init=standard&other=xavierNormal`);
  await ready(page);
  await page.click('text=Train both');
  await page.waitForFunction(() => document.querySelector('#train-results')?.textContent.includes('test accuracy'), null, { timeout: 60000 });
  assert.match(await text(page, '#train-results'), /standard.*final loss \d.*Xavier normal.*final loss \d/);
  await screenshot(page, 'lab-init-trained');
  assertClean(issues);
});

test('init lab works inside an iframe', () => assertWorksInIframe('/demos/init.html?embed=1', '.lab-section', 'init in an iframe'));

test('keyboard: the controls are reachable and change the lab', async () => {
  const { page, issues } = await openPage(`${PAGE}?depth=2`);
  await ready(page);
  await page.focus('input[type="range"]');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelectorAll('#act-hists canvas').length === 3);
  assert.match(page.url(), /depth=3/);
  assertClean(issues);
});
