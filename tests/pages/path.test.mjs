// The lecture as a path (issue 14, part 1): the path page lists every stop in the lecture's order;
// every stop opens its demo in exactly its state (the address after mounting is the stop's query,
// no problem shown) and the page computes what the stop's notice says (tests/helpers/path-checks.mjs);
// inside a demo, Previous / Next and Alt+arrows walk the path without stealing the demos' own keys;
// presenter mode hides the site's chrome, enlarges type and controls, pages with PageDown / PageUp
// and the arrows, and stays on across stops. The landing page offers the path first.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { DEMOS } from '../../www/js/demos.js';
import { PATH, TOPICS, neighbours, stopById, stopPath } from '../../www/js/teach/path.js';
import { openPage, assertClean, audit, describeViolations, screenshot, closeAll, SIZES } from '../helpers/browser.mjs';
import { CHECKS, READY } from '../helpers/path-checks.mjs';

after(closeAll);

const mounted = (page) => page.waitForFunction(() => document.documentElement.dataset.mounted === '1', null, { timeout: 60000 });

/** Open a stop's page (`present`: in presenter mode) and wait until its demo shows its result. */
async function openStop(stop, { present = false, ...size } = {}) {
  const opened = await openPage(`/${stopPath(stop, { present })}`, size);
  await mounted(opened.page);
  await opened.page.waitForFunction(READY[stop.demo], null, { timeout: 120000 });
  await opened.page.waitForLoadState('networkidle');
  return opened;
}

/** Wait until the page is `stop`'s (after a link or a key) and its demo has mounted. */
async function landedOn(page, stop, { present = false } = {}) {
  await page.waitForURL((url) => url.searchParams.get('stop') === stop.id, { timeout: 30000 });
  await mounted(page);
  await page.waitForFunction(READY[stop.demo], null, { timeout: 120000 });
  await page.waitForLoadState('networkidle'); // nothing of this page still loading when the next key leaves it
  assert.equal(await page.textContent('#path-title'), stop.title);
  assert.equal(new URL(page.url()).searchParams.get('present'), present ? '1' : null, `${stop.id}: presenter mode ${present ? 'kept' : 'off'}`);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('present')), present);
}

/**
 * The address after mounting is the stop's query, and so is the state the mounted demo holds
 * (currentDemo().demo.state, written through its schema): every key of the query with its value, in
 * its order, plus the page keys; a setting added to the demo after the stop was written (not in the
 * query) may follow, at its default.
 */
async function assertExactState(page, stop) {
  const params = new URLSearchParams(new URL(page.url()).search);
  assert.equal(params.get('stop'), stop.id, `${stop.id}: the stop stays in the address`);
  params.delete('stop');
  params.delete('present');
  const query = new URLSearchParams(stop.query);
  const keys = [...params.keys()];
  assert.deepEqual(keys.filter((k) => query.has(k)), [...query.keys()], `${stop.id}: the query's settings, in order`);
  for (const [key, text] of query) assert.equal(params.get(key), text, `${stop.id}: setting "${key}"`);
  // What the mounted demo itself holds (its state object, read back through its schema), not only the address.
  const held = new URLSearchParams(await page.evaluate(async () => {
    const { state, schema } = (await import('/js/demo.js')).currentDemo().demo;
    return (await import('/js/state.js')).encodeState(state, schema);
  }));
  for (const [key, text] of query) assert.equal(held.get(key), text, `${stop.id}: the demo holds "${key}" = ${text}`);
  const later = keys.filter((k) => !query.has(k));
  if (later.length) {
    const defaults = await page.evaluate(async (names) => {
      const { schema } = (await import('/js/demo.js')).currentDemo().demo;
      const { decodeState, encodeState } = await import('/js/state.js');
      const written = new URLSearchParams(encodeState(decodeState('', schema).state, schema));
      return Object.fromEntries(names.map((k) => [k, written.get(k)]));
    }, later);
    for (const key of later) assert.equal(params.get(key), defaults[key], `${stop.id}: "${key}" (not in the stop) is at its default`);
  }
}

test('the path page lists every stop in order, grouped by the lecture’s topics, each with its notice and link', async () => {
  const { page, issues } = await openPage('/path.html');
  await page.waitForSelector('a.stop-link');
  const stops = await page.$$eval('li.path-stop', (items) => items.map((li) => ({
    id: li.id,
    href: li.querySelector('a.stop-link').getAttribute('href'),
    title: li.querySelector('a.stop-link').textContent,
    notice: li.querySelector('.stop-notice').textContent,
    topic: li.closest('section').querySelector('h2').textContent,
  })));
  assert.ok(stops.length >= 20, `${stops.length} stops`);
  assert.deepEqual(stops, PATH.map((s) => ({ id: `stop-${s.id}`, href: stopPath(s), title: s.title, notice: s.notice, topic: s.topic })));
  assert.deepEqual(await page.$$eval('.path-topic h2', (hs) => hs.map((h) => h.textContent)), TOPICS);
  assert.equal(await page.getAttribute('#start-path', 'href'), stopPath(PATH[0]));
  assert.equal(await page.getAttribute('#start-presenting', 'href'), stopPath(PATH[0], { present: true }));
  assert.equal(await page.getAttribute('#start-quiz', 'href'), stopPath(PATH[0], { predict: true }));
  assert.deepEqual(await page.$$eval('a.stop-quiz', (as) => as.map((a) => a.getAttribute('href'))), PATH.map((s) => stopPath(s, { predict: true })));
  await screenshot(page, 'path');
  assertClean(issues, 'path page');
});

