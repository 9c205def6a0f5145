// The two builds of the core (scripts/build: www/pkg SIMD128, www/pkg-relaxed SIMD128 + relaxed
// SIMD): wasm.js loads the relaxed one where the browser validates a relaxed-SIMD instruction and
// the SIMD128 one otherwise, the page's footer says which runs, and the two compute the same
// numbers to rounding (the relaxed build's fused multiply-add rounds a·b + c once, not twice).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, closeAll } from '../helpers/browser.mjs';

after(closeAll);

const PAGE = 'demos/conv2d.html';

test('where relaxed SIMD validates (Chromium), the relaxed build runs and the footer says so', async () => {
  const wasmSeen = [];
  const { page, issues } = await openPage(PAGE, {
    beforeLoad: (p) => p.on('request', (r) => r.url().endsWith('.wasm') && wasmSeen.push(new URL(r.url()).pathname)),
  });
  await page.waitForSelector('#core-build');
  const validates = await page.evaluate(async () => (await import('/js/wasm.js')).hasRelaxedSimd());
  assert.equal(validates, true, 'this Chromium validates f32x4.relaxed_madd');
  assert.equal(await page.textContent('#core-build'), 'Core: relaxed SIMD (fused multiply-add).');
  assert.ok(wasmSeen.includes('/pkg-relaxed/convplay_wasm_bg.wasm'), `loaded ${wasmSeen}`);
  assert.ok(!wasmSeen.includes('/pkg/convplay_wasm_bg.wasm'), 'the SIMD128 build is not fetched');
  assertClean(issues);
});

test('without relaxed SIMD the SIMD128 build runs and the footer says so; embedded pages have no footer line', async () => {
  const seen = [];
  const { page, issues } = await openPage(PAGE, {
    beforeLoad: async (p) => {
      p.on('request', (r) => r.url().endsWith('.wasm') && seen.push(new URL(r.url()).pathname));
      // A browser without relaxed SIMD: its validate refuses the probe (and only the probe).
      await p.addInitScript(() => {
        const validate = WebAssembly.validate;
        WebAssembly.validate = (bytes) => (bytes.length === 37 ? false : validate(bytes));
      });
    },
  });
  await page.waitForSelector('#core-build');
  assert.equal(await page.evaluate(async () => (await import('/js/wasm.js')).hasRelaxedSimd()), false);
  assert.equal(await page.textContent('#core-build'), 'Core: SIMD128.');
  assert.ok(seen.includes('/pkg/convplay_wasm_bg.wasm'), `loaded ${seen}`);
  assert.ok(!seen.includes('/pkg-relaxed/convplay_wasm_bg.wasm'));
  assertClean(issues);

  const embedded = await openPage(`${PAGE}?embed=1`);
  await embedded.page.waitForFunction(() => document.documentElement.dataset.mounted === '1');
  assert.equal(await embedded.page.$('#core-build'), null);
  assertClean(embedded.issues, 'embedded');
});

test('both builds give the same numbers to rounding: a LeNet-style layer and 20 training steps', async () => {
  const { page, issues } = await openPage(PAGE);
  await page.waitForSelector('#core-build');
  const r = await page.evaluate(async () => {
    const load = async (dir) => {
      const api = await import(`/${dir}/convplay_wasm.js?compare`);
      await api.default();
      return api;
    };
    const [a, b] = [await load('pkg'), await load('pkg-relaxed')];
    let s = 7;
    const random = (n) => Float32Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1);
    // Forward of conv 5×5, 6 → 16 channels on a 12×12 map: K = 150 taps per output.
    const x = random(6 * 12 * 12);
    const w = random(16 * 6 * 5 * 5);
    const o = { stride: 1, padding: { kind: 'valid' }, dilation: 1 };
    const ya = a.conv2d(x, [1, 6, 12, 12], w, [16, 6, 5, 5], null, o).data;
    const yb = b.conv2d(x, [1, 6, 12, 12], w, [16, 6, 5, 5], null, o).data;
    let convWorst = 0;
    for (let i = 0; i < ya.length; i += 1) convWorst = Math.max(convWorst, Math.abs(ya[i] - yb[i]) / (1 + Math.abs(ya[i])));
    // 20 SGD steps of a small CNN on the same batches, from the same seed.
    const modelConfig = {
      input: [1, 28, 28],
      layers: [
        { kind: 'conv2d', outChannels: 6, kernel: 5, stride: 1, padding: { kind: 'valid' }, dilation: 1, weightInit: { kind: 'heNormal' }, biasInit: { kind: 'zeros' } },
        { kind: 'activation', activation: { kind: 'relu' } },
        { kind: 'pool', pool: { kind: 'max' }, size: 2, stride: 2, padding: { kind: 'valid' } },
        { kind: 'flatten' },
        { kind: 'dense', outFeatures: 10, weightInit: { kind: 'heNormal' }, biasInit: { kind: 'zeros' } },
      ],
      seed: 3,
    };
    const trainConfig = { optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0 }, batchSize: 16, seed: 3 };
    const ta = new a.Trainer(modelConfig, trainConfig);
    const tb = new b.Trainer(modelConfig, trainConfig);
    const losses = [];
    for (let step = 0; step < 20; step += 1) {
      const images = random(16 * 784).map((v) => (v + 1) / 2);
      const labels = Uint8Array.from({ length: 16 }, (_, i) => (i * 7 + step) % 10);
      losses.push([ta.trainOn(images, labels).loss, tb.trainOn(images, labels).loss]);
    }
    let weightWorst = 0;
    for (const layer of [0, 4]) {
      const pa = ta.parameter(layer, 'weight', false).data;
      const pb = tb.parameter(layer, 'weight', false).data;
      for (let i = 0; i < pa.length; i += 1) weightWorst = Math.max(weightWorst, Math.abs(pa[i] - pb[i]));
    }
    const lossWorst = Math.max(...losses.map(([p, q]) => Math.abs(p - q) / Math.abs(p)));
    const identical = ya.every((v, i) => v === yb[i]);
    return { convWorst, weightWorst, lossWorst, identical };
  });
  console.log('SIMD128 vs relaxed SIMD:', JSON.stringify(r));
  // The stated tolerances (docs/core-api.md, "Two builds"): a layer's outputs within 2·K·2⁻²⁴ of
  // each other relative to Σ|w·x| (1.8e-5 for K = 150 taps; measured about 1e-6), and after 20
  // steps the weights within 1e-5 and every step's loss within 1e-5 relative (measured 2e-7, 1e-7).
  assert.ok(r.convWorst <= 1.8e-5, `conv outputs differ by ${r.convWorst}`);
  assert.ok(r.weightWorst <= 1e-5, `weights differ by ${r.weightWorst}`);
  assert.ok(r.lossWorst <= 1e-5, `losses differ by ${r.lossWorst}`);
  assert.equal(r.identical, false, 'the relaxed build really runs a different kernel (fused multiply-add)');
  assertClean(issues);
});
