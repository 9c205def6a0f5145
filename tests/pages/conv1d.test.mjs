// The 1-D convolution demo (www/demos/conv1d.html) in Chromium: known outputs, the
// flip → slide → multiply → sum stepper, conv(x, h) = xcorr(x, flip h), editing by keyboard and
// pointer, presets, URL state (reload, bad values), embedding, layout.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, closeAll, screenshot, SIZES, demoOpener, alertText, text, num } from '../helpers/browser.mjs';

after(closeAll);

const PAGE = '/demos/conv1d.html';

const open = demoOpener(PAGE, '#identity-table');

/** The cells of row `id` of table `#table` as numbers ('' kept as ''). */
const row = (page, table, id) =>
  page.$$eval(`#${table} tr[data-row="${id}"] td`, (tds) => tds.map((td) => td.textContent)).then((cells) => cells.map((c) => (c === '' ? '' : num(c))));
const yShown = (page) => page.$$eval('#y-values .grid-value', (vs) => vs.map((v) => v.textContent));
const search = async (page) => new URLSearchParams(await page.evaluate(() => location.search));

test('loads cleanly, also embedded and inside an iframe', async () => {
  const { page, issues } = await open();
  assert.equal(await alertText(page), '');
  assertClean(issues, 'conv1d');
  const embedded = await open('?embed=1');
  assert.equal(await embedded.page.evaluate(() => document.documentElement.classList.contains('embed')), true);
  assert.equal(await embedded.page.$('nav'), null);
  assertClean(embedded.issues, 'conv1d embedded');
  const framed = await openPage(`/_fixtures/embed.html?src=${encodeURIComponent(`${PAGE}?embed=1&x=1,2,3&h=1,1`)}`);
  const frame = await (await framed.page.waitForSelector('#demo-frame')).contentFrame();
  await frame.waitForSelector('#identity-table');
  const y = await frame.$$eval('#superposition-table tr[data-row="y"] td', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(y, ['1', '3', '5', '3']);
  assertClean(framed.issues, 'conv1d in an iframe');
});

test('x = [1, 2, 3], h = [1, 1] gives y = 1 3 5 3, as the sum of the impulse responses', async () => {
  const { page, issues } = await open('?x=1,2,3&h=1,1');
  assert.deepEqual(await row(page, 'superposition-table', 'y'), [1, 3, 5, 3]);
  assert.equal(await page.textContent('#decomposition'), 'x[n] = 1·δ[n] + 2·δ[n−1] + 3·δ[n−2]');
  const responses = await page.$$eval('#superposition-table tbody tr:not([data-row])', (trs) =>
    trs.map((tr) => [tr.querySelector('th').textContent, ...[...tr.querySelectorAll('td')].map((td) => td.textContent)]));
  assert.deepEqual(responses, [
    ['from 1·δ[n]', '1', '1', '0', '0'],
    ['from 2·δ[n−1]', '0', '2', '2', '0'],
    ['from 3·δ[n−2]', '0', '0', '3', '3'],
  ]);
  await page.click('[data-action="last"]');
  assert.deepEqual((await yShown(page)).map(num), [1, 3, 5, 3]);
  assertClean(issues);
});

test('the stepper: flip, slide, multiply, sum, with the products for n', async () => {
  const { page, issues } = await open('?x=1,2,3&h=1,1');
  assert.match(await page.textContent('#phase-text'), /^Flip/);
  await page.focus('#stage');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('#phase-text'), /^Slide: .*n = 0/);
  assert.deepEqual(await row(page, 'terms-table', 'product'), ['', '']);
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('#phase-text'), /^Multiply/);
  assert.deepEqual(await row(page, 'terms-table', 'product'), [0, 1]);
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.textContent('#equation'), 'y[0] = x[0]·h[0] = 1·1 = 1');
  assert.deepEqual(await yShown(page), ['1', '', '', '']);

  await page.fill('#pick-n', '2');
  await page.press('#pick-n', 'Enter');
  await page.$eval('#pick-n', (input) => input.dispatchEvent(new Event('change')));
  assert.deepEqual(await page.$$eval('#terms-table thead th', (ths) => ths.map((th) => th.textContent)), ['k', '1', '2']);
  assert.deepEqual(await row(page, 'terms-table', 'x'), [2, 3]);
  assert.deepEqual(await row(page, 'terms-table', 'h'), [1, 1]);
  assert.deepEqual(await row(page, 'terms-table', 'product'), [2, 3]);
  assert.equal(await page.textContent('#equation'), 'y[2] = x[1]·h[1] + x[2]·h[0] = 2·1 + 3·1 = 5');
  assert.deepEqual(await yShown(page), ['1', '3', '5', '']);
  assert.equal((await search(page)).get('step'), '9');

  await page.click('#y-values td[data-col="3"]');
  assert.equal(await page.textContent('#equation'), 'y[3] = x[2]·h[1] = 3·1 = 3');
  assertClean(issues);
});

