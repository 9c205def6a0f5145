// The training page's layout: every panel and control, built once from the page kit. No
// behaviour here; main.js wires it to the session. `counts` are the digit file's own counts.
// The panels are exported for the page's "Your own classes" mode (own/), which builds them with
// its own words (`text`: a test item is an example there, and the held-out split is the student's).
import { el, button, field, section, stat, stats, scrollArea } from '../../lib/dom.js';
import { chartCanvas } from '../../lib/charts.js';
import { formatCount } from '../../lib/format.js';
import { PRESETS } from './model.js';

function chart(label, caption) {
  const canvas = chartCanvas(600, 240, label);
  return { canvas, node: el('figure', {}, [el('figcaption', {}, caption), canvas]) };
}

const key = (cls, text) => el('span', { class: `key ${cls}`, text });

export function networkPanel() {
  const preset = field('select', { label: 'Preset', id: 'preset', options: [...Object.entries(PRESETS).map(([k, p]) => [k, p.title]), ['custom', 'Custom (edited)']] });
  const optimizer = field('select', { label: 'Optimiser', id: 'optimizer', options: [['sgd', 'SGD'], ['momentum', 'SGD + momentum 0.9'], ['adam', 'Adam']] });
  const lr = field('number', { label: 'Learning rate', id: 'lr', min: 0.00001, max: 1, step: 'any', inputmode: 'decimal' });
  const batch = field('number', { label: 'Batch size', id: 'batch', min: 1, max: 256, step: 1 });
  const wd = field('number', { label: 'Weight decay', id: 'wd', min: 0, max: 0.1, step: 'any', inputmode: 'decimal' });
  const seed = field('number', { label: 'Seed', id: 'seed', min: 0, max: 999999, step: 1 });
  const workers = field('number', { label: 'Workers (0 = every core, up to 4)', id: 'workers', min: 0, max: 8, step: 1 });
  const editorHost = el('div', { class: 'editor' });
  const modelMessage = el('p', { id: 'model-message', class: 'model-message', role: 'status' });
  const total = el('strong', { id: 'param-total', text: '—' });
  const node = section('Network', { id: 'network', cls: 'train-section' }, [
    el('div', { class: 'controls' }, [preset.node]),
    el('p', { class: 'hint', id: 'why-invariant-link' }, ['A CNN and an MLP of the same size, a digit shifted or turned: ', el('a', { href: 'why-cnns.html#why-invariant', text: 'which answer stays the same' }), '.']),
    editorHost,
    el('p', { class: 'total-params' }, ['Total parameters: ', total]),
    modelMessage,
    el('h3', { text: 'Training settings' }),
    el('div', { class: 'controls' }, [optimizer.node, lr.node, batch.node, wd.node, seed.node, workers.node]),
    el('p', { class: 'note', text: 'Changing the network or a setting starts again from fresh weights; workers only split each batch across cores (the same run, to rounding). The same seed gives everyone the same run.' }),
  ]);
  return { node, editorHost, modelMessage, total, inputs: { preset: preset.input, optimizer: optimizer.input, lr: lr.input, batch: batch.input, wd: wd.input, seed: seed.input, workers: workers.input } };
}

export function trainingPanel(counts, text = {}) {
  const s = {
    step: stat({ id: 'stat-step', label: 'Step' }),
    epoch: stat({ id: 'stat-epoch', label: 'Epoch' }),
    loss: stat({ id: 'stat-loss', label: 'Training loss' }),
    trainAcc: stat({ id: 'stat-train-acc', label: 'Training accuracy (last batches)' }),
    testAcc: stat({ id: 'stat-test-acc', label: 'Test accuracy (first 500)' }),
    testAll: stat({ id: 'stat-test-all', label: text.testAll ?? `Test accuracy (all ${formatCount(counts.test)})` }),
    sps: stat({ id: 'stat-sps', label: 'Samples / second' }),
  };
  const play = button('Play', { id: 'play', 'aria-pressed': 'false' });
  const step = button('One step', { id: 'step', class: 'secondary' });
  const reset = button('Reset', { id: 'reset', class: 'secondary' });
  const message = el('p', { id: 'train-message', class: 'train-message', role: 'status' });
  const health = el('p', { id: 'train-health', class: 'train-health', role: 'status', hidden: true });
  const parallel = el('p', { id: 'train-workers', class: 'note', role: 'status' });
  const loss = chart('Training loss against steps', ['Training loss']);
  const accuracy = chart('Training and test accuracy against steps', ['Accuracy: ', key('key-train', 'training'), ' · ', key('key-test', 'test (500)'), ' · ', key('key-all', 'test (all)')]);
  const speed = chart('Samples per second against steps', ['Samples per second']);
  const node = section('Training', { id: 'training', cls: 'train-section' }, [
    el('div', { class: 'controls transport' }, [play, step, reset]),
    message,
    health,
    stats(Object.values(s)),
    parallel,
    el('div', { class: 'charts' }, [loss.node, accuracy.node, speed.node]),
    el('p', { class: 'note', text: text.note ?? `Test accuracy is measured on the first 500 test digits every 100 steps while training, and on all ${formatCount(counts.test)} when you pause. Space bar: play / pause.` }),
  ]);
  return { node, stats: s, play, step, reset, message, health, parallel, charts: { loss: loss.canvas, accuracy: accuracy.canvas, speed: speed.canvas } };
}

