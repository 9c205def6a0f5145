// The whole network, for one digit: trains the training page's network in the trainer worker (a
// preset or `layers` in the URL, or a model file) and shows every layer's feature maps, the dense
// layers as bars and the class probabilities for a chosen test digit, refreshed every few seconds
// while it trains. Picking a unit shows its theoretical and effective receptive fields; picking a
// convolution's map shows its filter and the test digits that excite it most. The page holds a
// copy of the worker's model (trainer.save() → Trainer.load) and asks the core for every number.
import { defineDemo } from '../../demo.js';
import { button, el, field, section, setValue, stat, stats, scrollArea } from '../../lib/dom.js';
import { formatCount, formatPercent } from '../../lib/format.js';
import { DEFAULT_PRESET, PRESETS } from '../../lib/model-presets.js';
import { trainConfig } from '../../lib/training.js';
import { NetworkColumns } from './columns.js';
import { ERF_DIGITS, FilterPanel, TOP_DIGITS, UnitPanel } from './unit.js';

const REFRESH_MS = 2500; // the overview is redrawn at most this often while training

const schema = ({ digits }) => ({
  preset: { type: 'enum', values: [...Object.keys(PRESETS), 'custom'], default: DEFAULT_PRESET },
  layers: { type: 'string', pattern: /[a-z0-9_.]+/, maxLength: 400, default: PRESETS[DEFAULT_PRESET].layers },
  digit: { type: 'int', min: 0, max: digits.count('test') - 1, default: 0 },
  seed: { type: 'int', min: 0, max: 999999, default: 1 },
  // The picked unit as layer.channel.row.col (empty: the default unit).
  unit: { type: 'string', pattern: /(\d{1,4}\.\d{1,4}\.\d{1,4}\.\d{1,4})?/, maxLength: 19, default: '' },
});

/** The unit of the address if the network has it, else null. */
function unitOf(text, infos) {
  if (!text) return null;
  const [layer, channel, row, col] = text.split('.').map(Number);
  const shape = infos[layer]?.outputShape;
  if (!shape || channel >= shape[0] || row >= shape[1] || col >= shape[2]) return null;
  return { layer, channel, row, col };
}

const unitText = (u) => `${u.layer}.${u.channel}.${u.row}.${u.col}`;

/** The unit shown first: the centre of map 1 of the last convolution, else feature 1 of the first dense layer. */
function defaultUnit(infos) {
  const spatial = infos.map((info, layer) => ({ ...info, layer })).filter((l) => l.outputShape[1] > 1 || l.outputShape[2] > 1);
  const conv = spatial.filter((l) => l.kind === 'conv2d').pop();
  if (conv) return { layer: conv.layer, channel: 0, row: Math.floor((conv.outputShape[1] - 1) / 2), col: Math.floor((conv.outputShape[2] - 1) / 2) };
  const dense = infos.findIndex((l) => l.kind === 'dense');
  return { layer: Math.max(0, dense), channel: 0, row: 0, col: 0 };
}

