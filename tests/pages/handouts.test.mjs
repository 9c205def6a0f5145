// Hand-outs on every demo: Copy link, Copy embed code and (where the demo has a configuration for
// it) Copy as PyTorch. The link is the page's address; the embed code is an <iframe> of the same
// state in embed mode, with a title and a height, and opening its src gives a demo holding the same
// settings; the PyTorch text is the core's (the lecture's example ends with 12 12 17 / 10 17 19 /
// 9 6 14). With the clipboard refused the text is shown selected in a box; with it allowed the
// clipboard holds it. Not shown when embedded. axe finds nothing serious; screenshots at 375/1920.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { DEMOS } from '../../www/js/demos.js';
import { PYTORCH_DEMOS } from '../../www/js/teach/handouts.js';
import { loadCore } from '../helpers/core.mjs';
import { openPage, assertClean, audit, describeViolations, screenshot, closeAll, SCREENSHOTS, SIZES } from '../helpers/browser.mjs';

after(closeAll);

const mounted = (page) => page.waitForFunction(() => document.documentElement.dataset.mounted === '1', null, { timeout: 120000 });

/** What the mounted demo holds, written through its schema (the settings a link carries). */
const held = (page) => page.evaluate(async () => {
  const { state, schema } = (await import('/js/demo.js')).currentDemo().demo;
  return (await import('/js/state.js')).encodeState(state, schema);
});

/** `errors` less `n` of the browser's "404 (Not Found)" lines (files another test answers for). */
function withoutMissing(errors, n) {
  const out = [...errors];
  for (let i = 0; i < n; i += 1) {
    const at = out.findIndex((e) => /status of 404/.test(e));
    if (at >= 0) out.splice(at, 1);
  }
  return out;
}

/** Click a copy button and wait until that copy is done: `{ text, status }`. */
async function copied(page, id) {
  const before = Number((await page.getAttribute('#handouts-status', 'data-copies')) ?? 0);
  await page.click(`#${id}`);
  await page.waitForFunction((n) => Number(document.getElementById('handouts-status').dataset.copies ?? 0) > n, before);
  return { text: await page.inputValue('#handouts-text'), status: await page.textContent('#handouts-status') };
}