export function insidePanel(counts, text = {}) {
  const noun = text.noun ?? 'digit';
  const testIndex = field('number', { label: text.testIndex ?? `Test digit (0–${counts.test - 1})`, id: 'test-index', min: 0, max: counts.test - 1, step: 1, value: 0 });
  const inspect = button('Show feature maps', { id: 'inspect', class: 'secondary' });
  const hosts = {
    filters: el('div', { id: 'filters', class: 'filters' }),
    maps: el('div', { id: 'maps', class: 'maps' }),
    confusion: scrollArea([el('p', { class: 'note', text: `Pause (or train and pause) to evaluate on all test ${noun}s.` })], { id: 'confusion', cls: 'confusion-host', label: 'Confusion matrix' }),
    wrong: el('div', { id: 'misclassified' }),
    shifted: el('div', { id: 'shifted', class: 'shifted-host' }, [el('p', { class: 'note', text: `Pause (or train and pause) to measure accuracy on shifted test ${noun}s.` })]),
  };
  const node = section('Looking inside', { id: 'inside', cls: 'train-section' }, [
    el('p', { class: 'note', id: 'inside-network' }, ['Every layer at once, and what one unit really looks at (its effective receptive field): ', el('a', { href: 'network.html', text: 'The whole network' }), '.']),
    el('h3', { text: 'Learned filters' }), hosts.filters,
    el('h3', { text: `Feature maps of one test ${noun}` }),
    el('div', { class: 'controls' }, [testIndex.node, inspect]), hosts.maps,
    el('h3', { text: 'Confusion matrix' }), hosts.confusion,
    el('h3', { text: `Misclassified test ${noun}s` }), hosts.wrong,
    el('h3', { text: `Accuracy on shifted test ${noun}s` }), hosts.shifted,
  ]);
  return { node, testIndex: testIndex.input, inspect, ...hosts };
}

function drawPanel([, h, w]) {
  const pad = el('canvas', { id: 'draw', class: 'draw-pad', role: 'img', 'aria-label': 'Drawing area: draw one digit with the mouse, a pen or a finger; what the network sees and its class probabilities follow' });
  const preview = el('canvas', { id: 'draw-preview', class: 'heatmap draw-preview', role: 'img', 'aria-label': `Your digit as the network sees it, ${h}×${w}` });
  const clear = button('Clear', { id: 'clear', class: 'secondary' });
  const probs = el('ol', { id: 'probs', class: 'probs', start: '0', 'aria-label': 'Probability of each digit' });
  const rows = Array.from({ length: 10 }, (_, d) => {
    const bar = el('span', { class: 'prob-bar' });
    const value = el('span', { class: 'prob-value', text: '—' });
    const li = el('li', {}, [el('span', { class: 'prob-digit', text: String(d) }), el('span', { class: 'prob-track' }, [bar]), value]);
    probs.append(li);
    return { li, bar, value };
  });
  const node = section('Draw a digit', { id: 'draw-section', cls: 'train-section' }, [
    el('p', { class: 'note', text: `Draw one digit. It is cropped to its bounding box, scaled to 20×20 and centred by its centre of mass in ${h}×${w}, like the training digits.` }),
    el('div', { class: 'draw-row' }, [
      el('div', { class: 'draw-col' }, [pad, el('div', { class: 'controls' }, [clear])]),
      el('div', { class: 'draw-col' }, [el('p', { class: 'note', text: 'What the network sees' }), preview]),
      el('div', { class: 'draw-col probs-col' }, [el('p', { class: 'note', text: 'Class probabilities' }), probs]),
    ]),
  ]);
  return { node, pad, preview, clear, rows };
}

export function filePanel() {
  const save = button('Save model to a file', { id: 'save', class: 'secondary' });
  const load = field('file', { label: 'Load a model file', id: 'load', accept: '.cpmodel,application/octet-stream' });
  const message = el('p', { id: 'file-message', role: 'status' });
  const node = section('Save and load', { id: 'files', cls: 'train-section' }, [el('div', { class: 'controls' }, [save, load.node]), message]);
  return { node, save, load: load.input, message };
}

function comparePanel(counts, sizes) {
  const run = button('Run MLP vs CNN', { id: 'compare', class: 'secondary' });
  const canvas = chartCanvas(600, 240, 'Test accuracy against training-set size, MLP and CNN');
  const table = el('div', { id: 'compare-host' });
  const message = el('p', { id: 'compare-message', role: 'status' });
  const list = sizes.map(formatCount).join(', ').replace(/, ([^,]*)$/, ' and $1');
  const node = section('MLP vs CNN: how many examples does each need?', { id: 'compare-section', cls: 'train-section' }, [
    el('p', { class: 'note', text: `Trains the tiny CNN and an MLP with about the same number of parameters on the first ${list} training digits (a fresh model each time, same seed) and measures test accuracy on all ${formatCount(counts.test)} test digits. Each model gets 5 passes over its digits, at least 100 and at most 300 steps of 32. It stops the training above and takes a minute or so.` }),
    el('div', { class: 'controls' }, [run]),
    message,
    el('figure', {}, [el('figcaption', {}, ['Test accuracy against training digits (log scale): ', key('key-train', 'CNN'), ' · ', key('key-all', 'MLP')]), canvas]),
    table,
  ]);
  return { node, run, canvas, table, message };
}

/** Build the page into `root`; `data` = { shape: [c, h, w], counts: { train, test } }. */
export function buildLayout(root, data, sizes) {
  const parts = {
    network: networkPanel(),
    training: trainingPanel(data.counts),
    inside: insidePanel(data.counts),
    draw: drawPanel(data.shape),
    files: filePanel(),
    compare: comparePanel(data.counts, sizes),
  };
  root.classList.add('train-page');
  root.append(
    el('div', { class: 'train-top' }, [parts.training.node, parts.network.node]),
    parts.inside.node,
    el('div', { class: 'train-two' }, [parts.draw.node, parts.files.node]),
    parts.compare.node,
  );
  return parts;
}
