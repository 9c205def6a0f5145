// "Predict first" (issue 14, part 2) on every demo: with predict=1&q=<id> in the address the key
// number is hidden until a guess; a guess of the core's value scores, a wrong one does not; the
// value the panel shows is the core's (computed here, in the page, from the core itself or read
// from the core result the demo shows); the address round-trips the quiz (a fresh page opened from
// it asks the same question, hidden); the keyboard alone answers; every result is announced.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { DEMOS } from '../../www/js/demos.js';
import { openPage, assertClean, audit, describeViolations, screenshot, closeAll, SIZES } from '../helpers/browser.mjs';
import { READY } from '../helpers/path-checks.mjs';

after(closeAll);

/** Each demo's questions: the first is answered right, the second wrong. `core(page)`: the core's value, computed in the page. */
const CASES = {
  conv2d: {
    query: 'step=0',
    questions: ['next-cell', 'output-size'],
    // The lecture's 5×5 example: the first window gives 12 (core.conv2d); the output has 3 rows (core.convGeometry).
    core: {
      'next-cell': (page) => page.evaluate(() => {
        const { core, state } = window.__demo();
        const out = core.conv2d(new Float32Array(state.input), new Uint32Array([1, 1, 5, 5]), new Float32Array(state.kernel), new Uint32Array([1, 1, 3, 3]), undefined, { mode: 'crossCorrelation' });
        return out.data[state.step];
      }),
      'output-size': (page) => page.evaluate(() => window.__demo().core.convGeometry(5, 5, 3, 3, { stride: 1, padding: { kind: 'valid' }, dilation: 1 }).outH),
    },
  },
  init: { questions: ['nvarw', 'grows'], core: { nvarw: (page) => page.evaluate(() => window.__demo().core.initScheme({ kind: 'standard' }, 64, 64).fanInTimesVariance) } },
  batchnorm: {
    questions: ['xhat', 'batch-one'],
    core: { xhat: (page) => page.evaluate(() => window.__demo().core.batchNormSteps(new Float32Array([1, 2, 3, 4]), 1, 0, 0.00001).xHat[0]) },
  },
  dropout: {
    questions: ['ratio', 'noise'],
    core: { ratio: (page) => page.evaluate(() => window.__demo().core.varianceShift({ kind: 'inverted', p: 0.5 }, 0, 1).trainOverTest) },
  },
  pooling: { questions: ['pool-max', 'pool-l2'], shown: { 'pool-max': '#trace-max-result', 'pool-l2': '#trace-l2-result' } },
  'receptive-field': { questions: ['rf-size', 'dense-weights'], shown: { 'rf-size': '#rf-size-4' } },
  conv1d: {
    questions: ['length', 'value'],
    core: { length: (page) => page.evaluate(() => window.__demo().core.conv1dOutputLength(5, 3, { mode: 'convolution' })) },
  },
  filters: { questions: ['pixel', 'kernel-sum'], shown: { pixel: '#inspect-output' } },
  equivariance: { questions: ['mlp-params', 'interior'], shown: { 'mlp-params': '#mlp-params' } },
  train: { questions: ['total', 'first-layer'], shown: { total: '#param-total' } },
  'why-cnns': { questions: ['dense-factor', 'cover'], shown: { 'dense-factor': '#why-dense-factor' } },
  network: { questions: ['rf-theory', 'rf-effective'], shown: { 'rf-theory': '#net-rf-theory' } },
};

const demoPath = (id) => DEMOS.find((d) => d.id === id).path;

/** Open demo `id` as a quiz on question `q` (and `extra` settings), once the demo and the panel are up. */
async function openQuiz(id, q, extra = '', size) {
  const query = [extra, `predict=1&q=${q}`].filter(Boolean).join('&');
  const opened = await openPage(`/${demoPath(id)}?${query}`, size);
  const { page } = opened;
  await page.waitForFunction(() => document.documentElement.dataset.mounted === '1', null, { timeout: 60000 });
  await page.waitForFunction(READY[id], null, { timeout: 120000 });
  await page.evaluate(async () => {
    const { currentDemo } = await import('/js/demo.js');
    window.__demo = () => currentDemo().demo;
  });
  await page.waitForSelector('#predict-body:not([hidden])');
  await page.waitForFunction(() => !document.getElementById('predict-check').disabled, null, { timeout: 300000 });
  return opened;
}

/** The elements the question hides, and whether each is hidden now. */
const hiddenState = (page) => page.$$eval('.predict-hidden', (els) => els.map((e) => getComputedStyle(e).visibility === 'hidden'));

