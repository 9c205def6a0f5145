// The equivariance demo (www/demos/equivariance.html): loads cleanly (alone, embedded, in an
// iframe); a shifted digit's feature map is the shifted feature map away from the borders
// (exactly 0), stride 2 with an odd shift is not, pooling changes less than the raw map,
// rotation breaks equivariance, an MLP's hidden layer changes completely; the URL holds the
// state, and a bad URL value is reported.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, screenshot, closeAll, demoOpener, alertText, text, num, waitForChange } from '../helpers/browser.mjs';

after(closeAll);

const PAGE = '/demos/equivariance.html';

const open = demoOpener(PAGE, '#demo[data-ready]');

test('loads cleanly with its nav, and embedded without it', async () => {
  const { page, issues } = await open();
  assert.equal(await alertText(page), '');
  assert.ok(await page.$('nav a[href$="index.html"]'));
  assert.match(await text(page, '#eq-label'), /^label: \d$/);
  await screenshot(page, 'demo-equivariance');
  assertClean(issues, 'equivariance');

  const embedded = await open('?embed=1');
  assert.equal(await alertText(embedded.page), '');
  assert.equal(await embedded.page.$('nav'), null);
  assert.equal(await embedded.page.evaluate(() => document.documentElement.classList.contains('embed')), true);
  await screenshot(embedded.page, 'demo-equivariance-embed');
  assertClean(embedded.issues, 'equivariance embedded');
});

test('works inside an iframe', async () => {
  const src = `${PAGE}?embed=1&dx=2&dy=2`;
  const { page, issues } = await openPage(`/_fixtures/embed.html?src=${encodeURIComponent(src)}`);
  const frame = await (await page.waitForSelector('#demo-frame')).contentFrame();
  await frame.waitForSelector('#demo[data-ready]');
  assert.equal(await frame.textContent('[role="alert"]'), '');
  assert.equal(await frame.textContent('#eq-interior'), '0');
  assertClean(issues, 'equivariance in an iframe');
});

test('a 2 px shift: the feature maps agree exactly away from the borders', async () => {
  for (const kernel of ['sobelX', 'laplacian', 'random']) {
    const { page, issues } = await open(`?digit=7&dx=2&dy=2&kernel=${kernel}`);
    assert.equal(await text(page, '#eq-interior'), '0', kernel);
    assert.ok(num(await text(page, '#eq-cells')) > 100, `${kernel}: cells compared`);
    assert.ok(num(await text(page, '#eq-input-change')) > 0.3, `${kernel}: the input did change`);
    assert.match(await page.getAttribute('#eq-interior', 'aria-label'), /away from the borders: 0$/);
    assertClean(issues, kernel);
  }
});

test('near the borders the difference shows once the digit meets the edge', async () => {
  const { page, issues } = await open('?dx=9&dy=0');
  assert.equal(await text(page, '#eq-interior'), '0');
  assert.ok(num(await text(page, '#eq-all')) > 0, 'border cells differ');
  assertClean(issues, 'border');
});

test('stride 2 with a 1 px shift is not equivariant; with 2 px it is', async () => {
  const odd = await open('?dx=1&dy=0&sample=stride2');
  assert.ok(num(await text(odd.page, '#br-interior')) > 0.1, 'odd shift: aliasing');
  assert.match(await text(odd.page, '#br-verdict'), /^Not 0/);
  const even = await open('?dx=2&dy=0&sample=stride2');
  assert.equal(await text(even.page, '#br-interior'), '0');
  const pooled = await open('?dx=1&dy=0&sample=pool');
  assert.ok(num(await text(pooled.page, '#br-interior')) > 0.1, 'odd shift through 2×2 pooling');
  for (const o of [odd, even, pooled]) assertClean(o.issues, 'subsampling');
});

test('pooling changes less than the raw feature map', async () => {
  const { page, issues } = await open('?digit=3&dx=1&dy=1');
  const raw = num(await text(page, '#inv-raw'));
  const pooled = num(await text(page, '#inv-pool'));
  const global = num(await text(page, '#inv-global'));
  assert.ok(raw > 0.3, `raw ${raw}`);
  assert.ok(pooled < raw, `pooled ${pooled} < raw ${raw}`);
  assert.ok(global < pooled, `global ${global} < pooled ${pooled}`);
  assertClean(issues, 'invariance');
});

test('rotation by 30° gives a large difference; no rotation gives none', async () => {
  const { page, issues } = await open('?angle=30&scale=1');
  assert.ok(num(await text(page, '#rot-rel')) > 0.3, 'relative difference');
  assert.ok(num(await text(page, '#rot-interior')) > 0.5, 'largest difference');
  const still = await open('?angle=0&scale=1');
  assert.equal(await text(still.page, '#rot-interior'), '0');
  const scaled = await open('?angle=0&scale=2');
  assert.ok(num(await text(scaled.page, '#rot-rel')) > 0.3, 'scaling');
  for (const o of [{ issues }, still, scaled]) assertClean(o.issues, 'rotation');
});

