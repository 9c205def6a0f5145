// Accessibility, audited: axe-core (pinned in tests/package.json) on the landing page and every
// demo, normal and embedded (?embed=1), at phone (375 px) and projector (1920 px) widths, and on
// the states a lesson reaches (a trained network, a confusion matrix, problems shown in the alert
// region). No serious or critical violation is allowed, and every canvas has a text alternative.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { DEMOS } from '../../www/js/demos.js';
import { openPage, assertClean, audit, describeViolations, closeAll, SIZES } from '../helpers/browser.mjs';

after(closeAll);

const PAGES = [{ id: 'landing', path: 'index.html' }, ...DEMOS];

/** Wait until the page's module has run (a demo: mounted), the network is quiet and drawing is done. */
async function settled(page) {
  await page.waitForFunction(() => {
    if (!document.querySelector('h1') || document.readyState !== 'complete') return false;
    const isDemo = Boolean(document.querySelector('script[src*="/demos/"]'));
    return !isDemo || document.documentElement.dataset.mounted === '1';
  }, null, { timeout: 60000 });
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Canvases a screen reader would meet without a name: each needs role="img" and a label, or aria-hidden. */
function unnamedCanvases(page) {
  return page.$$eval('canvas', (canvases) => canvases
    .filter((c) => !c.closest('[aria-hidden="true"]'))
    .filter((c) => c.getAttribute('role') !== 'img' || !((c.getAttribute('aria-label') ?? '').trim() || c.getAttribute('aria-labelledby')))
    .map((c) => c.id || c.className || c.outerHTML.slice(0, 80)));
}

async function assertAccessible(page, label) {
  const violations = await audit(page);
  assert.equal(violations.length, 0, `${label}: serious or critical accessibility violations:\n${describeViolations(violations)}`);
  assert.deepEqual(await unnamedCanvases(page), [], `${label}: canvases without a text alternative`);
}

for (const { id, path } of PAGES) {
  for (const embed of [false, true]) {
    const mode = embed ? 'embedded' : 'normal';
    test(`${id} (${mode}): no serious or critical violations at 375 px and 1920 px`, async () => {
      const { page, issues } = await openPage(`/${path}${embed ? '?embed=1' : ''}`, SIZES.phone);
      await settled(page);
      await assertAccessible(page, `${id} ${mode} 375 px`);
      await page.setViewportSize(SIZES.projector);
      await settled(page);
      await assertAccessible(page, `${id} ${mode} 1920 px`);
      assertClean(issues, `${id} ${mode}`);
    });
  }
}

test('train: a trained network, its confusion matrix, misclassified digits, feature maps and a drawn digit', async () => {
  const { page, issues } = await openPage('/demos/train.html', SIZES.phone);
  await settled(page);
  await page.waitForFunction(() => !document.getElementById('play').disabled, null, { timeout: 30000 });
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('stat-step').dataset.value) > 150, null, { timeout: 60000 });
  await page.click('#play');
  await page.waitForSelector('#confusion table', { timeout: 60000 });
  await page.click('#inspect');
  await page.waitForSelector('#maps canvas', { timeout: 30000 });
  await page.$eval('#draw', (e) => e.scrollIntoView({ block: 'center' }));
  const box = await (await page.$('#draw')).boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.8, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelectorAll('#probs .prob-value[data-value]').length === 10);
  await settled(page);
  await assertAccessible(page, 'train trained 375 px');
  await page.setViewportSize(SIZES.projector);
  await settled(page);
  await assertAccessible(page, 'train trained 1920 px');
  assertClean(issues, 'train trained');
});

test('problems with the URL shown in the alert region stay accessible', async () => {
  for (const path of ['demos/conv2d.html?stride=9&padding=%3Cb%3E', 'demos/train.html?layers=fl_c8k5_d10&lr=abc']) {
    const { page } = await openPage(`/${path}`, SIZES.phone);
    await settled(page);
    await assertAccessible(page, path);
  }
});

test('init: after training both networks', async () => {
  const { page, issues } = await openPage('/demos/init.html', SIZES.projector);
  await settled(page);
  await page.click('text=Train both');
  await page.waitForFunction(() => document.querySelector('#train-results')?.textContent.includes('test accuracy'), null, { timeout: 90000 });
  await settled(page);
  await assertAccessible(page, 'init trained');
  assertClean(issues, 'init trained');
});
