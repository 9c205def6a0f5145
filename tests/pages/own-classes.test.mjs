// The training page's "Your own classes" mode (demos/train.html?data=own): the built-in starter,
// two classes drawn with the mouse that train to better than chance on their held-out split and
// predict a new drawing, an uploaded PNG becoming an example, non-images and corrupt dataset files
// rejected in words with the examples kept, the keyboard, hostile names and addresses, and
// accessibility at 375 px and 1920 px.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { openPage, assertClean, assertWorksInIframe, screenshot, closeAll, audit, describeViolations, alertText, server, watch, FIXTURES, SIZES } from '../helpers/browser.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

after(closeAll);

const PAGE = '/demos/train.html?data=own';

/** The page is mounted and its network configured on the current examples. */
async function ready(page) {
  await page.waitForFunction(() => {
    const play = document.getElementById('play');
    return document.documentElement.dataset.mounted === '1' && document.getElementById('own-class-list')?.dataset.settled === 'true'
      && play && !play.disabled && document.getElementById('stat-step')?.dataset.value === '0';
  }, null, { timeout: 60000 });
}

/** Each class card: its name and its counts (from the core, in data attributes). */
const classes = (page) => page.$$eval('.own-class', (cards) => cards.map((c) => ({
  name: c.querySelector('.own-name').value,
  original: Number(c.querySelector('.own-class-counts').dataset.original),
  augmented: Number(c.querySelector('.own-class-counts').dataset.augmented),
  thumbs: c.querySelectorAll('.own-thumb').length,
})));

async function stroke(page, from, to) {
  await page.$eval('#own-draw', (e) => e.scrollIntoView({ block: 'center' }));
  const box = await (await page.$('#own-draw')).boundingBox();
  const at = ([fx, fy]) => [box.x + fx * box.width, box.y + fy * box.height];
  await page.mouse.move(...at(from));
  await page.mouse.down();
  await page.mouse.move(...at(to), { steps: 10 });
  await page.mouse.up();
  await page.waitForFunction(() => !document.getElementById('own-add').disabled);
}

/** Draw a stroke and add it to class `label`. */
async function addStroke(page, label, from, to) {
  const before = (await classes(page))[label].original;
  await page.selectOption('#own-target', String(label));
  await stroke(page, from, to);
  await page.click('#own-add');
  await page.waitForFunction(([l, n]) => Number(document.querySelectorAll('.own-class-counts')[l]?.dataset.original) === n, [label, before + 1]);
}

async function probabilities(page, count) {
  await page.waitForFunction((n) => document.querySelectorAll('#own-probs .prob-value[data-value]').length === n, count, { timeout: 30000 });
  return page.$$eval('#own-probs li', (rows) => rows.map((r) => ({ name: r.querySelector('.own-prob-name').textContent, p: Number(r.querySelector('.prob-value').dataset.value) })));
}

async function trainAndPause(page, minSteps) {
  await page.click('#play');
  await page.waitForFunction((n) => Number(document.getElementById('stat-step').dataset.value) >= n, minSteps, { timeout: 90000 });
  await page.click('#play');
  await page.waitForFunction(() => document.documentElement.dataset.training === 'paused');
  await page.waitForSelector('#confusion table', { timeout: 30000 });
}

