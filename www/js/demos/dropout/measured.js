// "The shift, measured": small nets (three placements × five rates) trained in the trainer worker,
// then loaded on the page one at a time and asked by the core for the variance of the BN layer's
// input in training mode and in eval mode, per unit (unitVariances) and over the whole layer with
// their ratio (measuredVarianceShift). Uniform noise runs at dropout's noise variance where β ≤ 1
// allows it (matchedUniformNoise); every row shows its noise variance.
import { button, el, field, legendList, section, table } from '../../lib/dom.js';
import { chartCanvas, drawLines } from '../../lib/charts.js';
import { formatStat } from '../../lib/format.js';
import { PS, VARIANTS, model, trainSettings } from './networks.js';

const PROBE = 256; // digits of the training and of the eval pass
const UNITS = 6; // units shown in the per-unit table
const EVAL_LIMIT = 500;
const AXIS = { xMax: 0.5, xLabel: () => 'p = 0.5' };

/** What the BN input of a trained net looks like in training mode and in eval mode. */
function measureNet(core, digits, bytes, seed) {
  const net = core.Trainer.load(bytes, trainSettings(seed));
  try {
    const bn = net.layerIndices('batchNorm')[0];
    const feed = net.layerIndices('dense')[1]; // the dense 32 layer, whose output BN normalizes
    const running = Array.from(net.buffers(bn).runningVar.slice(0, UNITS));
    net.probe(digits, PROBE);
    const trainValues = net.activations(feed).data;
    const trainUnits = net.unitVariances(feed);
    net.evaluate(digits, 'test', PROBE, PROBE);
    const shift = core.measuredVarianceShift(trainValues, net.activations(feed).data);
    const testUnits = net.unitVariances(feed);
    return { train: shift.trainVariance, test: shift.testVariance, ratio: shift.trainOverTest, running, trainUnits, testUnits };
  } finally {
    net.free();
  }
}

/**
 * The noise of a placement at rate p: `{ name, variance, beta }` — inverted dropout with its
 * p/(1 − p), or uniform noise at the β the core matches to it (capped at 1, said in the name).
 */
function noiseOf(core, variant, p) {
  const m = core.matchedUniformNoise(p, 0, 1);
  if (variant !== 'uniform') return { name: `dropout p = ${formatStat(p)}`, variance: m.dropout.noiseVariance, beta: null };
  const name = m.matched ? `β = ${formatStat(m.beta)}` : `β = ${formatStat(m.beta)}, capped (equal noise needs ${formatStat(m.betaNeeded)})`;
  return { name, variance: m.uniform.noiseVariance, beta: m.beta };
}

