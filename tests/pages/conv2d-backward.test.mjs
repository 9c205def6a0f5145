// The backward pass of the 2-D stepper (www/demos/conv2d.html?back=1) in Chromium: the stepped
// ∂L/∂x and ∂L/∂w (the core's traces) and the one-shot grids equal the core's conv2dBackward on
// the lecture's 5×5 example (∂L/∂y all ones) and on a strided, padded case; the page's
// finite-difference check agrees to 1e-3; the state survives a reload; screenshots.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { assertClean, audit, describeViolations, closeAll, screenshot, FIXTURES, SIZES, demoOpener, alertText, num } from '../helpers/browser.mjs';

after(closeAll);

const lecture = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'lecture.json'), 'utf8'));
const open = demoOpener('/demos/conv2d.html', '#backward .backward-stepped table');
const values = (page, selector) => page.$$eval(`${selector} .grid-value`, (vs) => vs.map((v) => v.textContent));
const search = async (page) => new URLSearchParams(await page.evaluate(() => location.search));

/** conv2dBackward of the lecture's input and kernel, from the core in the page. */
const backwardInPage = (page, dy, dyShape, options) =>
  page.evaluate(async ([x, k, dy, dyShape, options]) => {
    const core = await (await import('/js/wasm.js')).loadCore();
    const g = core.conv2dBackward(new Float32Array(x), new Uint32Array([1, 1, 5, 5]), new Float32Array(k), new Uint32Array([1, 1, 3, 3]), new Float32Array(dy), new Uint32Array(dyShape), options);
    return { input: [...g.input.data], weight: [...g.weight.data] };
  }, [lecture.input, lecture.kernel, dy, dyShape, options]);

/** Step to the end, then read the stepped and one-shot grids (∂L/∂x's 25 cells, then ∂L/∂w's 9). */
async function shown(page) {
  await page.click('#back-last');
  const stepped = (await values(page, '#backward .backward-stepped')).map(num);
  const oneShot = (await values(page, '#backward .backward-one-shot')).map(num);
  return { stepped, oneShot };
}

const close = (a, b, tol = 1e-3) => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= tol);

test("the lecture's 5×5 example with ∂L/∂y all ones: stepped and one-shot equal conv2dBackward", async () => {
  const { page, issues } = await open('?back=1');
  assert.equal(await alertText(page), '');
  assert.deepEqual((await values(page, '#backward .backward-dy')).map(num), new Array(9).fill(1));
  // Step 1: the corner, covered by one window at the weight 0.
  assert.equal(await page.textContent('#back-equation'), '∂L/∂x[0, 0] = 1·0 = 0');
  const want = await backwardInPage(page, new Array(9).fill(1), [1, 1, 3, 3], {});
  const { stepped, oneShot } = await shown(page);
  assert.ok(close(stepped, [...want.input, ...want.weight]), `${stepped} vs ${want.input},${want.weight}`);
  assert.ok(close(oneShot, [...want.input, ...want.weight]));
  assert.equal(stepped[12], 10, 'the centre is the sum of the weights');
  assert.equal(stepped[25], 15, '∂L/∂w[0, 0] is the sum of the top-left 3×3 of the input');
  assert.equal(await page.getAttribute('#verdict-input', 'data-agree'), 'true');
  assert.equal(await page.getAttribute('#verdict-weight', 'data-agree'), 'true');
  assert.match(await page.textContent('#verdict-input'), /equals the one-shot/);
  assertClean(issues, 'conv2d backward');
  const embedded = await open('?back=1&embed=1');
  assert.equal(await embedded.page.getAttribute('#verdict-input', 'data-agree'), 'true');
  assertClean(embedded.issues, 'conv2d backward embedded');
});

test('a strided, padded true convolution with a typed ∂L/∂y: stepped and one-shot equal conv2dBackward', async () => {
  const dy = [1, -2, 0.5, 3, 0, -1, 2, 1.5, -0.5];
  const { page, issues } = await open(`?back=1&stride=2&padding=explicit&pad=1&mode=conv&dy=${dy.join(',')}`);
  assert.deepEqual((await values(page, '#backward .backward-dy')).map(num), dy);
  const want = await backwardInPage(page, dy, [1, 1, 3, 3], { stride: 2, padding: { kind: 'explicit', y: 1, x: 1 }, mode: 'convolution' });
  await page.click('#back-next');
  assert.match(await page.textContent('#back-terms'), /Stride 2×2: in the dilated ∂L\/∂y/);
  const { stepped, oneShot } = await shown(page);
  assert.ok(close(stepped, [...want.input, ...want.weight]), `${stepped} vs ${want.input},${want.weight}`);
  assert.ok(close(oneShot, [...want.input, ...want.weight]));
  assert.equal(await page.getAttribute('#verdict-input', 'data-agree'), 'true');
  assert.equal(await page.getAttribute('#verdict-weight', 'data-agree'), 'true');
  assertClean(issues, 'conv2d backward strided');
});

