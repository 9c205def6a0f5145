// The training-health rule of the trainer worker (www/js/workers/health.js), on made-up curves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { watchHealth, classesOf } from '../../www/js/workers/health.js';

/** Feed `loss(step)` in chunks of `chunk` steps up to `steps`; the verdicts by step. */
function run(loss, { steps = 1200, chunk = 20, lr = 0.5 } = {}) {
  const health = watchHealth({ classes: 10, lr });
  const verdicts = [];
  for (let s = chunk; s <= steps; s += chunk) verdicts.push([s, health.add(s, loss(s))]);
  return verdicts;
}
const first = (verdicts) => verdicts.find(([, v]) => v)?.[0] ?? null;
const ln10 = Math.log(10);

test('a loss stuck at ln 10 gets the chance hint after 200 steps near it, in words', () => {
  const verdicts = run((s) => (s < 100 ? 8 : ln10 + 0.08 * Math.sin(s)));
  const at = first(verdicts);
  assert.ok(at >= 300 && at <= 600, `first hint at step ${at}`);
  const [, v] = verdicts.at(-1);
  assert.equal(v.kind, 'chance');
  assert.match(v.message, /^Not learning: for [\d,]+ steps the training loss has stayed near ln 10 ≈ 2\.3, the loss of guessing among 10 classes\. Try a smaller learning rate \(now 0\.5\) or, if it is tiny, a larger one; another weight initialization, or batch norm after the layers\.$/);
});

test('a learning network gets no hint, even when it passes chance level slowly', () => {
  assert.equal(first(run((s) => 2.3 * Math.exp(-s / 300) + 0.1)), null);
  assert.equal(first(run((s) => 7 - 5.5 * (s / 1200), { steps: 1200 })), null, 'falling from 7 to 1.5 in a straight line');
});

test('a loss that grows after falling gets the growth hint', () => {
  const verdicts = run((s) => (s < 400 ? 2.3 - s / 400 * 1.8 : 0.5 + (s - 400) / 100));
  const [, v] = verdicts.at(-1);
  assert.equal(v.kind, 'growing');
  assert.match(v.message, /^Not learning: the training loss is growing, from 0\.\d\d at its lowest to \d+\.\d\d\. The learning rate \(now 0\.5\) is probably too large/);
});

test('the hint goes when the network starts learning; NaN is left to the core', () => {
  const verdicts = run((s) => (s < 700 ? ln10 : 0.4), { steps: 1000 });
  assert.equal(verdicts.find(([s]) => s === 660)[1]?.kind, 'chance');
  assert.equal(verdicts.at(-1)[1], null);
  const health = watchHealth({ classes: 10 });
  assert.equal(health.add(100, Number.NaN), null);
});

test('classes are the values of the last layer', () => {
  const trainer = { layerInfos: () => [{ outputShape: [784, 1, 1] }, { outputShape: [10, 1, 1] }] };
  assert.equal(classesOf(trainer), 10);
});
