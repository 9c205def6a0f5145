// The filters demo against the lecture: the page names the operation it computes, and the
// derivative filters flip sign when the student switches to true convolution (the lecture's
// f ⊗ [−1 1]); the global-to-local section blurs with σ up to 20 px through the core's separable
// Gaussian, its cost read against core.separableCost.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, closeAll, screenshot, SIZES, demoOpener, alertText, text, num } from '../helpers/browser.mjs';

after(closeAll);

const ready = () => document.documentElement.dataset.mounted === '1' && !['', '—'].includes(document.querySelector('#inspect-output')?.textContent ?? '') && document.querySelector('#global-size')?.textContent !== '—';
const open = demoOpener('/demos/filters.html', ready);
const search = async (page) => new URLSearchParams(await page.evaluate(() => location.search));
const count = (shown) => Number(String(shown).replace(/,/g, ''));

/** The numbers a setting shows: the inspected output, the output's extremes and the window. */
async function shown(page) {
  return {
    out: num(await text(page, '#inspect-output')),
    min: num(await text(page, '#output-min')),
    max: num(await text(page, '#output-max')),
    window: (await page.$$eval('#inspect-window .grid-value', (vs) => vs.map((v) => v.textContent))).map(num),
    sum: await text(page, '#inspect-sum'),
  };
}

async function switchTo(page, op) {
  const before = await text(page, '#inspect-output');
  await page.selectOption('#op-select', op);
  await page.waitForFunction((b) => document.querySelector('#inspect-output').textContent !== b, before);
}

test('[−1 1]: right neighbour minus pixel by cross-correlation, the opposite sign by true convolution', async () => {
  const { page, issues } = await open('?img=camera&filter=derivativeX&r=100&c=100');
  assert.equal(await alertText(page), '');
  assert.match(await text(page, '#op-text'), /^Operation: cross-correlation, out\[i, j\] = Σₘ Σₙ in\[i \+ m, j \+ n\]·K\[m, n\]/);
  assert.match(await text(page, '#kernel-what'), /^With cross-correlation, this kernel takes the right neighbour minus the pixel/);
  assert.match(await text(page, '#output-caption'), /by cross-correlation/);
  const xcorr = await shown(page);
  assert.ok(Math.abs(xcorr.out - (xcorr.window[1] - xcorr.window[0])) < 0.011, 'right neighbour − pixel');
  assert.match(xcorr.sum, /^Sum: [\d.]+·\(−1\) \+ [\d.]+·1 = /, 'the core’s trace: weights −1, 1 under the window');

  await switchTo(page, 'conv');
  assert.equal((await search(page)).get('op'), 'conv');
  assert.match(await text(page, '#op-text'), /^Operation: true convolution, out\[i, j\] = Σₘ Σₙ in\[i − m, j − n\]·K\[m, n\]/);
  assert.match(await text(page, '#kernel-what'), /^With true convolution, this kernel is flipped to \[1 −1\] before it slides, so it takes the pixel minus its right neighbour: the lecture’s f ⊗ \[−1 1\]/);
  assert.match(await text(page, '#output-caption'), /by true convolution/);
  const conv = await shown(page);
  assert.equal(conv.out, -xcorr.out, 'the sign flips');
  assert.deepEqual([conv.min, conv.max], [-xcorr.max, -xcorr.min], 'the whole map flips');
  assert.deepEqual(conv.window, xcorr.window, 'on the same pixels');
  assert.match(conv.sum, /^Sum: [\d.]+·1 \+ [\d.]+·\(−1\) = /, 'the core’s trace: the kernel flipped');
  await page.reload({ waitUntil: 'networkidle' });
  await page.waitForFunction(ready);
  assert.equal(await page.inputValue('#op-select'), 'conv');
  assert.equal(num(await text(page, '#inspect-output')), conv.out);
  assertClean(issues);
});

