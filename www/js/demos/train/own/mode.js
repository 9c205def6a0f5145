// The training page's "Your own classes" mode (data=own in the address): the student makes a small
// dataset in the tab (2 to 10 named classes; examples drawn, uploaded or captured; augmented on
// request), and the page's network is trained on it in the trainer worker, held-out split and all,
// with the same charts, confusion matrix and misclassified examples as the digits. The dataset is
// the core's ClassSet (classes.js); the worker gets it as the file's bytes (useClasses) whenever it
// changed before the network is set up again. Every count and split comes from the core.
import { el, setValue } from '../../../lib/dom.js';
import { formatCount } from '../../../lib/format.js';
import { loadDigits } from '../../../lib/digits.js';
import { Dataset, FILE_NAME, MAX_CLASSES, coreFailed, layersForClasses } from './classes.js';
import { buildOwnLayout } from './layout.js';
import { showClasses, thumbPlace } from './examples.js';
import { wireSources } from './sources.js';

const DIGIT_CLASSES = 10; // the handwritten digits' classes, for the link back to them
const SETTLE_MS = 300; // the network is set up again this long after the last change of the examples
const AUGMENT = { maxShift: 2, maxDegrees: 10 }; // as the classes panel says

let kept = null; // the dataset's bytes when the page last unmounted: a remount keeps the examples

/** Offer `bytes` as a download called `name`. */
function download(demo, bytes, name) {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  demo.timeout(() => URL.revokeObjectURL(url), 10000);
}

/** Fit the last layer to the classes; hand the worker the current examples and split when they changed. */
function preparer(demo, ui, data, dataset, session, editor) {
  const { core, state } = demo;
  let sentKey = null;
  /** The last dense layer: one unit per class (the core rewrites the layer code). */
  const fit = (k) => {
    const code = core.printLayers(session.layers);
    try {
      const fitted = layersForClasses(core, code, k);
      if (fitted !== code) {
        session.layers = core.parseLayers(fitted);
        editor.setLayers(session.layers);
      }
      ui.outputNote.textContent = `The last dense layer has ${k} units: one per class.`;
      return true;
    } catch (err) {
      if (coreFailed(demo, err)) return false;
      ui.outputNote.textContent = '';
      ui.network.modelMessage.textContent = `This network cannot learn your classes: ${err.message}`;
      ui.network.modelMessage.classList.add('invalid');
      return false;
    }
  };
  // A fresh worker (after its core failed) holds the digits again: the examples go to it anew.
  demo.own(session.worker.on('restarted', () => {
    sentKey = null;
  }));
  const prepare = async () => {
    await null; // a 'restarted' broadcast that led here has reached every listener
    const key = `${dataset.version}:${state.test}:${state.seed}`;
    if (key === sentKey) return true;
    try {
      const bytes = dataset.toBytes();
      kept = bytes.slice();
      const result = await session.worker.request('useClasses', { bytes, testPercent: state.test, seed: state.seed }, { transfer: [bytes.buffer] });
      if (!demo.alive) return false;
      sentKey = key;
      Object.assign(data.counts, { train: result.counts.train, test: result.counts.test });
      session.names = Array.from(result.names);
      ui.classes.split.classList.remove('invalid');
      ui.classes.split.textContent = `${formatCount(result.counts.train)} examples train the network (augmented copies included); ${formatCount(result.counts.test)} originals are held out to test it.`;
      ui.inside.testIndex.max = String(Math.max(0, result.counts.test - 1));
      return true;
    } catch (err) {
      if (!demo.alive || coreFailed(demo, err)) return false;
      sentKey = null;
      ui.classes.split.classList.add('invalid');
      ui.classes.split.textContent = `Not ready to train: ${err.message}`;
      return false;
    }
  };
  return { fit: () => fit(dataset.names().length), prepare };
}