test('the landing page offers the path first, then the demo list', async () => {
  const { page, issues } = await openPage('/');
  await page.waitForSelector('a.demo-card');
  const order = await page.$$eval('main h2', (hs) => hs.map((h) => h.id));
  assert.deepEqual(order.slice(0, 2), ['path-heading', 'demos-heading']);
  assert.equal(await page.getAttribute('#path-link', 'href'), 'path.html');
  assert.equal(await page.getAttribute('#path-first', 'href'), stopPath(PATH[0]));
  assert.deepEqual(await page.$$eval('a.demo-card', (as) => as.map((a) => a.getAttribute('href'))), DEMOS.map((d) => d.path));
  assertClean(issues, 'landing');
});

test('every stop has a check of what its notice says', () => {
  assert.deepEqual(Object.keys(CHECKS).sort(), PATH.map((s) => s.id).sort());
});

for (const [i, stop] of PATH.entries()) {
  test(`stop ${i + 1} ${stop.id}: ${stop.demo} opens in exactly that state and shows what the notice says`, async () => {
    const { page, issues } = await openStop(stop);
    await assertExactState(page, stop);
    assert.equal(await page.textContent('[role="alert"]'), '', `${stop.id}: no problem shown`);
    assert.equal(await page.textContent('#path-notice'), `What to notice: ${stop.notice}`);
    await CHECKS[stop.id](page);
    assert.equal(await page.textContent('[role="alert"]'), '', `${stop.id}: no problem after the check`);
    assertClean(issues, stop.id);
  });
}

test('Previous / Next and Alt+arrows walk the path across demos; the demos keep their own keys', async () => {
  const last = PATH.findIndex((s, i) => PATH[i + 1] && PATH[i + 1].demo !== s.demo);
  const [here, there] = [PATH[last], PATH[last + 1]];
  const { page, issues } = await openStop(here);
  await page.click('a.path-next');
  await landedOn(page, there);
  await page.keyboard.press('Alt+ArrowLeft');
  await landedOn(page, here);
  await page.keyboard.press('Alt+ArrowRight');
  await landedOn(page, there);
  await page.click('a.path-prev');
  await landedOn(page, here);
  assertClean(issues, 'walking');

  // As a quiz: a stop opens with "Predict first" on, and Next keeps it on at the next demo.
  const quiz = await openPage(`/${stopPath(here, { predict: true })}`);
  await mounted(quiz.page);
  await quiz.page.waitForFunction(READY[here.demo], null, { timeout: 120000 });
  await quiz.page.waitForSelector('#predict-body:not([hidden])');
  assert.equal(await quiz.page.isChecked('#predict-switch'), true);
  // What to notice names the answer: folded until a guess has been checked.
  assert.equal(await quiz.page.$eval('#path-notice-box', (d) => d.open), false, 'the notice starts folded in a quiz');
  await quiz.page.waitForSelector('#predict-guess:not([disabled])');
  await quiz.page.fill('#predict-guess', '0');
  await quiz.page.click('#predict-check');
  await quiz.page.waitForFunction(() => document.getElementById('path-notice-box').open);
  await quiz.page.click('a.path-next');
  await landedOn(quiz.page, there);
  assert.equal(new URL(quiz.page.url()).searchParams.get('predict'), '1', 'the quiz goes on at the next stop');
  await quiz.page.waitForSelector('#predict-body:not([hidden])');
  // Switched off there, the way back leaves it off.
  await quiz.page.click('#predict-switch');
  await quiz.page.click('a.path-prev');
  await landedOn(quiz.page, here);
  assert.equal(new URL(quiz.page.url()).searchParams.get('predict'), null);
  assertClean(quiz.issues, 'walking as a quiz');

  // The ends of the path: nothing before the first stop.
  const first = await openStop(PATH[0]);
  assert.equal(await first.page.textContent('.path-prev'), 'Start of the path');
  await first.page.keyboard.press('Alt+ArrowLeft');
  await first.page.waitForTimeout(300);
  assert.equal(new URL(first.page.url()).searchParams.get('stop'), PATH[0].id);
  assertClean(first.issues, 'first stop');

  // Not in presenter mode, plain arrows and PageDown are the page's: the player steps, the page stays.
  const lecture = stopById('conv2d-lecture');
  const { page: conv, issues: convIssues } = await openStop(lecture);
  await conv.keyboard.press('ArrowRight');
  await conv.keyboard.press('PageDown');
  await conv.focus('#player button:has-text("Step ▶")');
  await conv.keyboard.press('ArrowRight');
  await conv.waitForFunction(() => new URLSearchParams(location.search).get('step') === '1');
  assert.equal(new URL(conv.url()).searchParams.get('stop'), lecture.id, 'still the same stop');
  // Alt+arrows in a text field move the caret, not the path.
  const { page: bn, issues: bnIssues } = await openStop(stopById('bn-algorithm'));
  await bn.focus('#bn-values');
  await bn.keyboard.press('Alt+ArrowRight');
  await bn.waitForTimeout(300);
  assert.equal(new URL(bn.url()).searchParams.get('stop'), 'bn-algorithm');
  assertClean(convIssues, 'conv2d keys');
  assertClean(bnIssues, 'typing');
});