/** Type `text` as the guess with the keyboard alone and press Enter (or choose it, for a choice). */
async function guess(page, text) {
  if (await page.isVisible('#predict-choice')) {
    await page.focus('#predict-choice');
    await page.selectOption('#predict-choice', text);
    await page.keyboard.press('Tab'); // to Check
    await page.keyboard.press('Enter');
  } else {
    await page.focus('#predict-guess');
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }
  await page.waitForFunction(() => /the core:/.test(document.getElementById('predict-result').textContent));
}

const resultValue = (page) => page.$eval('#predict-result', (e) => Number(e.dataset.value));

for (const [id, spec] of Object.entries(CASES).filter(([demo]) => DEMOS.some((d) => d.id === demo))) {
  test(`${id}: the key number is hidden until a guess; right scores, wrong does not; the value is the core's; the address round-trips`, async () => {
    const [first, second] = spec.questions;
    const { page, issues } = await openQuiz(id, first, spec.query);
    assert.equal(await page.isChecked('#predict-switch'), true);
    assert.equal(await page.$eval('#predict-question', (s) => s.value), first);
    const hidden = await hiddenState(page);
    assert.ok(hidden.length > 0 && hidden.every(Boolean), `${id}/${first}: the key number is hidden (${hidden})`);
    assert.equal(await page.textContent('#predict-result'), '');

    // The right answer: the core's value, found out in the page before the guess.
    let right;
    if (spec.core?.[first]) right = await spec.core[first](page);
    else if (spec.shown?.[first]) right = await page.$eval(spec.shown[first], (e) => Number(e.dataset.value ?? NaN) || Number(e.textContent.replace(/,/g, '').match(/[\d.]+/)[0]));
    else throw new Error(`${id}: no way to find ${first}'s value`);
    assert.ok(Number.isFinite(right), `${id}/${first}: the core's value ${right}`);
    await guess(page, String(right));
    assert.match(await page.textContent('#predict-result'), /Right/);
    const shown = await resultValue(page);
    assert.ok(Math.abs(shown - right) <= 1e-6 * Math.max(1, Math.abs(right)), `${id}/${first}: the panel's value ${shown} is the core's ${right}`);
    assert.equal(await page.textContent('#predict-score'), 'Score on this page: 1 of 1 within the tolerance.');
    assert.ok((await page.$$('.predict-hidden')).length === 0, `${id}: shown after the guess`);
    assert.equal(await page.getAttribute('#predict-result', 'aria-live'), 'polite');

    // The second question, answered wrong: not scored.
    await page.selectOption('#predict-question', second);
    await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q, second);
    await page.waitForFunction(() => !document.getElementById('predict-check').disabled, null, { timeout: 300000 });
    const before = await hiddenState(page);
    assert.ok(before.length > 0 && before.every(Boolean), `${id}/${second}: hidden before the guess`);
    if (await page.isVisible('#predict-choice')) {
      // A word the core's numbers do not give (init: Var(s) from layer 1 to 5 under standard init shrinks).
      await guess(page, 'grows');
      assert.match(await page.textContent('#predict-result'), /the core: shrinks .*Not right\./);
    } else {
      await guess(page, '-987654');
      assert.match(await page.textContent('#predict-result'), /Not (within ±[0-9.,]+|exactly)\./);
    }
    assert.equal(await page.textContent('#predict-score'), 'Score on this page: 1 of 2 within the tolerance.');
    if (spec.core?.[second]) assert.equal(await resultValue(page), await spec.core[second](page), `${id}/${second}: the panel's value is the core's`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'predict-result', 'focus on the announced result');
    assertClean(issues, `${id} quiz`);

    // The address hands out the same quiz: a fresh page from it asks the second question, hidden.
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('predict'), '1');
    assert.equal(url.searchParams.get('q'), second);
    const again = await openQuiz(id, second, [...url.searchParams].filter(([k]) => !['predict', 'q'].includes(k)).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&'));
    assert.equal(await again.page.$eval('#predict-question', (s) => s.value), second);
    assert.equal(await again.page.textContent('#predict-score'), 'Score on this page: no guesses yet.');
    const hiddenAgain = await hiddenState(again.page);
    assert.ok(hiddenAgain.length > 0 && hiddenAgain.every(Boolean), `${id}/${second}: hidden on the shared link`);
    assertClean(again.issues, `${id} shared quiz`);
  });
}

