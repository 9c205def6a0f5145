// Dropout before batch norm: the variance shift of Li et al. (2018). Inverted dropout with rate p
// scales activations by 1/(1−p) in training only, so the variance a BN layer sees in training
// (and stores as its running variance) is larger than at test time. Measured on small nets
// trained in the worker, with the paper's two remedies: dropout only after the last BN block,
// and the variance-stable uniform-noise dropout.
import { mountShell, onReady, showError } from '../shell.js';
import { loadCore } from '../wasm.js';
import { readState, writeState } from '../state.js';
import { loadDigits } from '../lib/digits.js';
import { el, selectField } from '../lib/dom.js';
import { rangeField } from '../lib/range-field.js';
import { trainInWorker, drawCurves, section, chartCanvas, chartLegend, fmt } from '../lib/lab-kit.js';

const PS = [0, 0.1, 0.3, 0.5];
const SCHEMA = {
  p: { type: 'float', min: 0, max: 0.9, default: 0.5 },
  beta: { type: 'float', min: 0, max: 1, default: 0.5 },
  steps: { type: 'int', min: 50, max: 1000, default: 200 },
  detail: { type: 'enum', values: PS.map(String), default: '0.5' },
  seed: { type: 'int', min: 1, max: 50, default: 1 },
};
const VARIANTS = [
  ['before', 'dropout before BN', 'c-blue', '--cat-blue', 'before BN'],
  ['after', 'remedy 1: dropout only after the last BN block', 'c-orange', '--cat-vermillion', 'remedy 1: after last BN'],
  ['uniform', 'remedy 2: uniform-noise dropout (β = p) before BN', 'c-green', '--cat-green', 'remedy 2: uniform noise'],
];
const PROBE = 256;
const UNITS = 6;

const { content } = mountShell({
  title: 'Dropout and batch norm',
  description: 'Why dropout before a BN layer hurts at test time — the variance shift of Li et al. (2018) — and the two remedies, measured.',
});

/** flatten → dense 64 → ReLU → [dropout] → dense 32 → BN → ReLU → [dropout] → dense 10. */
function model(variant, p, seed) {
  const drop = { kind: 'dropout', dropout: variant === 'uniform' ? { kind: 'uniformNoise', beta: p } : { kind: 'inverted', p } };
  const layers = [{ kind: 'flatten' }, { kind: 'dense', outFeatures: 64 }, { kind: 'activation', activation: { kind: 'relu' } }];
  if (variant !== 'after') layers.push(drop);
  layers.push({ kind: 'dense', outFeatures: 32 }, { kind: 'batchNorm' }, { kind: 'activation', activation: { kind: 'relu' } });
  if (variant === 'after') layers.push(drop);
  layers.push({ kind: 'dense', outFeatures: 10 });
  return { input: [1, 28, 28], seed, layers };
}
const bnIndex = (variant) => (variant === 'after' ? 4 : 5);
const trainConfig = (seed) => ({ optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0 }, batchSize: 32, seed });