test("the MLP's hidden activations change completely", async () => {
  const { page, issues } = await open('?dx=2&dy=1&units=64');
  assert.ok(num(await text(page, '#mlp-change')) > 0.5, 'hidden change');
  assert.equal(await text(page, '#mlp-params'), '50,240');
  assertClean(issues, 'mlp');
});

test('keyboard and pointer shift the digit; the URL keeps the state across a reload', async () => {
  const { page, issues } = await open('?dx=0&dy=0');
  const before = await text(page, '#eq-input-change');
  assert.equal(before, '0');
  await page.focus('.map-figure.draggable canvas');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await waitForChange(page, '#eq-input-change', before);
  assert.match(page.url(), /dx=2&dy=1/);

  const draggable = page.locator('.map-figure.draggable canvas');
  await draggable.scrollIntoViewIfNeeded();
  const box = await draggable.boundingBox();
  const cell = box.width / 28;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 3 * cell, box.y + box.height / 2 - 2 * cell, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction(() => /dx=5&dy=-1/.test(location.search));

  await page.selectOption('select[name="kernel"]', 'random');
  await page.fill('input[name="seed"]', '42');
  await page.press('input[name="seed"]', 'Enter');
  await page.waitForFunction(() => /seed=42/.test(location.search));
  const measured = await text(page, '#inv-raw');
  await page.waitForLoadState('networkidle');
  await page.reload();
  await page.waitForSelector('#demo[data-ready]');
  await page.waitForLoadState('networkidle');
  assert.equal(await page.inputValue('select[name="kernel"]'), 'random');
  assert.equal(await page.inputValue('input[name="seed"]'), '42');
  assert.equal(await page.inputValue('input[name="dx"]'), '5');
  assert.equal(await page.inputValue('input[name="dy"]'), '-1');
  assert.equal(await text(page, '#inv-raw'), measured);
  assertClean(issues, 'state');
});

test('a hand-edited invalid URL value is reported and the page still works', async () => {
  const { page, issues } = await open('?dx=99&kernel=sharpest');
  const alert = await alertText(page);
  assert.match(alert, /Setting "dx" was "99", which is outside the allowed range/);
  assert.match(alert, /Setting "kernel" was "sharpest"/);
  assert.equal(await page.inputValue('input[name="dx"]'), '2', 'the default');
  assert.equal(await text(page, '#eq-interior'), '0');
  await page.fill('input[name="digit"]', '5000');
  await page.press('input[name="digit"]', 'Enter');
  await page.waitForFunction(() => /digit/.test(document.querySelector('[role="alert"]').textContent));
  assert.match(await alertText(page), /Setting "digit" was "5000".*keeping 0/);
  await page.fill('input[name="digit"]', '12');
  await page.press('input[name="digit"]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[role="alert"]').textContent === '');
  assert.match(page.url(), /digit=12/);
  assertClean(issues, 'invalid URL');
});

test('the Laplacian at 90° commutes up to float rounding; at 30° it does not: judged by the core against the maps’ scale', async () => {
  const quarter = await open('?kernel=laplacian&angle=90&scale=1');
  const verdict = await text(quarter.page, '#rot-verdict');
  assert.match(verdict, /^Commutes, up to float rounding: the largest difference away from the borders is /);
  assert.doesNotMatch(verdict, /not commute/);
  const value = async (page, id) => Number(await page.getAttribute(id, 'data-value'));
  const [d, tol] = [await value(quarter.page, '#rot-interior'), await value(quarter.page, '#rot-tolerance')];
  assert.ok(d > 0 && d <= tol, `a rounding-level difference ${d} within the tolerance ${tol}`);
  assert.ok(tol < 1e-3, 'the tolerance is rounding-sized (10⁻⁵ of the maps’ scale)');
  // The verdict is the core's: a rounding-level difference judged against the maps' scale.
  const judged = await quarter.page.evaluate(async ([gap]) => {
    const core = await (await import('/js/wasm.js')).loadCore();
    const a = Float32Array.from({ length: 16 }, (_, i) => i / 4);
    const b = a.map((v, i) => (i === 5 ? v + gap : v));
    return core.shiftDifference(a, b, 4, 4, 0, 0, 0);
  }, [d]);
  assert.equal(judged.agree, d <= judged.tolerance);

  const thirty = await open('?kernel=laplacian&angle=30&scale=1');
  assert.match(await text(thirty.page, '#rot-verdict'), /^Does not commute: the largest difference away from the borders is /);
  const [d30, tol30] = [await value(thirty.page, '#rot-interior'), await value(thirty.page, '#rot-tolerance')];
  assert.ok(d30 > 1000 * tol30, `${d30} against ${tol30}`);
  const sobel = await open('?kernel=sobelX&angle=90&scale=1');
  assert.match(await text(sobel.page, '#rot-verdict'), /^Does not commute/, 'a vertical-edge detector does not turn with the image');
  for (const o of [quarter, thirty, sobel]) assertClean(o.issues, 'rotation verdict');
});
