// The weight initialization lab: loads cleanly (also embedded), reads out n·Var(w) = 1/3 for the
// standard init, zero init keeps every unit identical, histograms carry variances, the URL
// restores the state, and two initializations train in the worker.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, screenshot, closeAll, assertWorksInIframe } from '../helpers/browser.mjs';

after(closeAll);
const PAGE = '/demos/init.html';

async function ready(page) {
  await page.waitForSelector('#spread-zero-1', { timeout: 30000 });
}
const text = (page, sel) => page.$eval(sel, (n) => n.textContent.trim());
const errorText = (page) => page.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? '');

test('init lab loads cleanly, normal and embedded', async () => {
  for (const url of [PAGE, `${PAGE}?embed=1`]) {
    const { page, issues } = await openPage(url);
    await ready(page);
    assert.equal(await errorText(page), '');
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('embed')), url.includes('embed'));
    await screenshot(page, url.includes('embed') ? 'lab-init-embed' : 'lab-init');
    assertClean(issues, url);
  }
});

test('standard init at large n reads n·Var(w) = 0.333', async () => {
  const { page, issues } = await openPage(`${PAGE}?init=standard&width=256&depth=3`);
  await ready(page);
  for (const k of [1, 2, 3]) {
    const v = Number(await text(page, `#nvarw-${k}`));
    assert.ok(Math.abs(v - 1 / 3) <= 0.01, `layer ${k}: ${v}`);
    assert.match(await page.$eval(`#nvarw-${k}`, (n) => n.getAttribute('aria-label')), /n times Var\(w\) = 0\.333/);
  }
  const xavier = await openPage(`${PAGE}?init=xavierNormal&width=256&depth=3`);
  await ready(xavier.page);
  assert.ok(Math.abs(Number(await text(xavier.page, '#nvarw-2')) - 1) <= 0.01);
  assertClean(issues);
  assertClean(xavier.issues);
});

test('zero init: every unit of a layer identical after 10 steps; random init is not', async () => {
  const { page, issues } = await openPage(`${PAGE}?init=zeros&depth=3`);
  await ready(page);
  for (const k of [1, 2, 3]) {
    assert.equal(await text(page, `#spread-zero-${k}`), '0');
    assert.ok(Number(await text(page, `#spread-random-${k}`)) > 0, `random layer ${k}`);
  }
  assertClean(issues);
});

test('histograms render per layer with variance numbers', async () => {
  const { page, issues } = await openPage(`${PAGE}?depth=4&act=tanh&init=standard`);
  await ready(page);
  assert.equal(await page.$$eval('#act-hists canvas', (c) => c.length), 4);
  assert.equal(await page.$$eval('#grad-hists canvas', (c) => c.length), 4);
  for (const k of [1, 4]) {
    assert.match(await text(page, `#activations-var-${k}`), new RegExp(`^layer ${k} · Var \\d`));
    assert.match(await text(page, `#gradients-var-${k}`), new RegExp(`^layer ${k} · Var \\d`));
  }
  // Standard init with tanh: the gradient variance differs across depth by a visible factor.
  const g = await page.$$eval('#grad-hists figcaption', (fs) => fs.map((f) => Number(f.textContent.split('Var ')[1].replace('\u2212', '-'))));
  assert.ok(g.every((v) => v > 0), g.join());
  assertClean(issues);
});

test('URL reload restores the state, changes are written to the URL', async () => {
  const { page, issues } = await openPage(`${PAGE}?depth=7&width=32&act=relu&init=heNormal&bias=0.01&seed=3`);
  await ready(page);
  assert.equal(await page.$eval('select[name="act"]', (s) => s.value), 'relu');
  assert.equal(await page.$$eval('#act-hists canvas', (c) => c.length), 7);
  await page.selectOption('select[name="init"]', 'lecunNormal');
  await page.waitForFunction(() => location.search.includes('init=lecunNormal'));
  // Reload: open the written address afresh.
  const written = new URL(page.url());
  const again = await openPage(written.pathname + written.search);
  await ready(again.page);
  assert.equal(await again.page.$eval('select[name="init"]', (s) => s.value), 'lecunNormal');
  assert.equal(await again.page.$$eval('#act-hists canvas', (c) => c.length), 7);
  assert.match(again.page.url(), /depth=7&width=32&act=relu&init=lecunNormal/);
  assertClean(again.issues, 'reloaded');
  const bad = await openPage(`${PAGE}?depth=99`);
  await ready(bad.page);
  assert.match(await errorText(bad.page), /depth/);
  assertClean(issues);
});