/** The section; results stay until the next run. */
export function createMeasured(demo) {
  const { core, digits, state } = demo;
  const steps = field('range', { label: 'Training steps per net', name: 'steps', min: 50, max: 1000, step: 50, value: state.steps });
  const detail = field('select', { label: 'Per-unit detail for p', name: 'detail', options: PS.map((q) => [String(q), String(q)]), value: state.detail });
  const nets = VARIANTS.flatMap(([variant]) => PS.map((p) => ({ variant, p, noise: noiseOf(core, variant, p) })));
  const runText = `Train the ${nets.length} nets`;
  const run = button(runText, { id: 'train-nets' }, () => train());
  const status = el('p', { class: 'lab-status', role: 'status', 'aria-live': 'polite', text: `Not trained yet: press “${runText}” (it runs in the background).` });
  const charts = [
    chartCanvas(720, 300, 'Test accuracy against dropout rate p for the three placements'),
    chartCanvas(720, 300, 'Train over test variance of the BN input against p for the three placements'),
  ];
  const captions = [`Test accuracy (${EVAL_LIMIT} test digits) against p`, 'Var(BN input) train / test against p'];
  const sweepBox = el('div', { id: 'sweep' });
  const unitBox = el('div', {}, [el('p', { text: 'Appears after training.' })]);
  const node = section('The shift, measured', {
    cls: 'lab-section',
    intro: `${nets.length} small nets — three placements × p ∈ {${PS.join(', ')}} — are trained in the background on the same digits. For each, the variance of the BN layer’s input is measured in training mode (a probe on ${PROBE} training digits) and in eval mode (${PROBE} test digits); test accuracy uses the running statistics. Each row shows its noise variance, the regularization strength: uniform noise gets dropout’s where β ≤ 1 allows it (up to p = 0.25) and β = 1 above that, weaker noise.`,
  }, [el('div', { class: 'controls' }, [steps.node, detail.node, run]), status,
    legendList(VARIANTS.map(([, name, cls]) => [cls, name])),
    el('div', { class: 'curve-grid' }, charts.map((c, i) => el('figure', {}, [c, el('figcaption', { text: captions[i] })]))),
    sweepBox, el('h3', { text: 'Per unit: running variance vs train and test batches (dropout before BN)' }), unitBox]);

  let results = null;

  function render() {
    if (!results) {
      for (const c of charts) drawLines(c, [], AXIS);
      return;
    }
    const series = (key) => VARIANTS.map(([v, , , colour]) => ({ colour, dots: true, points: results.filter((r) => r.variant === v).map((r) => [r.p, r[key]]) }));
    drawLines(charts[0], series('accuracy'), { ...AXIS, yRange: [0, 1] });
    drawLines(charts[1], series('ratio'), AXIS);
    sweepBox.replaceChildren(table({
      head: ['placement', 'p', 'noise', 'noise variance', 'test accuracy', 'Var train', 'Var test', 'train / test'],
      rowHeads: true,
      rows: results.map((r) => [VARIANTS.find(([v]) => v === r.variant)[4], formatStat(r.p), r.noise.name,
        { text: formatStat(r.noise.variance), id: `noise-${r.variant}-${r.p}` },
        { text: r.error ?? formatStat(r.accuracy), id: `acc-${r.variant}-${r.p}` }, formatStat(r.train), formatStat(r.test),
        { text: formatStat(r.ratio), id: `ratio-${r.variant}-${r.p}`, label: `${r.variant}, p ${formatStat(r.p)}: train over test variance ${formatStat(r.ratio)}` }]),
    }));
    const d = results.find((r) => r.variant === 'before' && String(r.p) === state.detail);
    unitBox.replaceChildren(d?.running ? table({
      head: ['unit', 'running σ²', 'train batch σ²', 'test batch σ²'],
      rowHeads: true,
      rows: d.running.map((v, j) => [String(j), { text: formatStat(v), id: `unit-running-${j}` }, formatStat(d.trainUnits[j]), { text: formatStat(d.testUnits[j]), id: `unit-test-${j}` }]),
    }) : el('p', { text: 'No result for this p.' }));
  }

  async function train() {
    run.disabled = true;
    const total = state.steps;
    const input = Array.from(digits.shape());
    try {
      const jobs = nets.map((n) => ({ model: model(input, n.variant, n.p, state.seed, n.noise.beta), train: trainSettings(state.seed), steps: total, chunk: 50, evalLimit: EVAL_LIMIT }));
      const out = await demo.trainer().request('jobs', { jobs }, {
        onProgress: (p) => { if (p.step === total) status.textContent = `trained ${p.job + 1} of ${jobs.length} nets`; },
      });
      if (!demo.alive) return;
      results = nets.map((n, i) => (out[i].error ? { ...n, error: out[i].error } : { ...n, accuracy: out[i].test.accuracy, ...measureNet(core, digits, out[i].bytes, state.seed) }));
      status.textContent = `Done: ${jobs.length} nets, ${total} steps each.`;
      render();
    } catch (err) {
      if (demo.alive) demo.fail(err);
    } finally {
      run.disabled = false;
    }
  }

  steps.input.addEventListener('change', () => {
    if (demo.set('steps', steps.input.value)) demo.save();
  });
  detail.input.addEventListener('change', () => {
    if (!demo.set('detail', detail.input.value)) return;
    demo.save();
    render();
  });
  return { node, render };
}
