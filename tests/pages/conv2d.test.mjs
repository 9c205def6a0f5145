// The 2-D convolution demo (www/demos/conv2d.html) in Chromium: the lecture's example stepped
// by keyboard and by buttons, true convolution, equations, geometry against the core,
// impossible settings, URL state (reload, bad values), volume mode, editing, layout.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPage, assertClean, closeAll, screenshot, FIXTURES, SIZES, demoOpener, alertText, num } from '../helpers/browser.mjs';

after(closeAll);

const lecture = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'lecture.json'), 'utf8'));
const PAGE = '/demos/conv2d.html';

const open = demoOpener(PAGE, '#stage .stage-output table');

/** The output maps as arrays of cell texts ('' for cells not reached yet). */
const outputs = (page) =>
  page.$$eval('#stage .stage-output table', (tables) => tables.map((t) => [...t.querySelectorAll('td .grid-value')].map((v) => v.textContent)));
const equation = (page) => page.$$eval('#equation .equation-line', (ps) => ps.map((p) => p.textContent));
const geometryInPage = (page, args) =>
  page.evaluate(async ([h, w, kh, kw, options]) => {
    const core = await (await import('/js/wasm.js')).loadCore();
    return core.convGeometry(h, w, kh, kw, options);
  }, args);
const search = async (page) => new URLSearchParams(await page.evaluate(() => location.search));

test('loads cleanly, also embedded and inside an iframe', async () => {
  const { page, issues } = await open();
  assert.equal(await alertText(page), '');
  assert.deepEqual(await outputs(page), [new Array(9).fill('')]);
  assertClean(issues, 'conv2d');

  const embedded = await open('?embed=1');
  assert.equal(await embedded.page.evaluate(() => document.documentElement.classList.contains('embed')), true);
  assert.equal(await embedded.page.$('nav'), null);
  assertClean(embedded.issues, 'conv2d embedded');

  const framed = await openPage(`/_fixtures/embed.html?src=${encodeURIComponent(`${PAGE}?embed=1&step=9`)}`);
  const frame = await (await framed.page.waitForSelector('#demo-frame')).contentFrame();
  await frame.waitForSelector('#stage .stage-output table');
  const cells = await frame.$$eval('#stage .stage-output .grid-value', (vs) => vs.map((v) => v.textContent));
  assert.deepEqual(cells.map(num), lecture.crossCorrelation.data);
  assertClean(framed.issues, 'conv2d in an iframe');
});

test("keyboard: arrows step through the lecture's example to 12 12 17 / 10 17 19 / 9 6 14", async () => {
  const { page, issues } = await open();
  await page.focus('#stage');
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await equation(page), ['3·0 + 3·1 + 2·2 + 0·2 + 0·2 + 1·0 + 3·0 + 1·1 + 2·2 = 12']);
  for (let i = 1; i < 9; i += 1) await page.keyboard.press('ArrowRight');
  assert.deepEqual((await outputs(page))[0].map(num), lecture.crossCorrelation.data);
  assert.equal(await page.textContent('.player-status'), 'Step 9 of 9: output row 2, column 2.');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await outputs(page))[0][8], '', 'stepping back empties the last cell');
  await page.keyboard.press('Home');
  assert.deepEqual(await outputs(page), [new Array(9).fill('')]);
  await page.keyboard.press('End');
  assert.deepEqual((await outputs(page))[0].map(num), lecture.crossCorrelation.data);
  assert.equal((await search(page)).get('step'), '9');
  assertClean(issues);
});

test('buttons step to the end; space plays and pauses; a step shows its equation', async () => {
  const { page, issues } = await open();
  for (let i = 0; i < 9; i += 1) await page.click('[data-action="forward"]');
  assert.deepEqual((await outputs(page))[0].map(num), lecture.crossCorrelation.data);
  await page.click('[data-action="first"]');
  await page.click('[data-action="forward"]');
  await page.click('[data-action="forward"]');
  // Window at output (0, 1): input rows 0–2, columns 1–3.
  assert.deepEqual(await equation(page), ['3·0 + 2·1 + 1·2 + 0·2 + 1·2 + 3·0 + 1·0 + 2·1 + 2·2 = 12']);
  const window = await page.$$eval('#stage .stage-input td.win .grid-value', (vs) => vs.map((v) => v.textContent));
  assert.deepEqual(window, ['3', '2', '1', '0', '1', '3', '1', '2', '2']);

  await page.selectOption('.player-speed select', '8');
  await page.focus('#stage');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('step') === '9');
  assert.equal(await page.getAttribute('[data-action="toggle"]', 'aria-pressed'), 'false', 'stops at the end');
  await page.keyboard.press('Space'); // plays again from the start
  await page.keyboard.press('Space'); // and pauses at once
  const paused = Number((await search(page)).get('step'));
  await page.waitForTimeout(400);
  assert.equal(Number((await search(page)).get('step')), paused, 'no second loop keeps running');
  assertClean(issues);
});

