// Demo: receptive fields and parameter counts. A stack of conv/pool layers over an input; the
// core gives every map size (convGeometry), the closed-form receptive field and jump
// (receptiveFieldSizes) and the region a chosen unit sees in every map (receptiveField).
// Stack editor: receptive-field-stack.js; grids: receptive-field-maps.js; counts:
// receptive-field-counts.js.
import { mountShell, onReady, showError, clearError } from '../shell.js';
import { loadCore } from '../wasm.js';
import { readState, writeState, decodeState } from '../state.js';
import { loadDigits } from '../lib/digits.js';
import { el, field, section, setValue, checkSetting } from '../lib/dom-kit.js';
import { STACK_PATTERN, PRESETS, decodeStack, encodeStack, createEditor } from './receptive-field-stack.js';
import { createMaps } from './receptive-field-maps.js';
import { createCounts, COUNT_SCHEMA } from './receptive-field-counts.js';
import { analyse, createTable, selectionText } from './receptive-field-analysis.js';

const SCHEMA = {
  size: { type: 'int', min: 4, max: 64, default: 32 },
  digit: { type: 'bool', default: false },
  layers: { type: 'string', pattern: STACK_PATTERN, maxLength: 200, default: PRESETS[1][2] },
  layer: { type: 'int', min: 0, max: 7, default: 3 },
  row: { type: 'int', min: 0, max: 199, default: 2 },
  col: { type: 'int', min: 0, max: 199, default: 2 },
  ...COUNT_SCHEMA,
};

const { content } = mountShell({
  title: 'Receptive fields and parameter counts',
  description:
    'Stack convolution and pooling layers, pick a unit and see which input pixels it depends on; then count what a ' +
    'fully connected layer would cost instead.',
});
content.classList.add('rf-demo');

const { state, problems } = readState(SCHEMA);
let notices = [...problems];
let core = null;
let digitPixels = null;

const sizeField = field('number', { label: 'Input size (pixels)', name: 'size', min: 4, max: 64, step: 1, value: state.size });
const digitField = field('checkbox', { label: 'Draw a 28×28 digit underneath', name: 'digit', value: state.digit });
const editor = createEditor({
  onChange: (layers) => update({ layers: encodeStack(layers) }),
  onPreset: (id) => {
    const preset = PRESETS.find(([key]) => key === id);
    update({ layers: preset[2], layer: decodeStack(preset[2]).length - 1, row: 199, col: 199, centre: true });
  },
});
const maps = createMaps({ onSelect: (layer, row, col) => update({ layer, row, col }) });
const table = createTable();
const selection = el('p', { id: 'rf-selection', class: 'rf-selection', 'aria-live': 'polite' });
const counts = createCounts(state, {
  onChange: (key, text) => typed(key, text),
  onPreset: (values) => update(values),
});

const stack = section('The stack', 'Choose an input, then a preset or your own layers (at most 8).', { id: 'stack' });
stack.body.append(el('div', { class: 'controls' }, [sizeField.node, digitField.node]), editor.node);
const view = section(
  'Maps and receptive fields',
  'Each grid is one map, input first. Tap a unit (or focus a map and use the arrow keys): it turns blue, and the ' +
    'orange boxes show the region it depends on in every earlier map, back to the input.',
  { id: 'maps' },
);
view.body.append(selection, maps.node, table.node);
content.append(stack.node, view.node, ...counts.nodes);

function report(errors) {
  const lines = [...notices, ...errors];
  if (lines.length) showError(lines.join('\n'));
  else clearError();
}

function render() {
  if (!core) return;
  const errors = [];
  try {
    const result = analyse(core, state, digitPixels);
    if (result.error) errors.push(result.error);
    Object.assign(state, result.selectionState);
    editor.render(result.layers, result.notes);
    maps.render(result.view);
    table.render(result);
    selection.textContent = selectionText(result);
  } catch (err) {
    errors.push(err.message);
  }
  try {
    counts.render(core, state);
  } catch (err) {
    errors.push(err.message);
  }
  writeState(state, SCHEMA);
  report(errors);
  content.dataset.ready = '1';
}

function update(values) {
  notices = [];
  const { centre, ...rest } = values;
  Object.assign(state, rest);
  if (centre) state.centre = true;
  counts.sync(state);
  render();
  delete state.centre;
}

function typed(key, text) {
  const checked = checkSetting(decodeState, SCHEMA, key, text, state[key]);
  if (checked.problem) {
    notices = [checked.problem];
    if (key === 'size') setValue(sizeField.input, state.size);
    else counts.sync(state);
    render();
    return;
  }
  update({ [key]: checked.value });
}

sizeField.input.addEventListener('change', () => typed('size', sizeField.input.value));
/** With the digit drawn the input is 28×28: the size field shows that and is locked. */
function lockSize(on) {
  sizeField.input.disabled = on;
  setValue(sizeField.input, on ? 28 : state.size);
}

digitField.input.addEventListener('change', async () => {
  const on = digitField.input.checked;
  lockSize(on);
  if (on && !digitPixels) {
    try {
      digitPixels = (await loadDigits(core)).image('test', 0);
    } catch (err) {
      digitField.input.checked = false;
      lockSize(false);
      showError(err);
      return;
    }
  }
  update({ digit: on });
});

onReady(async () => {
  core = await loadCore();
  if (state.digit) {
    lockSize(true);
    digitPixels = (await loadDigits(core)).image('test', 0);
  }
  render();
});