/** Wire the classes panel: start, names, removing, augmenting, the split and the dataset file. */
function wireClasses(demo, ui, { dataset, digits, shape, session, sources }) {
  const { state } = demo;
  const panel = ui.classes;
  let pending = 0;
  const say = (text) => {
    panel.summary.textContent = text;
  };
  const handlers = {
    onRename(label, name) {
      try {
        dataset.renameClass(label, name);
        refresh();
        return true;
      } catch (err) {
        if (coreFailed(demo, err)) return false;
        say(`Could not rename the class: ${err.message}`);
        return false;
      }
    },
    onRemoveClass(label) {
      try {
        dataset.removeClass(label);
        refresh();
      } catch (err) {
        if (coreFailed(demo, err)) return false;
        say(`Could not remove the class: ${err.message}`);
      }
    },
    onRemove(index) {
      const place = thumbPlace(panel.list, index);
      dataset.remove(index);
      refresh(place);
    },
  };
  /** Show the dataset as it is now and set the network up again once the changes settle. */
  function refresh(focus = null, { settle = true } = {}) {
    const { names, counts } = showClasses(panel.list, dataset, shape, handlers, focus);
    const size = dataset.size();
    say(`${names.length} classes \u00b7 ${formatCount(size)} example${size === 1 ? '' : 's'} in all`);
    panel.summary.dataset.examples = String(size);
    panel.addClass.disabled = names.length >= MAX_CLASSES;
    panel.clearAugmented.disabled = !counts.augmented.some((n) => n > 0);
    sources.setNames(names);
    clearTimeout(pending);
    if (!settle) return;
    // data-settled: whether the network is set up on the examples as shown (tests wait for it).
    panel.list.dataset.settled = 'false';
    const mine = demo.timeout(async () => {
      await session.changed();
      if (demo.alive && pending === mine) panel.list.dataset.settled = 'true';
    }, SETTLE_MS);
    pending = mine;
  }
  const start = (how) => {
    if (how === 'empty') dataset.empty();
    else dataset.starter(digits);
    state.start = how;
    demo.save();
    panel.fileMessage.textContent = '';
    panel.augmentMessage.textContent = '';
    refresh();
  };
  panel.starter.addEventListener('click', () => start('starter'));
  panel.empty.addEventListener('click', () => start('empty'));
  panel.addClass.addEventListener('click', () => {
    try {
      dataset.addClass(panel.newName.value);
      panel.newName.value = '';
      refresh();
    } catch (err) {
      if (coreFailed(demo, err)) return;
      say(`Could not add the class: ${err.message}`);
    }
  });
  panel.augment.addEventListener('click', () => {
    const copies = Number(panel.copies.value);
    if (!Number.isInteger(copies) || copies < 1 || copies > 5) {
      panel.augmentMessage.textContent = `Copies must be a whole number from 1 to 5; "${panel.copies.value.slice(0, 20)}" is not.`;
      return;
    }
    try {
      const added = dataset.augment({ copies, ...AUGMENT, seed: state.seed });
      panel.augmentMessage.textContent = `Added ${formatCount(added)} augmented copies.`;
      refresh();
    } catch (err) {
      if (coreFailed(demo, err)) return;
      panel.augmentMessage.textContent = `Could not augment: ${err.message}`;
    }
  });
  panel.clearAugmented.addEventListener('click', () => {
    dataset.clearAugmented();
    panel.augmentMessage.textContent = 'Removed the augmented copies; the originals stay.';
    refresh();
  });
  setValue(panel.test, state.test);
  panel.test.addEventListener('change', () => {
    if (!demo.set('test', panel.test.value)) return setValue(panel.test, state.test);
    demo.save();
    return session.changed();
  });
  panel.save.addEventListener('click', () => {
    const bytes = dataset.toBytes();
    download(demo, bytes, FILE_NAME);
    panel.fileMessage.textContent = `Saved ${formatCount(dataset.size())} examples in ${dataset.names().length} classes (${formatCount(bytes.length)} bytes) as ${FILE_NAME}.`;
  });
  panel.load.addEventListener('change', async () => {
    const file = panel.load.files?.[0];
    panel.load.value = '';
    if (!file) return;
    try {
      dataset.parse(new Uint8Array(await file.arrayBuffer()));
      if (!demo.alive) return;
      panel.fileMessage.textContent = `Loaded \u201c${file.name}\u201d: ${dataset.names().length} classes, ${formatCount(dataset.size())} examples.`;
      demo.fail(null);
      refresh();
    } catch (err) {
      if (!demo.alive || coreFailed(demo, err)) return;
      const text = `Could not load \u201c${file.name}\u201d: ${err.message} Your current examples are kept.`;
      panel.fileMessage.textContent = text;
      demo.fail(text);
    }
  });
  return refresh;
}

/** Mount the own-classes mode; `setUp(demo, ui, data, own)` is the training page's shared wiring. */
export async function mountOwn(demo, setUp) {
  const { core, state } = demo;
  const digits = await loadDigits(core); // the starter's examples come from the shipped digits
  if (!demo.alive) return undefined;
  const shape = Array.from(digits.shape());
  const dataset = demo.own(new Dataset(core));
  if (kept) {
    try {
      dataset.parse(kept);
    } catch {
      kept = null;
    }
  }
  if (!dataset.set) {
    if (state.start === 'empty') dataset.empty();
    else dataset.starter(digits);
  }
  const toDigits = (code) => {
    try {
      return code ? layersForClasses(core, code, DIGIT_CLASSES) : null;
    } catch {
      return null;
    }
  };
  const ui = buildOwnLayout(demo.root, demo, shape, { toDigits });
  ui.outputNote = demo.root.querySelector('#own-output-note');
  const data = { shape, counts: { train: 0, test: 0 } };
  await setUp(demo, ui, data, (session, editor) => {
    session.noun = 'example';
    editor.input.textContent = `Input: ${shape.join('\u00d7')} example`;
    session.names = dataset.names();
    Object.assign(session, preparer(demo, ui, data, dataset, session, editor));
    let refresh = () => {};
    const sources = wireSources(demo, ui.examples, { dataset, session, shape, onAdded: () => refresh() });
    refresh = wireClasses(demo, ui, { dataset, digits, shape, session, sources });
    refresh(null, { settle: false }); // setUp sets the network up next
    ui.training.stats.testAcc.node.hidden = true; // the held-out split is measured whole
    return sources.predict;
  });
  ui.classes.list.dataset.settled = 'true';
  return () => {
    try {
      if (dataset.set) kept = dataset.toBytes();
    } catch {
      // a broken core: the bytes last handed to the worker stay kept
    }
  };
}
