// The batch normalization lab: loads cleanly (also embedded), Algorithm 1 on [1, 2, 3, 4] gives
// μ 2.5 and σ² 1.25, eval mode uses the running statistics (read back = buffers), batch size 1
// with batch statistics collapses, the URL restores the state, BN as a cure trains.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, screenshot, closeAll, assertWorksInIframe } from '../helpers/browser.mjs';

after(closeAll);
const PAGE = '/demos/batchnorm.html';
const ready = (page) => page.waitForSelector('#acc-batch-1', { timeout: 60000 });
const text = (page, sel) => page.$eval(sel, (n) => n.textContent.trim());
const num = (t) => Number(t.replace('\u2212', '-').replace(/^= /, ''));
const errorText = (page) => page.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? '');

test('batchnorm lab loads cleanly, normal and embedded', async () => {
  for (const url of [PAGE, `${PAGE}?embed=1`]) {
    const { page, issues } = await openPage(url);
    await ready(page);
    assert.equal(await errorText(page), '');
    await screenshot(page, url.includes('embed') ? 'lab-batchnorm-embed' : 'lab-batchnorm');
    assertClean(issues, url);
  }
});

test('Algorithm 1 on [1, 2, 3, 4]: μ 2.5, σ² 1.25, stepped with buttons and keys', async () => {
  const { page, issues } = await openPage(`${PAGE}?values=1,2,3,4&step=0`);
  await page.waitForSelector('#bn-mean', { state: 'attached' });
  await page.waitForFunction(() => document.querySelector('#bn-mean').textContent !== '');
  assert.equal(await page.$eval('.algo li', (li) => li.className), 'pending');
  await page.click('text=Next line');
  assert.equal(await text(page, '#bn-mean'), '= 2.5');
  assert.equal(await page.$eval('.algo li', (li) => li.className), 'current');
  await page.focus('.algo');
  await page.keyboard.press('ArrowRight');
  assert.equal(await text(page, '#bn-var'), '= 1.25');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.match(await text(page, '#bn-xhat'), /^= −1\.342, −0\.447, 0\.447, 1\.342$/);
  await page.waitForFunction(() => location.search.includes('step=4'));
  await page.fill('#bn-values', '2, 4');
  await page.waitForFunction(() => document.querySelector('#bn-mean').textContent === '= 3');
  await page.fill('#bn-values', '2, x');
  assert.match(await errorText(page), /numbers separated by commas/);
  assertClean(issues);
  // Reload: open the written address afresh.
  const written = new URL(page.url());
  const again = await openPage(written.pathname + written.search);
  await again.page.waitForFunction(() => document.querySelector('#bn-mean')?.textContent === '= 3');
  assert.equal(await again.page.$eval('#bn-values', (i) => i.value), '2, 4');
  await ready(again.page);
  assertClean(again.issues, 'reloaded');
});

test('eval mode uses the running statistics; batch size 1 with batch statistics collapses', async () => {
  const { page, issues } = await openPage(`${PAGE}?trainSteps=300&testBatch=50`);
  await ready(page);
  for (const j of [0, 1, 2]) {
    const used = num(await text(page, `#used-mean-${j}`));
    const running = num(await text(page, `#run-mean-${j}`));
    assert.ok(Math.abs(used - running) <= 1e-3 * Math.max(1, Math.abs(running)), `mean ${j}: ${used} vs ${running}`);
    const usedVar = num(await text(page, `#used-var-${j}`));
    const runVar = num(await text(page, `#run-var-${j}`));
    assert.ok(Math.abs(usedVar - runVar) <= 1e-2 * Math.max(1, runVar), `var ${j}: ${usedVar} vs ${runVar}`);
  }
  const one = num(await text(page, '#acc-batch-1'));
  const running = num(await text(page, '#acc-running-1'));
  assert.ok(one < 0.3 && running > 0.5, `batch stats at size 1: ${one}, running: ${running}`);
  assertClean(issues);
});

