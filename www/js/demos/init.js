// Weight initialization lab: a deep MLP on real digits under zero, small, too large, standard,
// Xavier, He and LeCun initialization. Per-layer histograms of activations and back-propagated
// gradients (Glorot & Bengio 2010, Figures 6–7), the variance argument Var(s) = n·Var(w)·Var(x),
// the symmetry of zero init, and two initializations trained side by side in a worker.
import { mountShell, onReady, showError, clearError } from '../shell.js';
import { loadCore } from '../wasm.js';
import { readState, writeState } from '../state.js';
import { loadDigits } from '../lib/digits.js';
import { el, selectField } from '../lib/dom.js';
import { rangeField } from '../lib/range-field.js';
import { trainInWorker, drawBars, drawCurves, section, chartCanvas, chartLegend, fmt } from '../lib/lab-kit.js';

const INITS = [
  ['zeros', 'zeros'], ['small', 'small random N(0, σ²)'], ['large', 'too large N(0, 1)'],
  ['standard', 'standard U[−1/√n, 1/√n]'], ['xavierNormal', 'Xavier normal'], ['xavierUniform', 'Xavier uniform'],
  ['heNormal', 'He normal'], ['lecunNormal', 'LeCun normal'],
];
const INIT_KEYS = INITS.map(([k]) => k);
const SCHEMA = {
  depth: { type: 'int', min: 1, max: 10, default: 5 },
  width: { type: 'int', min: 8, max: 256, default: 64 },
  act: { type: 'enum', values: ['tanh', 'sigmoid', 'relu'], default: 'tanh' },
  init: { type: 'enum', values: INIT_KEYS, default: 'standard' },
  sigma: { type: 'float', min: 0.001, max: 0.5, default: 0.01 },
  bias: { type: 'enum', values: ['0', '0.01'], default: '0' },
  other: { type: 'enum', values: INIT_KEYS, default: 'xavierNormal' },
  steps: { type: 'int', min: 50, max: 600, default: 300 },
  lr: { type: 'enum', values: ['0.01', '0.05', '0.1', '0.5'], default: '0.05' },
  seed: { type: 'int', min: 1, max: 50, default: 1 },
};
const PROBE = 128;
const BINS = 31;
const label = (key) => INITS.find(([k]) => k === key)[1];

const { content } = mountShell({
  title: 'Weight initialization',
  description: 'A deep network on real digits: how the initial weights set the variance of every layer — and why zeros never learn.',
});

function weightInit(kind, sigma) {
  if (kind === 'small') return { kind: 'normal', std: sigma };
  if (kind === 'large') return { kind: 'normal', std: 1 };
  return { kind };
}

function modelConfig(s, kind) {
  const init = weightInit(kind, s.sigma);
  const biasInit = { kind: 'constant', value: Number(s.bias) };
  const layers = [{ kind: 'flatten' }];
  for (let i = 0; i < s.depth; i += 1) {
    layers.push({ kind: 'dense', outFeatures: s.width, weightInit: init, biasInit });
    layers.push({ kind: 'activation', activation: { kind: s.act } });
  }
  layers.push({ kind: 'dense', outFeatures: 10, weightInit: init, biasInit });
  return { input: [1, 28, 28], seed: s.seed, layers };
}
const trainConfig = (s) => ({ optimizer: { kind: 'sgd', lr: Number(s.lr), momentum: 0.9, weightDecay: 0 }, batchSize: 32, seed: s.seed });

