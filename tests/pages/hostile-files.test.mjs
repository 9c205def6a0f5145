// Hostile files: pictures on the filters page (empty, truncated, not an image, random bytes,
// 1×1, 1×10000, 8000×8000 and a picture too large to decode), model files on the training page
// (empty, truncated, random bytes, headers that lie about their length, their sizes or their
// tensors), and a digit file whose header lies. Each gets a message in words and the page keeps
// working, without a reload.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, closeAll, alertText, text, num } from '../helpers/browser.mjs';
import { png, randomBytes, modelFile, digitFile, gzip } from '../helpers/files.mjs';

after(closeAll);

const filtersReady = () => document.documentElement.dataset.mounted === '1' && !['', '—'].includes(document.querySelector('#inspect-output')?.textContent ?? '');
const trainReady = () => document.getElementById('step')?.disabled === false && document.getElementById('stat-step')?.dataset.value === '0';

async function openFilters() {
  const opened = await openPage('/demos/filters.html');
  await opened.page.waitForFunction(filtersReady, null, { timeout: 60000 });
  return opened;
}

/** The filters page still filters: a shipped photo, a different filter, numbers shown, no message. */
async function filtersWork(page) {
  await page.selectOption('#image-select', 'camera');
  await page.waitForFunction(() => /Cameraman/.test(document.querySelector('#input-caption').textContent));
  const heading = await text(page, '#kernel-heading');
  await page.selectOption('#filter-select', heading.includes('Laplacian') ? 'sobelX' : 'laplacian');
  await page.waitForFunction((h) => document.querySelector('#kernel-heading').textContent !== h, heading);
  await page.waitForFunction(filtersReady);
  assert.ok(Number.isFinite(num(await text(page, '#output-max'))), 'an output is computed');
  assert.equal(await alertText(page), '');
}

test('filters: bad picture files are refused in words, the picture shown stays, the page keeps working', async () => {
  const { page, issues } = await openFilters();
  const caption = await text(page, '#input-caption');
  const cases = [
    ['empty.png', 'image/png', Buffer.alloc(0), /"empty\.png" could not be read as an image/],
    ['truncated.png', 'image/png', png(64, 64).subarray(0, 40), /"truncated\.png" could not be read as an image/],
    ['random.png', 'image/png', randomBytes(5000), /"random\.png" could not be read as an image/],
    ['no-type.bin', '', randomBytes(300, 7), /"no-type\.bin" (could not be read as an image|is not an image)/],
    ['notes.pdf', 'application/pdf', Buffer.from('%PDF-1.4'), /"notes\.pdf" is not an image \(its type is application\/pdf\)/],
    ['huge.png', 'image/png', png(9000, 9000), /"huge\.png" is 9000×9000 pixels, more than 64 million; choose a smaller picture\./],
    ['<img src=x onerror=alert(1)>.png', 'image/png', randomBytes(100), /"<img src=x onerror=alert\(1\)>\.png" could not be read/],
  ];
  for (const [name, mimeType, buffer, message] of cases) {
    await page.evaluate(() => { document.querySelector('[role="alert"]').textContent = ''; });
    await page.setInputFiles('#image-file', { name, mimeType, buffer });
    await page.waitForFunction(() => document.querySelector('[role="alert"]').textContent !== '', null, { timeout: 30000 });
    assert.match(await alertText(page), message, name);
    assert.equal(await text(page, '#input-caption'), caption, `${name}: the picture shown stays`);
  }
  assert.equal(await page.$$eval('img[src="x"], img[src$="/x"]', (imgs) => imgs.length), 0, 'no markup from a file name');
  await filtersWork(page);
  assert.deepEqual(issues.pageErrors, []);
});

test('filters: an 8000×8000 picture is decoded small; 1×1 and 1×10000 pictures get a message and the page keeps working', async () => {
  const { page, issues } = await openFilters();
  await page.setInputFiles('#image-file', { name: 'big.png', mimeType: 'image/png', buffer: png(8000, 8000) });
  await page.waitForFunction(() => /big\.png/.test(document.querySelector('#input-caption').textContent), null, { timeout: 60000 });
  assert.match(await text(page, '#input-caption'), /“big\.png” \(8000×8000, shown at 256×256\)/);
  await page.waitForFunction(filtersReady);
  assert.equal(await alertText(page), '');
  for (const [name, w, h] of [['dot.png', 1, 1], ['line.png', 1, 10000], ['row.png', 10000, 1]]) {
    await page.setInputFiles('#image-file', { name, mimeType: 'image/png', buffer: png(w, h) });
    // A message in words: the caption names the picture (and the core's answer, if any, is in the alert).
    await page.waitForFunction((n) => document.querySelector('#input-caption').textContent.includes(n) || document.querySelector('[role="alert"]').textContent !== '', name, { timeout: 30000 });
    await page.waitForFunction(() => document.documentElement.dataset.mounted === '1');
    const said = `${await text(page, '#input-caption')} ${await alertText(page)}`;
    assert.ok(said.includes(name) || /core/.test(said), `${name}: ${said}`);
    await filtersWork(page);
  }
  assert.deepEqual(issues.pageErrors, []);
});

