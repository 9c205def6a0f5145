// "The whole network": loads cleanly (also embedded); after a short training it draws one column
// per layer of the default and the LeNet networks (maps for spatial layers, bars for flat ones) and
// ten probabilities; with a model file opened, a click on a unit shows the theoretical and the
// effective receptive-field sizes the core computes for that model, and a click on a convolution's
// map shows the core's top 9 test digits for that filter.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPage, assertClean, screenshot, closeAll } from '../helpers/browser.mjs';

after(closeAll);
const PAGE = '/demos/network.html';
const drawn = (page, atLeast = 1) => page.waitForFunction((n) => Number(document.querySelector('#app [data-drawn]')?.dataset.drawn ?? 0) >= n, atLeast, { timeout: 60000 });
const errorText = (page) => page.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? '');
const size = (page, sel) => page.$eval(sel, (n) => n.dataset.size);
const drawCount = (page) => page.evaluate(() => Number(document.querySelector('#app [data-drawn]')?.dataset.drawn ?? 0));

/** Train for a moment with the page's own button, then pause and wait for the redraw. */
async function trainBriefly(page) {
  await page.click('#net-play');
  await page.waitForFunction(() => Number(document.querySelector('#net-steps')?.dataset.value ?? 0) >= 20, null, { timeout: 60000 });
  const before = await drawCount(page);
  await page.click('#net-play');
  await drawn(page, before + 1);
}

/** The columns the page drew: [kind, maps, bars] per layer. */
const columns = (page) => page.$$eval('#net-overview .net-column[data-kind]', (cols) => cols.map((c) => [c.dataset.kind, c.querySelectorAll('.net-map').length, c.querySelectorAll('.net-bars').length]));

/** The layers the core describes for a layer code: [kind, channels, flat]. */
const described = (page, code) => page.evaluate(async (layers) => {
  const core = await (await import('/js/wasm.js')).loadCore();
  return core.describeModel({ input: [1, 28, 28], layers: core.parseLayers(layers) }).layers.map((l) => [l.kind, l.outputShape[0], l.outputShape[1] === 1 && l.outputShape[2] === 1]);
}, code);

for (const [preset, code] of [['cnn', 'c8k5_relu_mp2_c16k5_relu_mp2_fl_d64_relu_d10'], ['lenet', 'c6k5ps_tanh_ap2_c16k5_tanh_ap2_fl_d120_tanh_d84_tanh_d10']]) {
  test(`every layer of the ${preset} network is drawn after a short training`, async () => {
    const { page, issues } = await openPage(`${PAGE}?preset=${preset}&layers=${code}&digit=3`, { width: 1920, height: 1080 });
    await drawn(page);
    await trainBriefly(page);
    const want = (await described(page, code)).map(([kind, c, flat]) => [kind, flat ? 0 : c, flat ? 1 : 0]);
    assert.deepEqual(await columns(page), want);
    assert.equal(await page.$$eval('.net-probs li', (l) => l.length), 10);
    const sum = await page.$$eval('.net-probs li', (l) => l.reduce((s, li) => s + Number(li.dataset.value), 0));
    assert.ok(Math.abs(sum - 1) < 1e-4, `probabilities sum to ${sum}`);
    if (preset === 'cnn') {
      const n = await drawCount(page);
      await page.click('#net-overview .net-column[data-layer="3"] .net-map[data-channel="2"]');
      await drawn(page, n + 1);
      await screenshot(page, 'network');
    }
    assert.equal(await errorText(page), '');
    assertClean(issues, preset);
  });
}

test('loads cleanly embedded', async () => {
  const { page, issues } = await openPage(`${PAGE}?embed=1`);
  await drawn(page);
  assert.equal(await errorText(page), '');
  assertClean(issues, 'embed');
});