test('every demo offers Copy link, Copy embed code and Copy as PyTorch', async () => {
  assert.deepEqual(DEMOS.map((d) => d.id).filter((id) => !PYTORCH_DEMOS.includes(id)), [], 'every demo has a PyTorch hand-out');
  for (const demo of DEMOS) {
    const { page, issues } = await openPage(`/${demo.path}`);
    await mounted(page);
    for (const id of ['copy-link', 'copy-embed']) assert.ok(await page.isVisible(`#${id}`), `${demo.id}: #${id}`);
    assert.equal(await page.isVisible('#copy-pytorch'), PYTORCH_DEMOS.includes(demo.id), `${demo.id}: Copy as PyTorch`);
    const link = await copied(page, 'copy-link');
    assert.equal(link.text, page.url().replace(/%2C/gi, ','), `${demo.id}: the link is the address`);
    const embed = await copied(page, 'copy-embed');
    assert.match(embed.text, /^<iframe src="[^"]+embed=1[^"]*" title="[^"]+ · ConvPlay" width="100%" height="\d+" loading="lazy"><\/iframe>$/, `${demo.id}: embed code`);
    if (PYTORCH_DEMOS.includes(demo.id)) {
      const code = await copied(page, 'copy-pytorch');
      assert.match(code.text, /^# ConvPlay hand-out: /, `${demo.id}: PyTorch text`);
      assert.match(code.text, /# Expected output/, `${demo.id}: expected output`);
    }
    await page.waitForLoadState('networkidle');
    // A demo whose "Predict first" questions are not written yet is the predict tests' concern, not this one's.
    const questions = issues.httpErrors.filter((e) => e.includes('/js/teach/questions/'));
    assertClean({ ...issues, httpErrors: issues.httpErrors.filter((e) => !questions.includes(e)), consoleErrors: withoutMissing(issues.consoleErrors, questions.length) }, demo.id);
    await page.context().close();
  }
});

/** A number as the core's scripts print it: at most four decimals, no trailing zeros. */
const show = (v) => {
  const s = v.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
};

test('the 1-D page as PyTorch ends with the convolution sum the core computes for its signal and h', async () => {
  const core = await loadCore();
  for (const [query, x, h, mode] of [['', [1, 2, 3, 1, 2], [1, 0.5, 0.25], 'convolution'], ['?x=0,1,-2,3&h=1,-1&mode=xcorr', [0, 1, -2, 3], [1, -1], 'crossCorrelation']]) {
    const { page, issues } = await openPage(`/demos/conv1d.html${query}`);
    await mounted(page);
    const { text } = await copied(page, 'copy-pytorch');
    const y = Array.from(core.conv1d(new Float32Array(x), new Float32Array(h), { mode }), show).join(' ');
    assert.ok(text.endsWith(`# Expected output:\n#   ${y}\n`), `${query || 'default'}: ends with ${y}\n${text.slice(-200)}`);
    assert.equal(text.includes('torch.flip(h'), mode === 'convolution');
    await page.waitForLoadState('networkidle');
    assertClean(issues, `conv1d${query}`);
    await page.context().close();
  }
});

test('the lecture example as PyTorch, the clipboard refused and allowed', async () => {
  const { page, issues, origin } = await openPage('/demos/conv2d.html');
  await mounted(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await copied(page, 'copy-link');
  assert.equal(await page.getAttribute('#handouts-status', 'data-copied'), '1');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url().replace(/%2C/gi, ','));
  assert.match(await page.textContent('#handouts-status'), /^Copied the link/);
  // A browser that refuses the clipboard (http, a denied permission): the text is selected in the box.
  await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: () => Promise.reject(new Error('denied')) } }));
  const refused = await copied(page, 'copy-pytorch');
  assert.match(refused.text, /#   12 12 17\n#   10 17 19\n#   9 6 14\n/);
  assert.equal(await page.getAttribute('#handouts-status', 'data-copied'), '0');
  assert.match(refused.status, /did not allow copying/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'handouts-text', 'the box has the focus, its text selected');
  assert.equal(await page.evaluate(() => { const b = document.getElementById('handouts-text'); return b.selectionEnd - b.selectionStart; }), refused.text.length);
  const violations = await audit(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  await screenshot(page, 'handouts-conv2d');
  for (const size of Object.values(SIZES)) { // the panel itself, to look at closely
    await page.setViewportSize(size);
    await page.locator('#handouts').screenshot({ path: `${SCREENSHOTS}/handouts-panel-${size.width}.png` });
  }
  assertClean(issues, 'conv2d');
});

test('the embed code opens the same state, in embed mode, without hand-outs', async () => {
  const query = '?rows=6&cols=7&stride=2&padding=same&dilation=2&mode=conv&step=3';
  const { page } = await openPage(`/demos/conv2d.html${query}&present=1`);
  await mounted(page);
  const before = await held(page);
  const { text } = await copied(page, 'copy-embed');
  const src = /src="([^"]+)"/.exec(text)[1].replace(/&amp;/g, '&');
  assert.equal(new URL(src).searchParams.get('present'), null, 'presenter mode is the visitor\'s, not the demo\'s');
  const height = Number(/height="(\d+)"/.exec(text)[1]);
  assert.ok(height >= 480 && height <= 2400, `height ${height}`);
  const { page: embedded, issues } = await openPage(new URL(src).pathname + new URL(src).search);
  await mounted(embedded);
  assert.equal(await held(embedded), before, 'the same settings');
  assert.equal(await embedded.evaluate(() => document.documentElement.classList.contains('embed')), true);
  assert.equal(await embedded.$('#handouts'), null, 'no hand-outs when embedded');
  await embedded.waitForLoadState('networkidle');
  assertClean(issues, 'embedded');
});