test('the starter "0 vs 1 vs 7" loads, normal and embedded, and the digits mode links to it', async () => {
  for (const query of ['', '&embed=1']) {
    const { page, issues } = await openPage(PAGE + query);
    await ready(page);
    const shown = await classes(page);
    assert.deepEqual(shown.map((c) => c.name), ['0', '1', '7']);
    for (const c of shown) {
      assert.ok(c.original > 0 && c.thumbs === c.original && c.augmented === 0, `starter class ${c.name}: ${JSON.stringify(c)}`);
    }
    // The counts and the split shown are the core's, for the starter and the default split (25 %, seed 1).
    const core = await page.evaluate(async () => {
      const { loadCore } = await import('/js/wasm.js');
      const { loadDigits } = await import('/js/lib/digits.js');
      const c = await loadCore();
      const set = c.ClassSet.starter(await loadDigits(c), [0, 1, 7], 30);
      const split = set.split(25, 1);
      const result = { counts: set.counts(), count: set.count(), train: split.count('train'), test: split.count('test') };
      split.free();
      set.free();
      return result;
    });
    assert.deepEqual(shown.map((c) => c.original), core.counts.original);
    assert.equal(await page.textContent('#own-summary'), `3 classes \u00b7 ${core.count} examples in all`);
    assert.equal(await page.textContent('#own-split'), `${core.train} examples train the network (augmented copies included); ${core.test} originals are held out to test it.`);
    assert.match(await page.textContent('#own-output-note'), /3 units/);
    assert.match(page.url(), /layers=[^&]*d3(&|$)/, 'the last dense layer has one unit per class');
    assert.equal(await page.$$eval('#own-probs li', (l) => l.length), 3);
    assert.equal(await alertText(page), '');
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('embed')), query !== '');
    const violations = await audit(page);
    assert.equal(violations.length, 0, `own${query}:\n${describeViolations(violations)}`);
    assertClean(issues, `own${query}`);
  }
  await assertWorksInIframe(`${PAGE}&embed=1`, '#own-class-list[data-settled="true"] .own-thumb', 'own classes in an iframe');
  const { page, issues } = await openPage('/demos/train.html');
  await page.waitForFunction(() => document.getElementById('play')?.disabled === false, null, { timeout: 60000 });
  await page.waitForLoadState('networkidle'); // leave the page only once it has loaded what it asked for
  assert.equal(await page.getAttribute('.mode-switch a[data-mode="digits"]', 'aria-current'), 'page');
  await page.click('.mode-switch a[data-mode="own"]');
  await ready(page);
  assert.equal((await classes(page)).length, 3);
  // The way back: the same network, its last dense layer with the digits' ten units again.
  const back = await page.getAttribute('.mode-switch a[data-mode="digits"]', 'href');
  assert.match(back, /layers=[^&]*d10(&|$)/);
  assert.doesNotMatch(back, /data=own/);
  assertClean(issues, 'digits → own');
});

test('two drawn classes train to better than chance on their held-out split and predict a new drawing', async () => {
  const { page, issues } = await openPage(`${PAGE}&start=empty&test=25`);
  await page.waitForFunction(() => document.querySelectorAll('.own-class').length === 2, null, { timeout: 60000 });
  await page.waitForFunction(() => /Not ready to train/.test(document.getElementById('own-split').textContent), null, { timeout: 30000 });
  assert.equal(await page.$eval('#play', (b) => b.disabled), true, 'no examples: nothing to train yet');
  // Name the classes with the keyboard.
  for (const [label, name] of [[0, 'vertical'], [1, 'horizontal']]) {
    await page.focus(`.own-name[data-label="${label}"]`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
  }
  await page.waitForFunction(() => [...document.querySelectorAll('#own-target option')].map((o) => o.textContent).join() === 'vertical,horizontal');
  for (let i = 0; i < 8; i += 1) {
    const x = 0.3 + 0.05 * i;
    await addStroke(page, 0, [x, 0.15 + 0.01 * i], [x + 0.02 * (i % 3 - 1), 0.85 - 0.01 * i]);
    const y = 0.3 + 0.05 * i;
    await addStroke(page, 1, [0.15 + 0.01 * i, y], [0.85 - 0.01 * i, y + 0.02 * (i % 3 - 1)]);
  }
  assert.deepEqual((await classes(page)).map((c) => [c.name, c.original]), [['vertical', 8], ['horizontal', 8]]);
  await ready(page);
  assert.match(await page.textContent('#own-split'), /4 originals are held out/);
  await trainAndPause(page, 60);
  const accuracy = await page.$eval('#stat-test-all', (e) => ({ text: e.textContent, value: Number(e.dataset.value) }));
  console.log(`own classes: held-out accuracy ${accuracy.text}`);
  assert.ok(accuracy.value > 0.5, `better than chance (1/2) on the held-out split: ${accuracy.text}`);
  assert.match(accuracy.text, /%/);
  // The confusion matrix is labelled with the class names and counts the 4 held-out examples.
  assert.deepEqual(await page.$$eval('#confusion thead th', (th) => th.slice(1).map((t) => t.textContent)), ['vertical', 'horizontal']);
  assert.deepEqual(await page.$$eval('#confusion tbody th', (th) => th.map((t) => t.textContent)), ['vertical', 'horizontal']);
  const cells = await page.$$eval('#confusion tbody td', (td) => td.map((t) => Number(t.textContent)));
  assert.equal(cells.reduce((a, b) => a + b, 0), 4);
  assert.equal((cells[0] + cells[3]) / 4, accuracy.value, 'the accuracy shown is the confusion matrix\u2019s diagonal');
  // A new vertical stroke (not added): the probabilities follow, "vertical" first.
  await stroke(page, [0.52, 0.2], [0.5, 0.8]);
  const probs = await probabilities(page, 2);
  assert.deepEqual(probs.map((p) => p.name), ['vertical', 'horizontal']);
  assert.ok(Math.abs(probs[0].p + probs[1].p - 1) < 1e-5);
  assert.ok(probs[0].p > probs[1].p, `a new vertical stroke is predicted "vertical": ${JSON.stringify(probs)}`);
  assert.equal(await page.$eval('#own-probs li.best .own-prob-name', (e) => e.textContent), 'vertical');
  assert.equal(await alertText(page), '');
  await screenshot(page, 'own-classes-trained');
  assertClean(issues, 'two drawn classes');
});

test('an uploaded PNG becomes an example; non-images are rejected with a message', async () => {
  const { page, issues } = await openPage(PAGE);
  await ready(page);
  const before = await classes(page);
  await page.selectOption('#own-target', '1');
  await page.setInputFiles('#own-upload', path.join(FIXTURES, 'own-vertical-bar.png'));
  await page.waitForFunction(() => /Added 1 picture/.test(document.getElementById('own-message').textContent));
  const after1 = await classes(page);
  assert.equal(after1[1].original, before[1].original + 1);
  assert.equal(after1[1].thumbs, before[1].thumbs + 1);
  // What the network sees of it: a bright bar on black, as the digits are drawn.
  const seen = await page.$eval('#own-preview', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let bright = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] > 128) bright += 1;
    return { bright, w: c.width, h: c.height, corner: d[0] };
  });
  assert.ok(seen.bright > 20 && seen.corner < 10, `the upload as the network sees it: ${JSON.stringify(seen)}`);
  await page.setInputFiles('#own-upload', [
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') },
    { name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG garbage') },
  ]);
  await page.waitForFunction(() => /Not added/.test(document.getElementById('own-message').textContent));
  const message = await page.textContent('#own-message');
  assert.match(message, /"notes\.txt" is not an image/);
  assert.match(message, /"broken\.png" could not be read as an image/);
  assert.deepEqual(await classes(page), after1, 'nothing was added');
  assertClean(issues, 'upload');
});

