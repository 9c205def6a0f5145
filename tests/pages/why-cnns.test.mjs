// "Why CNNs": loads cleanly (also embedded); the parameter growth and the grid cover shown are the
// core's (dense weights at n_in, ×100 for ten times the input, (1/ε)^d = 1,000 at ε = 0.1, d = 3);
// the CNN and MLP trained in the worker give exactly the core's transformCurve of the same trained
// models, for a test digit and for a drawing kept off-centre, and are dropped when a training
// setting changes; the LeNet link opens the training
// page's preset; the URL keeps the settings.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, screenshot, closeAll, assertWorksInIframe } from '../helpers/browser.mjs';

after(closeAll);
const PAGE = '/demos/why-cnns.html';
const ready = (page) => page.waitForSelector('#why-history', { timeout: 30000 }).then(() => page.waitForFunction(() => document.documentElement.dataset.mounted === '1'));
const text = (page, sel) => page.$eval(sel, (n) => n.textContent.trim());
const data = (page, sel) => page.$eval(sel, (n) => n.dataset.value);
const errorText = (page) => page.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? '');
/** `core[name](...args)` in the page. */
const core = (page, name, ...args) => page.evaluate(async ({ name: n, args: a }) => (await (await import('/js/wasm.js')).loadCore())[n](...a), { name, args });

test('why-cnns loads cleanly, normal and embedded', async () => {
  for (const url of [PAGE, `${PAGE}?embed=1`]) {
    const { page, issues } = await openPage(url);
    await ready(page);
    assert.equal(await errorText(page), '');
    await screenshot(page, url.includes('embed') ? 'why-cnns-embed' : 'why-cnns');
    assertClean(issues, url);
  }
});

test('dense weights against n_in and the grid cover are the core’s', async () => {
  const { page, issues } = await openPage(`${PAGE}?nin=3000&ratio=10&units=1000&filters=16&kernel=3`);
  await ready(page);
  const g = await core(page, 'parameterGrowth', 3000, { from: 1, to: 1e9, points: 37, ratio: 10, units: 1000, filters: 16, kernel: 3, channels: 1 });
  assert.equal(g.at.denseWeights, 3000 * 300); // n_in · n_in/10
  assert.equal(Number(await data(page, '#why-dense-weights')), g.at.denseWeights);
  assert.equal(await text(page, '#why-dense-at'), '900,000 (9 × 10⁵)');
  assert.equal(Number(await data(page, '#why-dense-ten')), g.tenfold.denseWeights);
  assert.equal(Number(await data(page, '#why-fixed-at')), g.at.fixedWeights);
  assert.equal(Number(await data(page, '#why-conv-at')), 144);
  assert.equal(Number(await data(page, '#why-conv-ten')), 144);
  assert.deepEqual(await Promise.all(['dense', 'fixed', 'conv'].map((k) => text(page, `#why-${k}-factor`))), ['× 100', '× 10', '× 1']);

  const cover = await core(page, 'gridCover', 0.1, Array.from({ length: 10 }, (_, i) => i + 1));
  assert.equal(await text(page, '#why-cover-3'), '1,000');
  for (const p of cover.points) assert.equal(Number(await data(page, `#why-cover-${p.d}`)), p.samples, `d = ${p.d}`);
  await page.fill('#why-eps', '0.05');
  await page.press('#why-eps', 'Enter');
  await page.waitForFunction(() => document.querySelector('#why-cover-2')?.textContent === '400');
  assert.equal(await data(page, '#why-per-axis'), '20');
  assert.match(page.url(), /eps=0.05/);
  await page.fill('#why-nin', '20000');
  await page.press('#why-nin', 'Enter');
  await page.waitForFunction(() => document.querySelector('#why-dense-at')?.dataset.value === String(20000 * 2000));
  assert.match(page.url(), /nin=20000/);
  assertClean(issues);
});