test('conv(x, h) = xcorr(x, flip h), and the toggle switches the stepper to correlation', async () => {
  const { page, issues } = await open('?x=1,2,4&h=1,-1&step=12');
  const conv = await row(page, 'identity-table', 'conv');
  assert.deepEqual(conv, [1, 1, 2, -4]);
  assert.deepEqual(await row(page, 'identity-table', 'xcorr-flipped'), conv);
  assert.deepEqual(await row(page, 'identity-table', 'xcorr'), [-1, -1, -2, 4]);
  assert.deepEqual(await row(page, 'identity-table', 'conv-flipped'), [-1, -1, -2, 4]);
  assert.deepEqual(await page.$$eval('#identity-table tr[data-row^="agree"] td', (tds) => [...new Set(tds.map((td) => td.textContent))]), ['✓']);
  assert.match(await page.textContent('#identity-status'), /conv\(x, h\) = xcorr\(x, flip h\) at all 4 values of n ✓/);
  assert.equal(await page.textContent('#flipped-h'), 'h = [1, −1], flip(h) = [−1, 1]');
  assert.deepEqual((await yShown(page)).map(num), [1, 1, 2, -4]);
  await page.selectOption('#mode', 'xcorr');
  assert.deepEqual((await yShown(page)).map(num), [-1, -1, -2, 4]);
  assert.equal(await page.textContent('#equation'), 'y[3] = x[2]·h[0] = 4·1 = 4');
  assert.equal((await search(page)).get('mode'), 'xcorr');
  assertClean(issues);
});

test('editing: type into x, drag a stem of h, add a sample, choose presets', async () => {
  const { page, issues } = await open('?x=1,2,3&h=1,1');
  await page.click('#x-editor td[data-col="0"]');
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  assert.equal((await search(page)).get('x'), '4,2,3');
  assert.deepEqual(await row(page, 'superposition-table', 'y'), [4, 6, 5, 3]);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('−1.5');
  await page.keyboard.press('Enter');
  assert.equal((await search(page)).get('x'), '4,-1.5,3');

  const box = await (await page.$('#h-canvas')).boundingBox();
  const before = (await search(page)).get('h');
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.55);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.1, { steps: 5 });
  await page.mouse.up();
  const after = (await search(page)).get('h').split(',').map(Number);
  assert.notEqual((await search(page)).get('h'), before);
  assert.equal(after[0], 1, 'the other stem is untouched');
  assert.ok(after[1] > 1, `dragging up raised h[1] (${after})`);

  await page.click('#h-editor button:has-text("Add sample")');
  assert.equal((await search(page)).get('h').split(',').length, 3);
  await page.selectOption('#h-preset', 'gaussian');
  const expected = await page.evaluate(async () => {
    const core = await (await import('/js/wasm.js')).loadCore();
    return typeof core.filterKernel === 'function';
  });
  const h = (await search(page)).get('h');
  if (!expected) assert.equal(h, '0.0625,0.25,0.375,0.25,0.0625');
  assert.match(await page.textContent('#h-preset option:checked'), expected ? /Gaussian/ : /binomial ≈ Gaussian/);
  await page.selectOption('#x-preset', 'step');
  assert.equal((await search(page)).get('x'), '0,0,1,1,1,1,1,1');
  assertClean(issues);
});

test('a reload restores the state; bad URL values are reported and defaulted', async () => {
  const { page, issues } = await open('?x=1,2,3&h=1,1');
  await page.selectOption('#mode', 'xcorr');
  await page.focus('#stage');
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
  const before = { url: page.url(), equation: await page.textContent('#phase-text'), terms: await row(page, 'terms-table', 'product') };
  await page.waitForLoadState('networkidle');
  await page.reload({ waitUntil: 'networkidle' });
  await page.waitForSelector('#identity-table');
  assert.equal(page.url(), before.url);
  assert.equal(await page.textContent('#phase-text'), before.equation);
  assert.deepEqual(await row(page, 'terms-table', 'product'), before.terms);
  assert.equal(await page.$eval('#mode', (s) => s.value), 'xcorr');
  assertClean(issues);

  const bad = await open('?x=1,abc&h=&mode=backwards&step=99999');
  const message = await alertText(bad.page);
  assert.match(message, /Setting "x" was "1,abc"/);
  assert.match(message, /Setting "h" was ""/);
  assert.match(message, /Setting "mode" was "backwards"/);
  assert.match(message, /Setting "step" was "99999"/);
  assert.equal(await bad.page.$eval('#mode', (s) => s.value), 'conv');
  assert.deepEqual(await row(bad.page, 'superposition-table', 'y'), [1, 2.5, 4.25, 3, 3.25, 1.25, 0.5]);
  assertClean(bad.issues);
});

test('layout: nothing wider than the screen at phone and projector width; screenshots', async () => {
  const { page, issues } = await open('?step=8', SIZES.phone);
  for (const size of Object.values(SIZES)) {
    await page.setViewportSize(size);
    await page.waitForTimeout(100);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, `overflows at ${size.width}px`);
  }
  await screenshot(page, 'conv1d');
  assertClean(issues);
});
