// The filters demo (www/demos/filters.html): loads cleanly (alone, embedded, in an iframe), the
// identity kernel returns the input, Sobel's negative responses are shown, σ rebuilds the kernel,
// the separable Gaussian matches the 2-D one, and uploads are decoded locally or refused in words.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, screenshot, closeAll, demoOpener, alertText, text, num, waitForChange } from '../helpers/browser.mjs';

after(closeAll);

const PAGE = '/demos/filters.html';

/** The demo has mounted and worked out its first output pixel. */
const ready = () => document.documentElement.dataset.mounted === '1' && !['', '—'].includes(document.querySelector('#inspect-output')?.textContent ?? '');
const open = demoOpener(PAGE, ready);

test('loads cleanly with its nav, and embedded without it', async () => {
  const { page, issues } = await open();
  assert.equal(await alertText(page), '');
  assert.ok(await page.$('nav a[href$="index.html"]'));
  assert.match(await text(page, '#input-caption'), /Chelsea the cat, 256×170/);
  await screenshot(page, 'demo-filters');
  assertClean(issues, 'filters');

  const embedded = await open('?embed=1');
  assert.equal(await embedded.page.$('nav'), null);
  assert.equal(await embedded.page.evaluate(() => document.documentElement.classList.contains('embed')), true);
  await screenshot(embedded.page, 'demo-filters-embed');
  assertClean(embedded.issues, 'filters embedded');
});

test('works inside an iframe', async () => {
  const src = `${PAGE}?embed=1&filter=laplacian`;
  const { page, issues } = await openPage(`/_fixtures/embed.html?src=${encodeURIComponent(src)}`);
  const frame = await (await page.waitForSelector('#demo-frame')).contentFrame();
  await frame.waitForFunction(ready);
  assert.equal(await frame.textContent('[role="alert"]'), '');
  assert.match(await frame.textContent('#kernel-heading'), /Laplacian/);
  assertClean(issues, 'filters in an iframe');
});

test('identity kernel: every inspected output pixel equals the input pixel', async () => {
  const { page, issues } = await open('?img=camera&filter=identity&r=100&c=100');
  assert.equal(await text(page, '#output-change'), '0', '‖out − in‖ / ‖in‖');
  await page.focus('#output-figure .picker');
  for (const key of ['ArrowRight', 'ArrowDown', 'Shift+ArrowLeft', 'ArrowUp', 'Shift+ArrowDown']) {
    const where = await text(page, '#inspect-where');
    await page.keyboard.press(key);
    await waitForChange(page, '#inspect-where', where);
    const input = await text(page, '#inspect-input');
    assert.equal(await text(page, '#inspect-output'), input, `${key}: output equals input`);
  }
  assert.match(await text(page, '#inspect-where'), /row 104, column 97/);
  assert.match(page.url(), /[?&]r=104&c=97/);

  // Hovering previews another pixel without changing the selection; leaving restores it.
  const box = await page.locator('#output-figure .picker canvas').boundingBox();
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.75);
  await page.waitForFunction(() => /^Previewing/.test(document.querySelector('#inspect-where').textContent));
  assert.equal(await text(page, '#inspect-output'), await text(page, '#inspect-input'), 'hovered pixel');
  await page.mouse.move(1, 1);
  await page.waitForFunction(() => /^Selected: row 104, column 97/.test(document.querySelector('#inspect-where').textContent));
  assert.match(page.url(), /[?&]r=104&c=97/);
  assertClean(issues, 'identity');
});

test('Sobel on a shipped photo: negative responses are shown, legend below zero', async () => {
  const { page, issues } = await open('?img=coffee&filter=sobelX');
  assert.ok(num(await text(page, '#output-legend .legend-lo')) < 0, 'legend min < 0');
  assert.ok(num(await text(page, '#output-legend .legend-hi')) > 0, 'legend max > 0');
  assert.ok(num(await text(page, '#output-min')) < 0, 'output min < 0');
  assert.match(await text(page, '#output-legend'), /blue < 0/);
  const kernel = await page.$$eval('#kernel-numbers .grid-value', (cells) => cells.map((c) => c.textContent));
  assert.deepEqual(kernel, ['−1', '0', '1', '−2', '0', '2', '−1', '0', '1']);
  assertClean(issues, 'sobel');
});