test('volume mode (3 channels, 2 filters, bias, dilation 2, same padding): both verdicts say equal, the check agrees', async () => {
  const { page, issues } = await open('?back=1&volume=1&dilation=2&padding=same&bstep=40');
  assert.equal(await page.getAttribute('#verdict-input', 'data-agree'), 'true');
  assert.equal(await page.getAttribute('#verdict-weight', 'data-agree'), 'true');
  assert.match(await page.textContent('#back-equation'), /^∂L\/∂x\[1, 3, 0\] = /);
  await page.click('#fd-run');
  assert.equal(await page.getAttribute('#fd-result', 'data-agree'), 'true');
  assertClean(issues, 'conv2d backward volume');
});

test('a ∂L/∂y of the wrong length in the URL is reported and replaced by all ones', async () => {
  const { page } = await open('?back=1&dy=1,2,3');
  assert.match(await alertText(page), /Setting "dy" has 3 numbers, but the output has 9; using all ones\./);
  assert.deepEqual((await values(page, '#backward .backward-dy')).map(num), new Array(9).fill(1));
});

test('the finite-difference check on one input cell agrees with the gradient shown to 1e-3', async () => {
  for (const query of ['?back=1&bstep=12', '?back=1&bstep=6&stride=2&padding=explicit&pad=1&dy=1,-2,0.5,3,0,-1,2,1.5,-0.5']) {
    const { page, issues } = await open(query);
    await page.click('#fd-run');
    const result = await page.$eval('#fd-result', (p) => ({ ...p.dataset, text: p.textContent }));
    const cell = num((await page.textContent('#back-equation')).split(' = ').at(-1));
    assert.ok(Math.abs(Number(result.quotient) - Number(result.gradient)) <= 1e-3, JSON.stringify(result));
    assert.ok(Math.abs(Number(result.gradient) - cell) <= 1e-3, `${result.gradient} vs shown ${cell}`);
    assert.equal(result.agree, 'true');
    assert.match(result.text, /they agree/);
    assertClean(issues, `finite difference ${query}`);
  }
  // On a weight step there is no input cell to nudge.
  const { page } = await open('?back=1&bstep=30');
  assert.equal(await page.isDisabled('#fd-run'), true);
});

test('URL round-trip: shown, step, ∂L/∂y and h survive a reload; hiding it hides the section', async () => {
  const { page, issues } = await open('?back=1');
  await page.click('#back-next');
  await page.click('#back-next');
  await page.click('#backward .backward-dy td.editable >> nth=4');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await page.selectOption('#fd-h', '0.1');
  const params = await search(page);
  assert.equal(params.get('back'), '1');
  assert.equal(params.get('bstep'), '2');
  assert.equal(params.get('dy'), '1,1,1,1,3,1,1,1,1');
  assert.equal(params.get('fdh'), '0.1');
  const before = { status: await page.textContent('#back-status'), equation: await page.textContent('#back-equation') };
  await page.waitForLoadState('networkidle');
  await page.reload({ waitUntil: 'networkidle' });
  await page.waitForSelector('#backward .backward-stepped table');
  assert.equal(await page.textContent('#back-status'), before.status);
  assert.equal(await page.textContent('#back-equation'), before.equation);
  assert.equal(num((await values(page, '#backward .backward-dy'))[4]), 3);
  assert.equal(await page.inputValue('#fd-h'), '0.1');
  await page.click('#back-toggle');
  assert.equal(await page.isHidden('#backward'), true);
  assert.notEqual((await search(page)).get('back'), '1');
  assertClean(issues, 'conv2d backward round trip');
});

test('accessible at 375 and 1920 px with the backward pass shown; screenshots', async () => {
  const { page } = await open('?back=1&bstep=12&stride=2&padding=explicit&pad=1');
  await page.click('#fd-run');
  for (const size of [SIZES.phone, SIZES.projector]) {
    await page.setViewportSize(size);
    const violations = await audit(page);
    assert.equal(violations.length, 0, `backward pass at ${size.width} px:\n${describeViolations(violations)}`);
  }
  await page.$eval('#backward', (s) => s.scrollIntoView());
  await screenshot(page, 'conv2d-backward');
});
