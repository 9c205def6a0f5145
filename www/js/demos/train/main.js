// Train a tiny CNN in the tab on real handwritten digits. The Trainer lives in the trainer worker
// (www/js/workers/training.js); this module wires the layout (layout.js) to the session
// (session.js): the network editor, the settings, the transport, looking inside, drawing a digit,
// save and load, and the MLP-vs-CNN comparison (compare.js). Every number comes from the core.
// With data=own in the address the page trains on the student's own classes instead (own/mode.js),
// with the same network editor, session, charts and looking inside.
import { defineDemo } from '../../demo.js';
import { el, setValue } from '../../lib/dom.js';
import { drawHeatmap } from '../../lib/heatmap.js';
import { formatCount, formatValue } from '../../lib/format.js';
import { PRESETS, DEFAULT_PRESET, SCHEMA } from './model.js';
import { buildLayout } from './layout.js';
import { TrainingSession } from './session.js';
import { LayerEditor } from './editor.js';
import { showFeatureMaps } from './inside.js';
import { DrawPad } from '../../lib/draw-pad.js';
import { SIZES, wireCompare } from './compare.js';
import { mountOwn } from './own/mode.js';
import { modeSwitch } from './own/layout.js';

/** The layers of the URL's code, or the default preset's with a notice saying why. */
function readLayers(demo) {
  const { core, state } = demo;
  try {
    return core.parseLayers(state.layers);
  } catch (err) {
    const preset = PRESETS[DEFAULT_PRESET];
    demo.notify([...demo.notices, `Setting "layers": ${err.message}; using the ${preset.title} preset.`]);
    state.layers = preset.layers;
    return core.parseLayers(preset.layers);
  }
}

function wireSettings(demo, ui, session, editor) {
  const { state } = demo;
  const inputs = ui.network.inputs;
  const sync = () => {
    for (const key of ['preset', 'optimizer', 'lr', 'batch', 'wd', 'seed', 'workers']) setValue(inputs[key], state[key]);
  };
  inputs.preset.addEventListener('change', () => {
    const p = PRESETS[inputs.preset.value];
    state.preset = inputs.preset.value;
    if (p) {
      Object.assign(state, { optimizer: p.optimizer, lr: p.lr, batch: p.batch, wd: p.wd });
      session.layers = demo.core.parseLayers(p.layers);
      editor.setLayers(session.layers);
      sync();
    }
    session.changed();
  });
  inputs.optimizer.addEventListener('change', () => {
    state.optimizer = inputs.optimizer.value;
    session.changed();
  });
  for (const key of ['lr', 'batch', 'wd', 'seed']) {
    inputs[key].addEventListener('change', () => {
      if (!demo.set(key, inputs[key].value)) return setValue(inputs[key], state[key]);
      demo.notify([]);
      return session.changed();
    });
  }
  // Workers: the same run split across cores (workers/shards-*.js); no fresh weights needed.
  const useWorkers = () => session.worker.request('workers', { count: state.workers }).catch((err) => demo.fail(err));
  inputs.workers.addEventListener('change', () => {
    if (!demo.set('workers', inputs.workers.value)) return setValue(inputs.workers, state.workers);
    demo.save();
    return useWorkers();
  });
  useWorkers();
  sync();
}

function wireInside(demo, ui, session, counts) {
  const noun = () => session.noun;
  const { testIndex, inspect } = ui.inside;
  const show = async (index) => {
    try {
      const result = await session.worker.request('inspect', { testIndex: index });
      if (demo.alive) showFeatureMaps(ui.inside.maps, result, { names: session.names, noun: session.noun });
    } catch (err) {
      demo.fail(err);
    }
  };
  const pick = (item) => {
    setValue(testIndex, item.index);
    show(item.index);
  };
  inspect.addEventListener('click', () => {
    const v = Number(testIndex.value);
    if (testIndex.value.trim() === '' || !Number.isInteger(v) || v < 0 || v >= counts.test) {
      demo.fail(`The test ${noun()} must be a whole number from 0 to ${counts.test - 1}; "${testIndex.value.slice(0, 20)}" is not.`);
      return;
    }
    show(v);
  });
  return pick;
}

function wireDraw(demo, ui, session, [, h, w]) {
  const { pad, preview, clear, rows } = ui.draw;
  let pixels = null;
  let predicting = false;
  let again = false;
  const showProbabilities = (probs) => {
    const best = probs ? probs.indexOf(Math.max(...probs)) : -1;
    rows.forEach((r, d) => {
      const p = probs ? probs[d] : null;
      r.value.textContent = p == null ? '—' : formatValue(p);
      if (p == null) delete r.value.dataset.value;
      else r.value.dataset.value = String(p);
      r.bar.style.width = `${p == null ? 0 : 100 * p}%`;
      r.li.classList.toggle('best', d === best);
    });
  };
  const predict = async () => {
    if (!pixels || !session.valid) return;
    if (predicting) {
      again = true;
      return;
    }
    predicting = true;
    try {
      const probs = await session.worker.request('predict', { pixels });
      if (demo.alive) showProbabilities(probs);
    } catch (err) {
      demo.fail(err);
    } finally {
      predicting = false;
      if (again) {
        again = false;
        predict();
      }
    }
  };
  const drawPad = demo.own(new DrawPad(pad, {
    onInk(ink, inkW, inkH) {
      pixels = ink ? (demo.core.mnistFromDrawing(ink, inkW, inkH) ?? null) : null;
      drawHeatmap(preview, pixels ?? new Float32Array(h * w), h, w);
      if (!pixels) showProbabilities(null);
      predict();
    },
  }));
  clear.addEventListener('click', () => drawPad.clear());
  drawHeatmap(preview, new Float32Array(h * w), h, w);
  return predict;
}