test('two initializations train side by side in the worker', async () => {
  const { page, issues } = await openPage(`${PAGE}?depth=3&width=32&steps=50&init=standard&other=xavierNormal`);
  await ready(page);
  await page.click('text=Train both');
  await page.waitForFunction(() => document.querySelector('#train-results')?.textContent.includes('test accuracy'), null, { timeout: 60000 });
  assert.match(await text(page, '#train-results'), /standard.*final loss \d.*Xavier normal.*final loss \d/);
  await screenshot(page, 'lab-init-trained');
  assertClean(issues);
});

/** The core's numbers for the page's network, computed afresh in the page: initScheme and varianceReport of every dense layer. */
const coreInit = (page, state) => page.evaluate(async (st) => {
  const c = await (await import('/js/wasm.js')).loadCore();
  const digits = await (await import('/js/lib/digits.js')).loadDigits(c);
  const { modelConfig, trainSettings, weightInit } = await import('/js/demos/init/network.js');
  const { formatStat } = await import('/js/lib/format.js');
  const t = new c.Trainer(modelConfig(st, st.init, Array.from(digits.shape())), trainSettings(st));
  try {
    t.probe(digits, 128);
    return t.varianceReport().map((r) => {
      const s = c.initScheme(weightInit(st.init, st.sigma), r.fanIn, r.fanOut);
      return { fanIn: r.fanIn, fanOut: r.fanOut, fwd: formatStat(s.fanInTimesVariance), bwd: formatStat(s.fanOutTimesVariance), fwdRaw: s.fanInTimesVariance, keeps: s.keeps,
        mfwd: formatStat(r.fanInTimesVariance), pred: formatStat(r.predicted), exact: formatStat(r.predictedExact), ex2: formatStat(r.inputSecondMoment), formsDiffer: r.formsDiffer };
    });
  } finally {
    t.free();
  }
}, { depth: 2, width: 64, act: 'tanh', init: 'standard', sigma: 0.01, bias: '0', lr: '0.05', seed: 1, ...state });

test('formulas per layer: the Xavier row reads the core’s 2·n_in/(n_in + n_out), 1.85 for 784→64', async () => {
  const { page, issues } = await openPage(`${PAGE}?init=xavierNormal&width=64&depth=2&act=tanh`);
  await ready(page);
  const rows = await coreInit(page, { init: 'xavierNormal', width: 64, depth: 2 });
  assert.equal(rows.length, 3);
  assert.equal(rows[0].fanIn, 784);
  assert.ok(Math.abs(rows[0].fwdRaw - (2 * 784) / (784 + 64)) < 1e-4, String(rows[0].fwdRaw));
  assert.ok(Math.abs(Number(rows[0].fwd) - 1.85) < 0.005, rows[0].fwd);
  for (const [i, r] of rows.entries()) {
    const k = i + 1;
    assert.equal(await text(page, `#fanin-${k}`), String(r.fanIn));
    assert.equal(await text(page, `#fanout-${k}`), String(r.fanOut));
    assert.equal(await text(page, `#fwd-${k}`), r.fwd, `forward ${k}`);
    assert.equal(await text(page, `#bwd-${k}`), r.bwd, `backward ${k}`);
    assert.equal(await text(page, `#mfwd-${k}`), r.mfwd, `measured ${k}`);
    assert.equal(r.keeps, 'meanFanTimesVariance');
    assert.match(await text(page, `#keeps-${k}`), /^\(n_in\+n_out\)\/2·Var\(w\) = 1$/);
  }
  assert.match(await text(page, '#keeps-summary'), /compromise .* neither is 1 where the fans differ/);
  assert.match(await text(page, '#init-formula'), /^Xavier normal: w ~ N\(0, 2\/\(n_in \+ n_out\)\)$/);
  // The wrong claim is gone from the page.
  assert.doesNotMatch(await page.textContent('main') ?? await page.textContent('body'), /Xavier and LeCun keep n·Var\(w\) = 1/);
  // Where the 1/3 comes from: the core's Var(w)/r² of the standard uniform.
  assert.equal(await text(page, '#uniform-third'), '0.333');
  await page.$eval('#formulas', (n) => n.scrollIntoView());
  await screenshot(page, 'lab-init-formulas');
  // LeCun normal is the lecture's "divide by √n"; it keeps the forward product at 1.
  const lecun = await openPage(`${PAGE}?init=lecunNormal&width=64&depth=2`);
  await ready(lecun.page);
  assert.match(await text(lecun.page, '#init-formula'), /divide by √n/);
  assert.match(await text(lecun.page, '#keeps-1'), /^n_in·Var\(w\) = 1$/);
  assertClean(issues);
  assertClean(lecun.issues, 'lecun');
});