test('a corrupt or truncated dataset file is rejected with a message and the examples remain; a saved file loads back', async () => {
  const { page, issues } = await openPage(PAGE);
  await ready(page);
  await page.fill('#own-copies', '1');
  await page.click('#own-augment');
  await page.waitForFunction(() => /Added \d+ augmented/.test(document.getElementById('own-augment-message').textContent));
  const before = await classes(page);
  assert.ok(before.every((c) => c.augmented === c.original), JSON.stringify(before));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#own-save')]);
  assert.equal(download.suggestedFilename(), 'my-classes.cpclass');
  const bytes = fs.readFileSync(await download.path());
  assert.match(await page.textContent('#own-file-message'), /Saved .* as my-classes\.cpclass/);
  for (const file of [
    path.join(FIXTURES, 'own-corrupt.cpclass'),
    { name: 'truncated.cpclass', mimeType: 'application/octet-stream', buffer: bytes.subarray(0, bytes.length - 100) },
    { name: 'a-model.cpclass', mimeType: 'application/octet-stream', buffer: Buffer.from('CPMODEL1 not a dataset') },
  ]) {
    await page.setInputFiles('#own-load', file);
    await page.waitForFunction(() => /Could not load/.test(document.getElementById('own-file-message').textContent));
    const text = await page.textContent('#own-file-message');
    assert.match(text, /Your current examples are kept\.$/, text);
    assert.match(await alertText(page), /Could not load/);
    assert.deepEqual(await classes(page), before, 'the examples remain');
    await page.evaluate(() => { document.getElementById('own-file-message').textContent = ''; });
  }
  // Start empty, then load the saved file: every class and example is back.
  await page.click('#own-empty');
  await page.waitForFunction(() => document.querySelectorAll('.own-class').length === 2);
  await page.setInputFiles('#own-load', { name: 'mine.cpclass', mimeType: 'application/octet-stream', buffer: bytes });
  await page.waitForFunction(() => /Loaded/.test(document.getElementById('own-file-message').textContent));
  assert.deepEqual(await classes(page), before);
  await ready(page);
  assert.equal(await alertText(page), '');
  assertClean(issues, 'dataset file');
});

