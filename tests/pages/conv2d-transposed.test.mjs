// The 2-D page's transposed mode (op=transposed) in Chromium: the scatter and the gather views
// give the grid of core.convTranspose2d, stepped to the end and finished; the output size shown
// is PyTorch's formula for several settings (stride 2 with output padding 1 …); the matching
// convolution's ∂L/∂x; keyboard stepping; an impossible output padding said in words; the URL;
// embedded; and screenshots.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { alertText, assertClean, audit, closeAll, demoOpener, describeViolations, num, screenshot } from '../helpers/browser.mjs';

after(closeAll);

const PAGE = '/demos/conv2d.html';
const open = demoOpener(PAGE, '#transposed-final-scatter td');

const search = async (page) => new URLSearchParams(await page.evaluate(() => location.search));

/** The numbers of the grid in the box `id`, row by row. */
const grid = (page, id) => page.$$eval(`#${id} td.grid-cell .grid-value`, (cells) => cells.map((c) => c.textContent)).then((t) => t.map(num));

/** core.convTranspose2d in the page for a 1-channel input and kernel. */
const coreOutput = (page, x, [h, w], k, side, options) => page.evaluate(async ([x, h, w, k, side, options]) => {
  const core = await (await import('/js/wasm.js')).loadCore();
  const y = core.convTranspose2d(new Float32Array(x), new Uint32Array([1, 1, h, w]), new Float32Array(k), new Uint32Array([1, 1, side, side]), undefined, options);
  return { shape: y.shape, data: Array.from(y.data) };
}, [x, h, w, k, side, options]);

const press = async (page, key) => {
  await page.keyboard.press(key);
  await page.waitForTimeout(30);
};

const SETTINGS = [
  { trows: 2, tcols: 2, tk: 3, ts: 2, tpad: 0, tout: 0, tdil: 1 },
  { trows: 2, tcols: 2, tk: 3, ts: 2, tpad: 1, tout: 1, tdil: 1 },
  { trows: 3, tcols: 4, tk: 3, ts: 2, tpad: 1, tout: 1, tdil: 1 },
  { trows: 3, tcols: 3, tk: 3, ts: 3, tpad: 1, tout: 2, tdil: 1 },
  { trows: 3, tcols: 2, tk: 2, ts: 1, tpad: 1, tout: 1, tdil: 2 },
  { trows: 2, tcols: 3, tk: 4, ts: 2, tpad: 2, tout: 1, tdil: 1 },
  { trows: 3, tcols: 3, tk: 2, ts: 3, tpad: 2, tout: 0, tdil: 1 }, // padding beyond d·(k − 1): the gather grid cuts
];

test('off until chosen; loads cleanly with op=transposed, embedded too', async () => {
  const plain = await demoOpener(PAGE, '#op-transposed')();
  assert.equal(await plain.page.$eval('#transposed', (s) => s.hidden), true);
  await plain.page.click('#op-transposed');
  await plain.page.waitForSelector('#transposed-final-scatter td');
  assert.equal((await search(plain.page)).get('op'), 'transposed');
  assert.equal(await plain.page.$eval('#stage', (s) => getComputedStyle(s).display), 'none');
  await plain.page.click('#op-direct');
  assert.notEqual(await plain.page.$eval('#stage', (s) => getComputedStyle(s).display), 'none');
  assertClean(plain.issues, 'conv2d transposed');
  const { page, issues } = await open('?embed=1&op=transposed');
  assert.equal(await alertText(page), '');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('embed')), true);
  assertClean(issues, 'conv2d transposed embedded');
});

test('the hand-worked example: 2×2 stamped at stride 2 gives the 5×5 grid, both ways', async () => {
  const { page, issues } = await open('?op=transposed');
  const want = [1, 2, 5, 4, 6, 4, 5, 14, 10, 12, 10, 14, 36, 24, 30, 12, 15, 34, 20, 24, 21, 24, 55, 32, 36];
  assert.deepEqual(await grid(page, 'transposed-final-scatter'), want);
  assert.deepEqual(await grid(page, 'transposed-final-gather'), want);
  assert.match(await page.textContent('#transposed-formula-height'), /^\(2 − 1\)·2 − 2·0 \+ 1·\(3 − 1\) \+ 0 \+ 1 = 5$/);
  assert.match(await page.textContent('#transposed-verdict'), /^Both views give the same 5×5 grid/);
  assertClean(issues, 'hand-worked example');
});

