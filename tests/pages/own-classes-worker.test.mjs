// The trainer worker on a student's own dataset: useClasses with the built-in "0 vs 1 vs 7" file
// trains a network with three outputs to better than chance on the held-out split, with the same
// accuracy as the page's own core gets from the same file, split, network and steps; a corrupt file
// is refused in the core's words and the data stays; useDigits goes back to the ten digits.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertClean, closeAll } from '../helpers/browser.mjs';

after(closeAll);

const STEPS = 60;

test('useClasses: the starter trains above chance in the worker, as in the page core, and useDigits goes back', async () => {
  const { page, issues } = await openPage('/demos/train.html');
  const r = await page.evaluate(async (steps) => {
    const core = await (await import('/js/wasm.js')).loadCore();
    const digits = await (await import('/js/lib/digits.js')).loadDigits(core);
    const set = core.ClassSet.starter(digits, [0, 1, 7], 40);
    const bytes = set.toBytes();
    set.free();
    const code = core.layersForClasses('c4k5_relu_mp2_fl_d10', 3);
    const modelConfig = { input: [1, 28, 28], seed: 1, layers: core.parseLayers(code) };
    const trainConfig = { optimizer: { kind: 'adam', lr: 0.01 }, batchSize: 16, seed: 1 };

    // The page core: the same file, split, network and steps.
    const own = core.ClassSet.parse(bytes);
    const split = own.split(25, 1);
    const t = new core.Trainer(modelConfig, trainConfig);
    t.train(split, steps);
    const expected = t.evaluate(split, 'test', 0);
    const want = { accuracy: expected.accuracy, confusion: Array.from(expected.confusion), test: split.count('test'), train: split.count('train') };
    t.free();
    split.free();
    own.free();

    const worker = new Worker('/js/workers/trainer.js', { type: 'module' });
    let next = 0;
    const ask = (type, payload = {}) => new Promise((resolve) => {
      const id = ++next;
      const on = (e) => {
        if (e.data?.type !== 'reply' || e.data.id !== id) return;
        worker.removeEventListener('message', on);
        resolve(e.data.ok ? { result: e.data.result } : { error: e.data.error });
      };
      worker.addEventListener('message', on);
      worker.postMessage({ id, type, ...payload });
    });
    const used = await ask('useClasses', { bytes: bytes.buffer, testPercent: 25, seed: 1 });
    const noModel = await ask('step');
    await ask('configure', { modelConfig, trainConfig });
    for (let i = 0; i < steps; i++) await ask('step');
    const evaluation = (await ask('evaluate')).result;
    const corrupt = bytes.slice(0, 100);
    const refused = await ask('useClasses', { bytes: corrupt.buffer, testPercent: 25, seed: 1 });
    const still = (await ask('data')).result;
    const tooMany = await ask('useClasses', { bytes: bytes.buffer, testPercent: 0, seed: 1 });
    // Switching while training runs: the run stops, the model goes, and a new one trains.
    await ask('configure', { modelConfig, trainConfig });
    await ask('play');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const midRun = await ask('useClasses', { bytes: bytes.buffer, testPercent: 50, seed: 2 });
    const afterSwitch = await ask('step');
    await ask('configure', { modelConfig, trainConfig });
    const stepped = (await ask('step')).result;
    const back = (await ask('useDigits')).result;
    worker.terminate();
    return { used, noModel, evaluation, refused, still, tooMany, midRun, afterSwitch, stepped, back, want };
  }, STEPS);

  assert.deepEqual(r.used.result, { shape: [1, 28, 28], counts: { train: 90, test: 30 }, classes: 3, names: ['0', '1', '7'], originals: [40, 40, 40] });
  assert.equal(r.noModel.error, 'step: no model is configured', 'switching the data drops the model');
  const e = r.evaluation;
  assert.equal(e.count, 30);
  assert.equal(e.classes, 3);
  assert.deepEqual(e.names, ['0', '1', '7']);
  assert.equal(e.confusion.length, 9, 'a 3 × 3 confusion matrix');
  assert.equal(e.confusion.reduce((a, b) => a + b, 0), 30);
  assert.ok(e.accuracy > 0.6, `test accuracy ${e.accuracy} (chance 1/3)`);
  assert.equal(e.accuracy, r.want.accuracy, 'the worker trains as the page core does');
  assert.deepEqual(e.confusion, r.want.confusion);
  for (const m of e.misclassified) assert.ok(m.label < 3 && m.prediction < 3 && m.pixels.length === 784);
  assert.match(r.refused.error, /^dataset file: the file is cut short/);
  assert.deepEqual(r.still.names, ['0', '1', '7'], 'a refused file leaves the data as it was');
  assert.match(r.tooMany.error, /^ClassSet\.split: testPercent must be 1 to 90, got 0/);
  assert.deepEqual(r.midRun.result?.counts, { train: 60, test: 60 }, r.midRun.error);
  assert.equal(r.afterSwitch.error, 'step: no model is configured');
  assert.equal(r.stepped.steps, 1);
  assert.equal(r.back.classes, 10);
  assert.deepEqual(r.back.names, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  assert.ok(r.back.counts.test > 0);
  assertClean(issues);
});