/** Load `buffer` as a model file on the training page and return the file message. */
async function loadModel(page, name, buffer) {
  await page.evaluate(() => { document.getElementById('file-message').textContent = ''; });
  await page.setInputFiles('#load', { name, mimeType: 'application/octet-stream', buffer });
  await page.waitForFunction(() => document.getElementById('file-message').textContent !== '', null, { timeout: 30000 });
  return text(page, '#file-message');
}

test('train: bad model files are refused in words, the model is kept, and training goes on', async () => {
  const { page, issues } = await openPage('/demos/train.html');
  await page.waitForFunction(trainReady, null, { timeout: 60000 });
  const total = await text(page, '#param-total');
  const saved = Buffer.from(await page.evaluate(async () => Array.from(await (await import('/js/demo.js')).currentDemo().demo.trainer().request('save'))));
  const config = { input: [1, 28, 28], seed: 1, layers: [{ kind: 'flatten' }, { kind: 'dense', outFeatures: 10 }] };
  const cases = [
    ['empty.cpmodel', Buffer.alloc(0)],
    ['random.cpmodel', randomBytes(4096)],
    ['truncated.cpmodel', saved.subarray(0, Math.floor(saved.length / 2))],
    ['header-too-long.cpmodel', modelFile(config, Buffer.alloc(0), { length: 0xffffffff })],
    ['header-not-json.cpmodel', modelFile('{"config": <img src=x onerror=alert(1)>')],
    ['huge-input.cpmodel', modelFile({ config: { input: [1, 65536, 65536], seed: 1, layers: [{ kind: 'flatten' }, { kind: 'dense', outFeatures: 10 }] }, tensors: [] })],
    ['huge-dense.cpmodel', modelFile({ config: { ...config, layers: [{ kind: 'flatten' }, { kind: 'dense', outFeatures: 16384 }, { kind: 'dense', outFeatures: 16384 }] }, tensors: [] })],
    ['lying-tensors.cpmodel', modelFile({ config, tensors: [{ layer: 1, name: 'weight', shape: [10, 784] }, { layer: 1, name: 'bias', shape: [10] }] }, Buffer.alloc(64))],
    ['wrong-tensor-shape.cpmodel', modelFile({ config, tensors: [{ layer: 1, name: 'weight', shape: [4096, 4096] }, { layer: 1, name: 'bias', shape: [10] }] }, Buffer.alloc(64))],
  ];
  for (const [name, buffer] of cases) {
    const t0 = Date.now();
    const message = await loadModel(page, name, buffer);
    assert.match(message, new RegExp(`^Could not load "${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}": .+\\. The current model is kept\\.$`), name);
    assert.ok(Date.now() - t0 < 10000, `${name}: answered in ${Date.now() - t0} ms`);
    assert.equal(await text(page, '#param-total'), total, `${name}: the model is kept`);
  }
  assert.equal(await page.$$eval('img[src="x"]', (imgs) => imgs.length), 0);
  // The kept model trains, and the saved file still loads.
  await page.click('#step');
  await page.waitForFunction(() => document.getElementById('stat-step').dataset.value === '1');
  assert.match(await loadModel(page, 'saved.cpmodel', saved), /^Loaded "saved\.cpmodel": 20,522 parameters\./);
  assert.deepEqual(issues.pageErrors, []);
});

test('a digit file whose header lies is refused in words', async () => {
  const lies = [
    digitFile({ count: 65536, train: 60000, rows: 256, cols: 256 }, Buffer.alloc(1000)),
    digitFile({ count: 10, train: 20, rows: 28, cols: 28 }, Buffer.alloc(10 + 10 * 784)),
    digitFile({ count: 4, train: 2, rows: 0, cols: 28 }, Buffer.alloc(4)),
    randomBytes(2000),
  ];
  for (const [i, body] of lies.entries()) {
    const { page, issues } = await openPage('/demos/pooling.html', {
      beforeLoad: (p) => p.route('**/data/digits.bin.gz', (route) => route.fulfill({ status: 200, contentType: 'application/gzip', body: gzip(body) })),
    });
    await page.waitForFunction(() => document.querySelector('[role="alert"]')?.textContent !== '', null, { timeout: 30000 });
    assert.match(await alertText(page), /^could not load the digits: digit file: /, `lie ${i}`);
    assert.deepEqual(issues.pageErrors, [], `lie ${i}`);
  }
});