test('true convolution flips the kernel: 18 20 19 / 10 9 17 / 11 8 14', async () => {
  const { page, issues } = await open('?step=9');
  await page.selectOption('select[name="mode"]', 'conv');
  assert.deepEqual((await outputs(page))[0].map(num), lecture.convolution.data);
  const flipped = await page.$$eval('#stage .flipped-box .grid-value', (vs) => vs.map((v) => v.textContent));
  assert.deepEqual(flipped.map(num), [2, 1, 0, 0, 2, 2, 2, 1, 0]);
  assert.equal((await search(page)).get('mode'), 'conv');
  assertClean(issues);
});

test('stride and padding update the formula and the output size, as the core computes them', async () => {
  const { page, issues } = await open();
  assert.equal(await page.textContent('#formula-height'), '⌊(5 + 0 + 0 − 3) / 1⌋ + 1 = 3');
  const cases = [
    [{ stride: '2', padding: 'same' }, { stride: 2, padding: { kind: 'same' } }],
    [{ stride: '1', padding: 'full' }, { stride: 1, padding: { kind: 'full' } }],
    [{ padding: 'explicit', pad: '2', stride: '3' }, { stride: 3, padding: { kind: 'explicit', y: 2, x: 2 } }],
    [{ padding: 'valid', stride: '1', dilation: '2' }, { stride: 1, dilation: 2, padding: { kind: 'valid' } }],
  ];
  for (const [choices, options] of cases) {
    for (const [name, value] of Object.entries(choices)) await page.selectOption(`select[name="${name}"]`, value);
    const g = await geometryInPage(page, [5, 5, 3, 3, options]);
    const eff = g.dY === 1 ? `${g.kH}` : `(${g.dY}·(${g.kH}−1)+1)`;
    assert.equal(await page.textContent('#formula-height'), `⌊(5 + ${g.pads.top} + ${g.pads.bottom} − ${eff}) / ${g.sY}⌋ + 1 = ${g.outH}`);
    assert.equal(await page.textContent('#formula-width'), `⌊(5 + ${g.pads.left} + ${g.pads.right} − ${eff}) / ${g.sX}⌋ + 1 = ${g.outW}`);
    const rows = await page.$$eval('#stage .stage-output tbody tr', (trs) => trs.map((tr) => tr.querySelectorAll('td').length));
    assert.deepEqual(rows, new Array(g.outH).fill(g.outW), JSON.stringify(options));
    const inputRows = await page.$$eval('#stage .stage-input tbody tr', (trs) => trs.length);
    assert.equal(inputRows, 5 + g.pads.top + g.pads.bottom, 'padding rows drawn');
  }
  await page.click('[data-action="last"]');
  const expected = await page.evaluate(async () => {
    const core = await (await import('/js/wasm.js')).loadCore();
    const q = new URLSearchParams(location.search);
    const list = (k) => new Float32Array(q.get(k).split(',').map(Number));
    const out = core.conv2d(list('input'), new Uint32Array([1, 1, 5, 5]), list('kernel'), new Uint32Array([1, 1, 3, 3]), undefined, { dilation: 2 });
    return Array.from(out.data);
  });
  assert.deepEqual((await outputs(page))[0].map(num), expected);
  assertClean(issues);
});

test('an impossible setting shows the core message; the page keeps working after the fix', async () => {
  const { page, issues } = await open('?step=4');
  const before = await outputs(page);
  await page.selectOption('select[name="krows"]', '7');
  await page.selectOption('select[name="kcols"]', '7');
  const message = await alertText(page);
  assert.match(message, /kernel 7×7/);
  assert.match(message, /does not fit the padded input 5×5/);
  assert.match(await page.textContent('#formula-error'), /kernel 7×7/);
  assert.equal(await page.evaluate(() => document.querySelector('#stage').classList.contains('stale')), true);
  assert.deepEqual(await outputs(page), before, 'the last good view stays');

  await page.selectOption('select[name="padding"]', 'full');
  assert.equal(await alertText(page), '');
  const g = await geometryInPage(page, [5, 5, 7, 7, { padding: { kind: 'full' } }]);
  assert.equal(await page.textContent('#formula-height'), `⌊(5 + 6 + 6 − 7) / 1⌋ + 1 = ${g.outH}`);
  await page.click('[data-action="forward"]');
  assert.equal((await equation(page)).length, 1);
  assert.match((await equation(page))[0], /= \d+$/);
  assert.equal(await page.evaluate(() => document.querySelector('#stage').classList.contains('stale')), false);
  assertClean(issues);
});