test('the keyboard removes examples and classes and adds a class; names are text, never markup', async () => {
  const { page, issues } = await openPage(PAGE);
  await ready(page);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  const before = await classes(page);
  await page.focus('.own-class[data-label="0"] .own-thumb');
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => Number(document.querySelector('.own-class-counts').dataset.original) === n, before[0].original - 1);
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('own-thumb')), true, 'focus stays on a thumbnail');
  await page.keyboard.press('Space');
  await page.waitForFunction((n) => Number(document.querySelector('.own-class-counts').dataset.original) === n, before[0].original - 2);
  const markup = '<img src=x onerror=alert(1)>';
  await page.focus('#own-new-class');
  await page.keyboard.type(markup);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('.own-class').length === 4);
  assert.equal((await classes(page))[3].name, markup);
  await page.waitForFunction(() => document.getElementById('own-class-list').dataset.settled === 'true');
  // A class without examples cannot be split: the page says so and waits for examples.
  const split = await page.textContent('#own-split');
  console.log(`own classes, an empty class: ${split}`);
  assert.match(split, /^Not ready to train: /);
  assert.equal(await page.$eval('#play', (b) => b.disabled), true);
  assert.equal(await page.$$eval('#own-probs li', (l) => l.length), 4);
  assert.equal(await page.$eval('#own-probs li:last-child .own-prob-name', (e) => e.textContent), markup);
  assert.match(await page.textContent('#own-output-note'), /4 units/);
  assert.equal(await page.$$eval('main img', (imgs) => imgs.length), 0, 'no markup was inserted');
  // Remove it again with the keyboard (its remove button names it).
  await page.focus(`.own-remove-class[data-label="3"]`);
  assert.equal(await page.getAttribute('.own-remove-class[data-label="3"]', 'aria-label'), `Remove class \u201c${markup}\u201d and its examples`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('.own-class').length === 3);
  // A name already taken is refused in words and the old name stays.
  await page.fill('.own-name[data-label="2"]', '0');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => /Could not rename/.test(document.getElementById('own-summary').textContent));
  assert.equal(await page.inputValue('.own-name[data-label="2"]'), '7');
  assert.equal(dialogs, 0);
  assertClean(issues, 'keyboard');
});

test('the camera is asked for only on a button press; without one the page says so and works on', async () => {
  const { page, issues } = await openPage(PAGE);
  await ready(page);
  assert.equal(await page.$eval('#own-video', (v) => v.hidden && !v.srcObject), true, 'no camera before the press');
  await page.click('#own-camera-start');
  await page.waitForFunction(() => /Draw or upload|camera is off|stays in this tab/.test(document.getElementById('own-camera-message').textContent), null, { timeout: 20000 });
  const text = await page.textContent('#own-camera-message');
  console.log(`own classes, headless camera: ${text}`);
  await stroke(page, [0.5, 0.2], [0.5, 0.8]);
  await probabilities(page, 3);
  if (await page.$eval('#own-camera-stop', (b) => !b.disabled)) await page.click('#own-camera-stop');
  assertClean(issues, 'camera');
});

test('a camera (Chromium\u2019s fake one) gives an example to predict and to add; stopping it and unmounting end the stream', async () => {
  const fake = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
  try {
    const { url: origin } = await server();
    const context = await fake.newContext({ serviceWorkers: 'block', permissions: ['camera'] });
    const page = await context.newPage();
    const issues = watch(page, origin);
    await page.goto(`${origin}${PAGE}`);
    await ready(page);
    await page.click('#own-camera-start');
    await page.waitForFunction(() => !document.getElementById('own-capture').disabled, null, { timeout: 20000 });
    assert.equal(await page.$eval('#own-video', (v) => !v.hidden && v.srcObject?.getVideoTracks()[0]?.readyState === 'live'), true);
    await page.waitForFunction(() => document.getElementById('own-video').videoWidth > 0);
    await page.click('#own-capture');
    await page.waitForFunction(() => /Captured|Could not use/.test(document.getElementById('own-camera-message').textContent));
    const message = await page.textContent('#own-camera-message');
    console.log(`own classes, fake camera: ${message}`);
    if (/^Captured/.test(message)) {
      await probabilities(page, 3);
      const before = (await classes(page))[2].original;
      await page.selectOption('#own-target', '2');
      await page.click('#own-add');
      await page.waitForFunction((n) => Number(document.querySelectorAll('.own-class-counts')[2].dataset.original) === n, before + 1);
    }
    // Unmounting stops the stream (and so does Stop camera).
    const track = await page.evaluateHandle(() => document.getElementById('own-video').srcObject.getVideoTracks()[0]);
    await page.evaluate(async () => (await import('/js/demo.js')).currentDemo().unmount());
    assert.equal(await track.evaluate((t) => t.readyState), 'ended');
    await page.evaluate(async () => (await import('/js/demo.js')).currentDemo().mount());
    await ready(page);
    await page.click('#own-camera-start');
    await page.waitForFunction(() => !document.getElementById('own-camera-stop').disabled, null, { timeout: 20000 });
    const second = await page.evaluateHandle(() => document.getElementById('own-video').srcObject.getVideoTracks()[0]);
    await page.click('#own-camera-stop');
    assert.equal(await second.evaluate((t) => t.readyState), 'ended');
    assert.equal(await page.$eval('#own-video', (v) => v.hidden), true);
    assertClean(issues, 'fake camera');
  } finally {
    await fake.close();
  }
});

