// The 2-D demo's settings form. Selects keep each value in a sensible range; combinations the
// core cannot do (a kernel larger than the padded input…) are left to the core to reject.
import { button, el, field, rangeOptions, setValue } from '../../lib/dom.js';
import { SCHEMA } from './state.js';

const PADDING = [
  ['valid', 'valid (none)'],
  ['same', 'same'],
  ['full', 'full'],
  ['explicit', 'explicit amount'],
];
const MODES = [
  ['xcorr', 'cross-correlation'],
  ['conv', 'true convolution (flipped)'],
];

const range = (key) => rangeOptions(SCHEMA[key].min, SCHEMA[key].max);

/**
 * Build the form. `onSettings(patch)` gets `{ key: value }` for a changed setting,
 * `onLecture()` resets to the lecture's example, `onRandom(seed)` fills with that seed.
 * Returns `{ element, sync(state) }`; sync puts a state into the controls.
 */
export function createControls({ onSettings, onLecture, onRandom, onGoodfellow }) {
  const select = (label, options, key) => field('select', { label, options, value: SCHEMA[key].default, name: key });
  const fields = {
    rows: select('Input rows', range('rows'), 'rows'),
    cols: select('Input columns', range('cols'), 'cols'),
    krows: select('Kernel rows', range('krows'), 'krows'),
    kcols: select('Kernel columns', range('kcols'), 'kcols'),
    stride: select('Stride', range('stride'), 'stride'),
    padding: select('Padding', PADDING, 'padding'),
    pad: select('Padding amount', range('pad'), 'pad'),
    dilation: select('Dilation', range('dilation'), 'dilation'),
    mode: select('Operation', MODES, 'mode'),
    volume: field('checkbox', { label: 'Volume: 3 input channels', value: false, name: 'volume' }),
    symbolic: field('checkbox', { label: 'Letters instead of numbers', value: false, name: 'symbolic' }),
    filters: select('Filters', range('filters'), 'filters'),
  };
  const seed = field('number', { label: 'Seed', min: SCHEMA.seed.min, max: SCHEMA.seed.max, step: 1, value: SCHEMA.seed.default, name: 'seed' });
  const random = button('Random fill', { class: 'secondary', id: 'random-fill' });
  const lecture = button("Lecture's example", { class: 'secondary', id: 'lecture-example' });
  const goodfellow = button("Goodfellow's figure (letters)", { class: 'secondary', id: 'goodfellow-example' });

  const group = (legend, keys, extra = []) =>
    el('fieldset', { class: 'controls conv-fieldset' }, [el('legend', { text: legend }), ...keys.map((k) => fields[k].node), ...extra]);

  const element = el('div', { class: 'conv-controls panel', id: 'settings' }, [
    group('Sizes', ['rows', 'cols', 'krows', 'kcols']),
    group('Sliding', ['stride', 'padding', 'pad', 'dilation']),
    group('Operation', ['mode', 'volume', 'filters', 'symbolic']),
    el('fieldset', { class: 'controls conv-fieldset' }, [el('legend', { text: 'Values' }), seed.node, random, lecture, goodfellow]),
  ]);

  for (const [key, { input: control }] of Object.entries(fields)) {
    control.addEventListener('change', () => {
      let v;
      if (control.type === 'checkbox') v = control.checked;
      else if (SCHEMA[key].type === 'int') v = Number(control.value);
      else v = control.value;
      onSettings({ [key]: v });
    });
  }

  function readSeed() {
    const v = Math.round(Number(seed.input.value));
    if (!Number.isFinite(v)) return SCHEMA.seed.default;
    return Math.min(SCHEMA.seed.max, Math.max(SCHEMA.seed.min, v));
  }
  seed.input.addEventListener('change', () => onRandom(readSeed()));
  random.addEventListener('click', () => {
    const next = readSeed() >= SCHEMA.seed.max ? 0 : readSeed() + 1;
    onRandom(next);
  });
  lecture.addEventListener('click', () => onLecture());
  goodfellow.addEventListener('click', () => onGoodfellow());

  return {
    element,
    sync(state) {
      for (const [key, { input }] of Object.entries(fields)) setValue(input, state[key]);
      fields.pad.input.disabled = state.padding !== 'explicit';
      fields.filters.input.disabled = !state.volume;
      seed.input.value = String(state.seed);
    },
  };
}
