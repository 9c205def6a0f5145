// The layer editor of the receptive-field demo: one card per layer of the core's LayerConfig
// list. Convolution and pooling cards edit the window (type, padding, kernel, stride,
// dilation); element-wise layers (activation, batch norm, dropout) only show what they are.
import { button, el, field, setValue } from '../../lib/dom.js';
import { MAX_LAYERS, NEW_LAYER, PADDINGS, PRESETS, describe, paddingKey, paddingText, switchKind, windowOf, withWindow } from './layers.js';

const KINDS = [
  ['conv2d', 'conv'],
  ['pool', 'pool'],
];
const WHOLE = { min: 1, max: 99 };

/** The padding select's options, with the layer's own explicit amount if it is not a preset one. */
function paddingOptions(padding) {
  const options = PADDINGS.map(([key, text]) => [key, text]);
  const key = paddingKey(padding);
  if (!options.some(([k]) => k === key)) options.push([key, paddingText(padding)]);
  return options;
}

function paddingOf(key, current) {
  return PADDINGS.find(([k]) => k === key)?.[2] ?? current;
}

/**
 * `createEditor({ onChange, onPreset })` → `{ node, render(layers, notes) }`. `onChange(layers)`
 * gets a new list whenever a field changes or a layer is added or removed; `onPreset(id)` a
 * preset's id. `notes[i]` is `{ text, bad }` shown on card i. Numbers typed are checked against
 * 1…99 (the message says so and the card keeps its value).
 */
export function createEditor({ onChange, onPreset }) {
  const list = el('ol', { class: 'rf-layers', 'aria-label': 'Layers, input first' });
  const addConv = button('+ conv layer', { class: 'secondary' });
  const addPool = button('+ pool layer', { class: 'secondary' });
  const presetButtons = PRESETS.map(([id, text]) => button(text, { class: 'secondary preset', 'data-preset': id }, () => onPreset(id)));
  const node = el('div', { class: 'rf-editor' }, [
    el('div', { class: 'button-row rf-presets', role: 'group', 'aria-label': 'Presets' }, presetButtons),
    list,
    el('div', { class: 'button-row' }, [addConv, addPool]),
  ]);
  let layers = [];

  const emit = (next) => onChange(next);
  const replace = (i, layer) => emit(layers.map((l, j) => (j === i ? layer : l)));
  addConv.addEventListener('click', () => emit([...layers, NEW_LAYER.conv2d()]));
  addPool.addEventListener('click', () => emit([...layers, NEW_LAYER.pool()]));

  function windowFields(layer, i, n, note) {
    const w = windowOf(layer);
    const f = {
      type: field('select', { label: 'Type', name: `type${n}`, options: KINDS, value: layer.kind }),
      padding: field('select', { label: 'Padding', name: `padding${n}`, options: paddingOptions(w.padding), value: paddingKey(w.padding) }),
      kernel: field('number', { label: 'Kernel', name: `kernel${n}`, ...WHOLE, step: 1, value: w.kernel }),
      stride: field('number', { label: 'Stride', name: `stride${n}`, ...WHOLE, step: 1, value: w.stride }),
      dilation: field('number', { label: 'Dilation', name: `dilation${n}`, ...WHOLE, step: 1, value: w.dilation }),
    };
    for (const [key, { input }] of Object.entries(f)) {
      input.setAttribute('aria-label', `layer ${n} ${key}`);
      input.addEventListener('change', () => {
        if (key === 'type') return replace(i, switchKind(layer, input.value));
        if (key === 'padding') return replace(i, withWindow(layer, 'padding', paddingOf(input.value, w.padding)));
        const value = Number(input.value);
        if (!(Number.isInteger(value) && value >= WHOLE.min && value <= WHOLE.max)) {
          setValue(input, w[key]);
          note.textContent = `Layer ${n}: ${key} must be a whole number from ${WHOLE.min} to ${WHOLE.max}; keeping ${w[key]}.`;
          return undefined;
        }
        return replace(i, withWindow(layer, key, value));
      });
    }
    return el('div', { class: 'rf-layer-fields' }, Object.values(f).map((x) => x.node));
  }

  function card(layer, i, note) {
    const n = i + 1;
    const remove = button('Remove', { class: 'secondary remove', 'aria-label': `remove layer ${n}` }, () => emit(layers.filter((_, j) => j !== i)));
    remove.disabled = layers.length <= 1;
    const body = windowOf(layer)
      ? windowFields(layer, i, n, note)
      : el('p', { class: 'rf-layer-kind', text: `${describe(layer)}: element-wise, so every unit sees what the unit below it sees.` });
    return el('li', { class: 'rf-layer' }, [el('div', { class: 'rf-layer-head' }, [el('h3', { text: `Layer ${n}` }), remove]), body, note]);
  }

  return {
    node,
    render(next, notes = []) {
      const focused = document.activeElement?.name;
      layers = next;
      list.replaceChildren(
        ...layers.map((layer, i) => {
          const info = notes[i] ?? {};
          const note = el('p', { class: 'rf-layer-note', id: `rf-layer-note-${i + 1}`, text: info.text ?? '' });
          const item = card(layer, i, note);
          item.classList.toggle('bad', Boolean(info.bad));
          return item;
        }),
      );
      addConv.disabled = layers.length >= MAX_LAYERS;
      addPool.disabled = layers.length >= MAX_LAYERS;
      if (focused) list.querySelector(`[name="${focused}"]`)?.focus();
    },
  };
}
