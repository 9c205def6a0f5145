// The 2-D demo as the lecture writes it: the symbolic stepper (Goodfellow's figure, a 3×4 input
// a…l and a 2×2 kernel w x / y z: aw + bx + ey + fz, …, ew + fx + iy + jz), the index formula
// of the current mode beside the step (checked against the core's trace), and I ∗ K = K ∗ I
// (0 for true convolution, not 0 for cross-correlation, the numbers the core's).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { assertClean, closeAll, screenshot, FIXTURES, SIZES, demoOpener, alertText, num } from '../helpers/browser.mjs';

after(closeAll);

const lecture = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'lecture.json'), 'utf8'));
const open = demoOpener('/demos/conv2d.html', '#stage .stage-output table');
const GOODFELLOW = '?rows=3&cols=4&krows=2&kcols=2&symbolic=1';
const SLIDE = ['aw + bx + ey + fz', 'bw + cx + fy + gz', 'cw + dx + gy + hz', 'ew + fx + iy + jz', 'fw + gx + jy + kz', 'gw + hx + ky + lz'];

const equation = (page) => page.$$eval('#equation .equation-line', (ps) => ps.map((p) => p.textContent));
const cells = (page, selector) => page.$$eval(`${selector} .grid-value`, (vs) => vs.map((v) => v.textContent));
const search = async (page) => new URLSearchParams(await page.evaluate(() => location.search));

test("Goodfellow's figure in letters: aw + bx + ey + fz first, ew + fx + iy + jz in the second row", async () => {
  const { page, issues } = await open(GOODFELLOW);
  assert.equal(await alertText(page), '');
  assert.deepEqual(await cells(page, '#stage .stage-input'), 'abcdefghijkl'.split(''));
  assert.deepEqual(await cells(page, '#stage .stage-kernel'), ['w', 'x', 'y', 'z']);
  await page.focus('#stage');
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await equation(page), ['aw + bx + ey + fz']);
  assert.deepEqual(await cells(page, '#stage .stage-products'), ['aw', 'bx', 'ey', 'fz']);
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
  assert.equal(await page.textContent('.player-status'), 'Step 4 of 6: output row 1, column 0.');
  assert.deepEqual(await equation(page), ['ew + fx + iy + jz']);
  await page.keyboard.press('End');
  assert.deepEqual(await cells(page, '#stage .stage-output'), SLIDE, "the lecture's slide, cell by cell");
  // True convolution flips the kernel: the same first window meets z y / x w.
  await page.selectOption('select[name="mode"]', 'conv');
  await page.keyboard.press('Home');
  await page.focus('#stage');
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await equation(page), ['az + by + ex + fw']);
  assert.deepEqual(await cells(page, '#stage .flipped-box'), ['z', 'y', 'x', 'w']);
  assertClean(issues);
});

test("the button sets up Goodfellow's figure; letters are not editable; the URL keeps the mode", async () => {
  const { page, issues } = await open();
  await page.click('#goodfellow-example');
  const q = await search(page);
  assert.deepEqual(['rows', 'cols', 'krows', 'kcols', 'symbolic'].map((k) => q.get(k)), ['3', '4', '2', '2', '1']);
  await page.click('[data-action="next"]').catch(() => page.keyboard.press('ArrowRight'));
  await page.focus('#stage');
  await page.keyboard.press('End');
  assert.deepEqual(await cells(page, '#stage .stage-output'), SLIDE);
  assert.equal(await page.$$eval('#stage .stage-input td.editable', (tds) => tds.length), 0, 'letters are not edited');
  await page.uncheck('input[name="symbolic"]');
  assert.equal((await search(page)).get('symbolic'), '0');
  assert.ok((await cells(page, '#stage .stage-input')).every((v) => Number.isFinite(num(v))), 'numbers again');
  assertClean(issues);
});

/** The terms "I[r, c]·K[m, n]" of the formula line, and its (i, j). */
function parseFormula(line) {
  const [, i, j] = line.match(/^s\[(−?\d+), (−?\d+)\] = /).map(num);
  const terms = [...line.matchAll(/I\[(−?\d+),\s(−?\d+)\]·K\[(\d+),\s(\d+)\]/g)].map((m) => m.slice(1).map(num));
  return { i, j, terms };
}

test('the index formula of each mode is shown beside the step, with the indices of the core’s trace', async () => {
  for (const [mode, padding, general, sign] of [
    ['xcorr', 'valid', 'Cross-correlation: s[i, j] = Σₘ Σₙ I[i + m, j + n]·K[m, n]', 1],
    ['conv', 'valid', 'True convolution: s[i, j] = Σₘ Σₙ I[i − m, j − n]·K[m, n]', -1],
    ['xcorr', 'same', 'Cross-correlation: s[i, j] = Σₘ Σₙ I[i + m, j + n]·K[m, n]', 1],
  ]) {
    const { page, issues } = await open(`?mode=${mode}&padding=${padding}&step=5`);
    assert.equal(await page.textContent('#index-formula .formula-general'), general);
    const [where, line] = await page.$$eval('#index-formula .equation-line', (ps) => ps.map((p) => p.textContent));
    const f = parseFormula(line);
    assert.equal(f.terms.length, 9);
    for (const [r, c, m, n] of f.terms) assert.deepEqual([r, c], [f.i + sign * m, f.j + sign * n], `${mode}: ${line}`);
    // Step 5 is output position 4: row 1, column 1 of the valid 3×3 output, row 0, column 4 of the same-padded 5×5.
    const [row, col] = padding === 'same' ? [0, 4] : [1, 1];
    const trace = await page.evaluate(async ([input, kernel, options, r, c]) => {
      const core = await (await import('/js/wasm.js')).loadCore();
      return core.conv2dTrace(new Float32Array(input), new Uint32Array([1, 1, 5, 5]), new Float32Array(kernel), new Uint32Array([1, 1, 3, 3]), undefined, options, 0, 0, r, c);
    }, [lecture.input, lecture.kernel, { mode: mode === 'conv' ? 'convolution' : 'crossCorrelation', padding: { kind: padding } }, row, col]);
    assert.deepEqual([f.i, f.j], [trace.indexRow, trace.indexCol]);
    assert.deepEqual(f.terms, trace.terms.map((t) => [t.inputRow, t.inputCol, t.kernelRow, t.kernelCol]));
    const at = [trace.indexRow, trace.indexCol].map((v) => String(v).replace('-', '−')).join(', ');
    assert.equal(where, `Output row ${row}, column ${col} is s[${at}]${padding === 'same' ? ' (indices outside the input are zero padding)' : ''}:`);
    assertClean(issues, `${mode} ${padding}`);
  }
});