function buildLayout(root, counts) {
  const preset = field('select', { label: 'Network', id: 'net-preset', options: [...Object.entries(PRESETS).map(([value, p]) => [value, p.title]), ['custom', 'From the address or a file']] });
  const digit = field('number', { label: `Test digit (0–${formatCount(counts.test - 1)})`, id: 'net-digit', min: 0, max: counts.test - 1, step: 1 });
  const play = button('Train', { id: 'net-play', 'aria-pressed': 'false' });
  const step = button('Step', { id: 'net-step', class: 'secondary' });
  const load = el('input', { type: 'file', id: 'net-load', accept: '.cpmodel,application/octet-stream' });
  const steps = stat({ id: 'net-steps', label: 'Steps' });
  const accuracy = stat({ id: 'net-train-acc', label: 'Training accuracy (recent)' });
  const message = el('p', { id: 'net-message', class: 'net-note', 'aria-live': 'polite' });
  const overview = el('div', { class: 'net-overview', id: 'net-overview' });
  const unitHost = el('div');
  const filterHost = el('div');
  root.append(
    section('The whole network', {
      id: 'net-whole',
      intro: 'One column per layer for one test digit: feature maps (blue negative, orange positive), flatten and dense layers as bars, then the class probabilities. Train and watch them change; click a map or a bar to pick a unit.',
    }, [
      el('div', { class: 'net-controls' }, [preset.node, digit.node, play, step, el('label', { class: 'field' }, [el('span', { text: 'Open a model file' }), load]), stats([steps, accuracy])]),
      message,
      scrollArea([overview], { label: 'The network, layer by layer', cls: 'scroll-x net-scroll' }),
    ]),
    el('div', { class: 'net-details' }, [
      section('One unit: what it sees', { id: 'net-unit-section', intro: `The theoretical receptive field is every pixel the unit can read; the effective one is how strongly each pixel moves it, |∂unit/∂pixel| averaged over ${ERF_DIGITS} test digits (Luo et al. 2016). Compare the two boxes, and watch them as the network trains.` }, [unitHost]),
      section('One filter', { id: 'net-filter-section', intro: `A convolution filter’s weights, its feature map on this digit, and the ${TOP_DIGITS} test digits on which its map reaches the largest value.` }, [filterHost]),
    ]),
  );
  return { inputs: { preset: preset.input, digit: digit.input }, play, step, load, steps, accuracy, message, overview, unitHost, filterHost };
}