test('BN as a cure: trained with and without BN', async () => {
  const { page, issues } = await openPage(`${PAGE}?cure=small`);
  await ready(page);
  await page.click('text=Train both');
  await page.waitForFunction(() => document.querySelector('#cure-results').textContent.includes('With BN'), null, { timeout: 90000 });
  const t = await text(page, '#cure-results');
  const [without, withBn] = [...t.matchAll(/test accuracy ([\d.]+)/g)].map((m) => Number(m[1]));
  assert.ok(withBn > without + 0.2, t);
  // The net without BN sits at chance level, and its result says so in words; the one with BN learns.
  const [withoutText, withText] = t.split(' · ');
  assert.match(withoutText, /^Without BN: .* — Not learning: for [\d,]+ steps the training loss has stayed near ln 10 ≈ 2\.3/);
  assert.doesNotMatch(withText, /Not learning/);
  await screenshot(page, 'lab-batchnorm-cure');
  assertClean(issues);
});

test('batchnorm lab works inside an iframe', () => assertWorksInIframe('/demos/batchnorm.html?embed=1', '.lab-section', 'batchnorm in an iframe'));

test('problems in the address stay shown while the lab trains, until their own setting is changed', async () => {
  const { page } = await openPage(`${PAGE}?gamma=abc&eps=0&testBatch=999`);
  await ready(page);
  await page.waitForFunction(() => document.querySelector('.lab-status')?.textContent.startsWith('Trained'), null, { timeout: 60000 });
  const shown = await errorText(page);
  assert.match(shown, /Setting "gamma" was "abc", which is not a number from -100 to 100; using the default\./);
  assert.match(shown, /Setting "eps" was "0", which is outside the allowed range from 0\.00001 to 10; using the default\./);
  assert.match(shown, /Setting "testBatch" was "999"/);
  // Another setting changed: the address's problems stay.
  await page.fill('input[name="beta"]', '0.5');
  await page.waitForFunction(() => location.search.includes('beta=0.5'));
  assert.equal(await errorText(page), shown);
  // γ itself changed: its problem goes, the others stay.
  await page.fill('input[name="gamma"]', '2');
  await page.waitForFunction(() => !document.querySelector('[role="alert"]').textContent.includes('"gamma"'));
  assert.match(await errorText(page), /"eps"[\s\S]*"testBatch"/);
});

