// "Training mode vs evaluation mode": a small net with one BN layer is trained in the trainer
// worker, loaded on the page, and its BN layer asked what it stored (running statistics), what
// normalized a training batch, and what it used in eval mode; then test accuracy by test batch
// size with running statistics and with the test batch's own. Every number is the core's.
import { button, el, field, section, table } from '../../lib/dom.js';
import { formatStat } from '../../lib/format.js';
import { smallNet, trainSettings } from './networks.js';

const UNITS = 6; // units of the BN layer shown in the tables
const EVAL_LIMIT = 200;
const PROBE = 32; // the training batch whose statistics are shown

/** Tables of what the BN layer of `net` holds and uses (see the top of this file). */
function measure(net, digits, testBatch) {
  const bn = net.layerIndices('batchNorm')[0];
  const units = Array.from({ length: UNITS }, (_, j) => j);
  net.probe(digits, PROBE); // a training-mode pass that leaves the model, running averages included, as it was
  const buf = net.buffers(bn);
  const train = net.statistics(bn); // what normalized that training batch: its own μ_B, σ²_B
  const stats = table({
    head: ['unit', 'running μ', 'training batch μ', 'running σ²', 'training batch σ²'],
    rowHeads: true,
    rows: units.map((j) => [String(j), { text: formatStat(buf.runningMean[j]), id: `run-mean-${j}`, 'data-value': String(buf.runningMean[j]) }, formatStat(train.batchMean[j]),
      { text: formatStat(buf.runningVar[j]), id: `run-var-${j}`, 'data-value': String(buf.runningVar[j]) }, formatStat(train.batchVar[j])]),
  });

  // Eval mode, running statistics: the layer reports the μ and σ² that normalized the test batch.
  const batch = Math.max(2, testBatch);
  net.setEvalStatistics('running');
  net.evaluate(digits, 'test', batch, batch);
  const used = net.statistics(bn);
  const usedCell = (j, key, id, what) => ({ text: formatStat(used[key][j]), id: `${id}-${j}`, label: `unit ${j}: ${what} used in eval mode ${formatStat(used[key][j])}` });
  const evalNodes = [
    el('p', { text: `Reported by the BN layer for a test batch of ${batch} in eval mode (running statistics): the μ and σ² it used are the running ones, not the test batch’s.` }),
    el('div', { class: 'table-pair' }, [
      table({ head: ['unit', 'μ used', 'running μ', 'test batch μ'], rowHeads: true,
        rows: units.map((j) => [String(j), usedCell(j, 'usedMean', 'used-mean', 'mean'), formatStat(buf.runningMean[j]), formatStat(used.batchMean[j])]) }),
      table({ head: ['unit', 'σ² used', 'running σ²', 'test batch σ²'], rowHeads: true,
        rows: units.map((j) => [String(j), usedCell(j, 'usedVar', 'used-var', 'variance'), formatStat(buf.runningVar[j]), formatStat(used.batchVar[j])]) }),
    ]),
  ];

  const accuracy = (which, n) => {
    net.setEvalStatistics(which);
    return formatStat(net.evaluate(digits, 'test', EVAL_LIMIT, n).accuracy);
  };
  const sizes = [...new Set([1, 2, 4, 16, testBatch])].sort((p, q) => p - q);
  const rows = sizes.map((n) => {
    const running = accuracy('running', n);
    const own = accuracy('batch', n);
    return [String(n), { text: running, id: `acc-running-${n}` }, { text: own, id: `acc-batch-${n}`, label: `batch size ${n}, batch statistics: accuracy ${own}` }];
  });
  net.setEvalStatistics('running');
  const sizeNodes = [el('p', { text: `Accuracy on ${EVAL_LIMIT} test digits, evaluated in batches of the given size.` }),
    table({ head: ['test batch size', 'running statistics', 'test batch’s own'], rowHeads: true, rows })];
  return { stats, evalNodes, sizeNodes };
}

/** The section; `train()` trains the small net (again) and measures it. */
export function createModes(demo, input) {
  const { core, digits, state } = demo;
  const trainSteps = field('range', { label: 'Training steps', name: 'trainSteps', min: 50, max: 1000, step: 50, value: state.trainSteps });
  const testBatch = field('range', { label: 'Test batch size', name: 'testBatch', min: 1, max: 200, value: state.testBatch });
  const retrain = button('Train again', {}, () => {
    if (demo.set('trainSteps', trainSteps.input.value)) demo.save();
    train();
  });
  const status = el('p', { class: 'lab-status', role: 'status', 'aria-live': 'polite' });
  const statsBox = el('div');
  const evalBox = el('div');
  const sizesBox = el('div');
  const node = section('Training mode vs evaluation mode', {
    cls: 'lab-section',
    intro: 'A small net (flatten → dense 16 → BN → ReLU → dense 10) is trained in the worker. In training mode BN uses each mini-batch’s statistics and updates running averages; model.eval() switches to the running statistics — or, optionally, to the test batch’s own. Looking does not change the net: the training batch below is normalized in training mode without moving the running averages, which are the ones training left.',
  }, [el('div', { class: 'controls' }, [trainSteps.node, testBatch.node, retrain]), status,
    el('h3', { text: `Running statistics vs a training batch (the first ${PROBE} training digits)` }), statsBox,
    el('h3', { text: 'Which statistics does the eval-mode output use?' }), evalBox,
    el('h3', { text: 'Test accuracy by test batch size' }), sizesBox]);

  let net = null; // the trained net, on the page
  demo.own(() => {
    net?.free();
    net = null;
  });

  function show() {
    const { stats, evalNodes, sizeNodes } = measure(net, digits, state.testBatch);
    statsBox.replaceChildren(stats);
    evalBox.replaceChildren(...evalNodes);
    sizesBox.replaceChildren(...sizeNodes);
  }

  async function train() {
    retrain.disabled = true;
    status.textContent = 'Training in the background…';
    const steps = state.trainSteps;
    try {
      const job = { model: smallNet(input, state.seed), train: trainSettings(state.seed), steps, chunk: 50 };
      const [r] = await demo.trainer().request('jobs', { jobs: [job] }, {
        onProgress: (p) => { status.textContent = `step ${p.step} of ${steps}, training loss ${formatStat(p.loss)}`; },
      });
      if (!demo.alive) return;
      if (r.error) throw new Error(r.error);
      net?.free();
      net = null;
      net = core.Trainer.load(r.bytes, trainSettings(state.seed));
      show();
      status.textContent = `Trained for ${steps} steps; final training loss ${formatStat(r.curve.at(-1).loss)}.${r.health ? ` ${r.health}` : ''}`;
    } catch (err) {
      if (demo.alive) demo.fail(err);
    } finally {
      retrain.disabled = false;
    }
  }

  testBatch.input.addEventListener('change', () => {
    if (!demo.set('testBatch', testBatch.input.value)) return;
    demo.save();
    try {
      if (net) show();
    } catch (err) {
      demo.fail(err);
    }
  });
  return { node, train };
}