async function mount(demo) {
  const { core, digits, state } = demo;
  const worker = demo.trainer();
  const data = await worker.request('data');
  if (!demo.alive) return;
  const ui = buildLayout(demo.root, data.counts);
  setValue(ui.inputs.preset, state.preset);
  setValue(ui.inputs.digit, state.digit);
  const unitPanel = new UnitPanel(ui.unitHost);
  const filterPanel = new FilterPanel(ui.filterHost);
  let local = null; // the page's copy of the worker's model
  let config = null;
  let selected = null;
  let lastRefresh = 0;
  let busy = null;
  let again = false;
  demo.own(() => local?.free());
  const image = (index) => ({ pixels: digits.image('test', index), shape: data.shape.slice(1) });

  const pass = () => {
    const pixels = digits.image('test', state.digit);
    const probabilities = Array.from(local.predict(pixels));
    const activations = local.layerInfos().map((_, layer) => local.activations(layer));
    return { pixels, probabilities, activations };
  };
  const showUnit = (unit) => {
    const infos = local.layerInfos();
    const field = local.effectiveField(digits, unit.layer, unit.channel, unit.row, unit.col, ERF_DIGITS);
    const conv = infos[unit.layer].kind === 'conv2d';
    const top = conv ? local.topActivations(digits, unit.layer, unit.channel, TOP_DIGITS, 0) : null;
    const p = pass();
    columns.mark(field.theoretical ? core.traceUnit(config.modelConfig, unit.layer, unit.row, unit.col) : null, unit);
    unitPanel.show(unit, field, p.pixels, infos[unit.layer].kind);
    if (conv) filterPanel.show(unit, local.parameter(unit.layer, 'weight', false), p.activations[unit.layer], top, image);
    return p;
  };
  const draw = () => {
    const p = selected ? showUnit(selected) : pass();
    columns.show(p.pixels, data.shape, p.activations, p.probabilities);
    demo.root.dataset.drawn = String(Number(demo.root.dataset.drawn ?? 0) + 1);
  };
  const columns = new NetworkColumns(ui.overview, (unit) => {
    selected = unit;
    state.unit = unitText(unit);
    demo.save();
    try {
      draw();
    } catch (err) {
      demo.fail(err);
    }
  });

  /** Copy the worker's model into the page and redraw (one refresh at a time). */
  const refresh = async () => {
    if (busy) {
      again = true;
      return busy;
    }
    lastRefresh = performance.now();
    busy = (async () => {
      try {
        const bytes = await worker.request('save');
        if (!demo.alive) return;
        const next = core.Trainer.load(bytes, config.trainConfig);
        local?.free();
        local = next;
        draw();
      } catch (err) {
        if (demo.alive) demo.fail(err);
      }
    })();
    await busy;
    busy = null;
    if (again && demo.alive) {
      again = false;
      await refresh();
    }
    return undefined;
  };

  const configure = async () => {
    const presetOf = PRESETS[state.preset] ?? PRESETS[DEFAULT_PRESET];
    let layers;
    try {
      layers = core.parseLayers(state.layers);
    } catch (err) {
      demo.notify([`Setting "layers": ${err.message}; using the ${PRESETS[DEFAULT_PRESET].title} preset.`]);
      state.layers = PRESETS[DEFAULT_PRESET].layers;
      layers = core.parseLayers(state.layers);
    }
    config = {
      modelConfig: { input: data.shape, seed: state.seed, layers },
      trainConfig: trainConfig({ optimizer: presetOf.optimizer, lr: presetOf.lr, batch: presetOf.batch, wd: presetOf.wd, seed: state.seed }),
    };
    await worker.request('configure', config);
    if (!demo.alive) return;
    await rebuild(config.modelConfig);
  };
  const rebuild = async (modelConfig) => {
    ui.steps.set('0', 0);
    ui.accuracy.set('—');
    const infos = core.describeModel(modelConfig).layers.map((l) => ({ kind: l.kind, outputShape: l.outputShape }));
    columns.build(infos, data.shape);
    selected = unitOf(state.unit, infos);
    if (!selected && state.unit) demo.notify([`Setting "unit": this network has no unit ${state.unit}; showing the default unit.`]);
    selected ??= defaultUnit(infos);
    columns.select(selected);
    await refresh();
  };

  demo.own(worker.on('status', (s) => {
    ui.steps.set(formatCount(s.steps), s.steps);
    ui.accuracy.set(s.accuracy == null ? '—' : formatPercent(s.accuracy));
    ui.play.textContent = s.running ? 'Pause' : 'Train';
    ui.play.setAttribute('aria-pressed', String(s.running));
    if (s.running && performance.now() - lastRefresh > REFRESH_MS) refresh();
  }));
  demo.own(worker.on('stopped', (m) => demo.fail(`Training stopped: ${m.reason}`)));
  demo.own(worker.on('failure', (m) => demo.fail(m.message)));

  ui.play.addEventListener('click', async () => {
    try {
      if (ui.play.getAttribute('aria-pressed') === 'true') {
        await worker.request('pause');
        if (demo.alive) await refresh();
      } else await worker.request('play');
    } catch (err) {
      demo.fail(err);
    }
  });
  ui.step.addEventListener('click', async () => {
    try {
      await worker.request('step');
      if (demo.alive) await refresh();
    } catch (err) {
      demo.fail(err);
    }
  });
  ui.inputs.digit.addEventListener('change', () => {
    if (!demo.set('digit', ui.inputs.digit.value)) return setValue(ui.inputs.digit, state.digit);
    demo.notify([]);
    return local && draw();
  });
  ui.inputs.preset.addEventListener('change', async () => {
    const p = PRESETS[ui.inputs.preset.value];
    state.preset = ui.inputs.preset.value;
    if (p) state.layers = p.layers;
    state.unit = ''; // another network: its default unit
    demo.save();
    await configure();
  });
  ui.load.addEventListener('change', async () => {
    const file = ui.load.files?.[0];
    if (!file) return;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await worker.request('load', { bytes }, { transfer: [bytes.buffer] });
      if (!demo.alive) return;
      Object.assign(state, { preset: 'custom', layers: core.printLayers(result.modelConfig.layers), unit: '' });
      setValue(ui.inputs.preset, 'custom');
      demo.save();
      config = { ...config, modelConfig: result.modelConfig };
      ui.message.textContent = `Opened "${file.name}": ${formatCount(result.parameterCount)} parameters.`;
      await rebuild(result.modelConfig);
    } catch (err) {
      demo.fail(`Could not open "${file.name}": ${err.message}. The current model is kept.`);
    } finally {
      ui.load.value = '';
    }
  });
  await configure();
}

defineDemo({
  title: 'The whole network',
  description: 'Every layer of a trained CNN for one digit, side by side; click a unit to see its theoretical and effective receptive fields, and a filter to see the digits that excite it most.',
  needs: ['digits'],
  schema,
  mount,
});
