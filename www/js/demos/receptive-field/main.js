// Demo: receptive fields and parameter counts. A stack of conv/pool layers over an input, in the
// core's one layer code (the training page's); the core gives every map size, receptive field
// and jump (describeModel), and the region a chosen unit sees in every map (traceUnit).
// Layers and presets: layers.js; editor: editor.js; what the core says: model.js; grids:
// maps.js; the layer table: table.js; counts: counts.js.
import { defineDemo } from '../../demo.js';
import { el, field, section, setValue } from '../../lib/dom.js';
import { loadDigits } from '../../lib/digits.js';
import { MAX_LAYERS, PRESETS } from './layers.js';
import { createEditor } from './editor.js';
import { createMaps } from './maps.js';
import { createCounts, COUNT_SCHEMA } from './counts.js';
import { analyse, readLayers, selectionText } from './model.js';
import { createTable } from './table.js';

const SCHEMA = {
  size: { type: 'int', min: 4, max: 64, default: 32 },
  digit: { type: 'bool', default: false },
  // The core's layer code, checked by core.parseLayers (which also reads the old `c5s1d1pv.p2s2d1pv`).
  layers: { type: 'string', pattern: /[A-Za-z0-9._]+/, maxLength: 200, default: PRESETS[1][2] },
  layer: { type: 'int', min: 0, max: MAX_LAYERS - 1, default: 3 },
  row: { type: 'int', min: 0, max: 199, default: 2 },
  col: { type: 'int', min: 0, max: 199, default: 2 },
  ...COUNT_SCHEMA,
};

/** The test digit drawn under the input grid: `{ size: [h, w], pixels }` from the digit file. */
async function loadDigit(core) {
  const digits = await loadDigits(core);
  const [, h, w] = digits.shape();
  return { size: [h, w], pixels: digits.image('test', 0) };
}

async function mount(demo) {
  const { core, state, root } = demo;
  let digit = state.digit ? await loadDigit(core) : null;
  if (!demo.alive) return;
  const read = readLayers(core, state.layers, SCHEMA.layers.default);
  let layers = read.layers;
  state.layers = core.printLayers(layers); // an old link is written back in the new code
  if (read.problems.length) demo.notify([...demo.notices, ...read.problems]);

  const sizeField = field('number', { label: 'Input size (pixels)', name: 'size', min: SCHEMA.size.min, max: SCHEMA.size.max, step: 1, value: state.size });
  const digitField = field('checkbox', { label: 'Draw a test digit underneath', name: 'digit', value: state.digit });
  const editor = createEditor({
    onChange: (next) => setLayers(next, {}),
    onPreset: (id) => {
      const next = core.parseLayers(PRESETS.find(([key]) => key === id)[2]);
      setLayers(next, { layer: next.length - 1, centre: true });
    },
  });
  const maps = createMaps({ onSelect: (layer, row, col) => update({ layer, row, col }), observe: demo.observe });
  const table = createTable();
  const selection = el('p', { id: 'rf-selection', class: 'rf-selection', 'aria-live': 'polite' });
  const counts = createCounts(state, { onChange: typed, onPreset: (values) => update(values) });

  root.classList.add('rf-demo');
  root.append(
    section('The stack', { id: 'stack', intro: 'Choose an input, then a preset or your own layers (at most 8).' }, [
      el('div', { class: 'controls' }, [sizeField.node, digitField.node]),
      editor.node,
    ]),
    section(
      'Maps and receptive fields',
      {
        id: 'maps',
        intro:
          'Each grid is one map, input first. Tap a unit (or focus a map and use the arrow keys): it turns blue, and the ' +
          'orange boxes show the region it depends on in every earlier map, back to the input.',
      },
      [selection, maps.node, table.node],
    ),
    ...counts.nodes,
  );
  demo.own(() => {
    root.classList.remove('rf-demo');
    delete root.dataset.ready;
  });

  function render() {
    const errors = [];
    try {
      const drawn = state.digit && digit;
      const result = analyse(core, layers, state, drawn ? digit.size : [state.size, state.size], drawn ? digit.pixels : null);
      if (result.error) errors.push(result.error);
      Object.assign(state, result.selectionState);
      editor.render(layers, result.notes);
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
    demo.save();
    demo.fail(errors.length ? errors.join('\n') : null);
    root.dataset.ready = '1';
  }

  /** A user action: drop the notices, apply `values` (`centre`: select the centre unit), redraw. */
  function update(values) {
    demo.notify([]);
    const { centre, ...rest } = values;
    Object.assign(state, rest);
    if (centre) state.centre = true;
    counts.sync(state);
    render();
    delete state.centre;
  }

  /** New layers from the editor or a preset, written in the core's code, then `values` applied. */
  function setLayers(next, values) {
    try {
      state.layers = core.printLayers(next);
      layers = core.parseLayers(state.layers);
    } catch (err) {
      demo.fail(err);
      return;
    }
    update(values);
  }

  /** A typed value, checked against the schema like a URL value. */
  function typed(key, text) {
    if (demo.set(key, text)) {
      update({});
      return;
    }
    if (key === 'size') setValue(sizeField.input, state.size);
    else counts.sync(state);
    render();
  }

  /** With the digit drawn the input is the digit's size: the size field shows that and is locked. */
  function lockSize(on) {
    sizeField.input.disabled = on;
    setValue(sizeField.input, on && digit ? digit.size[0] : state.size);
  }

  sizeField.input.addEventListener('change', () => typed('size', sizeField.input.value));
  digitField.input.addEventListener('change', async () => {
    const on = digitField.input.checked;
    if (on && !digit) {
      try {
        digit = await loadDigit(core);
      } catch (err) {
        if (!demo.alive) return;
        setValue(digitField.input, false);
        demo.fail(err);
        return;
      }
      if (!demo.alive) return;
    }
    lockSize(on);
    update({ digit: on });
  });

  lockSize(state.digit);
  render();
}

defineDemo({
  title: 'Receptive fields and parameter counts',
  description:
    'Stack convolution and pooling layers, pick a unit and see which input pixels it depends on; then count what a ' +
    'fully connected layer would cost instead.',
  schema: SCHEMA,
  mount,
});
