// What each stop of the lecture path (www/js/teach/path.js) says to notice, checked on its page:
// CHECKS[id](page) runs once the demo has mounted at that stop and asserts every number the notice
// names against what the page computed (and clicks what the notice says to press).
// READY[demo] says when a demo shows its result (the predicates of its own page tests).
import assert from 'node:assert/strict';
import { num } from './browser.mjs';

export const READY = {
  conv1d: () => document.querySelector('#identity-table'),
  conv2d: () => document.querySelector('#stage .stage-output table'),
  filters: () => !['', '—'].includes(document.querySelector('#inspect-output')?.textContent ?? '') && document.querySelector('#sep-direct-count .stat-value, #sep-direct-count')?.textContent,
  pooling: () => (document.querySelector('#example-formula-max')?.textContent ?? '') !== '',
  equivariance: () => document.querySelector('#demo[data-ready]') && document.querySelector('#demo').childElementCount > 0,
  'receptive-field': () => document.querySelector('#demo[data-ready]') && document.querySelector('#demo').childElementCount > 0,
  network: () => document.querySelector('#net-rf-theory')?.dataset.value !== undefined,
  'why-cnns': () => document.querySelector('#demo[data-ready]') && document.querySelector('#why-dense-factor'),
  init: () => document.querySelector('#spread-zero-1') && document.querySelector('#vars-1'),
  batchnorm: () => (document.querySelector('#bn-mean')?.textContent ?? '') !== '' && document.querySelector('#acc-running-1'),
  dropout: () => document.querySelector('#theory-ratio-uniform'),
  train: () => document.getElementById('play')?.disabled === false && document.getElementById('stat-step')?.dataset.value === '0',
};

/** Text of `selector` (a stat's value when it is a stat), trimmed. */
async function shown(page, selector) {
  return page.$eval(selector, (e) => (e.querySelector('.stat-value') ?? e).textContent.trim());
}
/** The number `selector` shows ("1,000 (10³)" → 1000; "1.79e−11" → 1.79e-11). */
async function value(page, selector) {
  return num((await shown(page, selector)).split(' (')[0].replace(/,/g, ''));
}
const close = (a, b, tol, what) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a}, expected ${b} ± ${tol}`);
/** The cells of the conv2d page's output tables, in reading order. */
const outputCells = (page) => page.$$eval('#stage .stage-output table td.grid-cell .grid-value', (cells) => cells.map((c) => Number(c.textContent)));
/** A row of the conv1d identity table (`data-row`), as numbers. */
const identityRow = (page, row) => page.$$eval(`#identity-table tr[data-row="${row}"] td`, (tds) => tds.map((td) => Number(td.textContent)));
/** The per-layer column `id` of the init page (`vars`, `nvarw`) for layers 1..n. */
async function column(page, id, n) {
  const out = [];
  for (let k = 1; k <= n; k += 1) out.push(await value(page, `#${id}-${k}`));
  return out;
}
/** The training page's layer rows: `{ shapes: ['8×24×24', …], params: ['208 parameters', …] }`. */
const layers = (page) => page.evaluate(() => ({
  shapes: [...document.querySelectorAll('#network .layer-info')].map((e) => e.firstElementChild.textContent.replace('→', '').trim()),
  params: [...document.querySelectorAll('#network .layer-params')].map((e) => e.textContent),
}));