test('the LeNet link opens the training page’s preset; the preset’s weights are the core’s', async () => {
  const { page, issues } = await openPage(PAGE);
  await ready(page);
  const { PRESETS } = await page.evaluate(() => import('/js/lib/model-presets.js').then((m) => ({ PRESETS: m.PRESETS })));
  const layers = await core(page, 'parseLayers', PRESETS.lenet.layers);
  const { parameterCount: n } = await core(page, 'describeModel', { input: [1, 28, 28], seed: 1, layers });
  assert.equal(Number(await data(page, '#why-lenet-weights')), n);
  const href = await page.$eval('a[href^="train.html"]', (a) => a.href);
  assert.equal(new URL(href).searchParams.get('layers'), PRESETS.lenet.layers);
  assert.ok(await page.$('a[href^="pooling.html"]'));
  await page.goto(href);
  await page.waitForFunction(() => document.documentElement.dataset.mounted === '1', null, { timeout: 30000 });
  assert.equal(await page.$eval('#preset', (s) => s.value), 'lenet');
  assert.equal(await errorText(page), '');
  assertClean(issues);
});

/** The same two jobs trained in the page itself, loaded, and put through transformCurve. */
async function expectedCurves(page, { state, image, label, sweep }) {
  return page.evaluate(async ({ state: s, image: img, label: l, sweep: sw }) => {
    const c = await (await import('/js/wasm.js')).loadCore();
    const digits = await (await import('/js/lib/digits.js')).loadDigits(c);
    const { jobsFor, trainSettings } = await import('/js/demos/why-cnns/models.js');
    const { runJobs } = await import('/js/workers/jobs.js');
    const out = runJobs(c, digits, jobsFor(c, digits.shape(), s), () => {});
    const pixels = img ? new Float32Array(img) : digits.image('test', s.digit);
    const truth = l ?? digits.label('test', s.digit);
    return out.map((r) => {
      const t = c.Trainer.load(r.bytes, trainSettings(s.seed));
      const curve = t.transformCurve(pixels, truth, sw);
      t.free();
      return { probabilities: Array.from(curve.probabilities), kept: curve.kept, p0: curve.probabilityAtZero, mean: curve.meanProbability };
    });
  }, { state, image, label, sweep });
}

const shown = (page, role, n) => Promise.all(Array.from({ length: n }, (_, i) => data(page, `#why-${role}-p-${i}`).then(Number)));

