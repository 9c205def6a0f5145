// The dropout/BN variance-shift lab: loads cleanly (also embedded), the analytic and the measured
// train/test variance ratio of the BN input grows with p (Li et al. 2018), the remedies keep it
// near 1, and the URL restores the state.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, screenshot, closeAll, assertWorksInIframe } from '../helpers/browser.mjs';

after(closeAll);
const PAGE = '/demos/dropout.html';
const ready = (page) => page.waitForSelector('#theory-ratio-uniform', { timeout: 30000 });
const text = (page, sel) => page.$eval(sel, (n) => n.textContent.trim());
const num = (t) => Number(t.replace('\u2212', '-'));
const errorText = (page) => page.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? '');

test('dropout lab loads cleanly, normal and embedded', async () => {
  for (const url of [PAGE, `${PAGE}?embed=1`]) {
    const { page, issues } = await openPage(url);
    await ready(page);
    assert.equal(await errorText(page), '');
    await screenshot(page, url.includes('embed') ? 'lab-dropout-embed' : 'lab-dropout');
    assertClean(issues, url);
  }
});

test('analytic train/test variance ratio grows with p; uniform noise stays near 1', async () => {
  const { page, issues } = await openPage(`${PAGE}?beta=0.5`);
  await ready(page);
  const r = [];
  for (const p of [0, 0.1, 0.3, 0.5]) r.push(num(await text(page, `[id="theory-ratio-${p}"]`)));
  assert.equal(r[0], 1);
  for (let i = 1; i < r.length; i += 1) assert.ok(r[i] > r[i - 1], r.join());
  assert.equal(r[3], 2);
  const u = num(await text(page, '#theory-ratio-uniform'));
  assert.ok(u > 1 && u < 1.1, String(u));
  assertClean(issues);
});

test('measured: ratio grows with p before BN, remedies measured on the same net, URL restores', async () => {
  const { page, issues } = await openPage(`${PAGE}?steps=100&detail=0.3&p=0.3`);
  await ready(page);
  assert.equal(await page.$eval('select[name="detail"]', (s) => s.value), '0.3');
  assert.match(page.url(), /steps=100&detail=0.3/);
  await page.click('#train-nets');
  await page.waitForSelector('[id="ratio-uniform-0.5"]', { timeout: 180000 });
  const ratio = async (v, p) => num(await text(page, `[id="ratio-${v}-${p}"]`));
  const before = [];
  for (const p of [0, 0.1, 0.3, 0.5]) before.push(await ratio('before', p));
  assert.ok(before[3] > before[0] + 0.1 && before[2] > before[0], before.join());
  assert.ok(Math.abs((await ratio('after', 0.5)) - 1) < Math.abs(before[3] - 1), 'remedy 1 shifts less');
  assert.ok(Math.abs((await ratio('uniform', 0.5)) - 1) < Math.abs(before[3] - 1), 'remedy 2 shifts less');
  for (const v of ['before', 'after', 'uniform']) assert.ok(num(await text(page, `[id="acc-${v}-0.5"]`)) > 0.3, v);
  assert.ok(await page.$('#unit-running-0'));
  // Every row's noise variance is the core's: dropout's p/(1 − p), uniform noise's at the matched β.
  const noise = await page.evaluate(async () => {
    const c = await (await import('/js/wasm.js')).loadCore();
    const { formatStat } = await import('/js/lib/format.js');
    const { PS } = await import('/js/demos/dropout/networks.js');
    return PS.map((p) => { const m = c.matchedUniformNoise(p, 0, 1); return { p, dropout: formatStat(m.dropout.noiseVariance), uniform: formatStat(m.uniform.noiseVariance) }; });
  });
  assert.equal(noise.length, 5);
  for (const n of noise) {
    assert.equal(await text(page, `[id="noise-before-${n.p}"]`), n.dropout, `before ${n.p}`);
    assert.equal(await text(page, `[id="noise-after-${n.p}"]`), n.dropout, `after ${n.p}`);
    assert.equal(await text(page, `[id="noise-uniform-${n.p}"]`), n.uniform, `uniform ${n.p}`);
  }
  assert.equal(await text(page, '[id="noise-uniform-0.25"]'), await text(page, '[id="noise-before-0.25"]'));
  assert.notEqual(await text(page, '[id="noise-uniform-0.5"]'), await text(page, '[id="noise-before-0.5"]'));
  await screenshot(page, 'lab-dropout-trained');
  assertClean(issues);
});