test('presenter mode: no site chrome, larger type and controls, PageDown / PageUp and arrows page, and it stays on', async () => {
  const stop = stopById('conv2d-output');
  const measure = (page) => page.evaluate(() => ({
    body: parseFloat(getComputedStyle(document.body).fontSize),
    button: document.querySelector('#player button').getBoundingClientRect().height,
    chrome: ['.site-nav', '.site-footer', '.site-header .lede'].map((s) => document.querySelector(s)?.checkVisibility() ?? false),
    contrast: getComputedStyle(document.body).color,
  }));
  const normal = await openStop(stop, SIZES.projector);
  const plain = await measure(normal.page);
  assert.deepEqual(plain.chrome, [true, true, true]);

  const { page, issues } = await openStop(stop, { present: true, ...SIZES.projector });
  const big = await measure(page);
  assert.deepEqual(big.chrome, [false, false, false], 'no site nav, description or footer');
  assert.ok(big.body >= plain.body * 1.25, `type: ${big.body}px against ${plain.body}px`);
  assert.ok(big.button >= plain.button * 1.3, `controls: ${big.button}px against ${plain.button}px`);
  assert.equal(big.contrast, 'rgb(0, 0, 0)', 'black text');
  assert.equal(await page.getAttribute('.path-present', 'aria-pressed'), 'true');
  await screenshot(page, 'presenter-conv2d');

  const { previous, next } = neighbours(stop);
  await page.keyboard.press('PageDown');
  await landedOn(page, next, { present: true });
  await page.keyboard.press('PageUp');
  await landedOn(page, stop, { present: true });
  await page.keyboard.press('ArrowLeft');
  await landedOn(page, previous, { present: true });
  await page.keyboard.press('ArrowRight');
  await landedOn(page, stop, { present: true });

  // In a control the arrows are the demo's (the player steps back); PageUp, a clicker's key, still pages.
  await page.focus('#player button:has-text("◀ Step")');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('step') === '8');
  assert.equal(new URL(page.url()).searchParams.get('stop'), stop.id);
  await page.keyboard.press('PageUp');
  await landedOn(page, previous, { present: true });
  assertClean(issues, 'presenter mode');

  // The button turns it on and off in place, and the links follow.
  const { page: toggled, issues: toggledIssues } = await openStop(stop);
  await toggled.click('.path-present');
  assert.equal(await toggled.evaluate(() => document.documentElement.classList.contains('present')), true);
  assert.equal(new URL(toggled.url()).searchParams.get('present'), '1');
  assert.match(await toggled.getAttribute('a.path-next', 'href'), /&present=1$/);
  await toggled.click('.path-present');
  assert.equal(await toggled.evaluate(() => document.documentElement.classList.contains('present')), false);
  assert.equal(new URL(toggled.url()).searchParams.get('present'), null);
  assert.doesNotMatch(await toggled.getAttribute('a.path-next', 'href'), /present/);
  assertClean(toggledIssues, 'presenter button');
});

test('accessibility: the path page, and a demo in presenter mode, at 375 px and 1920 px', async () => {
  const pages = [
    ['path page', () => openPage('/path.html', SIZES.phone)],
    ['presenter mode', () => openStop(stopById('conv2d-output'), { present: true, ...SIZES.phone })],
  ];
  for (const [label, open] of pages) {
    const { page, issues } = await open();
    for (const size of [SIZES.phone, SIZES.projector]) {
      await page.setViewportSize(size);
      await page.waitForLoadState('networkidle');
      const violations = await audit(page);
      assert.equal(violations.length, 0, `${label} at ${size.width} px:\n${describeViolations(violations)}`);
    }
    assertClean(issues, label);
  }
});