test('every demo has its questions, found by its id: at least one, two or more where the lecture asks for them', async () => {
  for (const { id } of DEMOS) assert.ok(CASES[id], `${id}: a page test of its questions`);
  const many = ['conv2d', 'init', 'batchnorm', 'pooling', 'receptive-field', 'dropout'];
  for (const { id } of DEMOS) {
    const { QUESTIONS } = await import(`../../www/js/teach/questions/${id}.js`);
    assert.ok(QUESTIONS.length >= (many.includes(id) ? 2 : 1), `${id}: ${QUESTIONS.length} questions`);
    const ids = QUESTIONS.map((q) => q.id);
    assert.equal(new Set(ids).size, ids.length, `${id}: question ids are unique`);
    for (const q of QUESTIONS) {
      assert.match(q.id, /^[a-z0-9-]+$/, `${id}: ${q.id}`);
      assert.ok(q.label && typeof q.ask === 'function', `${id}/${q.id}: a label and ask()`);
    }
    for (const q of CASES[id].questions) assert.ok(ids.includes(q), `${id}: the test's ${q} is a question`);
  }
  const pooling = (await import('../../www/js/teach/questions/pooling.js')).QUESTIONS.map((q) => q.id);
  assert.deepEqual(pooling, ['pool-max', 'pool-average', 'pool-l2', 'pool-gaussian'], 'pooling: one question for each kind');
});

test('predict mode is off unless asked for, stays in the address while the demo changes, and is accessible at 375 px and 1920 px', async () => {
  const plain = await openPage(`/${demoPath('conv2d')}`);
  await plain.page.waitForSelector('#predict-switch');
  assert.equal(await plain.page.isChecked('#predict-switch'), false);
  assert.equal(await plain.page.isHidden('#predict-body'), true);
  assert.equal((await plain.page.$$('.predict-hidden')).length, 0, 'nothing hidden when off');
  // The switch, from the keyboard: on, and the address says so.
  await plain.page.focus('#predict-switch');
  await plain.page.keyboard.press('Space');
  await plain.page.waitForFunction(() => new URLSearchParams(location.search).get('predict') === '1');
  assert.equal(new URL(plain.page.url()).searchParams.get('q'), 'next-cell');
  // A step of the demo keeps the quiz in the address and asks about the next window.
  await plain.page.click('#player button:has-text("Step ▶")');
  await plain.page.waitForFunction(() => new URLSearchParams(location.search).get('step') === '1');
  await plain.page.waitForFunction(() => /row 0, column 1/.test(document.getElementById('predict-prompt').textContent));
  assert.equal(new URL(plain.page.url()).searchParams.get('predict'), '1');
  assertClean(plain.issues, 'predict switch');

  const { page, issues } = await openQuiz('conv2d', 'output-size', 'stride=2&padding=same');
  assert.match(await page.textContent('#predict-prompt'), /stride 2, padding “same”/);
  for (const size of [SIZES.phone, SIZES.projector]) {
    await page.setViewportSize(size);
    const violations = await audit(page);
    assert.equal(violations.length, 0, `predict mode at ${size.width} px:\n${describeViolations(violations)}`);
  }
  await screenshot(page, 'predict-conv2d');
  await guess(page, '2');
  const violations = await audit(page);
  assert.equal(violations.length, 0, `after a guess:\n${describeViolations(violations)}`);
  assertClean(issues, 'predict accessibility');
});

test('unmounting the demo takes the panel away and hides nothing; mounting again asks the same question, hidden, score kept', async () => {
  const { page, issues } = await openQuiz('dropout', 'ratio');
  await guess(page, '2');
  assert.equal(await page.textContent('#predict-score'), 'Score on this page: 1 of 1 within the tolerance.');
  await page.selectOption('#predict-question', 'noise');
  await page.waitForFunction(() => document.querySelectorAll('.predict-hidden').length > 0);
  await page.evaluate(async () => (await import('/js/demo.js')).currentDemo().unmount());
  assert.equal(await page.$('#predict'), null, 'no panel after unmounting');
  assert.equal((await page.$$('.predict-hidden')).length, 0, 'nothing left hidden');
  await page.evaluate(async () => (await import('/js/demo.js')).currentDemo().mount());
  await page.waitForSelector('#predict-body:not([hidden])');
  assert.equal(await page.$eval('#predict-question', (s) => s.value), 'noise');
  await page.waitForFunction(() => document.querySelectorAll('.predict-hidden').length > 0);
  assert.equal(await page.textContent('#predict-score'), 'Score on this page: 1 of 1 within the tolerance.');
  assert.equal((await page.$$('#predict')).length, 1, 'one panel');
  assertClean(issues, 'remount');
});
