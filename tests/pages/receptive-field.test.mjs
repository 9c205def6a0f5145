// The receptive-field demo (www/demos/receptive-field.html): loads cleanly (alone, embedded, in
// an iframe); three 3×3 convs see 7×7; LeNet's map sizes, receptive fields and jumps match the
// hand computation; selecting a unit (pointer or keyboard) highlights a region whose size is
// shown; an impossible stack is reported in the core's words and the page recovers; the
// calculator's presets give the lecture's numbers; the URL keeps the state in the core's layer
// code (the training page's), an old link (`c5s1d1pv.p2s2d1pv`) still opens and is written back
// in that code; bad values are reported.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, screenshot, closeAll, demoOpener, alertText, text } from '../helpers/browser.mjs';

after(closeAll);

const PAGE = '/demos/receptive-field.html';

const open = demoOpener(PAGE, '#demo[data-ready]');

const column = (page, prefix, n) =>
  page.evaluate(([p, count]) => Array.from({ length: count }, (_, i) => document.getElementById(`${p}-${i}`)?.textContent), [prefix, n]);

test('loads cleanly with its nav, and embedded without it', async () => {
  const { page, issues } = await open();
  assert.equal(await alertText(page), '');
  assert.ok(await page.$('nav a[href$="index.html"]'));
  assert.equal(await page.locator('.rf-map canvas').count(), 5, 'input and four maps');
  await screenshot(page, 'demo-receptive-field');
  assertClean(issues, 'receptive field');

  const embedded = await open('?embed=1&digit=1');
  assert.equal(await alertText(embedded.page), '');
  assert.equal(await embedded.page.$('nav'), null);
  assert.equal(await embedded.page.evaluate(() => document.documentElement.classList.contains('embed')), true);
  assert.equal(await text(embedded.page, '#rf-map-0'), '28×28', 'the digit is 28×28');
  await screenshot(embedded.page, 'demo-receptive-field-embed');
  assertClean(embedded.issues, 'receptive field embedded');
});

test('works inside an iframe', async () => {
  const src = `${PAGE}?embed=1`;
  const { page, issues } = await openPage(`/_fixtures/embed.html?src=${encodeURIComponent(src)}`);
  const frame = await (await page.waitForSelector('#demo-frame')).contentFrame();
  await frame.waitForSelector('#demo[data-ready]');
  assert.equal(await frame.textContent('[role="alert"]'), '');
  assert.equal(await frame.textContent('#rf-size-4'), '16×16');
  assertClean(issues, 'receptive field in an iframe');
});

test('three 3×3 convolutions see 7×7', async () => {
  const { page, issues } = await open('?size=32');
  await page.click('button[data-preset="three3"]');
  await page.waitForFunction(() => document.getElementById('rf-size-3')?.textContent === '7×7');
  assert.deepEqual(await column(page, 'rf-size', 4), ['1×1', '3×3', '5×5', '7×7']);
  assert.deepEqual(await column(page, 'rf-map', 4), ['32×32', '30×30', '28×28', '26×26']);
  assert.match(await text(page, '#rf-selection'), /a region of 7 × 7 pixels/);
  assert.match(page.url(), /layers=c1k3_c1k3_c1k3(&|$)/);
  assertClean(issues, 'three 3×3');
});

test("LeNet's stack: sizes and jumps as computed by hand", async () => {
  // 32 → conv5: 28 (rf 5, jump 1) → pool2/2: 14 (rf 5+1·1 = 6, jump 2)
  //    → conv5: 10 (rf 6+4·2 = 14, jump 2) → pool2/2: 5 (rf 14+1·2 = 16, jump 4)
  const { page, issues } = await open('?size=32&layers=c1k5_mp2_c1k5_mp2');
  assert.deepEqual(await column(page, 'rf-map', 5), ['32×32', '28×28', '14×14', '10×10', '5×5']);
  assert.deepEqual(await column(page, 'rf-size', 5), ['1×1', '5×5', '6×6', '14×14', '16×16']);
  assert.deepEqual(await column(page, 'rf-jump', 5), ['1×1', '1×1', '2×2', '2×2', '4×4']);
  assertClean(issues, 'LeNet');
});