test('scatter and gather give core.convTranspose2d, and the size is the formula, for several settings', async () => {
  for (const s of SETTINGS) {
    const query = new URLSearchParams({ op: 'transposed', ...Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)])) });
    const { page, issues } = await open(`?${query}`);
    const label = JSON.stringify(s);
    const x = await grid(page, 'transposed-input');
    const k = await grid(page, 'transposed-kernel');
    assert.equal(x.length, s.trows * s.tcols, label);
    const options = { stride: s.ts, padding: s.tpad, outputPadding: s.tout, dilation: s.tdil };
    const y = await coreOutput(page, x, [s.trows, s.tcols], k, s.tk, options);
    // PyTorch's formula, worked here, against the page's size and the core's output shape.
    const side = (n) => (n - 1) * s.ts - 2 * s.tpad + s.tdil * (s.tk - 1) + s.tout + 1;
    assert.deepEqual(y.shape, [1, 1, side(s.trows), side(s.tcols)], label);
    const size = await page.$eval('#transposed-size', (p) => [Number(p.dataset.rows), Number(p.dataset.cols)]);
    assert.deepEqual(size, [side(s.trows), side(s.tcols)], label);
    assert.match(await page.textContent('#transposed-formula-width'), new RegExp(`= ${side(s.tcols)}$`), label);
    const close = (got, what) => {
      assert.equal(got.length, y.data.length, `${label} ${what}`);
      got.forEach((v, i) => assert.ok(Math.abs(v - y.data[i]) <= 1e-3 * Math.max(1, Math.abs(y.data[i])), `${label} ${what} [${i}]: ${v} vs ${y.data[i]}`));
    };
    close(await grid(page, 'transposed-final-scatter'), 'scatter, finished');
    close(await grid(page, 'transposed-final-gather'), 'gather, finished');
    assert.equal(await page.$eval('#transposed-verdict', (p) => p.dataset.agree), 'true', label);
    // Stepped to the end, each view's output grid is the same.
    await page.focus('#transposed-stage');
    await press(page, 'End');
    close(await grid(page, 'transposed-output'), 'scatter, stepped');
    await page.click('#view-gather');
    await page.focus('#transposed-stage');
    await press(page, 'End');
    close(await grid(page, 'transposed-output'), 'gather, stepped');
    // Output padding below the stride: the matching convolution's ∂L/∂x is the same grid.
    const matching = await page.$eval('#transposed-matching', (p) => p.dataset.agree);
    assert.equal(matching, s.tout < s.ts ? 'true' : '', label);
    assertClean(issues, label);
  }
});

test('keyboard steps the views; the step and the view are in the URL', async () => {
  const { page, issues } = await open('?op=transposed');
  await page.focus('#transposed-stage');
  await press(page, 'ArrowRight');
  await press(page, 'ArrowRight');
  assert.equal((await search(page)).get('tstep'), '2');
  assert.match(await page.textContent('#transposed-player'), /Step 2 of 4: input row 0, column 1 stamps 2 × the kernel/);
  assert.match(await page.textContent('#transposed-equation'), /y\[0, 2\] \+= 2·1 → 5/);
  assert.ok([null, '0'].includes((await search(page)).get('step')), 'the direct stepper does not move');
  await press(page, 'End');
  assert.equal((await search(page)).get('tstep'), '4');
  await page.click('#view-gather');
  await page.focus('#transposed-stage');
  await press(page, 'Home');
  await press(page, 'ArrowRight');
  assert.equal((await search(page)).get('tview'), 'gather');
  assert.match(await page.textContent('#transposed-equation'), /^y\[0, 0\] = .* = 1$/);
  assert.match(await page.textContent('#transposed-player'), /Step 1 of 25: output row 0, column 0/);
  await screenshot(page, 'conv2d-transposed-gather');
  await page.click('#view-scatter');
  await page.focus('#transposed-stage');
  await press(page, 'Home');
  await press(page, 'ArrowRight');
  await press(page, 'ArrowRight');
  await screenshot(page, 'conv2d-transposed-scatter');
  assertClean(issues, 'keyboard');
});

