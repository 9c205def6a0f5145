// "Blur, then subsample" on the equivariance page and on the training page: the option measurably
// lowers the shift sensitivity (the page's two numbers, read from the DOM, are the core's, and the
// blurred one is smaller) for 2×2 max pooling and a stride-2 convolution; the curve is drawn; the
// option is kept in the URL; the training page accepts the layer code mp2b and trains a step.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, screenshot, closeAll, demoOpener, alertText, text } from '../helpers/browser.mjs';

after(closeAll);

const open = demoOpener('/demos/equivariance.html', '#demo[data-ready]');
const value = (page, id) => page.$eval(id, (e) => Number(e.dataset.value));

/** The core's comparison for the page's layer, computed in the page from the same digits. */
function coreComparison(page, sample, kernel) {
  return page.evaluate(async ([sample, kernel]) => {
    const { loadCore } = await import('/js/wasm.js');
    const { loadDigits } = await import('/js/lib/digits.js');
    const core = await loadCore();
    const digits = await loadDigits(core);
    const k = core.filterKernel({ kind: kernel });
    const base = { rows: k.rows, cols: k.cols, values: Array.from(k.values), stride: 2 };
    const layer = sample === 'pool' ? { kind: 'convMaxPool', ...base, size: 2 } : { kind: 'conv', ...base };
    const r = core.blurShiftSensitivity(digits, 200, layer, 6);
    return { plain: r.plain.onePixel, blurred: r.blurred.onePixel, ratio: r.ratio, reduced: r.reduced, curve: r.blurred.curve };
  }, [sample, kernel]);
}

test('blur, then subsample lowers the shift sensitivity of max pooling and a stride-2 convolution', async () => {
  for (const sample of ['pool', 'stride2']) {
    const { page, issues } = await open(`?sample=${sample}&kernel=sobelX&dx=1&dy=0&blur=1`);
    assert.equal(await alertText(page), '');
    const plain = await value(page, '#blur-plain');
    const blurred = await value(page, '#blur-blurred');
    const core = await coreComparison(page, sample, 'sobelX');
    assert.equal(plain, core.plain, `${sample}: the page shows the core's number without the blur`);
    assert.equal(blurred, core.blurred, `${sample}: and with it`);
    assert.ok(core.reduced && blurred < 0.9 * plain, `${sample}: ${blurred} is measurably below ${plain}`);
    assert.equal(await value(page, '#blur-ratio'), core.ratio);
    assert.match(await text(page, '#blur-verdict'), /^The blur lowers the change under a 1-px shift/);
    assert.match(await text(page, '#br-verdict'), /blurred, then subsampled/);
    assert.equal(await page.$eval('input[name="blur"]', (e) => e.checked), true);
    const drawn = await page.$eval('.eq-blur-chart', (c) => c.width > 0 && c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v) => v !== 0));
    assert.ok(drawn, 'the curve is drawn');
    if (sample === 'pool') {
      await page.$eval('#blur', (e) => e.scrollIntoView());
      await screenshot(page, 'demo-equivariance-blur');
    }
    assertClean(issues, sample);
  }
});

test('the checkbox blurs the subsampled maps and is kept in the URL', async () => {
  const { page, issues } = await open('?sample=pool&dx=1&dy=0');
  const before = await value(page, '#br-interior');
  await page.click('input[name="blur"]');
  await page.waitForFunction(() => /blurred/.test(document.getElementById('br-verdict').textContent));
  assert.match(page.url(), /blur=1/);
  const after = await value(page, '#br-interior');
  assert.notEqual(after, before, 'the maps of the subsampling step changed');
  assertClean(issues, 'toggle');
});

test('the training page accepts a blurred pool and trains a step', async () => {
  const { page, issues } = await openPage('/demos/train.html?layers=c4k5_relu_mp2b_fl_d10');
  await page.waitForFunction(() => !document.getElementById('play')?.disabled && document.getElementById('stat-step')?.dataset.value === '0', null, { timeout: 30000 });
  assert.equal(await page.$eval('#model-message', (e) => e.textContent), '');
  const box = await page.$('input[aria-label="Layer 3 blur, then subsample"]');
  assert.ok(box && (await box.isChecked()), 'the editor shows the option, checked');
  await page.click('#step');
  await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '1', null, { timeout: 30000 });
  assert.match(page.url(), /mp2b/);
  await box.click();
  await page.waitForFunction(() => /layers=c4k5_relu_mp2_fl_d10/.test(location.href), null, { timeout: 10000 });
  await page.$eval('input[aria-label="Layer 3 blur, then subsample"]', (e) => e.scrollIntoView({ block: 'center' }));
  await screenshot(page, 'demo-train-blur');
  assertClean(issues, 'train');
});
