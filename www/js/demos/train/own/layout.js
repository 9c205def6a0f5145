// The layout of the training page's "Your own classes" mode: the switch between the two modes,
// the examples panel (draw, upload, camera; the class probabilities of the current example), the
// classes panel (names, thumbnails, augmenting, the test split, the dataset file), and the
// training page's own panels (../layout.js) in the words of this mode. No behaviour here.
import { el, button, field } from '../../../lib/dom.js';
import { networkPanel, trainingPanel, insidePanel, filePanel } from '../layout.js';
import { MAX_CLASSES } from './classes.js';

/**
 * The page's two modes as links: the handwritten digits, or the student's own classes. None when
 * embedded (no navigation inside a course page's frame: the address chooses the mode).
 */
export function modeSwitch(demo, { toDigits } = {}) {
  if (document.documentElement.classList.contains('embed')) return null;
  const own = demo.state.data === 'own';
  const link = (mode, text) => {
    const a = el('a', { href: '#', text, 'aria-current': (mode === 'own') === own ? 'page' : undefined, dataset: { mode } });
    // The address is made when followed, from the settings as they are then.
    const update = () => {
      const query = new URLSearchParams(location.search);
      if (mode === 'own') query.set('data', 'own');
      else {
        query.delete('data');
        const layers = toDigits?.(query.get('layers'));
        if (layers) query.set('layers', layers);
      }
      a.href = `${location.pathname}?${query}`;
    };
    update();
    a.addEventListener('click', update);
    return a;
  };
  return el('nav', { class: 'mode-switch panel', 'aria-label': 'What the network learns' }, [
    el('span', { class: 'mode-switch-label', text: 'Train on:' }),
    link('digits', 'Handwritten digits'),
    link('own', 'Your own classes'),
  ]);
}

function examplesPanel([, h, w]) {
  const pad = el('canvas', { id: 'own-draw', class: 'draw-pad', role: 'img', 'aria-label': 'Drawing area: draw one example with the mouse, a pen or a finger; what the network sees and its class probabilities follow' });
  const clear = button('Clear', { id: 'own-clear', class: 'secondary' });
  const video = el('video', { id: 'own-video', class: 'own-video', muted: true, playsinline: true, hidden: true, 'aria-label': 'The camera\u2019s picture (stays in this tab)' });
  const start = button('Start camera', { id: 'own-camera-start', class: 'secondary' });
  const capture = button('Capture', { id: 'own-capture', class: 'secondary', disabled: true });
  const stop = button('Stop camera', { id: 'own-camera-stop', class: 'secondary', disabled: true });
  const cameraMessage = el('p', { id: 'own-camera-message', class: 'note', role: 'status' });
  const preview = el('canvas', { id: 'own-preview', class: 'heatmap draw-preview', role: 'img', 'aria-label': `The current example as the network sees it, ${h}×${w}` });
  const probs = el('ul', { id: 'own-probs', class: 'probs own-probs', 'aria-label': 'Probability of each class' });
  const target = field('select', { label: 'Class', id: 'own-target', options: [] });
  const add = button('Add to this class', { id: 'own-add', disabled: true });
  const upload = field('file', { label: 'Upload pictures to this class', id: 'own-upload', accept: 'image/*', multiple: true });
  const message = el('p', { id: 'own-message', class: 'own-message', role: 'status' });
  const node = el('section', { id: 'own-examples', class: 'panel demo-section train-section', 'aria-labelledby': 'own-examples-title' }, [
    el('h2', { id: 'own-examples-title', text: 'Add examples, try them' }),
    el('p', { class: 'note', text: `Draw an example, capture one with the camera, or upload pictures. Each is made grey, cropped and centred in ${h}×${w} like the digits. Once a network is trained, its class probabilities for the current example follow live. Nothing leaves this tab.` }),
    el('div', { class: 'draw-row' }, [
      el('div', { class: 'draw-col' }, [pad, el('div', { class: 'controls' }, [clear])]),
      el('div', { class: 'draw-col own-camera' }, [video, el('div', { class: 'controls' }, [start, capture, stop]), cameraMessage]),
      el('div', { class: 'draw-col' }, [el('p', { class: 'note', text: 'What the network sees' }), preview]),
      el('div', { class: 'draw-col probs-col' }, [el('p', { class: 'note', text: 'Class probabilities' }), probs]),
    ]),
    el('div', { class: 'controls own-add-row' }, [target.node, add, upload.node]),
    message,
  ]);
  return { node, pad, clear, video, camera: { start, capture, stop, message: cameraMessage }, preview, probs, target: target.input, add, upload: upload.input, message };
}

