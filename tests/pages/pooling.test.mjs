// The pooling demo (www/demos/pooling.html): loads cleanly (alone, embedded, in an iframe); the
// 4×4 example shows the values worked out by hand here; the trace marks the max's argmax; the
// gradient reaches only argmax cells under max and spreads under average; the address restores
// window, stride and kind; the keyboard picks output cells.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, screenshot, closeAll, demoOpener, alertText, num } from '../helpers/browser.mjs';

after(closeAll);

const PAGE = '/demos/pooling.html';
const KINDS = ['max', 'average', 'l2', 'gaussian'];

const open = demoOpener(PAGE, () => (document.querySelector('#example-formula-max')?.textContent ?? '') !== '');
const values = (page, sel) => page.$$eval(`${sel} .grid-value`, (cells) => cells.map((c) => c.textContent));

// The example map, and pooling worked out by hand (plain arithmetic, independent of the page).
const EX = [[1, 3, 2, 0], [4, 2, 1, 1], [0, 0, 5, 6], [1, 2, 7, 8]];
function byHand(size, stride, sigma) {
  const c = (size - 1) / 2;
  const raw = [];
  for (let y = 0; y < size; y += 1) for (let x = 0; x < size; x += 1) raw.push(Math.exp(-((y - c) ** 2 + (x - c) ** 2) / (2 * sigma * sigma)));
  const total = raw.reduce((a, b) => a + b, 0);
  const w = raw.map((v) => v / total);
  const out = { max: [], average: [], l2: [], gaussian: [] };
  const n = (4 - size) / stride + 1;
  for (let oy = 0; oy < n; oy += 1) {
    for (let ox = 0; ox < n; ox += 1) {
      const win = [];
      for (let y = 0; y < size; y += 1) for (let x = 0; x < size; x += 1) win.push(EX[oy * stride + y][ox * stride + x]);
      out.max.push(Math.max(...win));
      out.average.push(win.reduce((a, b) => a + b, 0) / win.length);
      out.l2.push(Math.sqrt(win.reduce((a, b) => a + b * b, 0)));
      out.gaussian.push(win.reduce((a, b, i) => a + b * w[i], 0));
    }
  }
  return out;
}

function assertClose(shown, expected, label) {
  assert.equal(shown.length, expected.length, label);
  shown.forEach((t, i) => assert.ok(Math.abs(num(t) - expected[i]) < 6e-4, `${label}[${i}]: shown ${t}, by hand ${expected[i]}`));
}

test('loads cleanly with its nav, and embedded without it', async () => {
  const { page, issues } = await open();
  assert.equal(await alertText(page), '');
  assert.ok(await page.$('nav a[href$="index.html"]'));
  await screenshot(page, 'demo-pooling');
  assertClean(issues, 'pooling');
  const embedded = await open('?embed=1');
  assert.equal(await embedded.page.$('nav'), null);
  await screenshot(embedded.page, 'demo-pooling-embed');
  assertClean(embedded.issues, 'pooling embedded');
});

test('works inside an iframe', async () => {
  const src = `${PAGE}?embed=1&kind=l2`;
  const { page, issues } = await openPage(`/_fixtures/embed.html?src=${encodeURIComponent(src)}`);
  const frame = await (await page.waitForSelector('#demo-frame')).contentFrame();
  await frame.waitForFunction(() => (document.querySelector('#example-formula-max')?.textContent ?? '') !== '');
  assert.equal(await frame.textContent('[role="alert"]'), '');
  assert.equal(await frame.$eval('#kind-select', (s) => s.value), 'l2');
  assertClean(issues, 'pooling in an iframe');
});

test('the 4×4 example shows the hand-checked values of all four kinds', async () => {
  const { page, issues } = await open();
  const two = byHand(2, 2, 1);
  assert.deepEqual(two.max, [4, 2, 2, 8]);
  assert.deepEqual(two.average, [2.5, 1, 0.75, 6.5]);
  for (const kind of KINDS) assertClose(await values(page, `#example-out-${kind}`), two[kind], `2×2 ${kind}`);
  assert.equal(await page.textContent('#example-formula-max'), 'Max: max(1, 3, 4, 2) = 4');
  assert.equal(await page.textContent('#example-formula-average'), 'Average: (1 + 3 + 4 + 2) / 4 = 2.5');

  const three = await open('?ex=3s1&sigma=1&er=1&ec=0');
  const hand = byHand(3, 1, 1);
  for (const kind of KINDS) assertClose(await values(three.page, `#example-out-${kind}`), hand[kind], `3×3 ${kind}`);
  assert.ok(hand.gaussian.some((g, i) => Math.abs(g - hand.average[i]) > 0.01), 'a 3×3 Gaussian differs from the average');
  assert.match(await three.page.textContent('#example-formula-max'), /^Max: max\(4, 2, 1, 0, 0, 5, 1, 2, 7\) = 7$/);
  assertClean(issues, 'example');
  assertClean(three.issues, 'example 3×3');
});