test('an old link (c5s1d1pv.p2s2d1pv) opens the same stack and is written back in the layer code', async () => {
  const { page, issues } = await open('?size=32&layers=c5s1d1pv.p2s2d1pv.c5s1d1pv.p2s2d1pv&layer=3&row=2&col=2');
  assert.equal(await alertText(page), '');
  assert.deepEqual(await column(page, 'rf-map', 5), ['32×32', '28×28', '14×14', '10×10', '5×5']);
  assert.deepEqual(await column(page, 'rf-size', 5), ['1×1', '5×5', '6×6', '14×14', '16×16']);
  assert.deepEqual(await column(page, 'rf-jump', 5), ['1×1', '1×1', '2×2', '2×2', '4×4']);
  assert.match(page.url(), /layers=c1k5_mp2_c1k5_mp2&layer=3&row=2&col=2/);
  // Strides, dilations and paddings of the old code: same padding, explicit padding, full.
  const padded = await open('?size=32&layers=c3s2d1ps.p3s1d2p1.c3s1d1pf');
  assert.equal(await alertText(padded.page), '');
  assert.deepEqual(await column(padded.page, 'rf-map', 4), ['32×32', '16×16', '14×14', '16×16']);
  assert.deepEqual(await column(padded.page, 'rf-size', 4), ['1×1', '3×3', '11×11', '15×15']);
  assert.equal(await padded.page.inputValue('select[name="padding1"]'), 'same');
  assert.equal(await padded.page.inputValue('select[name="type2"]'), 'pool');
  assert.equal(await padded.page.inputValue('input[name="dilation2"]'), '2');
  assert.equal(await padded.page.inputValue('select[name="padding2"]'), 'pad1');
  assert.doesNotMatch(padded.page.url(), /layers=[^&]*\./, 'written back in the new code');
  assertClean(issues, 'old link');
  assertClean(padded.issues, 'old link with paddings');
});

test("the training page's layer code opens here: element-wise layers pass the receptive field through", async () => {
  const { page, issues } = await open('?size=28&layers=c8k5_relu_mp2');
  assert.equal(await alertText(page), '');
  assert.deepEqual(await column(page, 'rf-map', 4), ['28×28', '24×24', '24×24', '12×12']);
  assert.deepEqual(await column(page, 'rf-size', 4), ['1×1', '5×5', '5×5', '6×6']);
  assert.match(page.url(), /layers=c8k5_relu_mp2(&|$)/);
  const dense = await open('?size=28&layers=c8k5_relu_mp2_fl_d10');
  assert.match(await alertText(dense.page), /flatten layer at position 4/);
  assert.equal(await dense.page.locator('.rf-map canvas').count(), 4);
  assertClean(issues, 'training code');
  assertClean(dense.issues, 'training code with dense layers');
});

test('selecting a unit highlights its region, with pointer and keyboard', async () => {
  const { page, issues } = await open('?size=32&layers=c3s1d1pv.c3s1d1pv.c3s1d1pv&layer=2&row=10&col=10');
  assert.match(await text(page, '#rf-selection'), /rows 10–16 and columns 10–16: a region of 7 × 7 pixels/);
  // Tap the top-left unit of layer 1's map: it sees rows 0–2, columns 0–2 (3 × 3).
  const canvas = page.locator('.rf-map canvas').nth(1);
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.mouse.click(box.x + 2, box.y + 2);
  await page.waitForFunction(() => /a region of 3 × 3 pixels/.test(document.getElementById('rf-selection').textContent));
  assert.match(await text(page, '#rf-selection'), /rows 0–2 and columns 0–2/);
  assert.match(page.url(), /layer=0&row=0&col=0/);
  // Keyboard: on the last map, Enter picks the centre, arrows move it.
  await page.locator('.rf-map canvas').nth(3).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /layer 3's 26×26/.test(document.getElementById('rf-selection').textContent));
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /column 13\)/.test(document.getElementById('rf-selection').textContent));
  assert.match(await text(page, '#rf-selection'), /rows 12–18 and columns 13–19: a region of 7 × 7 pixels/);
  assert.match(await page.locator('.rf-map canvas').nth(0).getAttribute('aria-label'), /receptive field rows 12 to 18/);
  assertClean(issues, 'selection');
});