test('a unit’s theoretical and effective receptive fields and a filter’s top 9 are the core’s', async () => {
  const { page, issues } = await openPage(`${PAGE}?digit=5`, { width: 1920, height: 1080 });
  await drawn(page);
  // A model trained for a moment in the page's core, saved as a file and opened by the page.
  const code = 'c8k5_relu_mp2_c16k5_relu_mp2_fl_d64_relu_d10';
  const bytes = await page.evaluate(async (layers) => {
    const core = await (await import('/js/wasm.js')).loadCore();
    const digits = await (await import('/js/lib/digits.js')).loadDigits(core);
    const t = new core.Trainer({ input: [1, 28, 28], seed: 4, layers: core.parseLayers(layers) }, { optimizer: { kind: 'adam', lr: 0.002 }, batchSize: 32, seed: 4 });
    t.train(digits, 40);
    const saved = Array.from(t.save());
    t.free();
    return saved;
  }, code);
  const file = path.join(os.tmpdir(), `network-${process.pid}.cpmodel`);
  fs.writeFileSync(file, Buffer.from(bytes));
  const before = await drawCount(page);
  await page.setInputFiles('#net-load', file);
  await drawn(page, before + 1);
  fs.unlinkSync(file);
  const core = (name, ...args) => page.evaluate(async ({ name: n, args: a, saved }) => {
    const c = await (await import('/js/wasm.js')).loadCore();
    const digits = await (await import('/js/lib/digits.js')).loadDigits(c);
    const t = c.Trainer.load(new Uint8Array(saved), { optimizer: { kind: 'adam', lr: 0.002 }, batchSize: 32 });
    try {
      return t[n](digits, ...a);
    } finally {
      t.free();
    }
  }, { name, args, saved: bytes });

  // Layer 4 (the second convolution, 8×8 maps), map 3: a click on its top-left quarter picks a unit.
  const map = await page.$('#net-overview .net-column[data-layer="3"] .net-map[data-channel="2"]');
  const box = await (await map.$('canvas')).boundingBox();
  let n = await drawCount(page);
  await page.mouse.click(box.x + box.width * (2.5 / 8), box.y + box.height * (1.5 / 8));
  await drawn(page, n + 1);
  assert.match(await page.textContent('#net-unit'), /layer 4 \(conv2d\), map 3, row 2, column 3/);
  const field = await core('effectiveField', 3, 2, 1, 2, 64);
  assert.equal(await size(page, '#net-rf-theory'), field.theoretical.size.join('x'));
  assert.equal(field.theoretical.size.join('x'), '14x14');
  assert.equal(await size(page, '#net-rf-effective'), field.extent.size.join('x'));
  assert.match(await page.textContent('#net-rf-theory'), /^14×14 pixels/);
  assert.ok(field.extent.size[0] <= 14 && field.extent.size[1] <= 14);
  const same = field.extent.size.join('x') === field.theoretical.region.size.join('x');
  assert.match(await page.textContent('#net-rf-note'), same ? /box on the right, as large as the theoretical field/ : /box on the right, smaller than the theoretical field/);
  // What it reads: the core's traceUnit regions marked on the input and on every map before it.
  const input = await page.evaluate(async (layers) => {
    const c = await (await import('/js/wasm.js')).loadCore();
    return c.traceUnit({ input: [1, 28, 28], layers: c.parseLayers(layers) }, 3, 1, 2)[0];
  }, code);
  const shown = await page.$eval('#net-overview .net-column[data-layer="input"] .net-rf-box', (b) => [b.hidden, parseFloat(b.style.top), parseFloat(b.style.height)]);
  assert.equal(shown[0], false);
  assert.ok(Math.abs(shown[1] - (100 * input.top) / 28) < 1e-3 && Math.abs(shown[2] - (100 * (input.bottom - input.top + 1)) / 28) < 1e-3, `box ${shown} for rows ${input.top}–${input.bottom}`);
  const marked = await page.$$eval('#net-overview .net-column[data-layer="2"] .net-rf-box', (b) => b.filter((x) => !x.hidden).length);
  assert.equal(marked, 8, 'every map of the pooling layer before it is marked');
  const top = await core('topActivations', 3, 2, 9, 0);
  assert.deepEqual(await page.$$eval('#net-top li', (l) => l.map((li) => Number(li.dataset.index))), top.map((t) => t.index));
  assert.equal(await page.$$eval('#net-filter-weights canvas', (c) => c.length), 8);
  assert.equal(await page.$$eval('#net-filter-numbers td', (c) => c.length), 25);

  // Keyboard: focus the map and move the unit right with an arrow key.
  n = await drawCount(page);
  await map.focus();
  await page.keyboard.press('ArrowRight');
  await drawn(page, n + 1);
  const moved = await core('effectiveField', 3, 2, 1, 3, 64);
  assert.equal(await size(page, '#net-rf-effective'), moved.extent.size.join('x'));
  assert.match(await page.textContent('#net-unit'), /row 2, column 4/);

  // A dense unit sees the whole input; its effective field is still the core's.
  n = await drawCount(page);
  const bars = await page.$('#net-overview .net-column[data-layer="7"] .net-bars');
  const b = await (await bars.$('canvas')).boundingBox();
  await page.mouse.click(b.x + b.width / 2, b.y + b.height * (10.5 / 64));
  await drawn(page, n + 1);
  assert.equal(await size(page, '#net-rf-theory'), 'whole');
  const dense = await core('effectiveField', 7, 10, 0, 0, 64);
  assert.equal(await size(page, '#net-rf-effective'), dense.extent ? dense.extent.size.join('x') : 'none');
  assert.equal(await errorText(page), '');
  assertClean(issues, 'unit');
});

test('the picked unit lives in the address: opened from it, written when another is picked, a unit the network lacks is said and replaced', async () => {
  const { page, issues } = await openPage(`${PAGE}?unit=3.2.1.3`, { width: 1920, height: 1080 });
  await drawn(page);
  assert.match(await page.textContent('#net-unit'), /layer 4 \(conv2d\), map 3, row 2, column 4/);
  const map = await page.$('#net-overview .net-column[data-layer="3"] .net-map[data-channel="2"]');
  const n = await drawCount(page);
  await map.focus();
  await page.keyboard.press('ArrowDown');
  await drawn(page, n + 1);
  assert.equal(new URL(page.url()).searchParams.get('unit'), '3.2.2.3');
  assertClean(issues, 'unit in the address');

  const missing = await openPage(`${PAGE}?unit=99.0.0.0`);
  await drawn(missing.page);
  assert.match(await missing.page.textContent('#app'), /Setting "unit": this network has no unit 99\.0\.0\.0/);
  assert.match(await missing.page.textContent('#net-unit'), /conv2d/);
  assertClean(missing.issues, 'a unit the network lacks');
});

test('the training page opens the whole network of the network it has set up', async () => {
  const layers = 'c4k3_relu_mp2_fl_d10';
  const { page, issues } = await openPage(`/demos/train.html?preset=custom&layers=${layers}&seed=7`);
  await page.waitForFunction(() => document.documentElement.dataset.mounted === '1', null, { timeout: 60000 });
  await page.click('#inside-network a');
  await drawn(page);
  const url = new URL(page.url());
  assert.equal(url.pathname, PAGE);
  assert.equal(url.searchParams.get('layers'), layers);
  assert.equal(url.searchParams.get('seed'), '7');
  assert.equal(await page.$$eval('#net-overview .net-column[data-layer]', (c) => c.length), 1 + 5, 'the input and its five layers');
  assertClean(issues, 'from the training page');
});