test('the trace marks the argmax for max, and only for max', async () => {
  const { page, issues } = await open('?size=3&stride=2&row=1&col=2');
  assert.match(await page.textContent('#trace-where'), /row 1, column 2: its 3×3 window/);
  const cells = await values(page, '#trace-max');
  assert.equal(cells.length, 9);
  const marked = await page.$$eval('#trace-max td.argmax .grid-value', (c) => c.map((x) => x.textContent));
  assert.equal(marked.length, 1, 'exactly one argmax cell');
  assert.equal(num(marked[0]), Math.max(...cells.filter((t) => t !== '').map(num)), 'the marked cell holds the largest value');
  assert.equal(await page.textContent('#trace-max td.argmax .grid-note'), '×1');
  assert.equal(num(marked[0]).toFixed(3), Number(await page.getAttribute('#trace-max-result', 'data-value')).toFixed(3));
  for (const kind of ['average', 'l2', 'gaussian']) assert.equal(await page.$(`#trace-${kind} td.argmax`), null, kind);
  assertClean(issues, 'trace');
});

test('gradients: only argmax cells under max, spread under average', async () => {
  const { page, issues } = await open();
  // Example, upstream 1 everywhere: max sends 1 to each window's maximum, average 1/4 to all.
  const maxGrad = (await values(page, '#example-grad-max')).map(num);
  const expected = new Array(16).fill(0);
  for (const [r, c] of [[1, 0], [0, 2], [3, 1], [3, 3]]) expected[r * 4 + c] = 1;
  assert.deepEqual(maxGrad, expected);
  assert.deepEqual((await values(page, '#example-grad-average')).map(num), new Array(16).fill(0.25));
  // The digit's feature map, 28×28 pooled 2×2 stride 2 into 14×14.
  assert.equal(await page.getAttribute('#grad-count-max', 'data-count'), String(14 * 14));
  assert.equal(await page.getAttribute('#grad-count-average', 'data-count'), String(28 * 28));

  const one = await open('?grad=cell&er=1&ec=1&row=3&col=4');
  const only = new Array(16).fill(0);
  only[15] = 1;
  assert.deepEqual((await values(one.page, '#example-grad-max')).map(num), only);
  const spread = new Array(16).fill(0);
  for (const i of [10, 11, 14, 15]) spread[i] = 0.25;
  assert.deepEqual((await values(one.page, '#example-grad-average')).map(num), spread);
  assert.equal(await one.page.getAttribute('#grad-count-max', 'data-count'), '1');
  assert.equal(await one.page.getAttribute('#grad-count-average', 'data-count'), '4');
  assertClean(issues, 'gradients');
  assertClean(one.issues, 'gradients of one cell');
});

// The core's pool2dBackward of a one-hot ∂L/∂y at (row, col), on the page's default feature map
// (test digit 0, Sobel y, ReLU), read at the window's cells; and the Gaussian weights.
function oneHotBackward(page, { size, stride, sigma, row, col }) {
  return page.evaluate(async ({ size, stride, sigma, row, col }) => {
    const core = await (await import('/js/wasm.js')).loadCore();
    const digits = await (await import('/js/lib/digits.js')).loadDigits(core);
    const shape = new Uint32Array([1, ...digits.shape()]);
    const k = core.filterKernel({ kind: 'sobelY' });
    const conv = core.conv2d(digits.image('test', 0), shape, k.values, new Uint32Array([1, 1, k.rows, k.cols]), undefined, { padding: { kind: 'same' } });
    const f = core.activate(conv.data, new Uint32Array(conv.shape), { kind: 'relu' });
    const fs = new Uint32Array(f.shape);
    const out = {};
    for (const kind of ['max', 'average', 'l2', 'gaussian']) {
      const opts = { pool: kind === 'gaussian' ? { kind, sigma } : { kind }, size, stride };
      const y = core.pool2d(f.data, fs, opts);
      const [, , oh, ow] = y.shape;
      const dy = new Float32Array(oh * ow);
      dy[row * ow + col] = 1;
      const dx = core.pool2dBackward(f.data, fs, dy, new Uint32Array(y.shape), opts);
      const cells = [];
      for (let r = 0; r < size; r += 1) for (let c = 0; c < size; c += 1) cells.push(dx.data[(row * stride + r) * fs[3] + col * stride + c]);
      out[kind] = { cells, total: Array.from(dx.data).reduce((p, v) => p + v, 0) };
    }
    out.gaussianWeights = Array.from(core.gaussianWeights(size, size, sigma).data);
    return out;
  }, { size, stride, sigma, row, col });
}

