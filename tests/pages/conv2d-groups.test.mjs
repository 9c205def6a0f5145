// The 2-D page's "Groups" section in Chromium: the slider from standard through grouped to
// depthwise, the counts against the core's at every setting (the depthwise setting's C·k·k
// weights against the standard C·F·k·k), which channels each filter reads, the output map
// against core.conv2dGrouped, stepping the filters by keyboard, the URL, and screenshots.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, audit, closeAll, demoOpener, describeViolations, screenshot, alertText } from '../helpers/browser.mjs';

after(closeAll);

const PAGE = '/demos/conv2d.html';
const open = demoOpener(PAGE, '#groups-reads td');
const COLS = ['weights', 'biases', 'parameters', 'multiplications'];
const ROWS = ['standard', 'grouped', 'depthwise', 'pointwise', 'separable'];

/** core.convolutionCounts(spec, options) in the page. */
const countsInPage = (page, spec, options) => page.evaluate(async ([s, o]) => {
  const core = await (await import('/js/wasm.js')).loadCore();
  return core.convolutionCounts(s, o);
}, [spec, options]);

/** The counts table as the page shows it: { row: { column: number } }. */
const shownCounts = (page) => page.evaluate(([rows, cols]) => Object.fromEntries(rows.map((r) => [r, Object.fromEntries(cols.map((c) => {
  const cell = document.getElementById(`gc-${r}-${c}`);
  return [c, { value: Number(cell.dataset.value), text: cell.textContent }];
}))])), [ROWS, COLS]);

const setSlider = (page, i) => page.$eval('#groups-slider', (s, v) => {
  s.value = String(v);
  s.dispatchEvent(new Event('input', { bubbles: true }));
}, i);

const search = async (page) => new URLSearchParams(await page.evaluate(() => location.search));

/** Open `query` with the predict-first panel on question `q`, once it can be answered. */
async function openQuiz(query, q) {
  const opened = await open(`?${query}&predict=1&q=${q}`);
  await opened.page.waitForSelector('#predict-body:not([hidden])');
  await opened.page.waitForFunction(() => !document.getElementById('predict-check').disabled);
  return opened;
}

/** Guess `text` with the keyboard; returns the shown result's value. */
async function guess(page, text) {
  await page.focus('#predict-guess');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /the core:/.test(document.getElementById('predict-result').textContent));
  return page.$eval('#predict-result', (e) => Number(e.dataset.value));
}

const hiddenState = (page) => page.$$eval('.predict-hidden', (els) => els.map((e) => getComputedStyle(e).visibility === 'hidden'));

test('the section loads cleanly, embedded too, and is off until asked for', async () => {
  const plain = await demoOpener(PAGE, '#groups-toggle')();
  assert.equal(await plain.page.$eval('#groups', (s) => s.hidden), true);
  await plain.page.click('#groups-toggle');
  await plain.page.waitForSelector('#groups-reads td');
  assert.equal((await search(plain.page)).get('grp'), '1');
  assertClean(plain.issues, 'conv2d groups');
  const { page, issues } = await open('?embed=1&grp=1');
  assert.equal(await alertText(page), '');
  assert.equal(await page.$eval('#groups', (s) => s.hidden), false);
  assertClean(issues, 'conv2d groups embedded');
});

