// Embedding a demo in a course page (docs/embedding.md), driven through www/examples/course-page.html:
// each embedded demo says convplay:ready with its state; the page's buttons set the 2-D convolution
// by convplay:set and the demo mounts again in that state and says convplay:state; "Predict first"
// answers reach the page's score. Hostile messages (no type, unknown types, markup, out-of-range and
// unknown settings, non-plain states) are each answered with convplay:error, change nothing, insert
// nothing, and the demo keeps working; a window other than the host is not listened to.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, audit, describeViolations, screenshot, closeAll } from '../helpers/browser.mjs';

after(closeAll);

const ready = (page, id) => page.waitForFunction((f) => document.documentElement.dataset[`${f}Last`] !== undefined, id, { timeout: 120000 });
const frameOf = async (page, id) => (await page.$(`#${id}`)).contentFrame();
/** What the conv2d frame's mounted demo holds for `key`. */
const holds = (frame, key) => frame.evaluate(async (k) => (await import('/js/demo.js')).currentDemo().demo.state[k], key);

async function openCourse() {
  const opened = await openPage('/examples/course-page.html', { width: 1280, height: 900 });
  await opened.page.evaluate(() => {
    window.replies = [];
    window.addEventListener('message', (e) => window.replies.push({ from: [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source)?.id, data: e.data }));
  });
  for (const id of ['conv2d', 'pooling', 'batchnorm']) await ready(opened.page, id);
  return opened;
}

test('the course page drives the 2-D convolution and shows its state', async () => {
  const { page, issues } = await openCourse();
  assert.equal(await page.textContent('#conv-state'), 'stride 1, padding valid, dilation 1');
  const frame = await frameOf(page, 'conv2d');
  await page.click('#set-stride');
  await page.waitForFunction(() => document.getElementById('conv-state').textContent === 'stride 2, padding same, dilation 1', null, { timeout: 60000 });
  await frame.waitForFunction(() => document.documentElement.dataset.mounted === '1');
  assert.equal(await holds(frame, 'stride'), 2);
  assert.equal(await holds(frame, 'padding'), 'same');
  assert.match(frame.url(), /stride=2/);
  assert.ok(await page.evaluate(() => window.replies.some((r) => r.from === 'conv2d' && r.data.type === 'convplay:state' && r.data.state.stride === '2')));
  await page.click('#set-dilation');
  await page.waitForFunction(() => document.getElementById('conv-state').textContent === 'stride 1, padding full, dilation 2', null, { timeout: 60000 })
    .catch(async (e) => { throw new Error(`${e.message}: ${await page.textContent('#conv-state')} ${frame.url()} ${JSON.stringify(await page.evaluate(() => window.replies.map((r) => r.data)))}`); });
  await page.waitForLoadState('networkidle');
  const violations = await audit(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  await screenshot(page, 'embed-course-page');
  assertClean(issues, 'course page');
});

test('hostile messages are answered with convplay:error and the demo keeps working', async () => {
  const { page, issues } = await openCourse();
  const frame = await frameOf(page, 'conv2d');
  const hostile = [
    'alert(1)',
    null,
    { no: 'type' },
    { type: 'convplay:eval', code: 'document.body.innerHTML = "<img src=x onerror=alert(1)>"' },
    { type: 'convplay:set' },
    { type: 'convplay:set', state: [1, 2] },
    { type: 'convplay:set', state: { stride: '<img src=x onerror=alert(1)>' } },
    { type: 'convplay:set', state: { stride: 99 } },
    { type: 'convplay:set', state: { stride: 2, nosuch: 1 } },
    { type: 'convplay:set', state: { stride: { toString: 'x' } } },
    { type: 'convplay:set', state: { stride: Number.NaN } },
    { type: 'convplay:set', state: { input: 'x'.repeat(10000) } },
  ];
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  const errors = await page.evaluate(async (list) => {
    const target = document.getElementById('conv2d').contentWindow;
    const out = [];
    for (const message of list) {
      const before = window.replies.length;
      target.postMessage(message, location.origin);
      const deadline = performance.now() + 5000;
      const errorsSince = () => window.replies.slice(before).filter((r) => r.from === 'conv2d' && r.data?.type !== 'convplay:state');
      while (errorsSince().length === 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 50)); // room for a second reply, which must not come
      out.push(errorsSince().map((r) => r.data));
    }
    return out;
  }, hostile);
  errors.forEach((got, i) => {
    assert.equal(got.length, 1, `message ${i}: one reply`);
    assert.equal(got[0].type, 'convplay:error', `message ${i}: ${JSON.stringify(got[0])}`);
    assert.equal(got[0].demo, 'conv2d');
    assert.equal(typeof got[0].message, 'string');
  });
  assert.match(errors[7][0].message, /stride/);
  assert.match(errors[8][0].message, /no setting "nosuch"/);
  assert.equal(await holds(frame, 'stride'), 1, 'nothing changed');
  assert.equal(await frame.$('img[src="x"]'), null, 'nothing inserted as HTML');
  assert.equal(dialogs, 0);
  // A window other than the host (the pooling frame) is not listened to: no reply, no change.
  const pooling = await frameOf(page, 'pooling');
  const before = await page.evaluate(() => window.replies.length);
  await pooling.evaluate(() => window.parent.document.getElementById('conv2d').contentWindow.postMessage({ type: 'convplay:set', state: { stride: 3 } }, '*'));
  await page.waitForTimeout(500);
  assert.equal(await holds(frame, 'stride'), 1);
  assert.equal(await page.evaluate((n) => window.replies.slice(n).filter((r) => r.from === 'conv2d').length, before), 0);
  // The demo still works: a valid set is taken.
  await page.click('#set-stride');
  await page.waitForFunction(() => document.getElementById('conv-state').textContent.startsWith('stride 2'), null, { timeout: 60000 });
  assert.equal(await holds(frame, 'stride'), 2);
  assertClean(issues, 'course page');
});

test('predictions made in an embedded demo reach the course page\'s score', async () => {
  const { page } = await openCourse();
  const frame = await frameOf(page, 'batchnorm');
  await frame.waitForSelector('#predict-guess', { state: 'visible', timeout: 120000 });
  await frame.fill('#predict-guess', '12345');
  await frame.click('#predict-check');
  await page.waitForFunction(() => document.getElementById('score').textContent.includes('of 1 predictions'), null, { timeout: 30000 });
  assert.equal(await page.textContent('#score'), '0 of 1 predictions right.');
  const answer = await page.evaluate(() => window.replies.find((r) => r.data.type === 'convplay:answer')?.data);
  assert.equal(answer.demo, 'batchnorm');
  assert.equal(answer.correct, false);
  assert.equal(typeof answer.value, 'number');
});
