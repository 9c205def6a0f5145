// The signals page's "Causal and dilated: the WaveNet stack" section in Chromium: the receptive
// field doubling with dilation as the core computes it, every layer's values against
// core.causalStack, a causal output unmoved by a change to a future sample (and a centred one
// moved), the traced sample by keyboard, the URL, accessibility and screenshots.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { alertText, assertClean, audit, closeAll, demoOpener, describeViolations, num, screenshot } from '../helpers/browser.mjs';

after(closeAll);

const PAGE = '/demos/conv1d.html';
const open = demoOpener(PAGE, '#causal-values td');
const search = async (page) => new URLSearchParams(await page.evaluate(() => location.search));

/** Open `query` with the predict-first panel on question `q`, once it can be answered. */
async function openQuiz(query, q) {
  const opened = await open(`?${query}&predict=1&q=${q}`);
  await opened.page.waitForSelector('#predict-body:not([hidden])');
  await opened.page.waitForFunction(() => !document.getElementById('predict-check').disabled);
  return opened;
}

/** Guess `text` with the keyboard; returns the shown result's value. */
async function guess(page, text) {
  await page.focus('#predict-guess');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /the core:/.test(document.getElementById('predict-result').textContent));
  return page.$eval('#predict-result', (e) => Number(e.dataset.value));
}

const hiddenState = (page) => page.$$eval('.predict-hidden', (els) => els.map((e) => getComputedStyle(e).visibility === 'hidden'));

/** core.causalStack in the page. */
const stackInPage = (page, x, spec, at) => page.evaluate(async ([xs, s, a]) => {
  const core = await (await import('/js/wasm.js')).loadCore();
  return core.causalStack(new Float32Array(xs), s, a);
}, [x, spec, at]);