test('counts match the core at every slider setting, for 4 and 6 channels and F = C or 2·C', async () => {
  for (const [gch, gmul, gk] of [['4', '1', '3'], ['4', '2', '3'], ['6', '1', '5'], ['6', '2', '1']]) {
    const { page, issues } = await open(`?grp=1&gch=${gch}&gmul=${gmul}&gk=${gk}`);
    const C = Number(gch);
    const F = C * Number(gmul);
    const k = Number(gk);
    const { validGroups: valid } = await countsInPage(page, { channels: C, filters: F, kernel: k, height: 5, width: 5, groups: 1 });
    assert.equal(await page.$eval('#groups-slider', (s) => s.max), String(valid.length - 1));
    for (let i = 0; i < valid.length; i += 1) {
      await setSlider(page, i);
      const want = await countsInPage(page, { channels: C, filters: F, kernel: k, height: 5, width: 5, groups: valid[i], bias: true }, { padding: { kind: 'same' } });
      const shown = await shownCounts(page);
      for (const r of ROWS) for (const c of COLS) assert.equal(shown[r][c].value, want[r][c], `${r} ${c} at g = ${valid[i]}`);
      assert.equal(shown.grouped.weights.value, F * (C / valid[i]) * k * k);
      assert.equal(shown.grouped.multiplications.value, 25 * shown.grouped.weights.value);
      assert.equal(shown.standard.weights.value, valid[i] * shown.grouped.weights.value);
      assert.match(await page.textContent('#groups-setting'), new RegExp(`^g = ${valid[i]}: `));
      assert.equal((await search(page)).get('groups'), String(valid[i]));
      const ratio = await page.textContent('#groups-ratio');
      assert.ok(ratio.includes(`1/${F} + 1/${k}²`), ratio);
      assert.ok(ratio.includes(String(Number(want.ratio.formula.toPrecision(3)))), ratio);
    }
    assertClean(issues, `groups ${gch} ${gmul} ${gk}`);
  }
});

test('the depthwise setting shows C·k·k weights against the standard C·F·k·k', async () => {
  const { page } = await open('?grp=1&gch=4&gmul=1&gk=3&groups=4');
  const shown = await shownCounts(page);
  assert.equal(shown.grouped.weights.value, 4 * 3 * 3);
  assert.equal(shown.standard.weights.value, 4 * 4 * 3 * 3);
  assert.equal(shown.depthwise.weights.value, 36);
  assert.equal(shown.pointwise.weights.value, 16);
  assert.equal(shown.separable.weights.value, 52);
  assert.match(await page.textContent('#groups-setting'), /^g = 4: depthwise/);
  assert.match(await page.textContent('#groups-compare'), /4 filters × 1 channel × 3×3 = 36 weights, against the standard 4 × 4 × 3×3 = 144/);
  // Every filter reads exactly one channel: its own.
  const reads = await page.$$eval('#groups-reads tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td .grid-value')].map((v) => v.textContent).join('')));
  assert.deepEqual(reads, ['●···', '·●··', '··●·', '···●']);
  // C = 4, F = 8, k = 3: the separable pair's 68 weights against 288, 1/8 + 1/9.
  const eight = await open('?grp=1&gch=4&gmul=2&gk=3&groups=4');
  const s8 = await shownCounts(eight.page);
  assert.deepEqual([s8.standard.weights.value, s8.depthwise.weights.value, s8.pointwise.weights.value, s8.separable.weights.value], [288, 36, 32, 68]);
  assert.match(await eight.page.textContent('#groups-setting'), /depthwise, 2 filters per channel/);
});