test('a reload restores a modified state from the URL', async () => {
  const { page, issues } = await open();
  await page.selectOption('select[name="mode"]', 'conv');
  await page.selectOption('select[name="padding"]', 'same');
  await page.click('#stage .stage-input td.editable >> nth=0');
  await page.keyboard.type('9');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 3; i += 1) await page.click('[data-action="forward"]');
  const before = { outputs: await outputs(page), equation: await equation(page), url: page.url() };
  assert.equal((await search(page)).get('input').split(',')[0], '9');
  await page.waitForLoadState('networkidle');
  await page.reload({ waitUntil: 'networkidle' });
  await page.waitForSelector('#stage .stage-output table');
  assert.equal(page.url(), before.url);
  assert.deepEqual(await outputs(page), before.outputs);
  assert.deepEqual(await equation(page), before.equation);
  assert.equal(await page.$eval('select[name="mode"]', (s) => s.value), 'conv');
  assert.equal(await page.$eval('select[name="padding"]', (s) => s.value), 'same');
  assert.equal(await alertText(page), '');
  assertClean(issues);
});

test('hand-edited invalid URL values are reported and replaced by defaults', async () => {
  const { page, issues } = await open('?stride=9&padding=diagonal&input=1,2,3&step=500');
  const message = await alertText(page);
  assert.match(message, /Setting "stride" was "9"/);
  assert.match(message, /Setting "padding" was "diagonal"/);
  assert.match(message, /Setting "input" has 3 numbers/);
  assert.match(message, /Setting "step" was "500"/);
  assert.equal(await page.$eval('select[name="stride"]', (s) => s.value), '1');
  assert.equal(await page.$eval('select[name="padding"]', (s) => s.value), 'valid');
  await page.click('[data-action="last"]');
  assert.deepEqual((await outputs(page))[0].map(num), lecture.crossCorrelation.data);
  assert.equal(await alertText(page), message, 'messages stay until the user changes a setting');
  await page.selectOption('select[name="stride"]', '2');
  assert.equal(await alertText(page), '');
  assertClean(issues);
});

test('volume mode: per-channel sums plus bias, every map equal to core.conv2d', async () => {
  const { page, issues } = await open('?volume=1&filters=3&bias=1,-2,0.5');
  await page.click('[data-action="forward"]');
  const lines = await equation(page);
  assert.equal(lines.length, 4);
  assert.match(lines[0], /^channel 1: .* = \d+$/);
  assert.match(lines[3], /^total: \d+ \+ \d+ \+ \d+ \+ bias 1 = \d+$/);
  await page.click('[data-action="last"]');
  const shown = await outputs(page);
  const expected = await page.evaluate(async () => {
    const core = await (await import('/js/wasm.js')).loadCore();
    const q = new URLSearchParams(location.search);
    const list = (k) => new Float32Array(q.get(k).split(',').map(Number));
    const out = core.conv2d(list('input'), new Uint32Array([1, 3, 5, 5]), list('kernel'), new Uint32Array([3, 3, 3, 3]), list('bias'), {});
    return { shape: Array.from(out.shape), data: Array.from(out.data) };
  });
  assert.deepEqual(expected.shape, [1, 3, 3, 3]);
  assert.equal(shown.length, 3);
  assert.deepEqual(shown.flat().map(num), expected.data);
  assert.equal(await page.$$eval('#stage .stage-input table', (ts) => ts.length), 3, 'three input channels');
  assertClean(issues);
});

test('layout: nothing wider than the screen at phone and projector width; screenshots', async () => {
  for (const [name, query] of [['conv2d', '?step=5'], ['conv2d-volume', '?volume=1&filters=2&padding=same&step=7&mode=conv']]) {
    const { page, issues } = await open(query, SIZES.phone);
    for (const size of Object.values(SIZES)) {
      await page.setViewportSize(size);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, `${name} overflows at ${size.width}px`);
    }
    await screenshot(page, name);
    assertClean(issues);
  }
});
