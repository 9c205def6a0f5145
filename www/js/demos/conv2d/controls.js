// The 2-D demo's settings form. Selects keep each value in a sensible range; combinations the
// core cannot do (a kernel larger than the padded input…) are left to the core to reject.
import { checkField, el, numberField, rangeOptions, selectField } from '../../lib/dom.js';
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
export function createControls({ onSettings, onLecture, onRandom }) {
  const fields = {
    rows: selectField('Input rows', range('rows'), SCHEMA.rows.default, { name: 'rows' }),
    cols: selectField('Input columns', range('cols'), SCHEMA.cols.default, { name: 'cols' }),
    krows: selectField('Kernel rows', range('krows'), SCHEMA.krows.default, { name: 'krows' }),
    kcols: selectField('Kernel columns', range('kcols'), SCHEMA.kcols.default, { name: 'kcols' }),
    stride: selectField('Stride', range('stride'), SCHEMA.stride.default, { name: 'stride' }),
    padding: selectField('Padding', PADDING, SCHEMA.padding.default, { name: 'padding' }),
    pad: selectField('Padding amount', range('pad'), SCHEMA.pad.default, { name: 'pad' }),
    dilation: selectField('Dilation', range('dilation'), SCHEMA.dilation.default, { name: 'dilation' }),
    mode: selectField('Operation', MODES, SCHEMA.mode.default, { name: 'mode' }),
    volume: checkField('Volume: 3 input channels', false, { name: 'volume' }),
    filters: selectField('Filters', range('filters'), SCHEMA.filters.default, { name: 'filters' }),
  };
  const seed = numberField('Seed', { min: SCHEMA.seed.min, max: SCHEMA.seed.max, value: SCHEMA.seed.default, name: 'seed' });
  const random = el('button', { type: 'button', class: 'secondary', id: 'random-fill', text: 'Random fill' });
  const lecture = el('button', { type: 'button', class: 'secondary', id: 'lecture-example', text: "Lecture's example" });

  const group = (legend, keys, extra = []) =>
    el('fieldset', { class: 'controls conv-fieldset' }, [el('legend', { text: legend }), ...keys.map((k) => fields[k].label), ...extra]);

  const element = el('div', { class: 'conv-controls panel', id: 'settings' }, [
    group('Sizes', ['rows', 'cols', 'krows', 'kcols']),
    group('Sliding', ['stride', 'padding', 'pad', 'dilation']),
    group('Operation', ['mode', 'volume', 'filters']),
    el('fieldset', { class: 'controls conv-fieldset' }, [el('legend', { text: 'Values' }), seed.label, random, lecture]),
  ]);

  for (const [key, { control }] of Object.entries(fields)) {
    control.addEventListener('change', () => {
      let v;
      if (control.type === 'checkbox') v = control.checked;
      else if (SCHEMA[key].type === 'int') v = Number(control.value);
      else v = control.value;
      onSettings({ [key]: v });
    });
  }

  function readSeed() {
    const v = Math.round(Number(seed.control.value));
    if (!Number.isFinite(v)) return SCHEMA.seed.default;
    return Math.min(SCHEMA.seed.max, Math.max(SCHEMA.seed.min, v));
  }
  seed.control.addEventListener('change', () => onRandom(readSeed()));
  random.addEventListener('click', () => {
    const next = readSeed() >= SCHEMA.seed.max ? 0 : readSeed() + 1;
    onRandom(next);
  });
  lecture.addEventListener('click', () => onLecture());

  return {
    element,
    sync(state) {
      for (const [key, { control }] of Object.entries(fields)) {
        if (control.type === 'checkbox') control.checked = Boolean(state[key]);
        else control.value = String(state[key]);
      }
      fields.pad.control.disabled = state.padding !== 'explicit';
      fields.filters.control.disabled = !state.volume;
      seed.control.value = String(state.seed);
    },
  };
}
