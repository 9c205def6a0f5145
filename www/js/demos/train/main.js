// Train a tiny CNN in the tab on real handwritten digits. The Trainer lives in a Web Worker
// (www/js/workers/train-worker.js); this module builds the page, the network editor, the charts
// and the views, and shows what the worker reports. Every number comes from the core.
import { mountShell, onReady, showError, clearError } from '../shell.js';
import { loadCore } from '../wasm.js';
import { readState, writeState } from '../state.js';
import { drawHeatmap } from '../lib/heatmap.js';
import { toMnist } from '../lib/mnist-preprocess.js';
import { PRESETS, DEFAULT_PRESET, SCHEMA, decodeLayers, encodeLayers, modelConfig, trainConfig, layersFromConfig } from './train/model.js';
import { LayerEditor } from './train/editor.js';
import { LineChart, thin } from './train/charts.js';
import { FilterView, showFeatureMaps, showConfusion, showMisclassified } from './train/inside.js';
import { DrawPad } from './train/draw.js';
import { el } from '../lib/dom.js';

const { content } = mountShell({
  title: 'Train a tiny CNN',
  description: 'Train a convolutional network on 8,000 real handwritten digits, right in this tab, and test it on 2,000 it never saw. Edit the layers, watch the filters learn, look inside, draw your own digit.',
});

const pct = (v) => (v == null || !Number.isFinite(v) ? '—' : `${(100 * v).toFixed(2)} %`);
const num = (v, d = 4) => (v == null || !Number.isFinite(v) ? '—' : String(Number(v.toPrecision(d))));

// ---------- layout ----------
function stat(id, label) {
  return [el('div', { class: 'stat' }, [el('dt', { text: label }), el('dd', { id, text: '—' })])];
}
function section(title, id, children) {
  return el('section', { class: 'panel train-section', id, 'aria-labelledby': `${id}-h` }, [el('h2', { id: `${id}-h`, text: title }), ...children]);
}

const presetSelect = el('select', { id: 'preset', 'aria-label': 'Preset' });
for (const [k, p] of Object.entries(PRESETS)) presetSelect.append(el('option', { value: k, text: p.title }));
presetSelect.append(el('option', { value: 'custom', text: 'Custom (edited)' }));

const optimizerSelect = el('select', { id: 'optimizer' });
for (const [v, t] of [['sgd', 'SGD'], ['momentum', 'SGD + momentum 0.9'], ['adam', 'Adam']]) optimizerSelect.append(el('option', { value: v, text: t }));
const lrInput = el('input', { id: 'lr', type: 'number', min: '0.00001', max: '1', step: 'any' });
const batchInput = el('input', { id: 'batch', type: 'number', min: '1', max: '256', step: '1' });
const wdInput = el('input', { id: 'wd', type: 'number', min: '0', max: '0.1', step: 'any' });
const seedInput = el('input', { id: 'seed', type: 'number', min: '0', max: '999999', step: '1' });
const labelled = (text, input) => el('label', {}, [el('span', { text }), input]);

const editorHost = el('div', { class: 'editor' });
const modelMessage = el('p', { id: 'model-message', class: 'model-message', role: 'status' });
const totalParams = el('p', { class: 'total-params' }, ['Total parameters: ', el('strong', { id: 'param-total', text: '—' })]);

const playButton = el('button', { id: 'play', type: 'button', text: 'Play', 'aria-pressed': 'false' });
const stepButton = el('button', { id: 'step', type: 'button', class: 'secondary', text: 'One step' });
const resetButton = el('button', { id: 'reset', type: 'button', class: 'secondary', text: 'Reset' });
const trainMessage = el('p', { id: 'train-message', class: 'train-message', role: 'status' });

const lossCanvas = el('canvas', { class: 'chart', role: 'img', 'aria-label': 'Training loss against steps' });
const accCanvas = el('canvas', { class: 'chart', role: 'img', 'aria-label': 'Training and test accuracy against steps' });
const spsCanvas = el('canvas', { class: 'chart', role: 'img', 'aria-label': 'Samples per second against steps' });

const networkPanel = section('Network', 'network', [
  el('div', { class: 'controls' }, [labelled('Preset', presetSelect)]),
  editorHost,
  totalParams,
  modelMessage,
  el('h3', { text: 'Training settings' }),
  el('div', { class: 'controls' }, [
    labelled('Optimiser', optimizerSelect), labelled('Learning rate', lrInput), labelled('Batch size', batchInput),
    labelled('Weight decay', wdInput), labelled('Seed', seedInput),
  ]),
  el('p', { class: 'note', text: 'Changing the network or a setting starts again from fresh weights. The same seed gives everyone the same run.' }),
]);