test('stepping the filters by keyboard shows which channels each reads and its output map from the core', async () => {
  const { page, issues } = await open('?grp=1&gch=4&gmul=2&groups=2&step=3');
  await page.focus('#groups-player [data-action="forward"]');
  const status = () => page.textContent('#groups-player .player-status');
  assert.match(await status(), /^Filter 1 of 8 \(group 1\) reads channels 1–2\./);
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
  assert.match(await status(), /^Filter 5 of 8 \(group 2\) reads channels 3–4\./);
  assert.equal((await search(page)).get('gf'), '4');
  assert.equal((await search(page)).get('step'), '3', 'the stepper above does not move');
  const outlined = await page.$$eval('#groups-inputs .grid-box', (boxes) => boxes.map((b) => b.classList.contains('channel-read')));
  assert.deepEqual(outlined, [false, false, true, true]);
  assert.equal(await page.$$eval('#groups-kernels .grid-box', (b) => b.length), 2);
  const row = await page.$eval('#groups-reads tbody tr td.win', (td) => td.closest('tr').rowIndex);
  assert.equal(row, 5);
  const shown = await page.$$eval('#groups-output td .grid-value', (v) => v.map((x) => Number(x.textContent.replace('\u2212', '-'))));
  const want = await page.evaluate(async () => {
    const core = await (await import('/js/wasm.js')).loadCore();
    const ints = core.seededInts(1, 21, 3 * 25, 0, 3);
    const x = Float32Array.from([3, 3, 2, 1, 0, 0, 0, 1, 3, 1, 3, 1, 2, 2, 3, 2, 0, 0, 2, 2, 2, 0, 0, 0, 1, ...ints]);
    const w = Float32Array.from(core.seededInts(1, 22, 8 * 2 * 9, -1, 1));
    const y = core.conv2dGrouped(x, new Uint32Array([1, 4, 5, 5]), w, new Uint32Array([8, 2, 3, 3]), new Float32Array(8), { padding: { kind: 'same' } }, 2);
    return Array.from(y.data.slice(4 * 25, 5 * 25));
  });
  assert.deepEqual(shown, want.map((v) => Number(v.toPrecision(3))));
  await page.keyboard.press('End');
  assert.match(await status(), /^Filter 8 of 8/);
  await page.click('#groups-reads tbody tr:nth-child(3) td[data-col="0"]');
  assert.match(await status(), /^Filter 3 of 8 \(group 1\) reads channels 1–2\./);
  assert.equal((await search(page)).get('gf'), '2');
  // Every filter's output map, one button each; the current one pressed; a tap picks another.
  assert.equal(await page.$$eval('#groups-maps button', (b) => b.length), 8);
  assert.equal(await page.$eval('#groups-maps button[aria-pressed="true"]', (b) => b.dataset.filter), '2');
  await page.click('#groups-maps button[data-filter="6"]');
  assert.match(await status(), /^Filter 7 of 8 \(group 2\) reads channels 3–4\./);
  assertClean(issues, 'groups keyboard');
});

test('a group count that does not divide the channels is refused in words and replaced by 1', async () => {
  const { page } = await open('?grp=1&gch=4&groups=3&gf=9');
  const alert = await alertText(page);
  assert.match(alert, /Setting "groups" is 3: .*must divide the 4 input channels \(valid: 1, 2, 4\)/);
  assert.match(alert, /Setting "gf" is 9/);
  assert.match(await page.textContent('#groups-setting'), /^g = 1: standard/);
  // Changing C keeps the largest group count that still divides it.
  const six = await open('?grp=1&gch=6&groups=3');
  await six.page.selectOption('#groups-channels', '4');
  assert.equal((await search(six.page)).get('groups'), '2');
});

test('the open section has no serious or critical accessibility violations at 375 and 1920 px', async () => {
  for (const width of [375, 1920]) {
    const { page } = await open('?grp=1&gch=6&gmul=2&groups=3', { width, height: 900 });
    const violations = await audit(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  }
});

test('predict first: the weights of a grouped setting are hidden until a guess, and the answer is the core\'s', async () => {
  const { page, issues } = await openQuiz('grp=1&gch=6&gmul=2&gk=3&groups=3', 'group-weights');
  assert.match(await page.textContent('#predict-prompt'), /C = 6 input channels, F = 12 filters of 3×3, g = 3 groups/);
  const hidden = await hiddenState(page);
  assert.ok(hidden.length > 0 && hidden.every(Boolean), `the counts are hidden (${hidden})`);
  const want = await countsInPage(page, { channels: 6, filters: 12, kernel: 3, height: 5, width: 5, groups: 3 }, { padding: { kind: 'same' } });
  assert.equal(await guess(page, String(want.grouped.weights)), 216);
  assert.equal(want.grouped.weights, 216);
  assert.ok((await hiddenState(page)).every((h) => !h), 'shown after the guess');
  assertClean(issues, 'groups predict');
});

test('screenshots of the section at 375 and 1920 px', async () => {
  const { page } = await open('?grp=1&gch=4&gmul=2&groups=2&gf=5');
  await page.$eval('#groups', (s) => s.scrollIntoView());
  const files = await screenshot(page, 'conv2d-groups');
  assert.equal(files.length, 2);
});