test('an impossible output padding is said in words; wrong data lengths are reported', async () => {
  const { page, issues } = await demoOpener(PAGE, '#transposed-error')('?op=transposed&ts=1&tout=1');
  assert.match(await page.textContent('#transposed-error'), /outputPadding must be smaller than the stride or the dilation \(1\), got 1/);
  assert.deepEqual(issues.pageErrors, []);
  const bad = await open('?op=transposed&tin=1,2,3');
  assert.match(await alertText(bad.page), /Setting "tin" has 3 numbers, but a 2×2 input needs 4/);
  assert.deepEqual(await grid(bad.page, 'transposed-input'), [1, 2, 3, 4]);
});

test('the mode has no serious or critical accessibility violations at 375 and 1920 px', async () => {
  for (const [width, query] of [[375, '?op=transposed&tstep=2'], [1920, '?op=transposed&tview=gather&tstep=3&tpad=1&tout=1']]) {
    const { page } = await open(query, { width, height: 900 });
    const violations = await audit(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  }
});

test('predict first: the transposed output size is hidden until a guess, and the answer is the core\'s', async () => {
  const { page, issues } = await open('?op=transposed&ts=2&tpad=1&tout=1&trows=3&tcols=3&predict=1&q=transposed-size');
  await page.waitForSelector('#predict-body:not([hidden])');
  await page.waitForFunction(() => !document.getElementById('predict-check').disabled);
  assert.match(await page.textContent('#predict-prompt'), /A 3-row input, a 3×3 kernel, stride 2, padding 1, output padding 1, dilation 1/);
  const hidden = () => page.$$eval('.predict-hidden', (els) => els.map((e) => getComputedStyle(e).visibility === 'hidden'));
  const before = await hidden();
  assert.ok(before.length > 0 && before.every(Boolean), `the size is hidden (${before})`);
  const want = await page.evaluate(async () => (await (await import('/js/wasm.js')).loadCore()).convTranspose2dGeometry(3, 3, 3, 3, { stride: 2, padding: 1, outputPadding: 1 }).height.output);
  assert.equal(want, 6);
  await page.focus('#predict-guess');
  await page.keyboard.type('6');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /the core:/.test(document.getElementById('predict-result').textContent));
  assert.equal(await page.$eval('#predict-result', (e) => Number(e.dataset.value)), want);
  assert.ok((await hidden()).every((h) => !h), 'shown after the guess');
  assertClean(issues, 'transposed predict');
});

test('layout: the largest setting (a 24×24 gather grid) scrolls inside its box, nothing wider than a phone', async () => {
  const { page, issues } = await open('?op=transposed&trows=4&tcols=4&tk=4&ts=3&tout=2&tdil=2&tview=gather&tstep=40', { width: 375, height: 800 });
  assert.equal(await page.$eval('#transposed-size', (p) => p.dataset.rows), '18');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling of the page');
  await page.$eval('#transposed-stage', (s) => s.scrollIntoView());
  await screenshot(page, 'conv2d-transposed-largest');
  assertClean(issues, 'largest');
});

test('Copy as PyTorch hands out F.conv_transpose2d with the output padding and the core\'s numbers', async () => {
  const { page, issues } = await open('?op=transposed&tpad=1&tout=1');
  const before = Number((await page.getAttribute('#handouts-status', 'data-copies')) ?? 0);
  await page.click('#copy-pytorch');
  await page.waitForFunction((n) => Number(document.getElementById('handouts-status').dataset.copies ?? 0) > n, before);
  const text = await page.inputValue('#handouts-text');
  assert.match(text, /y = F\.conv_transpose2d\(x, k, b, stride=2, padding=1, output_padding=1, dilation=1\)/);
  assert.match(text, /assert tuple\(y\.shape\) == \(1, 1, 4, 4\)/);
  assert.match(text, /# Expected output:\n# {3}5 14 10 12\n# {3}14 36 24 30\n# {3}15 34 20 24\n# {3}24 55 32 36\n/);
  assert.deepEqual(issues.pageErrors, []);
});