const stats = el('dl', { class: 'stats' }, [
  ...stat('stat-step', 'Step'), ...stat('stat-epoch', 'Epoch'), ...stat('stat-loss', 'Training loss'),
  ...stat('stat-train-acc', 'Training accuracy (last batches)'), ...stat('stat-test-acc', 'Test accuracy (first 500)'),
  ...stat('stat-test-all', 'Test accuracy (all 2,000)'), ...stat('stat-sps', 'Samples / second'),
]);

const trainingPanel = section('Training', 'training', [
  el('div', { class: 'controls transport' }, [playButton, stepButton, resetButton]),
  trainMessage,
  stats,
  el('div', { class: 'charts' }, [
    el('figure', {}, [el('figcaption', { text: 'Training loss' }), lossCanvas]),
    el('figure', {}, [el('figcaption', {}, ['Accuracy: ', el('span', { class: 'key key-train', text: 'training' }), ' · ', el('span', { class: 'key key-test', text: 'test (500)' }), ' · ', el('span', { class: 'key key-all', text: 'test (all)' })]), accCanvas]),
    el('figure', {}, [el('figcaption', { text: 'Samples per second' }), spsCanvas]),
  ]),
  el('p', { class: 'note', text: 'Test accuracy is measured on the first 500 test digits every 100 steps while training, and on all 2,000 when you pause. Space bar: play / pause.' }),
]);

const filtersHost = el('div', { id: 'filters', class: 'filters' });
const mapsHost = el('div', { id: 'maps', class: 'maps' });
const testIndexInput = el('input', { id: 'test-index', type: 'number', min: '0', max: '1999', step: '1', value: '0' });
const inspectButton = el('button', { id: 'inspect', type: 'button', class: 'secondary', text: 'Show feature maps' });
const confusionHost = el('div', { id: 'confusion', class: 'confusion-host' }, [el('p', { class: 'note', text: 'Pause (or train and pause) to evaluate on all test digits.' })]);
const wrongHost = el('div', { id: 'misclassified' });

const insidePanel = section('Looking inside', 'inside', [
  el('h3', { text: 'Learned filters' }),
  filtersHost,
  el('h3', { text: 'Feature maps of one test digit' }),
  el('div', { class: 'controls' }, [labelled('Test digit (0–1999)', testIndexInput), inspectButton]),
  mapsHost,
  el('h3', { text: 'Confusion matrix' }),
  confusionHost,
  el('h3', { text: 'Misclassified test digits' }),
  wrongHost,
]);

const drawCanvas = el('canvas', { id: 'draw', class: 'draw-pad', 'aria-label': 'Drawing area: draw one digit with the mouse, a pen or a finger' });
const previewCanvas = el('canvas', { id: 'draw-preview', class: 'heatmap draw-preview', role: 'img', 'aria-label': 'Your digit as the network sees it, 28×28' });
const clearButton = el('button', { id: 'clear', type: 'button', class: 'secondary', text: 'Clear' });
const probsHost = el('ol', { id: 'probs', class: 'probs', start: '0', 'aria-label': 'Probability of each digit' });
const probRows = Array.from({ length: 10 }, (_, d) => {
  const bar = el('span', { class: 'prob-bar' });
  const value = el('span', { class: 'prob-value', text: '—' });
  const li = el('li', {}, [el('span', { class: 'prob-digit', text: String(d) }), el('span', { class: 'prob-track' }, [bar]), value]);
  probsHost.append(li);
  return { li, bar, value };
});
const drawPanel = section('Draw a digit', 'draw-section', [
  el('p', { class: 'note', text: 'Draw one digit. It is cropped to its bounding box, scaled to 20×20 and centred by its centre of mass in 28×28, like the training digits.' }),
  el('div', { class: 'draw-row' }, [
    el('div', { class: 'draw-col' }, [drawCanvas, el('div', { class: 'controls' }, [clearButton])]),
    el('div', { class: 'draw-col' }, [el('p', { class: 'note', text: 'What the network sees' }), previewCanvas]),
    el('div', { class: 'draw-col probs-col' }, [el('p', { class: 'note', text: 'Class probabilities' }), probsHost]),
  ]),
]);