test('the curves are the core’s transformCurve of the trained CNN and MLP; a drawing kept off-centre too', async () => {
  const { page, issues } = await openPage(`${PAGE}?steps=40&seed=2&digit=5&move=right&pixels=4&at=2`);
  await ready(page);
  await page.click('text=Train both');
  await page.waitForSelector('#why-invariant[data-trained="1"]', { timeout: 120000 });
  assert.equal(await errorText(page), '');
  const state = { cnn: 'pooled', seed: 2, steps: 40, digit: 5 };
  const [cnn, mlp] = await expectedCurves(page, { state, sweep: { transform: 'right', max: 4, step: 1 } });
  assert.deepEqual(await shown(page, 'cnn', 9), cnn.probabilities.map((p) => Math.fround(p)));
  assert.deepEqual(await shown(page, 'mlp', 9), mlp.probabilities.map((p) => Math.fround(p)));
  assert.equal(Number(await data(page, '#why-cnn-p0')), cnn.p0);
  assert.equal(Number(await data(page, '#why-mlp-mean')), mlp.mean);
  assert.equal(await data(page, '#why-cnn-kept'), cnn.kept ? cnn.kept.join(',') : 'null');
  assert.equal(Number(await data(page, '#why-mlp-pat')), mlp.probabilities[6]); // at = 2: the 7th of −4…4
  await screenshot(page, 'why-cnns-trained');

  // Rotation: the same models, a new sweep.
  await page.selectOption('#why-move', 'rotate');
  await page.waitForFunction(() => document.querySelectorAll('#why-curve-table tbody tr').length === 37);
  const [rot] = await expectedCurves(page, { state, sweep: { transform: 'rotate', max: 90, step: 5 } });
  assert.deepEqual(await shown(page, 'cnn', 37), rot.probabilities.map((p) => Math.fround(p)));
  assert.match(page.url(), /move=rotate/);

  // A drawing in the top-left corner, not re-centred.
  await page.selectOption('#why-move', 'right');
  await page.selectOption('#why-source', 'drawn');
  await page.selectOption('#why-label', '1');
  await page.check('#why-no-recentre');
  const box = await (await page.$('#why-draw')).boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.1);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('#why-cnn-p-0'));
  assert.match(page.url(), /recentre=0/);
  const image = await page.evaluate(async () => {
    const c = await (await import('/js/wasm.js')).loadCore();
    const canvas = document.querySelector('#why-draw');
    const rgba = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const ink = new Float32Array(canvas.width * canvas.height).map((_, i) => rgba[4 * i + 3] / 255);
    return Array.from(c.mnistFromDrawing(ink, canvas.width, canvas.height, { recentre: false }));
  });
  const [drawn] = await expectedCurves(page, { state, image, label: 1, sweep: { transform: 'right', max: 4, step: 1 } });
  assert.deepEqual(await shown(page, 'cnn', 9), drawn.probabilities.map((p) => Math.fround(p)));

  // Other training settings: the trained networks are dropped, not shown under the new settings.
  await page.fill('#why-steps', '60');
  await page.press('#why-steps', 'Enter');
  await page.waitForFunction(() => document.querySelector('#why-cnn-p0')?.textContent === '—');
  assert.equal(await page.$('#why-cnn-p-0'), null);
  assertClean(issues);
});

test('the URL restores the settings; a shown value outside the sweep is refused in words', async () => {
  const { page, issues } = await openPage(`${PAGE}?cnn=dense&move=down&pixels=5&at=-2&digit=7&eps=0.5`);
  await ready(page);
  assert.equal(await page.$eval('#why-cnn', (s) => s.value), 'dense');
  assert.equal(await page.$eval('#why-move', (s) => s.value), 'down');
  assert.equal(await page.$eval('#why-at', (s) => s.value), '-2');
  assert.equal(await page.$eval('#why-digit', (s) => s.value), '7');
  assert.equal(await text(page, '#why-cover-3'), '8');
  assert.equal(await text(page, '#why-cnn-p0'), '—');
  assertClean(issues);
  const bad = await openPage(`${PAGE}?move=rotate&at=3`);
  await ready(bad.page);
  assert.match(await errorText(bad.page), /Setting "at"/);
});

test('why-cnns works inside an iframe', () => assertWorksInIframe(`${PAGE}?embed=1`, '#why-history', 'why-cnns in an iframe'));

test('the receptive-field, pooling, training and equivariance pages link to their part of this page, and each link lands on it', async () => {
  const links = [
    ['/demos/receptive-field.html', '#why-growth-link a', 'why-growth'],
    ['/demos/pooling.html', '#why-history-link a', 'why-history'],
    ['/demos/train.html', '#why-invariant-link a', 'why-invariant'],
    ['/demos/equivariance.html', '#why-invariant-link a', 'why-invariant'],
  ];
  for (const [from, selector, anchor] of links) {
    const { page, issues } = await openPage(from);
    await page.waitForFunction(() => document.documentElement.dataset.mounted === '1', null, { timeout: 30000 });
    const href = await page.$eval(selector, (a) => a.href);
    assert.equal(new URL(href).pathname, PAGE, from);
    assert.equal(new URL(href).hash, `#${anchor}`, from);
    await page.click(selector);
    await ready(page);
    assert.equal(await page.$eval(`#${anchor}`, (n) => n.closest('section') !== null), true, `${from}: #${anchor} is a section of the page`);
    assertClean(issues, from);
  }
});
