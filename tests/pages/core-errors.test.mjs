// The WebAssembly core in a real page, loaded through www/js/wasm.js: the lecture's example,
// bad calls that must throw Errors naming the argument, and a module that keeps working after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPage, assertClean, closeAll, FIXTURES } from '../helpers/browser.mjs';

after(closeAll);

const lecture = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'lecture.json'), 'utf8'));
let page;
let issues;

before(async () => {
  ({ page, issues } = await openPage('/_fixtures/core-smoke.html'));
  await page.waitForSelector('body[data-ready="1"]');
  const problem = await page.textContent('#error');
  assert.equal(problem, '', 'the smoke page reported a problem');
});

/** Call core.conv2d in the page; returns { shape, data } or { error: { isError, name, message } }. */
function conv2d(args) {
  return page.evaluate(({ input, inputShape, weight, weightShape, bias, options }) => {
    const { core } = window.convplay;
    try {
      const out = core.conv2d(
        new Float32Array(input), new Uint32Array(inputShape),
        new Float32Array(weight), new Uint32Array(weightShape),
        bias === null ? undefined : new Float32Array(bias), options,
      );
      return { shape: Array.from(out.shape), data: Array.from(out.data) };
    } catch (err) {
      return { error: { isError: err instanceof Error, name: err?.name, message: String(err?.message ?? err) } };
    }
  }, { bias: null, options: {}, ...args });
}

const lectureCall = (mode) => conv2d({
  input: lecture.input, inputShape: lecture.inputShape,
  weight: lecture.kernel, weightShape: lecture.kernelShape,
  options: { mode },
});

test('the lecture example: cross-correlation', async () => {
  assert.deepEqual(await lectureCall('crossCorrelation'), lecture.crossCorrelation);
  assert.deepEqual(JSON.parse(await page.textContent('#lecture')), lecture.crossCorrelation, 'the page computed it too');
});

test('the lecture example: true convolution (kernel flipped)', async () => {
  assert.deepEqual(await lectureCall('convolution'), lecture.convolution);
});

const badCalls = [
  {
    name: 'kernel with 2 input channels on a 3-channel input',
    args: { input: new Array(75).fill(1), inputShape: [1, 3, 5, 5], weight: new Array(18).fill(1), weightShape: [1, 2, 3, 3] },
    names: [/channel/i, /\b2\b/, /\b3\b/],
  },
  {
    name: 'stride 0',
    args: { input: lecture.input, inputShape: lecture.inputShape, weight: lecture.kernel, weightShape: lecture.kernelShape, options: { stride: 0 } },
    names: [/stride/i],
  },
  {
    name: 'kernel larger than the input',
    args: { input: [1, 2, 3, 4], inputShape: [1, 1, 2, 2], weight: lecture.kernel, weightShape: [1, 1, 3, 3] },
    names: [/kernel|weight/i],
  },
  {
    name: 'input shape whose product does not match the data length',
    args: { input: lecture.input.slice(0, 24), inputShape: lecture.inputShape, weight: lecture.kernel, weightShape: lecture.kernelShape },
    names: [/input/i, /24|25/],
  },
];

for (const { name, args, names } of badCalls) {
  test(`bad call throws an Error naming the argument: ${name}`, async () => {
    const result = await conv2d(args);
    assert.ok(result.error, `expected an error, got ${JSON.stringify(result)}`);
    assert.equal(result.error.isError, true, `thrown value is not an Error: ${JSON.stringify(result.error)}`);
    assert.match(result.error.message, /conv2d/, 'message names the function');
    for (const pattern of names) assert.match(result.error.message, pattern);
  });
}

test('after the errors the core still computes the right answer', async () => {
  assert.deepEqual(await lectureCall('crossCorrelation'), lecture.crossCorrelation);
  assert.deepEqual(await lectureCall('convolution'), lecture.convolution);
  assertClean(issues, 'core smoke page');
});

test('the error region shows text, never HTML', async () => {
  const hostile = '<img src=x id=injected><script>window.injected = 1</script>';
  const shown = await page.evaluate((text) => {
    window.convplay.shell.showError(new Error(text));
    const region = document.querySelector('[role="alert"]');
    return { text: region.textContent, children: region.children.length };
  }, hostile);
  assert.deepEqual(shown, { text: hostile, children: 0 });
  assert.equal(await page.$('#injected'), null);
  await page.evaluate(() => window.convplay.shell.clearError());
  assert.equal(await page.textContent('[role="alert"]'), '');
});

test('a hostile URL setting is reported as text and never executed', async () => {
  const { page: other, issues: otherIssues } = await openPage(
    `/_fixtures/core-smoke.html?note=${encodeURIComponent('<script>window.pwned=1</script>')}`,
  );
  await other.waitForSelector('body[data-ready="1"]');
  const message = await other.textContent('[role="alert"]');
  assert.match(message, /Setting "note" was "<script>window\.pwned=1<\/script>"/);
  assert.equal(await other.evaluate(() => window.pwned), undefined);
  assert.equal(await other.$$eval('[role="alert"] *', (els) => els.length), 0);
  assertClean(otherIssues, 'smoke page with a hostile setting');
});