test('σ rebuilds the Gaussian kernel shown as numbers', async () => {
  const { page, issues } = await open('?filter=gaussian&sigma=1');
  const before = await text(page, '#kernel-numbers');
  assert.match(await text(page, '#kernel-heading'), /7×7/);
  await page.focus('#sigma');
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
  await waitForChange(page, '#kernel-numbers', before);
  assert.match(await text(page, '#kernel-heading'), /11×11/);
  assert.match(page.url(), /sigma=1\.5/);
  assert.match(await text(page, '#sep-kernel-caption'), /σ = 1\.5: 11 weights/);
  assertClean(issues, 'sigma');
});

test('the separable Gaussian equals the 2-D one, with fewer multiplications', async () => {
  const { page, issues } = await open('?sigma=2');
  const diff = Number(await page.getAttribute('#sep-diff', 'data-value'));
  assert.ok(diff < 1e-5, `max |difference| ${diff}`);
  const direct = Number((await text(page, '#sep-direct-count')).replace(/,/g, ''));
  const separable = Number((await text(page, '#sep-separable-count')).replace(/,/g, ''));
  assert.equal(direct, 256 * 170 * 13 * 13);
  assert.equal(separable, 256 * 170 * 2 * 13);
  assertClean(issues, 'separable');
});

test('a non-image file is refused in words and the page keeps working', async () => {
  const { page, issues } = await open();
  await page.setInputFiles('#image-file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  await page.waitForFunction(() => document.querySelector('[role="alert"]').textContent !== '');
  assert.match(await alertText(page), /"notes\.txt" is not an image/);
  await page.setInputFiles('#image-file', { name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('nope') });
  await page.waitForFunction(() => /broken\.png/.test(document.querySelector('[role="alert"]').textContent));
  assert.match(await alertText(page), /could not be read as an image/);
  const heading = await text(page, '#kernel-heading');
  await page.selectOption('#filter-select', 'laplacian');
  await waitForChange(page, '#kernel-heading', heading);
  assert.match(await text(page, '#kernel-heading'), /Laplacian/);
  assert.equal(await alertText(page), '', 'the message goes once the reader moves on');
  assertClean(issues, 'bad upload');
});

/** A PNG made by the browser's own canvas: left half black, right half white. */
async function makePng(page, width, height) {
  const b64 = await page.evaluate(([w, h]) => {
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, w / 2, h);
    ctx.fillStyle = '#fff';
    ctx.fillRect(w / 2, 0, w / 2, h);
    return canvas.toDataURL('image/png').split(',')[1];
  }, [width, height]);
  return Buffer.from(b64, 'base64');
}

test('a small PNG is decoded locally and filtered; a large one is scaled down', async () => {
  const { page, issues } = await open('?filter=sobelX&r=10&c=20');
  await page.setInputFiles('#image-file', { name: 'step.png', mimeType: 'image/png', buffer: await makePng(page, 40, 30) });
  await page.waitForFunction(() => /step\.png/.test(document.querySelector('#input-caption').textContent));
  assert.match(await text(page, '#input-caption'), /“step\.png” \(40×30\)/);
  assert.equal(await page.$eval('#image-select', (s) => s.value), 'upload');
  assert.equal(num(await text(page, '#output-max')), 4, 'Sobel x on a 0→1 step gives 4');
  assert.equal(await text(page, '#inspect-input'), '1', 'pixel (10, 20) is white');
  assert.equal(num(await text(page, '#inspect-output')), 4, 'and sits on the edge');

  await page.setInputFiles('#image-file', { name: 'big.png', mimeType: 'image/png', buffer: await makePng(page, 600, 300) });
  await page.waitForFunction(() => /big\.png/.test(document.querySelector('#input-caption').textContent));
  assert.match(await text(page, '#input-caption'), /600×300, shown at 256×128/);
  assert.equal(await alertText(page), '');
  assertClean(issues, 'upload');
});

test('digits, bad settings in the address, and the custom kernel editor', async () => {
  const { page, issues } = await open('?img=digit&digit=7&filter=custom&k=1,2,3,4,5,6,7,8,9,10&r=14&c=14');
  assert.match(await alertText(page), /Setting "k" has 10 numbers/);
  assert.match(await text(page, '#input-caption'), /test digit #7/);
  assert.match(await text(page, '#kernel-heading'), /Custom.*3×3/);
  await page.click('#kernel-numbers td[data-row="1"][data-col="1"]');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /k=0,-1,0,-1,2,-1,0,-1,0/.test(location.search));
  assert.match(await text(page, '#kernel-flat'), /: −2$/);
  await page.selectOption('#custom-size', '5');
  await page.waitForFunction(() => document.querySelectorAll('#kernel-numbers td').length === 25);
  assertClean(issues, 'digit + custom');
});