test('the exact form n·Var(w)·E[x²] beside the lecture’s, and the words from the core’s formsDiffer', async () => {
  for (const act of ['sigmoid', 'tanh']) {
    const { page, issues } = await openPage(`${PAGE}?init=standard&width=64&depth=3&act=${act}`);
    await ready(page);
    const rows = (await coreInit(page, { init: 'standard', width: 64, depth: 3, act })).slice(0, -1);
    for (const [i, r] of rows.entries()) {
      const k = i + 1;
      assert.equal(await text(page, `#exact-${k}`), r.exact, `${act} exact ${k}`);
      assert.equal(await text(page, `#pred-${k}`), r.pred, `${act} lecture ${k}`);
      assert.equal(await text(page, `#ex2-${k}`), r.ex2, `${act} E[x²] ${k}`);
      assert.match(await text(page, `#forms-${k}`), new RegExp(`^${r.formsDiffer ? 'differ' : 'agree'} \\(`), `${act} forms ${k}`);
    }
    // Sigmoid outputs are positive: the forms differ at every layer; the first layer sees pixels.
    if (act === 'sigmoid') assert.ok(rows.every((r) => r.formsDiffer), 'sigmoid: all differ');
    assert.equal(rows[0].formsDiffer, true);
    const summary = await text(page, '#forms-summary');
    assert.match(summary, /The two forms differ at layer/);
    if (act === 'sigmoid') await screenshot(page, 'lab-init-forms');
    assertClean(issues, act);
  }
});

test('ReLU bias 0 or 0.01: the dead-unit fractions shown are the core’s', async () => {
  const { page, issues } = await openPage(`${PAGE}?init=heNormal&width=32&depth=4&act=tanh&deadSteps=0`);
  await ready(page);
  await page.waitForSelector('#bias-001-4', { timeout: 30000 });
  const core = await page.evaluate(async () => {
    const c = await (await import('/js/wasm.js')).loadCore();
    const digits = await (await import('/js/lib/digits.js')).loadDigits(c);
    const { modelConfig, trainSettings } = await import('/js/demos/init/network.js');
    const st = { depth: 4, width: 32, act: 'tanh', init: 'heNormal', sigma: 0.01, bias: '0', lr: '0.05', seed: 1 };
    return ['0', '0.01'].map((bias) => {
      const t = new c.Trainer(modelConfig(st, 'heNormal', Array.from(digits.shape()), { act: 'relu', bias }), trainSettings(st));
      try {
        t.probe(digits, 128);
        return Array.from(t.layerIndices('activation'), (L) => t.deadUnits(L));
      } finally {
        t.free();
      }
    });
  });
  for (const [b, id] of [[0, 'bias-0'], [1, 'bias-001']]) {
    for (const [i, d] of core[b].entries()) {
      const cell = `#${id}-${i + 1}`;
      assert.equal(Number(await page.$eval(cell, (n) => n.dataset.value)), d.fraction, cell);
      assert.match(await text(page, cell), new RegExp(`^${d.dead} of ${d.units} \\(`), cell);
    }
  }
  // After training: the section's setting is in the address and the table is counted again.
  await page.selectOption('select[name="deadSteps"]', '100');
  await page.waitForFunction(() => location.search.includes('deadSteps=100'));
  await page.waitForFunction(() => document.querySelector('#relu-bias .lab-status')?.textContent.startsWith('After 100'), null, { timeout: 60000 });
  await page.$eval('#relu-bias', (n) => n.scrollIntoView());
  await screenshot(page, 'lab-init-relu-bias');
  assertClean(issues);
});

test('init lab works inside an iframe', () => assertWorksInIframe('/demos/init.html?embed=1', '.lab-section', 'init in an iframe'));

test('keyboard: the controls are reachable and change the lab', async () => {
  const { page, issues } = await openPage(`${PAGE}?depth=2`);
  await ready(page);
  await page.focus('input[type="range"]');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelectorAll('#act-hists canvas').length === 3);
  assert.match(page.url(), /depth=3/);
  assertClean(issues);
});