const saveButton = el('button', { id: 'save', type: 'button', class: 'secondary', text: 'Save model to a file' });
const fileInput = el('input', { id: 'load', type: 'file', accept: '.cpmodel,application/octet-stream' });
const fileMessage = el('p', { id: 'file-message', role: 'status' });
const filePanel = section('Save and load', 'files', [
  el('div', { class: 'controls' }, [saveButton, labelled('Load a model file', fileInput)]),
  fileMessage,
]);

const compareButton = el('button', { id: 'compare', type: 'button', class: 'secondary', text: 'Run MLP vs CNN' });
const compareCanvas = el('canvas', { class: 'chart', role: 'img', 'aria-label': 'Test accuracy against training-set size, MLP and CNN' });
const compareTable = el('table', { id: 'compare-table', class: 'compare-table' });
const compareMessage = el('p', { id: 'compare-message', role: 'status' });
const comparePanel = section('MLP vs CNN: how many examples does each need?', 'compare-section', [
  el('p', { class: 'note', text: 'Trains the tiny CNN and an MLP with about the same number of parameters on the first 100, 300, 1,000, 3,000 and 8,000 training digits (a fresh model each time, same seed) and measures test accuracy on all 2,000 test digits. Each model gets 5 passes over its digits, at least 100 and at most 300 steps of 32. It stops the training above and takes a minute or so.' }),
  el('div', { class: 'controls' }, [compareButton]),
  compareMessage,
  el('figure', {}, [el('figcaption', {}, ['Test accuracy against training digits (log scale): ', el('span', { class: 'key key-train', text: 'CNN' }), ' · ', el('span', { class: 'key key-all', text: 'MLP' })]), compareCanvas]),
  compareTable,
]);

content.classList.add('train-page');
content.append(el('div', { class: 'train-top' }, [trainingPanel, networkPanel]), insidePanel, el('div', { class: 'train-two' }, [drawPanel, filePanel]), comparePanel);

// ---------- state ----------
const { state, problems } = readState(SCHEMA);
const notes = [...problems];
let layers;
{
  const decoded = decodeLayers(state.layers);
  if (decoded.error) {
    notes.push(`Setting "layers": ${decoded.error}; using the ${PRESETS[DEFAULT_PRESET].title} preset.`);
    state.layers = PRESETS[DEFAULT_PRESET].layers;
    layers = decodeLayers(state.layers).layers;
  } else layers = decoded.layers;
}
if (notes.length) showError(notes.join('\n'));

function syncInputs() {
  presetSelect.value = state.preset;
  optimizerSelect.value = state.optimizer;
  lrInput.value = String(state.lr);
  batchInput.value = String(state.batch);
  wdInput.value = String(state.wd);
  seedInput.value = String(state.seed);
}
syncInputs();

// ---------- worker ----------
const worker = new Worker(new URL('../workers/train-worker.js', import.meta.url), { type: 'module' });
let nextId = 1;
const waiting = new Map();
function request(type, payload = {}, transfer = []) {
  const id = nextId;
  nextId += 1;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, type, ...payload }, transfer);
  });
}

const history = { loss: [], train: [], test: [], all: [], sps: [] };
let running = false;
let valid = false;
let lastSteps = 0;
let lastEvaluation = null;
const lossChart = new LineChart(lossCanvas, { label: 'steps' });
const accChart = new LineChart(accCanvas, { yRange: [0, 1], label: 'steps' });
const spsChart = new LineChart(spsCanvas, { label: 'steps' });
const filterView = new FilterView(filtersHost);

function redrawCharts() {
  lossChart.set([{ colour: '--cat-vermillion', points: history.loss }]);
  accChart.set([
    { colour: '--cat-blue', points: history.train },
    { colour: '--cat-orange', points: history.test, dash: true },
    { colour: '--cat-green', points: history.all, dots: true },
  ]);
  spsChart.set([{ colour: '--cat-purple', points: history.sps }]);
}

function clearHistory() {
  for (const k of Object.keys(history)) history[k] = [];
  document.getElementById('stat-test-acc').textContent = '—';
  delete document.getElementById('stat-test-acc').dataset.value;
  const all = document.getElementById('stat-test-all');
  all.textContent = '—';
  all.removeAttribute('data-value');
  redrawCharts();
}