onReady(async () => {
  const core = await loadCore();
  const digits = await loadDigits(core);
  const { state, problems } = readState(SCHEMA);
  if (problems.length) showError(problems.join(' '));

  // Controls.
  const f = {
    depth: rangeField('Depth (hidden layers)', { min: 1, max: 10, value: state.depth }),
    width: rangeField('Width (units per layer)', { min: 8, max: 256, step: 8, value: state.width }),
    act: selectField('Activation', [['tanh', 'tanh'], ['sigmoid', 'sigmoid'], ['relu', 'ReLU']], state.act),
    init: selectField('Initialization', INITS, state.init),
    sigma: rangeField('σ of small random', { min: 0.001, max: 0.5, step: 0.001, value: state.sigma }),
    bias: selectField('Bias', [['0', '0'], ['0.01', '0.01']], state.bias),
    seed: rangeField('Seed', { min: 1, max: 50, value: state.seed }),
  };
  const controls = el('div', { class: 'controls' }, Object.values(f).map((x) => x.label));
  const intro = section('The network', `flatten → (dense + activation) × depth → dense 10, probed (forward and backward, no update) on the first ${PROBE} training digits.`);
  intro.append(controls);

  const varSec = section('The variance argument', 'Var(s) = n·Var(w)·Var(x) for each layer s = Σ wᵢxᵢ over n inputs (n = fan-in) (exact for zero-mean inputs; the first layer sees pixels, which are not). Standard init gives n·Var(w) = 1/3, so the variance shrinks layer by layer; Xavier and LeCun keep n·Var(w) = 1, He 2 (for ReLU).');
  const varTable = el('div', { class: 'lab-table-wrap' });
  varSec.append(varTable);

  const histSec = section('Histograms per layer', 'Normalized histograms (fractions) on one shared range per row, as in Glorot & Bengio (2010), Figures 6 and 7. With tanh and standard init the gradients’ peak at zero changes with depth; Xavier keeps the layers alike.');
  const actRange = el('p', { class: 'hist-range' });
  const actGrid = el('div', { class: 'hist-grid', id: 'act-hists' });
  const gradRange = el('p', { class: 'hist-range' });
  const gradGrid = el('div', { class: 'hist-grid', id: 'grad-hists' });
  histSec.append(el('h3', { text: 'Activations (layer outputs)' }), actRange, actGrid,
    el('h3', { text: 'Back-propagated gradients ∂C/∂s' }), gradRange, gradGrid);

  const symSec = section('Zero init: symmetry never breaks', 'Both networks take 10 SGD steps. The spread is the largest difference between the weights of two units of the same layer (core: unitSpread). 0 means every hidden unit is an identical copy.');
  const symTable = el('div', { class: 'lab-table-wrap' });
  symSec.append(symTable);

  const trainSec = section('Train two initializations side by side', 'Both runs see the same digits in the same order (same seed); the training runs in a background worker.');
  const other = selectField('Compare with', INITS, state.other);
  const steps = rangeField('Steps', { min: 50, max: 600, step: 50, value: state.steps });
  const lr = selectField('Learning rate', SCHEMA.lr.values.map((v) => [v, v]), state.lr);
  const go = el('button', { type: 'button', text: 'Train both' });
  const status = el('p', { class: 'lab-status', role: 'status', 'aria-live': 'polite' });
  const curves = chartCanvas(720, 300, 'Training loss of both initializations against steps');
  const legendBox = el('div');
  const results = el('p', { class: 'lab-result', id: 'train-results' });
  trainSec.append(el('div', { class: 'controls' }, [other.label, steps.label, lr.label, go]), status, legendBox, curves, results);

  content.append(el('div', { class: 'lab' }, [intro, varSec, histSec, symSec, trainSec]));

  function read() {
    return {
      depth: Number(f.depth.control.value), width: Number(f.width.control.value), act: f.act.control.value,
      init: f.init.control.value, sigma: Number(f.sigma.control.value), bias: f.bias.control.value,
      seed: Number(f.seed.control.value), other: other.control.value, steps: Number(steps.control.value), lr: lr.control.value,
    };
  }

  function table(head, rows) {
    return el('table', {}, [
      el('thead', {}, [el('tr', {}, head.map((h) => el('th', { scope: 'col', text: h })))]),
      el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c) => (c instanceof Node ? c : el('td', { text: c })))))),
    ]);
  }
  const cell = (text, id, aria, cls) => el('td', { text, id, 'aria-label': aria, class: cls });

  function histograms(grid, rangeBox, trainer, layers, what, colour) {
    const data = layers.map((L) => (what === 'activations' ? trainer.activations(L) : trainer.inputGradients(L)).data);
    const stats = layers.map((L) => trainer.layerStats(L, what, 2).summary);
    const m = Math.max(...stats.map((s) => Math.max(Math.abs(s.min), Math.abs(s.max))).filter(Number.isFinite));
    const half = Number.isFinite(m) && m > 0 ? m : 1;
    const hists = data.map((d) => core.histogram(d, BINS, -half, half).fractions);
    const yMax = Math.max(...hists.flat(), 1e-9);
    rangeBox.textContent = `x axis from −${fmt(half)} to ${fmt(half)} (dashed line at 0); bar height as a fraction of the values, common scale up to ${fmt(yMax)}.`;
    grid.replaceChildren(...hists.map((fr, i) => {
      const canvas = chartCanvas(180, 90, `Layer ${i + 1} ${what}: histogram, variance ${fmt(stats[i].variance)}`);
      drawBars(canvas, fr, { colour, yMax });
      return el('figure', {}, [canvas, el('figcaption', { id: `${what}-var-${i + 1}`, text: `layer ${i + 1} · Var ${fmt(stats[i].variance)}` })]);
    }));
  }

  // 10 SGD steps for zero init and a random init, in the worker; unitSpread read on the result.
  async function spreads(s, kinds) {
    const out = await trainInWorker(kinds.map((k) => ({ model: modelConfig(s, k), train: trainConfig(s), steps: 10, chunk: 10 })));
    return out.map((r) => {
      if (r.error) return Array(s.depth).fill(`diverged (${r.error.split(';')[0]})`);
      const t = core.Trainer.load(r.bytes, trainConfig(s));
      try { return Array.from({ length: s.depth }, (_, i) => t.unitSpread(1 + 2 * i)); } finally { t.free(); }
    });
  }
  let token = 0;

  function render(first = false) {
    const s = read();
    writeState(s, SCHEMA);
    if (!first) clearError();
    const trainer = new core.Trainer(modelConfig(s, s.init), trainConfig(s));
    try {
      trainer.probe(digits, PROBE);
      const dense = Array.from({ length: s.depth }, (_, i) => 1 + 2 * i);
      const rows = dense.map((L, i) => {
        const n = i === 0 ? 784 : s.width;
        const w = core.initWeights(weightInit(s.init, s.sigma), [s.width, n], s.seed);
        const vx = trainer.layerStats(L - 1, 'activations', 2).summary.variance;
        const vs = trainer.layerStats(L, 'activations', 2).summary.variance;
        const k = i + 1;
        return [el('th', { scope: 'row', text: String(k) }), String(n),
          cell(fmt(w.fanInTimesVariance), `nvarw-${k}`, `layer ${k}: n times Var(w) = ${fmt(w.fanInTimesVariance)}`),
          cell(fmt(vx), `varx-${k}`, `layer ${k}: Var(x) = ${fmt(vx)}`),
          cell(fmt(w.fanInTimesVariance * vx), `pred-${k}`, `layer ${k}: n·Var(w)·Var(x) = ${fmt(w.fanInTimesVariance * vx)}`),
          cell(fmt(vs), `vars-${k}`, `layer ${k}: measured Var(s) = ${fmt(vs)}`)];
      });
      varTable.replaceChildren(table(['layer', 'n', 'n·Var(w)', 'Var(x)', 'n·Var(w)· Var(x)', 'Var(s) measured'], rows));
      const acts = dense.map((L) => L + 1);
      histograms(actGrid, actRange, trainer, acts, 'activations', '--cat-blue');
      histograms(gradGrid, gradRange, trainer, acts, 'gradients', '--cat-vermillion');
    } finally {
      trainer.free();
    }
    const contrast = s.init === 'zeros' ? 'xavierNormal' : s.init;
    const mine = ++token;
    symTable.setAttribute('aria-busy', 'true');
    spreads(s, ['zeros', contrast]).then(([zero, rnd]) => {
      if (mine !== token) return;
      symTable.removeAttribute('aria-busy');
      symTable.replaceChildren(table(['layer', 'zeros: spread', `${label(contrast)}: spread`], zero.map((z, i) => [
      el('th', { scope: 'row', text: String(i + 1) }),
      cell(typeof z === 'string' ? z : fmt(z), `spread-zero-${i + 1}`, `layer ${i + 1}, zero init: unit spread ${typeof z === 'string' ? z : fmt(z)}`, z === 0 ? 'zero' : ''),
      cell(typeof rnd[i] === 'string' ? rnd[i] : fmt(rnd[i]), `spread-random-${i + 1}`, `layer ${i + 1}, ${label(contrast)}: unit spread ${typeof rnd[i] === 'string' ? rnd[i] : fmt(rnd[i])}`),
    ])));
    }, showError);
  }

  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      try { render(); } catch (err) { showError(err); }
    });
  };
  // Sliders recompute when released (or on each key press); selects at once.
  for (const x of [...Object.values(f), other, steps, lr]) x.control.addEventListener(x.control.type === 'range' ? 'change' : 'input', schedule);

  let running = false;
  go.addEventListener('click', async () => {
    if (running) return;
    running = true;
    go.disabled = true;
    const s = read();
    const kinds = [s.init, s.other];
    const series = kinds.map((k, i) => ({ values: [], colour: i ? '--cat-vermillion' : '--cat-blue', dash: i === 1 }));
    legendBox.replaceChildren(chartLegend([['c-blue', label(kinds[0])], ['c-orange', `${label(kinds[1])} (dashed)`]]));
    results.textContent = '';
    try {
      const out = await trainInWorker(kinds.map((k) => ({ model: modelConfig(s, k), train: trainConfig(s), steps: s.steps, chunk: 10, evalLimit: 500 })), (p) => {
        series[p.job].values.push({ step: p.step, loss: p.loss });
        status.textContent = `${label(kinds[p.job])}: step ${p.step} of ${s.steps}, loss ${fmt(p.loss)}`;
        drawCurves(curves, series);
      });
      status.textContent = 'Done.';
      results.textContent = out.map((r, i) => `${label(kinds[i])}: ${r.error ? r.error : `final loss ${fmt(r.curve.at(-1)?.loss)}, test accuracy ${fmt(r.test.accuracy)} (500 test digits)`}`).join(' · ');
    } catch (err) {
      showError(err);
    } finally {
      running = false;
      go.disabled = false;
    }
  });

  render(true);
  status.textContent = 'Press “Train both” to train the two initializations in the background.';
  drawCurves(curves, []);
});