onReady(async () => {
  const core = await loadCore();
  const { state, problems } = readState(SCHEMA);
  if (problems.length) showError(problems.join(' '));
  const save = () => writeState(state, SCHEMA);
  const td = (text, id, aria) => el('td', { text, id, 'aria-label': aria });
  const table = (head, rows) => el('table', {}, [el('thead', {}, [el('tr', {}, head.map((h) => el('th', { scope: 'col', text: h })))]),
    el('tbody', {}, rows.map((r) => el('tr', {}, r)))]);

  // 1. The analytic shift.
  const theory = section('The shift, in theory', 'For one unit x with mean μ and variance σ² the core computes the variance after dropout in training and at test time (no dropout). Inverted dropout: train/test > 1, growing with p. Uniform noise x·(1 + u), u ~ U[−β, β], keeps it close to 1.');
  const p = rangeField('Dropout rate p', { min: 0, max: 0.9, step: 0.05, value: state.p });
  const beta = rangeField('Uniform-noise β', { min: 0, max: 1, step: 0.05, value: state.beta });
  const theoryBox = el('div', { class: 'lab-table-wrap' });
  theory.append(el('div', { class: 'controls' }, [p.label, beta.label]), theoryBox);
  function renderTheory() {
    state.p = Number(p.control.value);
    state.beta = Number(beta.control.value);
    save();
    const rows = [...new Set([...PS, 0.7, state.p])].sort((a, b) => a - b).map((q) => {
      const s = core.varianceShift({ kind: 'inverted', p: q }, 0, 1);
      return [el('th', { scope: 'row', text: `inverted, p = ${fmt(q)}` }), td(fmt(s.trainVariance)), td(fmt(s.testVariance)),
        td(fmt(1 / s.ratio), `theory-ratio-${q}`, `inverted dropout p ${fmt(q)}: train over test variance ${fmt(1 / s.ratio)}`)];
    });
    const u = core.varianceShift({ kind: 'uniformNoise', beta: state.beta }, 0, 1);
    rows.push([el('th', { scope: 'row', text: `uniform noise, β = ${fmt(state.beta)}` }), td(fmt(u.trainVariance)), td(fmt(u.testVariance)),
      td(fmt(1 / u.ratio), 'theory-ratio-uniform', `uniform noise: train over test variance ${fmt(1 / u.ratio)}`)]);
    theoryBox.replaceChildren(el('p', { text: 'For x ~ N(0, 1), as in the paper:' }), table(['dropout', 'Var train', 'Var test', 'train / test'], rows));
  }
  for (const c of [p.control, beta.control]) c.addEventListener('input', renderTheory);

  // 2. Measured on trained nets.
  const exp = section('The shift, measured', 'Twelve small nets — three placements × p ∈ {0, 0.1, 0.3, 0.5} — are trained in the background on the same digits. For each, the variance of the BN layer’s input is measured in training mode (a probe on 256 training digits) and in eval mode (256 test digits); test accuracy uses the running statistics.');
  const steps = rangeField('Training steps per net', { min: 50, max: 1000, step: 50, value: state.steps });
  const detail = selectField('Per-unit detail for p', PS.map((q) => [String(q), String(q)]), state.detail);
  const run = el('button', { type: 'button', text: 'Train the 12 nets' });
  const status = el('p', { class: 'lab-status', role: 'status', 'aria-live': 'polite' });
  const accChart = chartCanvas(720, 300, 'Test accuracy against dropout rate p for the three placements');
  const ratioChart = chartCanvas(720, 300, 'Train over test variance of the BN input against p for the three placements');
  const sweepBox = el('div', { class: 'lab-table-wrap', id: 'sweep' });
  const unitBox = el('div', { class: 'lab-table-wrap' });
  exp.append(el('div', { class: 'controls' }, [steps.label, detail.label, run]), status,
    chartLegend(VARIANTS.map(([, name, cls]) => [cls, name])),
    el('div', { class: 'curve-grid' }, [el('figure', {}, [accChart, el('figcaption', { text: 'Test accuracy (500 test digits) against p' })]),
      el('figure', {}, [ratioChart, el('figcaption', { text: 'Var(BN input) train / test against p' })])]),
    sweepBox, el('h3', { text: 'Per unit: running variance vs train and test batches (dropout before BN)' }), unitBox);
  steps.control.addEventListener('change', () => { state.steps = Number(steps.control.value); save(); });

  let results = null;
  let digits = null;
  const column = (t, j) => { const c = t.shape[1]; return Float32Array.from({ length: t.shape[0] }, (_, b) => t.data[b * c + j]); };

  function measureNet(bytes, variant) {
    const net = core.Trainer.load(bytes, trainConfig(state.seed));
    try {
      const feed = bnIndex(variant) - 1;
      const running = net.buffers(bnIndex(variant)).runningVar;
      net.probe(digits, PROBE);
      const train = net.layerStats(feed, 'activations', 2).summary.variance;
      const trainCols = Array.from({ length: UNITS }, (_, j) => core.batchNormSteps(column(net.activations(feed), j), 1, 0, 1e-5).variance);
      net.evaluate(digits, 'test', PROBE, PROBE);
      const test = net.layerStats(feed, 'activations', 2).summary.variance;
      const testCols = Array.from({ length: UNITS }, (_, j) => core.batchNormSteps(column(net.activations(feed), j), 1, 0, 1e-5).variance);
      return { train, test, ratio: train / test, running: Array.from(running.slice(0, UNITS)), trainCols, testCols };
    } finally {
      net.free();
    }
  }

  function renderResults() {
    if (!results) return;
    const series = (key) => VARIANTS.map(([v, , , colour]) => ({ colour, values: results.filter((r) => r.variant === v && Number.isFinite(r[key])).map((r) => ({ step: r.p, [key]: r[key] })) }));
    drawCurves(accChart, series('accuracy'), { key: 'accuracy', yMin: 0, yMax: 1, xMax: 0.5, xLabel: () => 'p = 0.5', dots: true });
    drawCurves(ratioChart, series('ratio'), { key: 'ratio', yMin: 0, xMax: 0.5, xLabel: () => 'p = 0.5', dots: true });
    sweepBox.replaceChildren(table(['placement', 'p', 'test accuracy', 'Var train', 'Var test', 'train / test'], results.map((r) => [
      el('th', { scope: 'row', text: VARIANTS.find(([v]) => v === r.variant)[4] }), td(fmt(r.p)),
      td(r.error ?? fmt(r.accuracy), `acc-${r.variant}-${r.p}`), td(fmt(r.train)), td(fmt(r.test)),
      td(fmt(r.ratio), `ratio-${r.variant}-${r.p}`, `${r.variant}, p ${fmt(r.p)}: train over test variance ${fmt(r.ratio)}`)])));
    const d = results.find((r) => r.variant === 'before' && String(r.p) === detail.control.value);
    unitBox.replaceChildren(d?.running ? table(['unit', 'running σ²', 'train batch σ²', 'test batch σ²'], d.running.map((v, j) => [
      el('th', { scope: 'row', text: String(j) }), td(fmt(v), `unit-running-${j}`), td(fmt(d.trainCols[j])), td(fmt(d.testCols[j]), `unit-test-${j}`)])) : el('p', { text: 'No result for this p.' }));
  }
  detail.control.addEventListener('change', () => { state.detail = detail.control.value; save(); renderResults(); });

  run.addEventListener('click', async () => {
    run.disabled = true;
    const jobs = VARIANTS.flatMap(([v]) => PS.map((q) => ({ variant: v, p: q })));
    try {
      digits ??= await loadDigits(core);
      const out = await trainInWorker(jobs.map((j) => ({ model: model(j.variant, j.p, state.seed), train: trainConfig(state.seed), steps: state.steps, chunk: 50, evalLimit: 500 })),
        (msg) => { if (msg.step === state.steps) status.textContent = `trained ${msg.job + 1} of ${jobs.length} nets`; });
      results = jobs.map((j, i) => (out[i].error ? { ...j, error: out[i].error } : { ...j, accuracy: out[i].test.accuracy, ...measureNet(out[i].bytes, j.variant) }));
      status.textContent = `Done: ${jobs.length} nets, ${state.steps} steps each.`;
      renderResults();
    } catch (err) { showError(err); } finally { run.disabled = false; }
  });

  status.textContent = 'Not trained yet: press “Train the 12 nets” (it runs in the background).';
  unitBox.append(el('p', { text: 'Appears after training.' }));
  content.append(el('div', { class: 'lab' }, [theory, exp]));
  renderTheory();
  for (const c of [accChart, ratioChart]) drawCurves(c, [], { xMax: 0.5, xLabel: () => 'p = 0.5' });
});