test('one window backwards: each kind’s ∂L/∂x equals pool2dBackward of a one-hot ∂L/∂y at the picked cell', async () => {
  const cases = [{ size: 2, stride: 2, sigma: 1, row: 3, col: 4 }, { size: 3, stride: 1, sigma: 0.8, row: 12, col: 10 }];
  for (const c of cases) {
    const query = `?size=${c.size}&stride=${c.stride}&sigma=${c.sigma}&row=${c.row}&col=${c.col}`;
    const { page, issues } = await open(query);
    const core = await oneHotBackward(page, c);
    assert.match(await page.textContent('#back-where'), new RegExp(`row ${c.row}, column ${c.col} .*${c.size}×${c.size} window`));
    for (const kind of KINDS) {
      const shown = (await values(page, `#back-${kind}`)).map(num);
      assert.equal(shown.length, c.size * c.size, `${query} ${kind}`);
      shown.forEach((v, i) => assert.ok(Math.abs(v - core[kind].cells[i]) < 6e-4, `${query} ${kind}[${i}]: shown ${v}, core ${core[kind].cells[i]}`));
      const sum = Number(await page.getAttribute(`#back-${kind}-sum`, 'data-value'));
      assert.ok(Math.abs(sum - core[kind].total) < 1e-4, `${query} ${kind} sum ${sum} vs ${core[kind].total}`);
    }
    const max = core.max.cells;
    assert.equal(max.filter((v) => v === 1).length, 1, 'max: exactly one 1');
    assert.equal(max.filter((v) => v === 0).length, max.length - 1, 'max: the rest 0');
    assert.equal(await page.$$eval('#back-max td.argmax', (t) => t.length), 1);
    assert.equal(num(await page.textContent('#back-max td.argmax .grid-value')), 1, 'the 1 is at the marked argmax');
    assert.match(await page.textContent('#back-max-sentence'), /^All of it to the argmax/);
    assert.deepEqual(core.average.cells.map((v) => Math.abs(v - 1 / c.size ** 2) < 1e-7), new Array(c.size ** 2).fill(true), 'average: 1/k²');
    assert.match(await page.textContent('#back-average-sentence'), new RegExp(`^1/${c.size * c.size} to each`));
    assert.match(await page.textContent('#back-l2-sentence'), /x_i \/ ‖x‖/, 'both windows hold edges');
    core.gaussian.cells.forEach((v, i) => assert.ok(Math.abs(v - core.gaussianWeights[i]) < 1e-6, 'Gaussian: its weights'));
    assert.match(await page.textContent('#back-max-sum'), /Sum of the grid: 1(\.000)?$/);
    assert.equal(await page.getAttribute('#back-overlap', 'data-overlap'), String(c.stride < c.size));
    assert.match(await page.textContent('#back-overlap'), c.stride < c.size ? /windows overlap/ : /do not overlap/);
    if (c.size === 2) await screenshot(page, 'demo-pooling-backward');
    assertClean(issues, query);
  }
});

test('window, stride and kind survive a reload; the keyboard picks cells', async () => {
  const { page, issues } = await open();
  await page.selectOption('#size-select', '3');
  await page.selectOption('#stride-select', '1');
  await page.selectOption('#kind-select', 'l2');
  await page.waitForFunction(() => /size=3&stride=1.*kind=l2/.test(location.search));
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => (document.querySelector('#example-formula-max')?.textContent ?? '') !== '');
  assert.equal(await page.$eval('#size-select', (s) => s.value), '3');
  assert.equal(await page.$eval('#stride-select', (s) => s.value), '1');
  assert.equal(await page.$eval('#kind-select', (s) => s.value), 'l2');
  assert.match(await page.getAttribute('#pooled-l2', 'class'), /chosen/);
  assert.match(await page.textContent('#pooled-max-caption'), /26×26/);

  await page.focus('#pooled-average .picker');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /col=5/.test(location.search) && /kind=average/.test(location.search));
  assert.match(await page.textContent('#trace-where'), /row 3, column 5/);
  assert.equal(await page.evaluate(() => document.activeElement.closest('figure')?.id), 'pooled-average', 'focus stays');
  assertClean(issues, 'reload');
});

test('a bad setting in the address is named, and the page still works', async () => {
  const { page, issues } = await open('?size=9&stride=2');
  assert.match(await alertText(page), /Setting "size" was "9"/);
  assert.equal(await page.$eval('#size-select', (s) => s.value), '2');
  await page.selectOption('#stride-select', '1');
  await page.waitForFunction(() => /27×27/.test(document.querySelector('#pooled-max-caption').textContent));
  assertClean(issues, 'bad setting');
});