test('I ∗ K = K ∗ I: 0 for true convolution, not 0 for cross-correlation (K ⋆ I is I ⋆ K turned by 180°)', async () => {
  const { page, issues } = await open('?comm=conv');
  const core = await page.evaluate(async ([input, kernel]) => {
    const c = await (await import('/js/wasm.js')).loadCore();
    const both = (mode) => c.conv2dBothOrders(new Float32Array(input), new Uint32Array([1, 1, 5, 5]), new Float32Array(kernel), new Uint32Array([1, 1, 3, 3]), mode);
    const pack = (r) => ({ ik: Array.from(r.inputKernel.data), ki: Array.from(r.kernelInput.data), shape: Array.from(r.inputKernel.shape), same: r.same, turned: r.turned });
    return { conv: pack(both('convolution')), xcorr: pack(both('crossCorrelation')) };
  }, [lecture.input, lecture.kernel]);
  assert.deepEqual(core.conv.shape, [1, 1, 7, 7], 'full: 5 + 3 − 1');
  assert.equal(core.conv.same.maxAbsDifference, 0);
  assert.equal(await page.textContent('#comm-difference'), '0');
  assert.deepEqual((await cells(page, '#comm-ik')).map(num), core.conv.ik);
  assert.deepEqual((await cells(page, '#comm-ki')).map(num), core.conv.ki);
  assert.match(await page.textContent('#comm-verdict'), /^True convolution commutes here: I ∗ K = K ∗ I/);

  await page.selectOption('#comm', 'xcorr');
  assert.equal((await search(page)).get('comm'), 'xcorr');
  assert.ok(core.xcorr.same.maxAbsDifference > 0 && !core.xcorr.same.agree);
  assert.equal(num(await page.textContent('#comm-difference')), core.xcorr.same.maxAbsDifference);
  assert.notEqual(await page.textContent('#comm-difference'), '0');
  assert.deepEqual((await cells(page, '#comm-ki')).map(num), core.xcorr.ki);
  assert.deepEqual((await cells(page, '#comm-ki')).map(num), core.xcorr.ik.slice().reverse(), 'turned by 180°');
  assert.match(await page.textContent('#comm-verdict'), /^Cross-correlation does not commute: I ⋆ K ≠ K ⋆ I/);
  assert.match(await page.textContent('#comm-note'), /K ⋆ I is I ⋆ K turned by 180°/);
  // The section follows the current input: edit a cell and both orders are worked out again.
  await page.click('#stage .stage-input td[data-row="0"][data-col="0"]');
  await page.keyboard.type('9');
  await page.keyboard.press('Enter');
  assert.equal((await cells(page, '#comm-ik'))[0 * 7 + 0], String(9 * lecture.kernel[8]), 'corner: I[0, 0]·K[2, 2]');
  assertClean(issues);
});

test('both sections at phone and projector width: nothing wider than the screen; screenshots', async () => {
  const { page, issues } = await open(`${GOODFELLOW}&step=4&comm=xcorr`, SIZES.phone);
  for (const size of Object.values(SIZES)) {
    await page.setViewportSize(size);
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, `fits at ${size.width}px`);
  }
  await screenshot(page, 'conv2d-lecture');
  const volume = await open('?volume=1&comm=conv');
  assert.equal(await volume.page.textContent('#comm-difference'), '0');
  assert.match(await volume.page.textContent('#comm-note'), /filter 1, the channels summed/);
  assertClean(issues);
  assertClean(volume.issues);
});

test('the step links to the commutativity section; a link to #commute opens there', async () => {
  const { page, issues } = await open('?comm=xcorr#commute');
  const inView = (sel) => page.evaluate((sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight; }, sel);
  assert.ok(await inView('#commute'), 'the deep link scrolls to the section once it is mounted');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.click('#commute-link a');
  await page.waitForFunction(() => location.hash === '#commute');
  assert.ok(await inView('#commute'));
  assertClean(issues);
});

test('embedded (?embed=1): the letters, the formula and both orders from the link', async () => {
  const { page, issues } = await open(`${GOODFELLOW}&step=1&comm=xcorr&embed=1`);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('embed')), true);
  assert.equal(await page.$('nav'), null);
  assert.equal(await alertText(page), '');
  assert.deepEqual(await equation(page), ['aw + bx + ey + fz']);
  assert.equal(await page.textContent('#index-formula .formula-general'), 'Cross-correlation: s[i, j] = Σₘ Σₙ I[i + m, j + n]·K[m, n]');
  assert.match(await page.textContent('#comm-verdict'), /^Cross-correlation does not commute/);
  assertClean(issues, 'conv2d embedded');
});