function wireFiles(demo, ui, session, editor, predict) {
  const { save, load, message } = ui.files;
  save.addEventListener('click', async () => {
    try {
      const bytes = await session.worker.request('save');
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
      const a = el('a', { href: url, download: 'convplay-model.cpmodel' });
      document.body.append(a);
      a.click();
      a.remove();
      demo.timeout(() => URL.revokeObjectURL(url), 10000);
      message.textContent = `Saved the model (${formatCount(bytes.length)} bytes) as convplay-model.cpmodel.`;
    } catch (err) {
      demo.fail(err);
    }
  });
  load.addEventListener('change', async () => {
    const file = load.files?.[0];
    if (!file) return;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await session.worker.request('load', { bytes }, { transfer: [bytes.buffer] });
      if (!demo.alive) return;
      session.layers = result.modelConfig.layers;
      demo.state.preset = 'custom';
      setValue(ui.network.inputs.preset, 'custom');
      editor.setLayers(session.layers);
      await session.changed({ configure: false });
      session.clearHistory();
      demo.clear();
      message.textContent = `Loaded "${file.name}": ${formatCount(result.parameterCount)} parameters. Train on or draw a ${session.noun}.`;
      predict();
    } catch (err) {
      const text = `Could not load "${file.name}": ${err.message}. The current model is kept.`;
      message.textContent = text;
      demo.fail(text);
    } finally {
      load.value = '';
    }
  });
}

/**
 * What both modes share: the session, the network editor, the settings, looking inside, saving
 * and loading the model, and the transport. `ui` holds the layout's panels; `data` = { shape,
 * counts } (own mode changes `counts` in place when its split changes); `own(session)` (own mode)
 * is called once the session exists, before the first configure.
 */
async function setUp(demo, ui, data, own) {
  const session = new TrainingSession(demo, ui, data);
  session.layers = readLayers(demo);
  const editor = new LayerEditor(ui.network.editorHost, {
    newLayer: (code) => demo.core.parseLayers(code)[0],
    onChange(layers) {
      session.layers = layers;
      demo.state.preset = 'custom';
      setValue(ui.network.inputs.preset, 'custom');
      session.changed();
    },
    onInvalid: (text) => demo.fail(text),
  });
  session.editor = editor;
  editor.setInput(data.shape);
  editor.setLayers(session.layers);
  wireSettings(demo, ui, session, editor);
  // "The whole network" opens the network set up here: its layers, preset and seed.
  const toNetwork = demo.root.querySelector('#inside-network a');
  demo.listen(toNetwork, 'click', () => {
    const query = new URLSearchParams({ preset: demo.state.preset, layers: demo.core.printLayers(session.layers), seed: String(demo.state.seed) });
    toNetwork.href = `network.html?${query}`;
  });
  const pick = wireInside(demo, ui, session, data.counts);
  const predict = own ? own(session, editor) : wireDraw(demo, ui, session, data.shape);
  wireFiles(demo, ui, session, editor, predict);
  const { play, step, reset } = ui.training;
  play.addEventListener('click', () => session.togglePlay(pick));
  step.addEventListener('click', () => session.step());
  reset.addEventListener('click', () => session.reset());
  demo.listen(document, 'keydown', (e) => {
    if (e.code === 'Space' && (document.activeElement === document.body || document.activeElement === null)) {
      e.preventDefault();
      session.togglePlay(pick);
    }
  });
  session.setValid(false);
  await session.changed();
}

async function mount(demo) {
  if (demo.state.data === 'own') return mountOwn(demo, setUp);
  const data = await demo.trainer().request('data');
  if (!demo.alive) return undefined;
  const ui = buildLayout(demo.root, data, SIZES);
  const modes = modeSwitch(demo);
  if (modes) demo.root.prepend(modes);
  wireCompare(demo, ui.compare, data);
  return setUp(demo, ui, data, null);
}

defineDemo({
  title: 'Train a tiny CNN',
  description: 'Train a convolutional network on real handwritten digits, right in this tab, and test it on digits it never saw. Edit the layers, watch the filters learn, look inside, draw your own digit, or teach it classes of your own.',
  schema: SCHEMA,
  mount,
});