test('remedy 2 at equal noise variance: β²/3 = p/(1 − p) where β ≤ 1 allows it, both numbers the core’s', async () => {
  const { page, issues } = await openPage(`${PAGE}?p=0.5&beta=0.5`);
  await ready(page);
  const core = await page.evaluate(async () => {
    const c = await (await import('/js/wasm.js')).loadCore();
    const { formatStat } = await import('/js/lib/format.js');
    const f = (p, m) => ({
      p, matched: m.matched, sameShift: m.sameShift, beta: formatStat(m.beta), betaNeeded: formatStat(m.betaNeeded),
      noise: formatStat(m.dropout.noiseVariance), ratio: formatStat(m.dropout.trainOverTest),
      unoise: formatStat(m.uniform.noiseVariance), uratio: formatStat(m.uniform.trainOverTest),
      maxMatchedP: formatStat(m.maxMatchedP),
    });
    return { rows: [0, 0.1, 0.25, 0.3, 0.5, 0.7].map((p) => f(p, c.matchedUniformNoise(p, 0, 1))), weak: formatStat(c.varianceShift({ kind: 'uniformNoise', beta: 0.5 }, 0, 1).noiseVariance) };
  });
  for (const r of core.rows) {
    const cell = (id) => text(page, `[id="${id}-${r.p}"]`);
    assert.equal(await cell('theory-noise'), r.noise, `noise ${r.p}`);
    assert.equal(await cell('theory-ratio'), r.ratio, `ratio ${r.p}`);
    assert.equal(await cell('theory-unoise'), r.unoise, `uniform noise ${r.p}`);
    assert.equal(await cell('theory-uratio'), r.uratio, `uniform ratio ${r.p}`);
    assert.equal(await cell('theory-beta'), r.matched ? r.beta : `${r.beta} (needs ${r.betaNeeded})`, `β ${r.p}`);
    assert.equal(await cell('theory-same'), r.matched ? (r.sameShift ? 'yes' : 'no') : 'no: β capped', `same ${r.p}`);
    // Where β matches, the noise variances are equal (the comparison is fair); above p = 0.25 it cannot.
    assert.equal(r.matched, r.p <= 0.25, `matched ${r.p}`);
    if (r.matched) assert.equal(r.unoise, r.noise);
  }
  assert.equal(core.rows[0].maxMatchedP, '0.25');
  // At p = 0.5: dropout's noise variance 1 against uniform noise at β = 0.5 (0.083), said in the intro.
  assert.equal(core.rows[4].noise, '1');
  assert.equal(core.weak, '0.083');
  assert.match(await page.$eval('.lab-section .section-intro', (n) => n.textContent), /at 0\.5 its noise variance is 0\.083 against dropout’s 1\./);
  assert.equal(await text(page, '#theory-noise-uniform'), core.weak);
  const unmatched = await text(page, '#theory-verdict');
  assert.match(unmatched, new RegExp(`Equal noise would need β = ${core.rows[4].betaNeeded}, .* only up to p = 0\\.25\\. At β = 1 its noise variance is ${core.rows[4].unoise}`));
  // p = 0.25: the same noise and, for x ~ N(0, 1), the same shift.
  await page.$eval('input[name="p"]', (i) => { i.value = '0.25'; i.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.waitForFunction(() => location.search.includes('p=0.25'));
  const matched = await text(page, '#theory-verdict');
  const r = core.rows[2];
  assert.match(matched, new RegExp(`Uniform noise with the same noise variance \\(β = ${r.beta}\\) gives ${r.sameShift ? 'the same shift' : 'a different shift'}, ${r.uratio}`), matched);
  await screenshot(page, 'lab-dropout-theory');
  assertClean(issues);
});

test('dropout lab works inside an iframe', () => assertWorksInIframe('/demos/dropout.html?embed=1', '.lab-section', 'dropout in an iframe'));