test('ε: the control never offers 0, which the core refuses', async () => {
  const { page } = await openPage(PAGE);
  await ready(page);
  const eps = await page.$eval('input[name="eps"]', (i) => ({ min: Number(i.min), step: Number(i.step), value: Number(i.value) }));
  assert.ok(eps.min > 0, `min ${eps.min}`);
  assert.equal(eps.value, 0.00001);
  // Stepping down from the smallest ε stays at it.
  await page.focus('input[name="eps"]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.$eval('input[name="eps"]', (i) => Number(i.value)), eps.min);
  assert.equal(await errorText(page), '');
  // Typing 0 is refused in words and the last good ε kept.
  await page.fill('input[name="eps"]', '0');
  assert.match(await errorText(page), /Setting "eps" was "0", which is outside the allowed range from 0\.00001 to 10; keeping 0\.00001\./);
  assert.match(await text(page, '#bn-xhat'), /^= /);
});

test('looking does not change the net: the running μ/σ² are identical before and after a test-batch move', async () => {
  const { page, issues } = await openPage(`${PAGE}?trainSteps=100&testBatch=50`);
  await ready(page);
  const running = () => page.$$eval('[id^="run-mean-"], [id^="run-var-"]', (cells) => cells.map((c) => `${c.id}=${c.dataset.value}`));
  const before = await running();
  assert.ok(before.length >= 6, before.join());
  for (const size of ['120', '7', '50']) {
    await page.$eval('input[name="testBatch"]', (i, v) => { i.value = v; i.dispatchEvent(new Event('change', { bubbles: true })); }, size);
    await page.waitForFunction((v) => location.search.includes(`testBatch=${v}`), size);
    assert.deepEqual(await running(), before, `after a move to ${size}`);
  }
  assertClean(issues);
});

test('where batch norm goes: the gaps and verdicts shown are the core’s', async () => {
  const STEPS = 100;
  const TRAIN = 250;
  const { page, issues } = await openPage(`${PAGE}?placeSteps=${STEPS}&placeTrain=${TRAIN}&placeAct=relu&trainSteps=50`);
  await ready(page);
  assert.equal(await page.$eval('select[name="placeTrain"]', (s) => s.value), String(TRAIN));
  await page.click('text=Train the three');
  await page.waitForSelector('#place-verdict-after', { timeout: 120000 });
  // The same three nets trained again on the page by the core, as the worker does.
  const core = await page.evaluate(async ({ steps, train }) => {
    const c = await (await import('/js/wasm.js')).loadCore();
    const digits = await (await import('/js/lib/digits.js')).loadDigits(c);
    const { PLACES, placedNet, trainSettings } = await import('/js/demos/batchnorm/networks.js');
    const { formatStat } = await import('/js/lib/format.js');
    const input = Array.from(digits.shape());
    const gaps = PLACES.map(([place]) => {
      const t = new c.Trainer(placedNet(input, place, 'relu', 1), trainSettings(1));
      t.limitTrainingSet(digits, train);
      for (let done = 0; done < steps; done += 20) t.train(digits, 20);
      const g = t.generalization(digits, train, 0);
      t.free();
      return g;
    });
    const shown = PLACES.map(([place], i) => ({
      place, acc: `${formatStat(gaps[i].accuracyGap)} ± ${formatStat(gaps[i].accuracyGapError)}`,
      loss: `${formatStat(gaps[i].lossGap)} ± ${formatStat(gaps[i].lossGapError)}`,
      trainAcc: formatStat(gaps[i].train.accuracy), count: gaps[i].train.count,
    }));
    const verdicts = [1, 2].map((i) => c.compareGaps(gaps[0], gaps[i]));
    return { shown, verdicts };
  }, { steps: STEPS, train: TRAIN });
  for (const s of core.shown) {
    assert.equal(await text(page, `#gap-acc-${s.place}`), s.acc, s.place);
    assert.equal(await text(page, `#gap-loss-${s.place}`), s.loss, s.place);
    assert.equal(await text(page, `#train-acc-${s.place}`), s.trainAcc, s.place);
    assert.equal(s.count, TRAIN);
  }
  const words = { narrower: 'narrower than', wider: 'wider than', same: 'the same as' };
  for (const [i, place] of ['before', 'after'].entries()) {
    const v = core.verdicts[i];
    const shown = await text(page, `#place-verdict-${place}`);
    assert.match(shown, new RegExp(`its accuracy gap is ${words[v.accuracy.verdict]} without BN`), shown);
    assert.match(shown, new RegExp(`its loss gap is ${words[v.loss.verdict]} without BN`), shown);
  }
  await page.$eval('#placement', (n) => n.scrollIntoView());
  await screenshot(page, 'lab-batchnorm-placement');
  // The section's settings are in the address and come back with it.
  await page.selectOption('select[name="placeAct"]', 'tanh');
  await page.waitForFunction(() => location.search.includes('placeAct=tanh'));
  const again = await openPage(new URL(page.url()).pathname + new URL(page.url()).search);
  await ready(again.page);
  assert.equal(await again.page.$eval('select[name="placeAct"]', (s) => s.value), 'tanh');
  assert.equal(await again.page.$eval('input[name="placeSteps"]', (s) => s.value), String(STEPS));
  assertClean(issues);
  assertClean(again.issues, 'reloaded');
});