function onStatus(s) {
  if (s.steps < lastSteps || (s.steps === 0 && lastSteps !== 0)) clearHistory();
  if (s.steps > lastSteps && s.loss != null) {
    history.loss = thin([...history.loss, [s.steps, s.loss]]);
    history.train = thin([...history.train, [s.steps, s.accuracy]]);
    if (s.samplesPerSecond > 0) history.sps = thin([...history.sps, [s.steps, s.samplesPerSecond]]);
    redrawCharts();
  }
  lastSteps = s.steps;
  running = s.running;
  const step = document.getElementById('stat-step');
  step.textContent = String(s.steps);
  step.dataset.value = String(s.steps);
  document.getElementById('stat-epoch').textContent = String(s.epochs);
  document.getElementById('stat-loss').textContent = num(s.loss);
  document.getElementById('stat-train-acc').textContent = pct(s.accuracy);
  document.getElementById('stat-sps').textContent = s.samplesPerSecond > 0 ? String(Math.round(s.samplesPerSecond)) : '—';
  document.getElementById('stat-sps').dataset.value = String(s.samplesPerSecond);
  playButton.textContent = running ? 'Pause' : 'Play';
  playButton.setAttribute('aria-pressed', String(running));
  document.documentElement.dataset.training = running ? 'running' : 'paused';
}

function onTest(t) {
  if (t.limit >= 2000) {
    history.all = [...history.all, [t.steps, t.accuracy]];
    const all = document.getElementById('stat-test-all');
    all.textContent = `${pct(t.accuracy)} at step ${t.steps}`;
    all.dataset.value = String(t.accuracy);
    all.dataset.steps = String(t.steps);
  } else {
    history.test = thin([...history.test, [t.steps, t.accuracy]]);
    const live = document.getElementById('stat-test-acc');
    live.textContent = pct(t.accuracy);
    live.dataset.value = String(t.accuracy);
  }
  redrawCharts();
}

worker.onmessage = (event) => {
  const m = event.data;
  switch (m.type) {
    case 'reply': {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (w) (m.ok ? w.resolve(m.result) : w.reject(new Error(m.error)));
      break;
    }
    case 'status': onStatus(m); break;
    case 'test': onTest(m); break;
    case 'filters': filterView.show(m.layers); break;
    case 'stopped':
      trainMessage.textContent = `Training stopped: ${m.reason}`;
      showError(`Training stopped: ${m.reason}`);
      break;
    case 'compare': onComparePoint(m.point); break;
    default: break;
  }
};
worker.onerror = (event) => showError(`the training worker failed: ${event.message ?? 'unknown error'}`);

// ---------- validation and configuration ----------
let core = null;
let configureTimer = 0;
let skipConfigure = false;

function currentConfigs() {
  return {
    modelConfig: modelConfig(layers, state.seed),
    trainConfig: trainConfig({ optimizer: state.optimizer, lr: state.lr, batch: state.batch, wd: state.wd, seed: state.seed }),
  };
}

function validate() {
  const { modelConfig: mc, trainConfig: tc } = currentConfigs();
  let trainer = null;
  try {
    trainer = new core.Trainer(mc, tc);
    const infos = trainer.layerInfos();
    const total = trainer.parameterCount();
    return { ok: true, infos, total };
  } catch (err) {
    return { ok: false, message: err.message };
  } finally {
    trainer?.free();
  }
}

function setValid(ok) {
  valid = ok;
  for (const b of [playButton, stepButton, resetButton, saveButton, inspectButton]) b.disabled = !ok;
}

function modelChanged() {
  writeState({ ...state, layers: encodeLayers(layers) }, SCHEMA);
  const v = validate();
  if (!v.ok) {
    editor.showInfos(null);
    document.getElementById('param-total').textContent = '—';
    modelMessage.textContent = `This network cannot be built: ${v.message}`;
    modelMessage.classList.add('invalid');
    setValid(false);
    return;
  }
  modelMessage.textContent = '';
  modelMessage.classList.remove('invalid');
  editor.showInfos(v.infos);
  document.getElementById('param-total').textContent = v.total.toLocaleString('en');
  if (skipConfigure) { skipConfigure = false; setValid(true); return; }
  setValid(false);
  clearTimeout(configureTimer);
  configureTimer = setTimeout(configure, 150);
}

async function configure() {
  try {
    await request('configure', currentConfigs());
    trainMessage.textContent = '';
    clearHistory();
    setValid(true);
  } catch (err) {
    modelMessage.textContent = `This network cannot be built: ${err.message}`;
    setValid(false);
  }
}

