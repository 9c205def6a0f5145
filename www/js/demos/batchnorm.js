// Batch normalization lab: Algorithm 1 (Ioffe & Szegedy 2015) stepped on a mini-batch; train
// vs eval mode (running statistics vs the test batch's own, and batch size 1); BN as a cure for
// a bad initialization or a high learning rate, trained side by side in the worker.
import { mountShell, onReady, showError, clearError } from '../shell.js';
import { loadCore } from '../wasm.js';
import { readState, writeState } from '../state.js';
import { loadDigits } from '../lib/digits.js';
import { el, selectField, numberField } from '../lib/dom.js';
import { rangeField } from '../lib/range-field.js';
import { trainInWorker, drawCurves, section, chartCanvas, chartLegend, fmt } from '../lib/lab-kit.js';

const SCHEMA = {
  values: { type: 'floatList', minLength: 1, maxLength: 16, min: -1e6, max: 1e6, default: [1, 2, 3, 4] },
  gamma: { type: 'float', min: -100, max: 100, default: 1 },
  beta: { type: 'float', min: -100, max: 100, default: 0 },
  eps: { type: 'float', min: 0, max: 10, default: 0.00001 },
  step: { type: 'int', min: 0, max: 4, default: 1 },
  trainSteps: { type: 'int', min: 50, max: 1000, default: 300 },
  testBatch: { type: 'int', min: 1, max: 200, default: 100 },
  cure: { type: 'enum', values: ['small', 'large', 'highLr'], default: 'small' },
  seed: { type: 'int', min: 1, max: 50, default: 1 },
};
const CURES = [['small', 'bad init: small N(0, 0.01²), tanh'], ['large', 'bad init: too large N(0, 1), tanh'], ['highLr', 'high learning rate 1.0, sigmoid, Xavier']];
const UNITS = 6;
const EVAL_LIMIT = 200;
const BN_LAYER = 2;

const { content } = mountShell({
  title: 'Batch normalization',
  description: 'Algorithm 1 line by line, what changes between training and model.eval(), and BN rescuing a deep net that would not train.',
});

const smallNet = (seed) => ({ input: [1, 28, 28], seed, layers: [
  { kind: 'flatten' }, { kind: 'dense', outFeatures: 16 }, { kind: 'batchNorm', eps: 1e-5 },
  { kind: 'activation', activation: { kind: 'relu' } }, { kind: 'dense', outFeatures: 10 }] });
const trainConfig = (seed, lr = 0.05) => ({ optimizer: { kind: 'sgd', lr, momentum: 0.9, weightDecay: 0 }, batchSize: 32, seed });

function deepNet(cure, bn, seed) {
  const init = cure === 'small' ? { kind: 'normal', std: 0.01 } : cure === 'large' ? { kind: 'normal', std: 1 } : { kind: 'xavierNormal' };
  const act = cure === 'highLr' ? 'sigmoid' : 'tanh';
  const layers = [{ kind: 'flatten' }];
  for (let i = 0; i < 6; i += 1) {
    layers.push({ kind: 'dense', outFeatures: 32, weightInit: init });
    if (bn) layers.push({ kind: 'batchNorm' });
    layers.push({ kind: 'activation', activation: { kind: act } });
  }
  layers.push({ kind: 'dense', outFeatures: 10, weightInit: init });
  return { input: [1, 28, 28], seed, layers };
}

const list = (xs) => Array.from(xs, fmt).join(', ');

