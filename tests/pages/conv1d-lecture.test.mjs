// The 1-D demo against the lecture: the impulse-response text follows the operation (flipped h
// for cross-correlation, as the core's response cards show), and the continuous-time section —
// box ∗ box is a triangle of height width × height², the discrete sum approaches the integral
// as Δ shrinks — with every number checked against core.continuousConv.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, closeAll, screenshot, SIZES, demoOpener, alertText, num } from '../helpers/browser.mjs';

after(closeAll);

const open = demoOpener('/demos/conv1d.html', '#cont-convergence-table');
const search = async (page) => new URLSearchParams(await page.evaluate(() => location.search));
const rowOf = (page, head) =>
  page.$$eval('#superposition-table tbody tr', (trs, h) => {
    const tr = trs.find((t) => t.querySelector('th')?.textContent === h);
    return [...tr.querySelectorAll('td')].map((td) => td.textContent);
  }, head);
/** Evaluate `fn(core)` in the page, with the page's own core (the page's CSP allows no eval). */
const inCore = (page, fn) => page.evaluate(fn);

test('cross-correlation: the text says each impulse leaves the flipped h, and the cards are the flipped h', async () => {
  const { page, issues } = await open('?mode=xcorr&x=0,2,0&h=1,2,3');
  const textXcorr = await page.textContent('#impulse-text');
  assert.match(textXcorr, /With cross-correlation, each impulse x\[k\]·δ\[n−k\] produces h flipped/);
  assert.doesNotMatch(textXcorr, /produces h shifted by k/);
  const shown = (await rowOf(page, 'from 2·δ[n−1]')).map(num);
  assert.deepEqual(shown, [0, 6, 4, 2, 0], '2 × flip(h) = 2 × [3, 2, 1], shifted by 1');
  const core = await inCore(page, async () => {
    const c = await (await import('/js/wasm.js')).loadCore();
    return {
    xcorr: Array.from(c.conv1d(new Float32Array([0, 2, 0]), new Float32Array([1, 2, 3]), { mode: 'crossCorrelation' })),
    flipped: Array.from(c.conv1d(new Float32Array([0, 2, 0]), new Float32Array([3, 2, 1]), { mode: 'convolution' })),
    };
  });
  assert.deepEqual(shown, core.xcorr, 'the card is the core’s response');
  assert.deepEqual(core.xcorr, core.flipped, 'which is the flipped h convolved');

  await page.selectOption('#mode', 'conv');
  const textConv = await page.textContent('#impulse-text');
  assert.match(textConv, /each impulse x\[k\]·δ\[n−k\] produces h shifted by k and scaled by x\[k\]/);
  assert.doesNotMatch(textConv, /flipped/);
  assert.deepEqual((await rowOf(page, 'from 2·δ[n−1]')).map(num), [0, 2, 4, 6, 0]);
  assertClean(issues);
});

const CONT = (r) => ({ exact: r.exact, integral: r.integral, sum: r.sum, sampleTime: r.sampleTime, sampleExact: r.sampleExact, convergence: r.convergence });

test('box ∗ box is a triangle of height width × height², worked out by the core', async () => {
  const query = '?cx=box&cxs=2&cxa=1.5&ch=box&chs=2&cha=1.5&ct=2&cdt=0.5';
  const { page, issues } = await open(query);
  assert.equal(await alertText(page), '');
  const core = await inCore(page, async () => {
    const c = await (await import('/js/wasm.js')).loadCore();
    const box = { kind: 'box', width: 2, height: 1.5 };
    const at = (t) => c.continuousConv(box, box, { t, step: 0.5, points: 401 });
    return { peak: at(2).exact, half: at(1).exact, end: at(4).exact, before: at(-0.5).exact };
  });
  assert.equal(core.peak, 2 * 1.5 ** 2, 'the peak is width × height² = 4.5');
  assert.deepEqual([core.half, core.end, core.before], [2.25, 0, 0], 'a triangle: half way up at t = 1, 0 at 0 and at 4');
  assert.equal(num(await page.textContent('#cont-exact')), 4.5);
  assert.ok(Math.abs(num(await page.textContent('#cont-numeric')) - 4.5) < 1e-4, 'Simpson agrees');
  assert.match(await page.textContent('#cont-integral'), /^y\(2\) = ∫ from 0 to 2 of x\(τ\)·h\(2 − τ\) dτ = 4\.5$/);
  // Slide to t = 1: half way up the triangle.
  await page.$eval('#ct', (input) => { input.value = '1'; input.dispatchEvent(new Event('input')); });
  await page.waitForFunction(() => document.querySelector('#cont-exact').textContent === '2.25');
  assert.equal((await search(page)).get('ct'), '1');
  assertClean(issues);
});