const editor = new LayerEditor(editorHost, {
  onChange(next) {
    layers = next;
    state.preset = 'custom';
    presetSelect.value = 'custom';
    modelChanged();
  },
});
editor.onInvalid = (msg) => showError(msg);

presetSelect.addEventListener('change', () => {
  const p = PRESETS[presetSelect.value];
  state.preset = presetSelect.value;
  if (p) {
    Object.assign(state, { layers: p.layers, optimizer: p.optimizer, lr: p.lr, batch: p.batch, wd: p.wd });
    layers = decodeLayers(p.layers).layers;
    editor.setLayers(layers);
    syncInputs();
  }
  modelChanged();
});

function numberSetting(input, key) {
  input.addEventListener('change', () => {
    const spec = SCHEMA[key];
    const v = Number(input.value);
    const ok = input.value.trim() !== '' && Number.isFinite(v) && v >= spec.min && v <= spec.max && (spec.type !== 'int' || Number.isInteger(v));
    if (!ok) {
      showError(`${key === 'lr' ? 'Learning rate' : key === 'wd' ? 'Weight decay' : key === 'batch' ? 'Batch size' : 'Seed'} must be ${spec.type === 'int' ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max}; "${input.value.slice(0, 20)}" is not. Keeping ${state[key]}.`);
      input.value = String(state[key]);
      return;
    }
    clearError();
    state[key] = v;
    modelChanged();
  });
}
numberSetting(lrInput, 'lr');
numberSetting(batchInput, 'batch');
numberSetting(wdInput, 'wd');
numberSetting(seedInput, 'seed');
optimizerSelect.addEventListener('change', () => { state.optimizer = optimizerSelect.value; modelChanged(); });

// ---------- transport ----------
async function pause() {
  const evaluation = await request('pause');
  if (evaluation) showEvaluation(evaluation);
}
async function togglePlay() {
  if (!valid) return;
  try {
    if (running) await pause();
    else {
      trainMessage.textContent = '';
      await request('play');
    }
  } catch (err) { showError(err); }
}
playButton.addEventListener('click', togglePlay);
stepButton.addEventListener('click', async () => {
  try { await request('step'); } catch (err) { trainMessage.textContent = `Training stopped: ${err.message}`; }
});
resetButton.addEventListener('click', async () => {
  try {
    await request('reset');
    trainMessage.textContent = '';
    clearError();
    clearHistory();
  } catch (err) { showError(err); }
});
document.addEventListener('keydown', (e) => {
  if (e.code === 'Space' && (document.activeElement === document.body || document.activeElement === null)) {
    e.preventDefault();
    togglePlay();
  }
});

// ---------- looking inside ----------
function showEvaluation(evaluation) {
  lastEvaluation = evaluation;
  showConfusion(confusionHost, evaluation.confusion);
  showMisclassified(wrongHost, evaluation, (item) => {
    testIndexInput.value = String(item.index);
    inspect(item.index);
  });
}

async function inspect(index) {
  try {
    const result = await request('inspect', { testIndex: index });
    showFeatureMaps(mapsHost, result);
  } catch (err) { showError(err); }
}
inspectButton.addEventListener('click', () => {
  const v = Number(testIndexInput.value);
  if (!Number.isInteger(v) || v < 0 || v > 1999) {
    showError(`The test digit must be a whole number from 0 to 1999; "${testIndexInput.value.slice(0, 20)}" is not.`);
    return;
  }
  inspect(v);
});

// ---------- draw a digit ----------
let drawnPixels = null;
let predicting = false;
let predictAgain = false;
async function predictDrawn() {
  if (!drawnPixels || !valid) return;
  if (predicting) { predictAgain = true; return; }
  predicting = true;
  try {
    const probs = await request('predict', { pixels: drawnPixels });
    showProbabilities(probs);
  } catch (err) {
    showError(err);
  } finally {
    predicting = false;
    if (predictAgain) { predictAgain = false; predictDrawn(); }
  }
}
function showProbabilities(probs) {
  const best = probs ? probs.indexOf(Math.max(...probs)) : -1;
  probRows.forEach((r, d) => {
    const p = probs ? probs[d] : null;
    r.value.textContent = p == null ? '—' : p.toFixed(3);
    if (p == null) delete r.value.dataset.value; else r.value.dataset.value = String(p);
    r.bar.style.width = `${p == null ? 0 : 100 * p}%`;
    r.li.classList.toggle('best', d === best);
  });
}
const pad = new DrawPad(drawCanvas, {
  onInk(ink, w, h) {
    drawnPixels = ink ? toMnist(ink, w, h) : null;
    if (drawnPixels) drawHeatmap(previewCanvas, drawnPixels, 28, 28);
    else { drawHeatmap(previewCanvas, new Float32Array(784), 28, 28); showProbabilities(null); }
    predictDrawn();
  },
});
clearButton.addEventListener('click', () => pad.clear());
drawHeatmap(previewCanvas, new Float32Array(784), 28, 28);

