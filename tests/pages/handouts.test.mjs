// Hand-outs on every demo: Copy link, Copy embed code and (where the demo has a configuration for
// it) Copy as PyTorch. The link is the page's address; the embed code is an <iframe> of the same
// state in embed mode, with a title and a height, and opening its src gives a demo holding the same
// settings; the PyTorch text is the core's (the lecture's example ends with 12 12 17 / 10 17 19 /
// 9 6 14). The script follows what the page shows: the transposed mode's F.conv_transpose2d with its
// settings, the groups section's F.conv2d(…, groups=g) and the counts of its table, the signals
// page's causal stack layer by layer with its dilations. With the clipboard refused the text is
// shown selected in a box; with it allowed the clipboard holds it. Not shown when embedded. axe
// finds nothing serious; screenshots at 375/1920.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { DEMOS } from '../../www/js/demos.js';
import { PYTORCH_DEMOS } from '../../www/js/teach/handouts.js';
import { loadCore } from '../helpers/core.mjs';
import { expectedOf } from '../helpers/handouts.mjs';
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

test('the 1-D page as PyTorch first prints the convolution sum the core computes for its signal and h', async () => {
  const core = await loadCore();
  for (const [query, x, h, mode] of [['', [1, 2, 3, 1, 2], [1, 0.5, 0.25], 'convolution'], ['?x=0,1,-2,3&h=1,-1&mode=xcorr', [0, 1, -2, 3], [1, -1], 'crossCorrelation']]) {
    const { page, issues } = await openPage(`/demos/conv1d.html${query}`);
    await mounted(page);
    const { text } = await copied(page, 'copy-pytorch');
    const y = Array.from(core.conv1d(new Float32Array(x), new Float32Array(h), { mode }), show).join(' ');
    assert.equal(expectedOf(text).lines[0], y, `${query || 'default'}: first prints ${y}`);
    assert.equal(text.includes('torch.flip(h'), mode === 'convolution');
    await page.waitForLoadState('networkidle');
    assertClean(issues, `conv1d${query}`);
    await page.context().close();
  }
});