test('every derivative filter flips sign under true convolution; the symmetric Laplacian does not', async () => {
  for (const [filter, flips] of [['derivativeY', true], ['sobelX', true], ['sobelY', true], ['laplacian', false]]) {
    const { page, issues } = await open(`?img=coffee&filter=${filter}&r=80&c=140`);
    const xcorr = await shown(page);
    assert.notEqual(xcorr.out, 0, `${filter}: a pixel with a response`);
    await page.selectOption('#op-select', 'conv');
    await page.waitForFunction(() => /^With true convolution/.test(document.querySelector('#kernel-what').textContent));
    const conv = await shown(page);
    assert.equal(conv.out, flips ? -xcorr.out : xcorr.out, filter);
    assert.match(await text(page, '#kernel-what'), /^With true convolution, this kernel/);
    assertClean(issues, filter);
  }
});

test('global to local: σ up to 20 px by the separable Gaussian, its cost read against core.separableCost', async () => {
  const { page, issues } = await open('?img=chelsea&blur=20');
  const core = await page.evaluate(async () => {
    const c = await (await import('/js/wasm.js')).loadCore();
    const image = new Float32Array(256 * 170).fill(0.5);
    const start = performance.now();
    const b = c.gaussianBlur(image, 170, 256, 20);
    const ms = performance.now() - start;
    const at = (k) => c.separableCost(170, 256, k);
    return { size: b.size, ms, flat: Array.from(b.data).every((v) => Math.abs(v - 0.5) < 1e-5), cost20: at(121), cost2: at(13) };
  });
  assert.equal(core.size, 121, '2·⌈3·20⌉ + 1');
  assert.ok(core.ms < 1000, `σ = 20 on 256×170 pixels took ${core.ms} ms`);
  assert.ok(core.flat, 'a flat picture stays flat, borders too');
  assert.equal(await text(page, '#global-size'), '121');
  assert.equal(count(await text(page, '#global-direct')), Number(core.cost20.direct));
  assert.equal(count(await text(page, '#global-separable')), Number(core.cost20.separable));
  assert.equal(await text(page, '#global-direct'), '637,176,320', '256 · 170 · 121²');
  assert.match(await text(page, '#global-note'), /^σ = 20: a 121×121 kernel on 256×170 pixels/);

  await page.$eval('#blur-sigma', (input) => { input.value = '2'; input.dispatchEvent(new Event('input')); });
  await page.waitForFunction(() => document.querySelector('#global-size').textContent === '13');
  assert.equal((await search(page)).get('blur'), '2');
  assert.equal(count(await text(page, '#global-separable')), Number(core.cost2.separable));
  assert.equal(count(await text(page, '#global-direct')), Number(core.cost2.direct));
  assertClean(issues);
});

test('the new controls fit a phone and a projector; bad values are refused; screenshots', async () => {
  const { page, issues } = await open('?filter=derivativeX&op=conv&blur=12', SIZES.phone);
  for (const size of Object.values(SIZES)) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, `fits at ${size.width}px`);
  }
  await screenshot(page, 'filters-lecture');
  const bad = await open('?op=flipped&blur=99');
  const message = await alertText(bad.page);
  assert.match(message, /Setting "op" was "flipped"/);
  assert.match(message, /Setting "blur" was "99"/);
  assert.equal(await bad.page.inputValue('#op-select'), 'xcorr');
  assert.equal(await text(bad.page, '#global-size'), '49', 'the default σ = 8');
  assertClean(issues);
  assertClean(bad.issues);
});

test('the separable section links to global to local; a link to #global opens there', async () => {
  const { page, issues } = await open('?blur=4#global');
  const inView = (sel) => page.evaluate((sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight; }, sel);
  assert.ok(await inView('#global'), 'the deep link scrolls to the section once it is mounted');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.click('#global-link a');
  await page.waitForFunction(() => location.hash === '#global');
  assert.ok(await inView('#global'));
  assertClean(issues);
});

test('embedded (?embed=1): the operation and the blur from the link', async () => {
  const { page, issues } = await open('?embed=1&filter=derivativeX&op=conv&blur=2');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('embed')), true);
  assert.equal(await page.$('nav'), null);
  assert.equal(await alertText(page), '');
  assert.match(await text(page, '#op-text'), /^Operation: true convolution/);
  assert.equal(await text(page, '#global-size'), '13', '2·⌈3·2⌉ + 1');
  assertClean(issues, 'filters embedded');
});
