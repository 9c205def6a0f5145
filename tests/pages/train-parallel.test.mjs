// Data-parallel training in the trainer worker (workers/shards-*.js, core train/parallel.rs): the
// same network, seed and steps on 1 and on 2 workers reach the same weights to rounding, a batch
// norm network trains on one worker and says why, and the choice of workers is checked.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, closeAll } from '../helpers/browser.mjs';

after(closeAll);

const STEPS = 50;

/** In the page: train `code` for `steps` single steps on `workers` workers; the weights and status. */
async function run(page, { code, workers, steps }) {
  return page.evaluate(
    async ({ code, workers, steps }) => {
      const { createTrainerClient } = await import('/js/lib/worker-client.js');
      const { loadCore } = await import('/js/wasm.js');
      const core = await loadCore();
      const client = createTrainerClient();
      const statuses = [];
      client.on('status', (s) => statuses.push(s));
      try {
        const modelConfig = { input: [1, 28, 28], layers: core.parseLayers(code), seed: 4 };
        const trainConfig = { optimizer: { kind: 'adam', lr: 0.002 }, batchSize: 32, seed: 4 };
        await client.request('configure', { modelConfig, trainConfig });
        const reply = await client.request('workers', { count: workers });
        let last = null;
        for (let i = 0; i < steps; i += 1) last = await client.request('step');
        const bytes = await client.request('save');
        const t = core.Trainer.load(new Uint8Array(bytes), trainConfig);
        const weights = Array.from(t.weights());
        t.free();
        let bad = null;
        await client.request('workers', { count: 99 }).catch((e) => (bad = e.message));
        return { reply, last, weights, status: statuses.at(-1), bad };
      } finally {
        client.close();
      }
    },
    { code, workers, steps },
  );
}

test(`1 and 2 workers: the same weights after ${STEPS} steps of the default network, to rounding`, async () => {
  const { page, issues } = await openPage('demos/train.html');
  await page.waitForFunction(() => document.documentElement.dataset.mounted === '1');
  const code = 'c8k5_relu_mp2_c16k5_relu_mp2_fl_d64_relu_d10'; // the default preset (lib/model-presets.js)
  const one = await run(page, { code, workers: 1, steps: STEPS });
  const two = await run(page, { code, workers: 2, steps: STEPS });
  assert.deepEqual([one.reply.chosen, one.reply.workers], [1, 1]);
  assert.deepEqual([two.reply.chosen, two.reply.workers, two.status.parallel.workers, two.status.parallel.reason], [2, 2, 2, null]);
  assert.equal(two.last.steps, STEPS);
  assert.equal(one.last.epochs, two.last.epochs);
  assert.equal(one.weights.length, two.weights.length);
  let worst = 0;
  for (let i = 0; i < one.weights.length; i += 1) worst = Math.max(worst, Math.abs(one.weights[i] - two.weights[i]));
  console.log(`1 vs 2 workers, ${STEPS} Adam steps: weights differ by at most ${worst}`);
  // Stated tolerance: the same batches, only the grouping of the batch's gradient sum differs
  // (measured about 1e-7 after 50 Adam steps); weights within 1e-5, the last loss within 1e-5 relative.
  assert.ok(worst <= 1e-5, `weights differ by ${worst}`);
  assert.ok(Math.abs(one.last.loss - two.last.loss) <= 1e-5 * Math.abs(one.last.loss), `losses ${one.last.loss} vs ${two.last.loss}`);
  assert.match(two.bad, /workers: count must be 0 \(every core\) or 1 to 8, got 99/);
  assertClean(issues);
});

test('a batch-norm network trains on one worker when two are chosen, and says why', async () => {
  const { page, issues } = await openPage('demos/train.html');
  await page.waitForFunction(() => document.documentElement.dataset.mounted === '1');
  const r = await run(page, { code: 'c4k5_bn_relu_mp2_fl_d10', workers: 2, steps: 3 });
  assert.deepEqual([r.reply.chosen, r.reply.workers, r.status.parallel.workers], [2, 1, 1]);
  assert.match(r.status.parallel.reason, /one worker: batch norm computes its statistics over the whole batch/);
  assert.equal(r.last.steps, 3);
  assertClean(issues);
});

test('the training page: workers from the URL (0 = every core), the line says how many train, and it trains', async () => {
  const { page, issues } = await openPage('demos/train.html?workers=2');
  await page.waitForFunction(() => !document.getElementById('play')?.disabled && document.getElementById('stat-step')?.dataset.value === '0', null, { timeout: 30_000 });
  await page.waitForFunction(() => /Training on 2 workers\./.test(document.getElementById('train-workers')?.textContent ?? ''));
  assert.equal(await page.inputValue('#workers'), '2');
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('stat-step').dataset.value) >= 30, null, { timeout: 60_000 });
  await page.click('#play');
  await page.waitForFunction(() => document.documentElement.dataset.training === 'paused');
  // One worker from the setting: the line follows without fresh weights.
  await page.fill('#workers', '1');
  await page.dispatchEvent('#workers', 'change');
  await page.waitForFunction(() => /Training on 1 worker\./.test(document.getElementById('train-workers').textContent));
  assert.match(page.url(), /workers=1/);
  assertClean(issues);

  const every = await openPage('demos/train.html');
  await every.page.waitForFunction(() => /Training on \d+ workers?\./.test(document.getElementById('train-workers')?.textContent ?? ''));
  const cores = await every.page.evaluate(() => navigator.hardwareConcurrency);
  const shown = await every.page.textContent('#train-workers');
  const n = Math.min(cores, 4); // every core, at most 4 by default (shards-pool.js DEFAULT_CAP)
  assert.equal(shown, `Training on ${n} worker${n === 1 ? '' : 's'}.`);
  assertClean(every.issues, 'default');
});