onReady(async () => {
  const core = await loadCore();
  const { state, problems } = readState(SCHEMA);
  if (problems.length) showError(problems.join(' '));
  const save = () => writeState(state, SCHEMA);

  // 1. Algorithm 1, stepped.
  const algo = section('Algorithm 1, step by step', 'Type a mini-batch of values of one activation x, set γ, β and ε, and step through the four lines of the Batch Normalizing Transform.');
  const valuesField = el('label', { class: 'field' }, [el('span', { class: 'field-label', text: 'Mini-batch x₁…xₘ (comma-separated)' }),
    el('input', { type: 'text', inputmode: 'decimal', id: 'bn-values', value: state.values.join(', ') })]);
  const gamma = numberField('γ', { min: -100, max: 100, step: 0.1, value: state.gamma });
  const beta = numberField('β', { min: -100, max: 100, step: 0.1, value: state.beta });
  const eps = numberField('ε', { min: 0, max: 10, step: 0.00001, value: state.eps });
  const prev = el('button', { type: 'button', class: 'secondary', text: '◀ Previous line' });
  const next = el('button', { type: 'button', text: 'Next line ▶' });
  const lines = [
    ['μ_B ← (1/m) Σᵢ xᵢ', 'mini-batch mean', 'bn-mean'],
    ['σ²_B ← (1/m) Σᵢ (xᵢ − μ_B)²', 'mini-batch variance', 'bn-var'],
    ['x̂ᵢ ← (xᵢ − μ_B) / √(σ²_B + ε)', 'normalize', 'bn-xhat'],
    ['yᵢ ← γ x̂ᵢ + β ≡ BN_γ,β(xᵢ)', 'scale and shift', 'bn-y'],
  ].map(([formula, note, id]) => {
    const values = el('output', { class: 'algo-values', id, 'aria-live': 'polite' });
    return { li: el('li', {}, [`${formula}   // ${note}`, values]), values };
  });
  const algoList = el('ol', { class: 'algo', tabindex: '0', 'aria-label': 'Algorithm 1; left and right arrow keys step through it' }, lines.map((l) => l.li));
  algo.append(el('div', { class: 'controls' }, [valuesField, gamma.label, beta.label, eps.label]), el('div', { class: 'lab-buttons' }, [prev, next]), algoList);

  function renderAlgo() {
    const input = valuesField.querySelector('input').value;
    const values = input.split(',').map((t) => t.trim()).filter((t) => t !== '').map(Number);
    if (!values.length || values.some((v) => !Number.isFinite(v))) return showError('The mini-batch must be numbers separated by commas, e.g. 1, 2, 3, 4.');
    const g = Number(gamma.control.value), b = Number(beta.control.value), e = Number(eps.control.value);
    let r;
    try { r = core.batchNormSteps(new Float32Array(values), g, b, e); } catch (err) { return showError(err); }
    clearError();
    Object.assign(state, { values, gamma: g, beta: b, eps: e });
    save();
    const shown = [fmt(r.mean), fmt(r.variance), list(r.xHat), list(r.y)];
    lines.forEach((l, i) => {
      l.values.textContent = `= ${shown[i]}`;
      l.values.setAttribute('aria-label', `${['mean', 'variance', 'normalized values', 'outputs'][i]}: ${shown[i]}`);
      l.li.className = i < state.step - 1 ? 'done' : i === state.step - 1 ? 'current' : 'pending';
    });
    prev.disabled = state.step === 0;
    next.disabled = state.step === 4;
  }
  const move = (d) => { state.step = Math.min(4, Math.max(0, state.step + d)); renderAlgo(); };
  prev.addEventListener('click', () => move(-1));
  next.addEventListener('click', () => move(1));
  algoList.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') { move(1); e.preventDefault(); }
    if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') { move(-1); e.preventDefault(); }
  });
  for (const c of [valuesField.querySelector('input'), gamma.control, beta.control, eps.control]) c.addEventListener('input', renderAlgo);

  // 2. Train vs eval.
  const modes = section('Training mode vs evaluation mode', 'A small net (flatten → dense 16 → BN → ReLU → dense 10) is trained in the worker. In training mode BN uses each mini-batch’s statistics and updates running averages; model.eval() switches to the running statistics — or, optionally, to the test batch’s own.');
  const trainSteps = rangeField('Training steps', { min: 50, max: 1000, step: 50, value: state.trainSteps });
  const testBatch = rangeField('Test batch size', { min: 1, max: 200, value: state.testBatch });
  const retrain = el('button', { type: 'button', text: 'Train again' });
  const modeStatus = el('p', { class: 'lab-status', role: 'status', 'aria-live': 'polite' });
  const statsBox = el('div', { class: 'lab-table-wrap' });
  const evalBox = el('div', { class: 'lab-table-wrap' });
  const sizesBox = el('div', { class: 'lab-table-wrap' });
  modes.append(el('div', { class: 'controls' }, [trainSteps.label, testBatch.label, retrain]), modeStatus,
    el('h3', { text: 'Running statistics vs a training batch (the first 32 training digits)' }), statsBox,
    el('h3', { text: 'Which statistics does the eval-mode output use?' }), evalBox,
    el('h3', { text: 'Test accuracy by test batch size' }), sizesBox);

  const td = (text, id, aria) => el('td', { text, id, 'aria-label': aria });
  const table = (head, rows) => el('table', {}, [el('thead', {}, [el('tr', {}, head.map((h) => el('th', { scope: 'col', text: h })))]),
    el('tbody', {}, rows.map((r) => el('tr', {}, r)))]);

  let net = null;
  let digits = null;
  function measure() {
    const B = state.testBatch;
    net.probe(digits, 32); // a forward pass in training mode (it also updates the running averages)
    const buf = net.buffers(BN_LAYER);
    const train = net.statistics(BN_LAYER); // what normalized that training batch: its own μ_B, σ²_B
    statsBox.replaceChildren(table(['unit', 'running μ', 'training batch μ', 'running σ²', 'training batch σ²'], Array.from({ length: UNITS }, (_, j) => [
      el('th', { scope: 'row', text: String(j) }), td(fmt(buf.runningMean[j]), `run-mean-${j}`), td(fmt(train.batchMean[j])), td(fmt(buf.runningVar[j]), `run-var-${j}`), td(fmt(train.batchVar[j]))])));
    // Eval mode, running statistics: the layer reports the μ and σ² that normalized the test batch.
    net.setEvalStatistics('running');
    net.evaluate(digits, 'test', Math.max(2, B), Math.max(2, B));
    const used = net.statistics(BN_LAYER);
    const means = [], vars = [];
    for (let j = 0; j < UNITS; j += 1) {
      const unit = el('th', { scope: 'row', text: String(j) });
      means.push([unit, td(fmt(used.usedMean[j]), `used-mean-${j}`, `unit ${j}: mean used in eval mode ${fmt(used.usedMean[j])}`), td(fmt(buf.runningMean[j])), td(fmt(used.batchMean[j]))]);
      vars.push([unit.cloneNode(true), td(fmt(used.usedVar[j]), `used-var-${j}`, `unit ${j}: variance used in eval mode ${fmt(used.usedVar[j])}`), td(fmt(buf.runningVar[j])), td(fmt(used.batchVar[j]))]);
    }
    evalBox.replaceChildren(el('p', { text: `Reported by the BN layer for a test batch of ${Math.max(2, B)} in eval mode (running statistics): the μ and σ² it used are the running ones, not the test batch’s.` }),
      el('div', { class: 'table-pair' }, [table(['unit', 'μ used', 'running μ', 'test batch μ'], means), table(['unit', 'σ² used', 'running σ²', 'test batch σ²'], vars)]));
    const sizes = [...new Set([1, 2, 4, 16, B])].sort((p, q) => p - q);
    const acc = (which, n) => { net.setEvalStatistics(which); return net.evaluate(digits, 'test', EVAL_LIMIT, n).accuracy; };
    sizesBox.replaceChildren(el('p', { text: `Accuracy on ${EVAL_LIMIT} test digits, evaluated in batches of the given size.` }),
      table(['test batch size', 'running statistics', 'test batch’s own'], sizes.map((n) => [el('th', { scope: 'row', text: String(n) }),
        td(fmt(acc('running', n)), `acc-running-${n}`), td(fmt(acc('batch', n)), `acc-batch-${n}`, `batch size ${n}, batch statistics: accuracy ${fmt(acc('batch', n))}`)])));
    net.setEvalStatistics('running');
  }

  async function trainSmall() {
    retrain.disabled = true;
    modeStatus.textContent = 'Training in the background…';
    try {
      const [r] = await trainInWorker([{ model: smallNet(state.seed), train: trainConfig(state.seed), steps: state.trainSteps, chunk: 50 }],
        (p) => { modeStatus.textContent = `step ${p.step} of ${state.trainSteps}, training loss ${fmt(p.loss)}`; });
      if (r.error) throw new Error(r.error);
      digits ??= await loadDigits(core);
      net?.free();
      net = core.Trainer.load(r.bytes, trainConfig(state.seed));
      measure();
      modeStatus.textContent = `Trained for ${state.trainSteps} steps; final training loss ${fmt(r.curve.at(-1).loss)}.`;
    } catch (err) { showError(err); } finally { retrain.disabled = false; }
  }
  retrain.addEventListener('click', () => { state.trainSteps = Number(trainSteps.control.value); save(); trainSmall(); });
  testBatch.control.addEventListener('change', () => { state.testBatch = Number(testBatch.control.value); save(); if (net) measure(); });

  // 3. BN as a cure.
  const cure = section('BN as a cure', 'The same 6-layer network (32 units per layer), trained with and without a BN layer after every dense layer, on identical data.');
  const cureSel = selectField('Problem', CURES, state.cure);
  const go = el('button', { type: 'button', text: 'Train both' });
  const cureStatus = el('p', { class: 'lab-status', role: 'status', 'aria-live': 'polite' });
  const curves = chartCanvas(720, 300, 'Training loss with and without batch normalization');
  const cureResult = el('p', { class: 'lab-result', id: 'cure-results' });
  cure.append(el('div', { class: 'controls' }, [cureSel.label, go]), chartLegend([['c-blue', 'without BN'], ['c-orange', 'with BN (dashed)']]), cureStatus, curves, cureResult);
  cureSel.control.addEventListener('change', () => { state.cure = cureSel.control.value; save(); });
  go.addEventListener('click', async () => {
    go.disabled = true;
    const lr = state.cure === 'highLr' ? 1 : 0.05;
    const series = [0, 1].map((i) => ({ values: [], colour: i ? '--cat-vermillion' : '--cat-blue', dash: i === 1 }));
    try {
      const out = await trainInWorker([false, true].map((bn) => ({ model: deepNet(state.cure, bn, state.seed), train: trainConfig(state.seed, lr), steps: 300, chunk: 10, evalLimit: 500 })),
        (p) => { series[p.job].values.push(p); drawCurves(curves, series); cureStatus.textContent = `${p.job ? 'with' : 'without'} BN: step ${p.step}, loss ${fmt(p.loss)}`; });
      cureStatus.textContent = 'Done.';
      cureResult.textContent = out.map((r, i) => `${i ? 'With' : 'Without'} BN: ${r.error ?? `final loss ${fmt(r.curve.at(-1).loss)}, test accuracy ${fmt(r.test.accuracy)}`}`).join(' · ');
    } catch (err) { showError(err); } finally { go.disabled = false; }
  });

  content.append(el('div', { class: 'lab' }, [algo, modes, cure]));
  renderAlgo();
  cureStatus.textContent = 'Press “Train both” (300 steps each, in the background).';
  drawCurves(curves, []);
  await trainSmall();
});