export const CHECKS = {
  async 'init-zeros'(page) {
    await page.waitForSelector('#spread-random-5', { timeout: 60000 });
    assert.equal(await page.$('#spread-zero-6'), null, 'five hidden layers');
    for (let k = 1; k <= 5; k += 1) {
      assert.equal(await value(page, `#spread-zero-${k}`), 0, `zero init, layer ${k}`);
      assert.ok((await value(page, `#spread-random-${k}`)) > 0, `random init, layer ${k}`);
    }
  },
  async 'init-small'(page) {
    close(await value(page, '#nvarw-1'), 0.078, 0.0015, 'n·Var(w), layer 1');
    for (const v of (await column(page, 'nvarw', 5)).slice(1)) close(v, 0.006, 0.0005, 'n·Var(w), layers 2–5');
    const vars = await column(page, 'vars', 5);
    for (let k = 1; k < 5; k += 1) assert.ok(vars[k] < vars[k - 1] * 0.1, `Var(s) shrinks at layer ${k + 1}: ${vars}`);
    assert.ok(vars[4] < 1e-10, `Var(s) at layer 5: ${vars[4]}`);
  },
  async 'init-standard-tanh'(page) {
    for (const v of await column(page, 'nvarw', 10)) close(v, 1 / 3, 0.001, 'n·Var(w)');
    const vars = await column(page, 'vars', 10);
    assert.ok(vars[9] / vars[0] < 1e-4, `layer 10 against layer 1: ${vars[9]} / ${vars[0]}`);
    const perLayer = (vars[9] / vars[0]) ** (1 / 9);
    assert.ok(perLayer > 0.2 && perLayer < 0.5, `about threefold per layer: ×${perLayer}`);
  },
  async 'init-xavier-tanh'(page) {
    const nvarw = await column(page, 'nvarw', 10);
    close(nvarw[0], 2 * 784 / (784 + 64), 0.002, 'n·Var(w), layer 1 (784 → 64)');
    close(nvarw[0], 1.85, 0.005, 'n·Var(w), layer 1 as the notice rounds it');
    for (const v of nvarw.slice(1)) close(v, 1, 0.001, 'n·Var(w), 64 → 64');
    const vars = await column(page, 'vars', 10);
    assert.ok(Math.min(...vars) > vars[0] / 5, `within a factor of five of layer 1: ${vars}`);
  },
  async 'init-he-relu'(page) {
    for (const v of await column(page, 'nvarw', 10)) close(v, 2, 0.001, 'n·Var(w)');
    for (const v of await column(page, 'vars', 10)) assert.ok(v >= 0.1 && v <= 1, `Var(s) ${v}`);
  },
  async 'bn-algorithm'(page) {
    assert.equal(await shown(page, '#bn-mean'), '= 2.5');
    assert.equal(await shown(page, '#bn-var'), '= 1.25');
    assert.equal(await shown(page, '#bn-xhat'), '= −1.342, −0.447, 0.447, 1.342');
    assert.equal(await shown(page, '#bn-y'), '= −1.342, −0.447, 0.447, 1.342');
  },
  async 'bn-eval'(page) {
    const running = [];
    for (const n of [1, 2, 4, 16]) running.push(await value(page, `#acc-running-${n}`));
    assert.ok(running.every((a) => a === running[0]) && running[0] > 0.5, `running statistics at every batch size: ${running}`);
    const one = await value(page, '#acc-batch-1');
    assert.ok(one < 0.3, `batch statistics at batch size 1: ${one}`);
  },
  async 'bn-cure'(page) {
    await page.click('button:text-is("Train both")');
    await page.waitForFunction(() => document.querySelector('#cure-results').textContent.includes('With BN'), null, { timeout: 300000 });
    const [without, withBn] = (await page.textContent('#cure-results')).split(' · ');
    assert.match(without, /^Without BN: .* — Not learning: for [\d,]+ steps the training loss has stayed near ln 10 ≈ 2\.3/);
    assert.doesNotMatch(withBn, /Not learning/);
    const [a, b] = [without, withBn].map((t) => Number(t.match(/test accuracy ([\d.]+)/)[1]));
    assert.ok(b > a + 0.2, `with BN ${b}, without ${a}`);
  },
  async 'dropout-shift'(page) {
    assert.equal(await value(page, '[id="theory-ratio-0.5"]'), 2, 'p = 0.5: train/test ratio 2');
    const shift = await page.evaluate(async () => (await import('/js/demo.js')).currentDemo().demo.core.varianceShift({ kind: 'inverted', p: 0.5 }, 0, 1));
    assert.deepEqual([shift.trainVariance, shift.testVariance].map((v) => Math.round(v * 1000) / 1000), [2, 1], 'Var train 2, Var test 1 (the page’s core)');
  },
  async 'dropout-before-bn'(page) {
    assert.equal(await page.textContent('#train-nets'), 'Train the 15 nets', 'the button the notice names');
    await page.click('#train-nets');
    await page.waitForSelector('[id="ratio-after-0.5"]', { timeout: 480000 });
    const ratio = (v, p) => value(page, `[id="ratio-${v}-${p}"]`);
    const [atZero, atHalf, after] = [await ratio('before', 0), await ratio('before', 0.5), await ratio('after', 0.5)];
    assert.ok(atHalf > 1 && atHalf > atZero, `before BN: p = 0.5 ${atHalf}, p = 0 ${atZero}`);
    assert.ok(Math.abs(after - 1) < Math.abs(atHalf - 1), `remedy 1 ${after} shifts less than ${atHalf}`);
  },
  async 'count-mlp'(page) {
    assert.equal(await value(page, '#calc-dense-weights'), 1e9);
    assert.equal(await value(page, '#calc-per-unit'), 1e6);
    assert.equal(await value(page, '#calc-conv-weights'), 9);
  },
  async 'count-cifar'(page) {
    assert.equal(await value(page, '#calc-per-unit'), 3072);
    assert.equal(await value(page, '#calc-conv-neuron'), 75);
  },
  async 'count-map'(page) {
    assert.equal(await value(page, '#calc-dense-mults'), 8028160000);
    assert.equal(await value(page, '#calc-conv-mults'), 806400);
  },
  async 'why-explode'(page) {
    const data = (id) => page.$eval(id, (e) => Number(e.dataset.value));
    assert.equal(await data('#why-dense-at'), 1e11, 'n_in = 10⁶, n_out = 10⁵');
    assert.equal(await data('#why-dense-factor'), 100);
    assert.equal(await data('#why-fixed-at'), 1e9);
    assert.equal(await data('#why-fixed-factor'), 10);
    assert.equal(await data('#why-conv-at'), 144);
    assert.equal(await data('#why-conv-ten'), 144);
  },
  async 'why-curse'(page) {
    const data = (id) => page.$eval(id, (e) => Number(e.dataset.value));
    assert.equal(await data('#why-per-axis'), 10);
    assert.equal(await data('#why-cover-3'), 1000);
    assert.equal(await data('#why-cover-10'), 1e10);
    assert.equal(await data('#why-cover-log-20'), 20);
  },
  async 'sample-complexity'(page) {
    assert.equal(await page.textContent('#param-total'), '20,680');
    assert.equal(await page.$eval('#preset', (s) => s.value), 'mlp');
    const sizes = await page.$$eval('#compare-table tbody tr th, #compare-table tbody tr td:first-child', (cells) => cells.map((c) => c.textContent));
    assert.deepEqual(sizes, ['100', '300', '1000', '3000', '8000']);
  },
  async 'equivariance-shift'(page) {
    assert.equal(await value(page, '#eq-interior'), 0);
    close(await value(page, '#eq-input-change'), 0.96, 0.005, 'input change');
  },
  async 'invariance-pooling'(page) {
    close(await value(page, '#inv-raw'), 1.62, 0.005, 'raw map');
    close(await value(page, '#inv-pool'), 1.4, 0.005, '2×2 max pool');
    assert.equal(await value(page, '#inv-global'), 0);
  },
  async 'mlp-shift'(page) {
    close(await value(page, '#mlp-input'), 0.46, 0.005, 'input vector');
    close(await value(page, '#mlp-change'), 0.52, 0.005, 'hidden activations');
    assert.equal(await value(page, '#mlp-params'), 50240);
    assert.equal(await value(page, '#mlp-params'), 784 * 64 + 64, '64 hidden units on 784 inputs');
  },
  async rotation(page) {
    close(await value(page, '#rot-rel'), 1.76, 0.005, 'rotation');
    assert.equal(await value(page, '#rot-shift'), 0);
  },
  async 'rf-three-3x3'(page) {
    assert.match(await page.textContent('#rf-selection'), /of layer 3's .* a region of 7 × 7 pixels/);
  },
  async 'rf-lenet'(page) {
    const text = await page.textContent('#demo');
    for (const size of [24, 12, 8, 4]) assert.match(text, new RegExp(`→ ${size}×${size} map`), `a ${size}×${size} map`);
    assert.match(await page.textContent('#rf-selection'), /a region of 16 × 16 pixels; the closed form says 16×16, jump 4×4/);
  },
  async 'rf-effective'(page) {
    assert.equal(await page.$eval('#net-rf-theory', (n) => n.dataset.size), '14x14');
    assert.match(await page.textContent('#net-unit'), /layer 4 \(conv2d\)/);
    assert.match(await page.textContent('#net-unit-section'), /95 % of the gradient mass, 64 test digits/);
    const [h, w] = (await page.$eval('#net-rf-effective', (n) => n.dataset.size)).split('x').map(Number);
    assert.ok(h >= 1 && h <= 14 && w >= 1 && w <= 14 && h * w < 14 * 14, `the effective field ${h}×${w} is smaller than the 14×14 square`);
  },
  async 'history-lenet'(page) {
    assert.equal(await page.textContent('#network').then((t) => t.match(/Total parameters: ([\d,]+)/)[1]), '61,706');
    const { params } = await layers(page);
    assert.equal(params[0], '156 parameters', 'first convolution');
    assert.equal(params[3], '2,416 parameters', 'second convolution');
  },
  async 'signals-impulses'(page) {
    const y = [1, 2.5, 4.25, 3, 3.25, 1.25, 0.5];
    assert.deepEqual(await identityRow(page, 'conv'), y);
    const sum = await page.$$eval('#superposition-table tbody tr:last-child td', (tds) => tds.map((td) => Number(td.textContent)));
    assert.deepEqual(sum, y, 'the responses add up to y');
    assert.equal((await page.$$('#superposition-table tbody tr')).length, 6, 'five responses and their sum');
  },
  async 'signals-sum'(page) {
    assert.match(await page.textContent('#demo'), /Step 9 of 21: sum for n = 2\./);
    assert.match(await page.textContent('#equation'), /= 1·0\.25 \+ 2·0\.5 \+ 3·1 = 4\.25$/);
  },
  async 'signals-xcorr'(page) {
    const y = [0.25, 1, 2.75, 3.75, 4, 2, 2];
    assert.deepEqual(await identityRow(page, 'xcorr'), y);
    assert.deepEqual(await identityRow(page, 'conv-flipped'), y);
  },
  async 'conv2d-lecture'(page) {
    assert.match(await page.textContent('#output-size'), /^Output 3 × 3;/);
    assert.match(await page.textContent('#formula-height'), /⌊\(5 \+ 0 \+ 0 − 3\) \/ 1⌋ \+ 1 = 3/);
    await page.click('#player button:has-text("Step ▶")');
    await page.waitForFunction(() => /= 12$/.test(document.getElementById('equation')?.textContent ?? ''));
    assert.equal(await page.textContent('#equation'), '3·0 + 3·1 + 2·2 + 0·2 + 0·2 + 1·0 + 3·0 + 1·1 + 2·2 = 12');
  },
  async 'conv2d-output'(page) {
    assert.deepEqual(await outputCells(page), [12, 12, 17, 10, 17, 19, 9, 6, 14]);
  },
  async 'conv2d-true'(page) {
    assert.deepEqual(await outputCells(page), [18, 20, 19, 10, 9, 17, 11, 8, 14]);
  },
  async 'filters-box'(page) {
    assert.match(await page.textContent('#kernel-flat'), /: 1$/);
    assert.match(await page.textContent('#kernel-what'), /5×5/);
  },
  async 'filters-sharpen'(page) {
    assert.match(await page.textContent('#kernel-flat'), /: 1$/);
    assert.ok((await value(page, '#output-min')) < 0, 'below 0');
    assert.ok((await value(page, '#output-max')) > 1, 'above 1');
  },
  async 'filters-gaussian'(page) {
    assert.match(await page.textContent('#sep-kernel-caption'), /σ = 2: 13 weights \(the 2‑D kernel is 13×13\)/);
    assert.ok((await value(page, '#sep-diff')) < 1e-6, 'same picture up to rounding');
    assert.equal(await value(page, '#sep-separable-count'), 1131520);
    assert.equal(await value(page, '#sep-direct-count'), 7354880);
  },
  async 'filters-derivative'(page) {
    assert.match(await page.textContent('#kernel-flat'), /: 0$/);
    assert.match(await page.textContent('#filter-select option[value="derivativeY"]'), /\[−1 1\]ᵀ/);
  },
  async 'conv2d-stride'(page) {
    assert.match(await page.textContent('#output-size'), /^Output 2 × 2;/);
    assert.deepEqual(await outputCells(page), [12, 17, 9, 14]);
  },
  async 'conv2d-same'(page) {
    assert.match(await page.textContent('#output-size'), /^Output 5 × 5; padding top 1, bottom 1, left 1, right 1/);
    const cells = await outputCells(page);
    const centre = [1, 2, 3].flatMap((r) => [1, 2, 3].map((c) => cells[r * 5 + c]));
    assert.deepEqual(centre, [12, 12, 17, 10, 17, 19, 9, 6, 14]);
  },
  async 'conv2d-dilation'(page) {
    assert.match(await page.textContent('#output-size'), /^Output 1 × 1;/);
    assert.match(await page.textContent('#formula-height'), /− \(2·\(3−1\)\+1\)\) \/ 1⌋ \+ 1 = 1$/, 'effective kernel 2·(3 − 1) + 1');
    assert.deepEqual(await outputCells(page), [14]);
  },
  async 'pooling-map'(page) {
    assert.match(await page.textContent('#pooled-max-caption'), /, 14×14$/);
    assert.match(await page.textContent('#demo'), /Feature map: Sobel y \(horizontal edges\), then ReLU, 28×28/);
    const result = async (kind) => Number(await page.getAttribute(`#trace-${kind}-result`, 'data-value'));
    close(await result('max'), 3.176, 0.0005, 'max');
    close(await result('average'), 1.548, 0.0005, 'average');
    close(await result('l2'), 4.38, 0.005, 'L2');
  },
  async 'pooling-by-hand'(page) {
    assert.match(await page.textContent('#example-formula-max'), /= 5$/);
    assert.match(await page.textContent('#example-formula-average'), /\/ 9 = 2$/);
    assert.match(await page.textContent('#example-formula-l2'), /= 7\.746$/);
    const gaussian = await page.textContent('#example-formula-gaussian');
    assert.match(gaussian, /^Gaussian-weighted: 0\.075·1 \+ .*0\.204·2 /, gaussian);
  },
  async 'pooling-gradient'(page) {
    assert.match(await page.textContent('#grad-count-max'), /^1 of 784 /);
    assert.match(await page.textContent('#grad-count-average'), /^4 of 784 /);
    assert.match(await page.textContent('#grad-count-gaussian'), /^4 of 784 /);
  },
  async 'conv2d-volume'(page) {
    assert.match(await page.textContent('#equation'), /total: 12 \+ 11 \+ 17 \+ bias 1 = 41/);
    assert.equal((await page.$$('#stage .stage-output table')).length, 2, 'two output maps');
    assert.equal((await outputCells(page)).length, 18, 'of 3×3 each');
  },
  async 'volume-neuron'(page) {
    assert.equal(await value(page, '#vol-weights'), 75);
    assert.equal(await value(page, '#vol-params'), 76);
    assert.equal(await value(page, '#vol-dense'), 3145728);
  },
  async 'cnn-volumes'(page) {
    assert.match(await page.textContent('#network'), /Input: 1×28×28/);
    const { shapes, params } = await layers(page);
    assert.deepEqual(shapes.slice(0, 6), ['8×24×24', '8×24×24', '8×12×12', '16×8×8', '16×8×8', '16×4×4']);
    assert.equal(params[3], '3,216 parameters', 'layer 4');
  },
};