/** The values table as numbers, one array per level (input first). */
const shownValues = (page) => page.$$eval('#causal-values tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
const numbers = (rows) => rows.map((r) => r.map(num));
const shownFields = (page) => page.$$eval('#causal-fields tbody tr td[id^="causal-rf-"]', (tds) => tds.map((td) => Number(td.textContent)));
const rounded = (levels) => levels.map((l) => l.values.map((v) => Number(v.toFixed(4))));
const INPUT = Array.from({ length: 32 }, (_, n) => (n === 22 ? 2 : n >= 8 && n < 16 ? 1 : 0));

test('the section loads cleanly, embedded too', async () => {
  for (const query of ['', '?embed=1']) {
    const { page, issues } = await open(query);
    assert.equal(await alertText(page), '');
    assert.match(await page.textContent('#causal-verdict'), /^y\[31\] of layer 4 depends on x\[16\] … x\[31\] \(16 samples\); its receptive field is 16 samples\. All of them are at or before n = 31/);
    assertClean(issues, `conv1d causal ${query}`);
  }
});

test('the receptive field doubles with dilation, as the core computes it, and the values are the core\'s', async () => {
  const { page, issues } = await open();
  await page.selectOption('#causal-layers', '5');
  const doubling = await stackInPage(page, INPUT, { kernel: [0.5, 0.5], dilations: [1, 2, 4, 8, 16] }, 31);
  assert.deepEqual(await shownFields(page), [2, 4, 8, 16, 32]);
  assert.deepEqual(await shownFields(page), doubling.levels.slice(1).map((l) => l.receptiveField));
  assert.deepEqual(numbers(await shownValues(page)), rounded(doubling.levels));
  assert.match(await page.textContent('#causal-verdict'), /depends on x\[0\] … x\[31\] \(32 samples\); its receptive field is 32 samples/);
  await page.selectOption('#causal-dilations', 'one');
  const plain = await stackInPage(page, INPUT, { kernel: [0.5, 0.5], dilations: [1, 1, 1, 1, 1] }, 31);
  assert.deepEqual(await shownFields(page), [2, 3, 4, 5, 6]);
  assert.deepEqual(await shownFields(page), plain.levels.slice(1).map((l) => l.receptiveField));
  assert.deepEqual(numbers(await shownValues(page)), rounded(plain.levels));
  // One layer of dilation 2: taps n and n − 2, three samples.
  const single = await open('?wl=1&wdil=two');
  assert.deepEqual(await shownFields(single.page), [3]);
  assert.match(await single.page.textContent('#causal-verdict'), /^y\[31\] of layer 1 depends on x\[29\], x\[31\]; its receptive field is 3 samples/);
  const q = await search(page);
  assert.equal(q.get('wl'), '5');
  assert.equal(q.get('wdil'), 'one');
  // The samples marked in the input row are the core's dependencies of y[31].
  const marked = await page.$$eval('#causal-values tbody tr[data-level="0"] td.depends', (tds) => tds.map((td) => td.cellIndex - 1));
  assert.deepEqual(marked, plain.levels[0].depends);
  assertClean(issues, 'receptive field');
});

test('a causal output does not change when a future sample changes; a centred one does', async () => {
  const { page, issues } = await open('?wat=20');
  const top = async () => (await shownValues(page)).at(-1).map(num);
  const before = await top();
  await page.click('#causal-input td[data-col="21"]');
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  assert.equal((await search(page)).get('wx').split(',')[21], '7');
  const afterEdit = await top();
  assert.deepEqual(afterEdit.slice(0, 21), before.slice(0, 21), 'y[0 … 20] stay as they were');
  assert.notDeepEqual(afterEdit.slice(21), before.slice(21), 'y[21] and later see x[21]');
  assert.match(await page.textContent('#causal-verdict'), /All of them are at or before n = 20: the output does not depend on the future\./);
  // Centred layers: y[20] already sees x[21].
  await page.uncheck('#causal-switch');
  assert.equal((await search(page)).get('wc'), '0');
  const x = (await search(page)).get('wx').split(',').map(Number);
  const centred = await stackInPage(page, x, { kernel: [0.5, 0.5], dilations: [1, 2, 4, 8], causal: false }, 20);
  assert.equal(centred.pastOnly, false);
  assert.match(await page.textContent('#causal-verdict'), new RegExp(`It reaches into the future, up to x\\[${centred.last}\\], after n = 20`));
  const c1 = await top();
  await page.click('#causal-input td[data-col="21"]');
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  const c2 = await top();
  assert.notEqual(c2[20], c1[20], 'y[20] of the centred stack moved with x[21]');
  assertClean(issues, 'future');
});

test('keyboard: the traced sample moves with the arrows, the kernel is typed, the state survives a reload', async () => {
  const { page, issues } = await open('?wl=3');
  await page.focus('#causal-at');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await search(page)).get('wat'), '29');
  assert.match(await page.textContent('#causal-verdict'), /^y\[29\] of layer 3 depends on x\[22\] … x\[29\] \(8 samples\); its receptive field is 8/);
  await page.click('#causal-kernel td[data-col="1"]');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('−1');
  await page.keyboard.press('Enter');
  assert.equal((await search(page)).get('wh'), '0.5,-1');
  const want = await stackInPage(page, INPUT, { kernel: [0.5, -1], dilations: [1, 2, 4] }, 29);
  assert.deepEqual(numbers(await shownValues(page)), rounded(want.levels));
  await page.reload();
  await page.waitForSelector('#causal-values td');
  assert.equal(await page.$eval('#causal-at', (s) => s.value), '29');
  assert.equal(await page.$eval('#causal-layers', (s) => s.value), '3');
  assertClean(issues, 'keyboard');
  const bad = await open('?wx=1,2,3&wat=9');
  assert.match(await alertText(bad.page), /Setting "wat" is 9, but the signal has 3 samples; using the last\./);
  assert.match(await bad.page.textContent('#causal-verdict'), /^y\[2\] of layer 4/);
});

test('predict first: the stack\'s receptive field is hidden until a guess, and the answer is the core\'s', async () => {
  const { page, issues } = await openQuiz('wl=5', 'receptive-field');
  assert.match(await page.textContent('#predict-prompt'), /^5 layers of a 2-tap kernel with dilations 1, 2, 4, 8, 16/);
  const hidden = await hiddenState(page);
  assert.ok(hidden.length > 0 && hidden.every(Boolean), `the receptive field is hidden (${hidden})`);
  const want = await stackInPage(page, INPUT, { kernel: [0.5, 0.5], dilations: [1, 2, 4, 8, 16] }, 31);
  assert.equal(await guess(page, '31'), want.receptiveField);
  assert.equal(want.receptiveField, 32);
  assert.ok((await hiddenState(page)).every((h) => !h), 'shown after the guess');
  assertClean(issues, 'causal predict');
});

test('no serious or critical accessibility violations at 375 and 1920 px; screenshots', async () => {
  for (const width of [375, 1920]) {
    const { page } = await open('?wat=24', { width, height: 900 });
    const violations = await audit(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  }
  const { page } = await open('?wat=24');
  await page.$eval('#causal', (s) => s.scrollIntoView());
  assert.equal((await screenshot(page, 'conv1d-causal')).length, 2);
});