test('the causal section as PyTorch: F.pad in front and F.conv1d with each layer\'s dilation, the core\'s values and receptive fields', async () => {
  const core = await loadCore();
  for (const [query, dilations, causal] of [['', [1, 2, 4, 8], true], ['?wdil=two&wl=2&wc=0&wat=10&wh=0.5,-1,2', [2, 2], false]]) {
    const { page, issues } = await openPage(`/demos/conv1d.html${query}`);
    await mounted(page);
    const { text } = await copied(page, 'copy-pytorch');
    const state = await page.evaluate(async () => {
      const { state } = (await import('/js/demo.js')).currentDemo().demo;
      return { wx: [...state.wx], wh: [...state.wh], wat: state.wat };
    });
    assert.ok(text.includes(`dilations = [${dilations.join(', ')}]  # input side first`), `${query || 'default'}: names the dilations`);
    assert.ok(text.includes(causal ? 'F.pad(t, ((w.shape[2] - 1) * d, 0))' : 'F.pad(t, (span - s, s))'), `${query || 'default'}: causal ${causal}`);
    assert.match(text, /F\.conv1d\(F\.pad\(.*dilation=d\)/);
    const s = core.causalStack(new Float32Array(state.wx), { kernel: state.wh, dilations, causal }, state.wat);
    const want = s.levels.slice(1).flatMap((l, i) => [`layer ${i + 1} dilation ${l.dilation} receptive field ${l.receptiveField}`, Array.from(l.values, show).join(' ')]);
    const { lines } = expectedOf(text);
    assert.deepEqual(lines.slice(1, -1), want, `${query || 'default'}: every layer as the core computes it`);
    for (let i = 1; i <= dilations.length; i += 1) assert.equal(await page.textContent(`#causal-rf-${i}`), String(s.levels[i].receptiveField), 'the page\'s table says the same field');
    assert.match(lines.at(-1), new RegExp(`^y\\[${state.wat}\\] depends on ${s.levels[0].depends.length} samples x\\[${s.first}\\] to x\\[${s.last}\\], `));
    await page.waitForLoadState('networkidle');
    assertClean(issues, `conv1d causal${query}`);
    await page.context().close();
  }
});

test('the transposed mode as PyTorch: F.conv_transpose2d with the page\'s stride, padding, output padding and dilation', async () => {
  const core = await loadCore();
  const query = '?op=transposed&trows=3&tcols=2&tin=1,2,3,4,5,6&tk=2&tw=1,-1,2,0.5&ts=3&tpad=1&tout=2&tdil=2';
  const { page, issues } = await openPage(`/demos/conv2d.html${query}`);
  await mounted(page);
  const { text } = await copied(page, 'copy-pytorch');
  assert.match(text, /y = F\.conv_transpose2d\(x, k, b, stride=3, padding=1, output_padding=2, dilation=2\)/);
  assert.match(text, /\.reshape\(1, 1, 3, 2\) {2}# \[batch/);
  assert.match(text, /\.reshape\(1, 1, 2, 2\) {2}# \[in channels, out channels/);
  assert.doesNotMatch(text, /F\.conv2d\(/, 'not the plain convolution');
  const y = core.convTranspose2d(new Float32Array([1, 2, 3, 4, 5, 6]), new Uint32Array([1, 1, 3, 2]), new Float32Array([1, -1, 2, 0.5]), new Uint32Array([1, 1, 2, 2]), undefined, { stride: 3, padding: 1, outputPadding: 2, dilation: 2 });
  const [, , oh, ow] = y.shape;
  const rows = Array.from({ length: oh }, (_, r) => Array.from(y.data.slice(r * ow, (r + 1) * ow), show).join(' '));
  assert.deepEqual(expectedOf(text).lines, rows, 'the output the core computes');
  assertClean(issues, 'conv2d transposed');
  await page.context().close();
});

test('the groups section as PyTorch: F.conv2d with groups= and the nn.Conv2d counts the page shows', async () => {
  const { page, issues } = await openPage('/demos/conv2d.html?grp=1&gch=4&gmul=2&gk=3&groups=2');
  await mounted(page);
  const { text } = await copied(page, 'copy-pytorch');
  assert.match(text, /y = F\.conv2d\(x, k, b, stride=1, padding=\(1, 1\), dilation=1, groups=2\)\nassert tuple\(y\.shape\) == \(1, 8, 5, 5\)/);
  assert.ok(text.includes('grouped = nn.Conv2d(4, 8, 3, stride=1, padding=(1, 1), dilation=1, groups=2, bias=True)'));
  assert.ok(text.includes('depthwise = nn.Conv2d(4, 4, 3, stride=1, padding=(1, 1), dilation=1, groups=4, bias=True)'));
  const { lines } = expectedOf(text);
  const cell = (row, col) => page.getAttribute(`#gc-${row}-${col}`, 'data-value');
  for (const [row, name] of [['standard', 'standard g=1'], ['grouped', 'grouped g=2'], ['depthwise', 'depthwise g=4'], ['pointwise', 'pointwise 1x1'], ['separable', 'separable']]) {
    const want = `${name}: ${await cell(row, 'weights')} weights ${await cell(row, 'biases')} biases ${await cell(row, 'parameters')} parameters ${await cell(row, 'multiplications')} multiplications`;
    assert.ok(lines.includes(want), `${row}: ${want} in\n${lines.slice(-6).join('\n')}`);
  }
  const map = await page.$$eval('#groups-output td', (tds) => tds.map((td) => td.textContent.trim().replace('\u2212', '-'))); // the page writes a minus sign
  const f = lines.indexOf('filter 1');
  assert.deepEqual(lines.slice(f + 1, f + 6).join(' ').split(' ').map(Number), map.map(Number), 'filter 1\'s map as the page shows it');
  assertClean(issues, 'conv2d groups');
  await page.context().close();
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