test('the discrete sum approaches the integral as Δ shrinks (box into an exponential impulse response)', async () => {
  const { page, issues } = await open('?cx=box&cxs=1&cxa=1&ch=exponential&chs=0.5&cha=1&ct=1.3&cdt=0.5');
  const r = await inCore(page, async () => (await (await import('/js/wasm.js')).loadCore()).continuousConv({ kind: 'box', width: 1, height: 1 }, { kind: 'exponential', tau: 0.5, height: 1 }, { t: 1.3, step: 0.5, points: 401 }));
  const rows = await page.$$eval('#cont-convergence-table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  assert.equal(rows.length, r.convergence.length);
  rows.forEach(([step, sum, error], i) => {
    assert.ok(Math.abs(num(step) - r.convergence[i].step) < 1e-5, `Δ of row ${i}`);
    assert.ok(Math.abs(num(sum) - r.convergence[i].sum) < 1e-4, `sum of row ${i}`);
    assert.ok(Math.abs(num(error) - r.convergence[i].error) < 1e-6, `error of row ${i}`);
  });
  const errors = r.convergence.map((c) => Math.abs(c.error));
  assert.ok(errors.every((e, i) => i === 0 || e < errors[i - 1]), `the error shrinks with Δ: ${errors}`);
  assert.ok(errors.at(-1) < errors[0] / 10);
  assert.equal(num(await page.textContent('#cont-sample-exact')), Number(r.sampleExact.toFixed(4)));
  assert.equal(num(await page.textContent('#cont-sum')), Number(r.sum.toFixed(4)));
  assert.match(await page.textContent('#cont-sample'), /^n = 3, t = 1\.5$/);
  // A smaller step: the discrete sum comes closer.
  const before = Math.abs(num(await page.textContent('#cont-error')));
  await page.selectOption('#cdt', '0.05');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('cdt') === '0.05');
  assert.ok(Math.abs(num(await page.textContent('#cont-error'))) < before);
  assertClean(issues);
});

test('the section keeps its state in the URL, refuses bad values, and fits a phone; screenshots', async () => {
  const { page, issues } = await open('?cx=exponential&cxs=2&ch=box&chs=3&ct=2.5&cdt=0.1', SIZES.phone);
  assert.equal(await page.inputValue('#cx'), 'exponential');
  assert.match(await page.textContent('#cont-signals'), /x\(t\) = 1·e\^\(−t\/2\) for t ≥ 0/);
  await page.selectOption('#ch', 'exponential');
  const url = page.url();
  assert.equal((await search(page)).get('ch'), 'exponential');
  const core = await inCore(page, async () => (await (await import('/js/wasm.js')).loadCore()).continuousConv({ kind: 'exponential', tau: 2, height: 1 }, { kind: 'exponential', tau: 3, height: 1 }, { t: 2.5, step: 0.1, points: 401 }).exact);
  assert.equal(num(await page.textContent('#cont-exact')), Number(core.toFixed(4)));
  await page.reload({ waitUntil: 'networkidle' });
  await page.waitForSelector('#cont-convergence-table');
  assert.equal(page.url(), url);
  assert.equal(num(await page.textContent('#cont-exact')), Number(core.toFixed(4)));
  for (const size of Object.values(SIZES)) {
    await page.setViewportSize(size);
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, `fits at ${size.width}px`);
  }
  const section = await page.$('#continuous');
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, 'conv1d-continuous');
  assertClean(issues);

  const bad = await open('?cx=triangle&cxs=0&cdt=0.3&ct=1e9');
  const message = await alertText(bad.page);
  for (const key of ['cx', 'cxs', 'cdt', 'ct']) assert.match(message, new RegExp(`Setting "${key}" was`));
  assert.equal(num(await bad.page.textContent('#cont-exact')), 1, 'the defaults: box ∗ box at its peak');
  assertClean(bad.issues);
});

test('the stepper links to the continuous-time section; a link to #continuous opens there', async () => {
  const { page, issues } = await open('?ct=2#continuous');
  const inView = (sel) => page.evaluate((sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight; }, sel);
  assert.ok(await inView('#continuous'), 'the deep link scrolls to the section once it is mounted');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.click('#continuous-link a');
  await page.waitForFunction(() => location.hash === '#continuous');
  assert.ok(await inView('#continuous'));
  assert.equal(new URLSearchParams(new URL(page.url()).search).get('ct'), '2', 'the settings stay');
  assertClean(issues);
});

test('embedded (?embed=1), the continuous-time section loads with its settings', async () => {
  const { page, issues } = await open('?embed=1&cx=box&cxs=2&cxa=1.5&ch=box&chs=2&cha=1.5&ct=2&mode=xcorr');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('embed')), true);
  assert.equal(await page.$('nav'), null);
  assert.equal(await alertText(page), '');
  assert.equal(num(await page.textContent('#cont-exact')), 4.5, 'box ∗ box at its peak');
  assert.match(await page.textContent('#impulse-text'), /^With cross-correlation/);
  assertClean(issues, 'conv1d embedded');
});