function classesPanel() {
  const starter = button('Start from \u201c0 vs 1 vs 7\u201d', { id: 'own-starter', class: 'secondary' });
  const empty = button('Start empty (two classes)', { id: 'own-empty', class: 'secondary' });
  const summary = el('p', { id: 'own-summary', class: 'own-summary', role: 'status' });
  const list = el('div', { id: 'own-class-list', class: 'own-class-list' });
  const newName = field('text', { label: 'New class name', id: 'own-new-class', maxlength: 32, autocomplete: 'off' });
  const addClass = button('Add class', { id: 'own-add-class', class: 'secondary' });
  const copies = field('number', { label: 'Copies of each original', id: 'own-copies', min: 1, max: 5, step: 1, value: 2 });
  const augment = button('Augment', { id: 'own-augment', class: 'secondary' });
  const clearAugmented = button('Remove augmented', { id: 'own-clear-augmented', class: 'secondary' });
  const augmentMessage = el('p', { id: 'own-augment-message', class: 'note', role: 'status' });
  const test = field('number', { label: 'Held out for testing (%)', id: 'own-test', min: 10, max: 50, step: 1 });
  const split = el('p', { id: 'own-split', class: 'own-split', role: 'status' });
  const save = button('Save dataset to a file', { id: 'own-save', class: 'secondary' });
  const load = field('file', { label: 'Load a dataset file', id: 'own-load', accept: '.cpclass,application/octet-stream' });
  const fileMessage = el('p', { id: 'own-file-message', class: 'own-message', role: 'status' });
  const node = el('section', { id: 'own-classes', class: 'panel demo-section train-section', 'aria-labelledby': 'own-classes-title' }, [
    el('h2', { id: 'own-classes-title', text: 'Your classes' }),
    el('p', { class: 'note', text: `Two to ${MAX_CLASSES} classes, named by you. Start from the built-in \u201c0 vs 1 vs 7\u201d (handwritten digits from the site's training set) or from two empty classes. Changing the examples starts training again from fresh weights.` }),
    el('div', { class: 'controls' }, [starter, empty]),
    summary,
    list,
    el('div', { class: 'controls own-add-class' }, [newName.node, addClass]),
    el('h3', { text: 'Augment' }),
    el('p', { class: 'note', text: 'Adds copies of every original, each moved by up to 2 pixels and turned by up to 10 degrees. Copies only ever train: an original held out for testing takes its copies out of the data.' }),
    el('div', { class: 'controls' }, [copies.node, augment, clearAugmented]),
    augmentMessage,
    el('h3', { text: 'Test split' }),
    el('div', { class: 'controls' }, [test.node]),
    split,
    el('h3', { text: 'Dataset file' }),
    el('p', { class: 'note', text: 'Saves every class and example to one file on your device, to load here again later. The file is checked when loaded; a wrong one changes nothing.' }),
    el('div', { class: 'controls' }, [save, load.node]),
    fileMessage,
  ]);
  return {
    node, starter, empty, summary, list, newName: newName.input, addClass,
    copies: copies.input, augment, clearAugmented, augmentMessage, test: test.input, split,
    save, load: load.input, fileMessage,
  };
}

const TRAINING_TEXT = {
  testAll: 'Test accuracy (held-out examples)',
  note: 'Test accuracy is measured on your held-out examples every 100 steps while training, and when you pause. Space bar: play / pause.',
};
const INSIDE_TEXT = { noun: 'example', testIndex: 'Held-out example (number from 0)' };

/** Build the own-classes page into `root`; `shape` = [c, h, w] of one example. */
export function buildOwnLayout(root, demo, shape, { toDigits }) {
  const counts = { train: 0, test: 1 };
  const parts = {
    examples: examplesPanel(shape),
    classes: classesPanel(),
    network: networkPanel(),
    training: trainingPanel(counts, TRAINING_TEXT),
    inside: insidePanel(counts, INSIDE_TEXT),
    files: filePanel(),
  };
  parts.network.node.querySelector('.total-params').after(el('p', { id: 'own-output-note', class: 'note' }));
  root.classList.add('train-page', 'own-page');
  root.append(
    modeSwitch(demo, { toDigits }),
    el('div', { class: 'train-two own-top' }, [parts.examples.node, parts.classes.node]),
    el('div', { class: 'train-top' }, [parts.training.node, parts.network.node]),
    parts.inside.node,
    parts.files.node,
  );
  return parts;
}