// ---------- save / load ----------
saveButton.addEventListener('click', async () => {
  try {
    const bytes = await request('save');
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    const a = el('a', { href: url, download: 'convplay-model.cpmodel' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    fileMessage.textContent = `Saved the model (${bytes.length.toLocaleString('en')} bytes) as convplay-model.cpmodel.`;
  } catch (err) { showError(err); }
});
fileInput.addEventListener('change', async () => {
  const file = fileInput.files?.[0];
  if (!file) return;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await request('load', { bytes }, [bytes.buffer]);
    const loaded = layersFromConfig(result.modelConfig);
    if (loaded) {
      layers = loaded;
      state.preset = 'custom';
      presetSelect.value = 'custom';
      editor.setLayers(layers);
      skipConfigure = true;
      modelChanged();
    }
    clearHistory();
    clearError();
    fileMessage.textContent = `Loaded "${file.name}": ${result.parameterCount.toLocaleString('en')} parameters. Train on or draw a digit.`;
    predictDrawn();
  } catch (err) {
    const message = `Could not load "${file.name}": ${err.message}. The current model is kept.`;
    fileMessage.textContent = message;
    showError(message);
  } finally {
    fileInput.value = '';
  }
});

// ---------- MLP vs CNN ----------
const SIZES = [100, 300, 1000, 3000, 8000];
const comparePoints = [];
const compareChart = new LineChart(compareCanvas, { yRange: [0, 1], xTicks: SIZES.map((n) => [Math.log10(n) - 2, n.toLocaleString('en')]) });
compareChart.set([]);
function onComparePoint(p) {
  comparePoints.push(p);
  compareMessage.textContent = `${p.model}: ${p.size} digits → ${pct(p.accuracy)} (${comparePoints.length} of ${SIZES.length * 2})`;
  const series = (name, colour) => ({ colour, dots: true, points: comparePoints.filter((q) => q.model === name).map((q) => [Math.log10(q.size) - 2, q.accuracy]) });
  compareChart.set([series('CNN', '--cat-blue'), series('MLP', '--cat-green')]);
  compareTable.replaceChildren(
    el('thead', {}, [el('tr', {}, [el('th', { text: 'training digits' }), el('th', { text: 'CNN test accuracy' }), el('th', { text: 'MLP test accuracy' })])]),
    el('tbody', {}, SIZES.map((n) => {
      const get = (m) => comparePoints.find((q) => q.model === m && q.size === n);
      return el('tr', {}, [el('td', { text: String(n) }), el('td', { text: pct(get('CNN')?.accuracy) }), el('td', { text: pct(get('MLP')?.accuracy) })]);
    })),
  );
}
compareButton.addEventListener('click', async () => {
  comparePoints.length = 0;
  compareButton.disabled = true;
  compareMessage.textContent = 'Training …';
  const model = (key, name) => {
    const p = PRESETS[key];
    return {
      name,
      modelConfig: modelConfig(decodeLayers(p.layers).layers, state.seed),
      trainConfig: trainConfig({ optimizer: p.optimizer, lr: p.lr, batch: p.batch, wd: p.wd, seed: state.seed }),
    };
  };
  try {
    const results = await request('compare', { models: [model('cnn', 'CNN'), model('mlp', 'MLP')], sizes: SIZES });
    compareMessage.textContent = results ? 'Done. Both models saw the same digits for the same number of steps.' : 'Stopped.';
  } catch (err) {
    compareMessage.textContent = `Could not compare: ${err.message}`;
  } finally {
    compareButton.disabled = false;
  }
});

// ---------- start ----------
setValid(false);
editor.setLayers(layers);
onReady(async () => {
  core = await loadCore();
  modelChanged();
});