test('an impossible stack shows the core message, and the page recovers', async () => {
  const { page, issues } = await open('?size=32');
  await page.fill('input[name="kernel1"]', '40');
  await page.press('input[name="kernel1"]', 'Enter');
  await page.waitForFunction(() => /does not fit/.test(document.querySelector('[role="alert"]').textContent));
  // The core's words for the model (describeModel), naming the layer and its operation.
  assert.match(await alertText(page), /Layer 1 is impossible: .*layer 1 \(conv2d\): conv2d: kernel 40×40 .*does not fit the padded input 32×32/);
  assert.match(await text(page, '#rf-error-1'), /does not fit/);
  assert.match(await text(page, '#rf-selection'), /no unit to select/);
  await page.fill('input[name="kernel1"]', '5');
  await page.press('input[name="kernel1"]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[role="alert"]').textContent === '');
  assert.equal(await text(page, '#rf-size-4'), '16×16');
  // A later layer that no longer fits: the earlier maps stay.
  await page.fill('input[name="size"]', '12');
  await page.press('input[name="size"]', 'Enter');
  await page.waitForFunction(() => /Layer 3 is impossible/.test(document.querySelector('[role="alert"]').textContent));
  assert.equal(await text(page, '#rf-map-2'), '4×4');
  assert.equal(await page.locator('.rf-map canvas').count(), 3);
  assertClean(issues, 'impossible stack');
});

test("the calculator's presets give the lecture's numbers", async () => {
  const { page, issues } = await open();
  const expect = [
    ['mega', '#calc-dense-weights', '1,000,000,000'],
    ['cifar', '#calc-per-unit', '3,072'],
    ['big', '#calc-per-unit', '3,145,728'],
    ['map', '#calc-dense-mults', '8,028,160,000'],
  ];
  for (const [preset, selector, value] of expect) {
    await page.click(`button[data-preset="${preset}"]`);
    await page.waitForFunction(([s, v]) => document.querySelector(s).textContent.startsWith(v), [selector, value]);
    assert.ok((await page.getAttribute(selector, 'aria-label')).includes(value), `${preset} aria-label`);
  }
  assert.equal(await text(page, '#calc-dense-mults'), '8,028,160,000 (≈ 8.03 × 10⁹)');
  assert.equal(await text(page, '#calc-conv-mults'), '806,400 (≈ 8.06 × 10⁵)');
  await page.click('button[data-preset="mega"]');
  await page.waitForFunction(() => document.querySelector('#calc-dense-weights').textContent === '1,000,000,000 (10⁹)');
  // The volume: 32×32×3 input, 5×5 receptive field: 75 weights + 1 bias.
  assert.equal(await text(page, '#vol-weights'), '75');
  assert.equal(await text(page, '#vol-params'), '76');
  assert.match(await text(page, '#vol-sentence'), /5×5×3 volume — 75 weights \+ 1 bias = 76 parameters/);
  // A count beyond the core's range is refused in words; the rest keeps working.
  await page.fill('input[name="ch"]', '100000');
  await page.press('input[name="ch"]', 'Enter');
  await page.waitForFunction(() => /denseParameterCount/.test(document.querySelector('[role="alert"]').textContent));
  await page.click('button[data-preset="cifar"]');
  await page.waitForFunction(() => document.querySelector('[role="alert"]').textContent === '');
  assertClean(issues, 'calculator');
});

test('the URL keeps the state across a reload; bad values are reported', async () => {
  const { page, issues } = await open();
  await page.click('button[data-preset="dilated"]');
  await page.click('button[data-preset="big"]');
  await page.waitForFunction(() => /layers=c1k3_c1k3d2_c1k3d4(&|$)/.test(location.search) && /ch=1024/.test(location.search));
  const sizes = await column(page, 'rf-size', 4);
  assert.deepEqual(sizes, ['1×1', '3×3', '7×7', '15×15']);
  await page.waitForLoadState('networkidle');
  await page.reload();
  await page.waitForSelector('#demo[data-ready]');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await column(page, 'rf-size', 4), sizes);
  assert.equal(await page.inputValue('input[name="ch"]'), '1024');
  assert.equal(await text(page, '#calc-per-unit'), '3,145,728 (≈ 3.15 × 10⁶)');

  const bad = await open('?layers=c3s1d1pq&size=500&cu=0');
  const alert = await alertText(bad.page);
  assert.match(alert, /Setting "layers" was "c3s1d1pq", which is not in the expected form; using the default/);
  assert.match(alert, /Setting "size" was "500"/);
  assert.match(alert, /Setting "cu" was "0"/);
  assert.equal(await text(bad.page, '#rf-size-4'), '16×16', 'default stack');
  assertClean(issues, 'state');
  assertClean(bad.issues, 'bad URL');
});