test('a failed core keeps the examples: the page core is replaced and the examples come back; a fresh worker trains on them', async () => {
  const { page, issues } = await openPage(PAGE);
  await ready(page);
  await page.selectOption('#own-target', '0');
  await page.setInputFiles('#own-upload', path.join(FIXTURES, 'own-vertical-bar.png'));
  await ready(page);
  const before = await classes(page);
  // The trainer worker's core traps: a fresh worker gets the examples and the network again.
  const reply = await page.evaluate(async () => {
    const trainer = (await import('/js/demo.js')).currentDemo().demo.trainer();
    return trainer.request('trapCore').then(() => 'no error', (err) => err.message);
  });
  assert.match(reply, /restarted/);
  await page.waitForFunction(() => /restarted in a fresh worker/.test(document.getElementById('train-message').textContent), null, { timeout: 30000 });
  await page.waitForFunction(() => document.getElementById('play').disabled === false, null, { timeout: 30000 });
  await trainAndPause(page, 30);
  assert.deepEqual(await page.$$eval('#confusion tbody th', (th) => th.map((t) => t.textContent)), ['0', '1', '7'], 'trained on the classes, not the digits');
  const held = Number((await page.textContent('#own-split')).match(/(\d+) originals are held out/)[1]);
  assert.equal((await page.$$eval('#confusion tbody td', (td) => td.map((t) => Number(t.textContent)))).reduce((a, b) => a + b, 0), held);
  // The page's own core breaks: the demo is mounted again on a fresh core, with the same examples.
  await page.evaluate(async () => (await import('/js/wasm.js')).breakCore(await (await import('/js/wasm.js')).loadCore()));
  await page.$eval('#own-draw', (e) => e.scrollIntoView({ block: 'center' }));
  const box = await (await page.$('#own-draw')).boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.8, { steps: 5 }); // the drawing is prepared by the core
  await page.mouse.up();
  await page.waitForFunction(() => Number(document.documentElement.dataset.recoveries ?? 0) === 1 && document.documentElement.dataset.mounted === '1', null, { timeout: 30000 });
  await ready(page);
  assert.match(await alertText(page), /The WebAssembly core failed/);
  assert.deepEqual(await classes(page), before, 'the examples, the upload among them, are back');
  assert.deepEqual(issues.pageErrors, []);
});

test('own classes: hostile addresses are reported in words; accessible at 375 px and 1920 px, trained and not', async () => {
  const { page, issues } = await openPage(`${PAGE}&test=${encodeURIComponent('<img src=x>')}&start=99`, SIZES.phone);
  await ready(page);
  const alert = await alertText(page);
  assert.match(alert, /Setting "test"/);
  assert.match(alert, /Setting "start"/);
  assert.equal(await page.$$eval('main img', (imgs) => imgs.length), 0);
  assert.equal(await page.inputValue('#own-test'), '25');
  const check = async (label) => {
    const violations = await audit(page);
    assert.equal(violations.length, 0, `${label}:\n${describeViolations(violations)}`);
  };
  await check('own 375 px');
  await trainAndPause(page, 40);
  await stroke(page, [0.5, 0.2], [0.5, 0.8]);
  await probabilities(page, 3);
  await check('own trained 375 px');
  await page.setViewportSize(SIZES.projector);
  await check('own trained 1920 px');
  await screenshot(page, 'own-classes-starter');
  assertClean(issues, 'own accessible');
});
