// The layer stack of the receptive-field demo: its URL text, presets, the windows the core
// takes, and the editor (one card per layer: type, kernel, stride, dilation, padding).
//
// URL text: layers joined by '.', each `{c|p}{kernel}s{stride}d{dilation}p{v|s|f|N}`, e.g.
// LeNet's `c5s1d1pv.p2s2d1pv.c5s1d1pv.p2s2d1pv` (v valid, s same, f full, N explicit zeros).
import { button, el, field, setValue } from '../../lib/dom.js';

const LAYER = '[cp]\\d{1,2}s\\d{1,2}d\\d{1,2}p(?:v|s|f|\\d{1,2})';
export const MAX_LAYERS = 8;
export const STACK_PATTERN = new RegExp(`${LAYER}(?:\\.${LAYER}){0,${MAX_LAYERS - 1}}`);

export const PRESETS = [
  ['three3', 'Three 3×3 convs', 'c3s1d1pv.c3s1d1pv.c3s1d1pv'],
  ['lenet', 'LeNet: conv5-pool2-conv5-pool2', 'c5s1d1pv.p2s2d1pv.c5s1d1pv.p2s2d1pv'],
  ['dilated', 'Dilated 3×3 (1, 2, 4)', 'c3s1d1pv.c3s1d2pv.c3s1d4pv'],
  ['strided', 'Strided 3×3 convs, "same"', 'c3s2d1ps.c3s2d1ps.c3s2d1ps'],
];

const PADDINGS = [
  ['v', 'valid'],
  ['s', 'same'],
  ['f', 'full'],
  ['1', 'pad 1'],
  ['2', 'pad 2'],
  ['3', 'pad 3'],
];

/** `'c5s1d1pv.p2s2d1pv'` → `[{ type: 'conv', kernel: 5, stride: 1, dilation: 1, padding: 'v' }, …]`. */
export function decodeStack(text) {
  return text.split('.').map((part) => {
    const m = /^([cp])(\d+)s(\d+)d(\d+)p(v|s|f|\d+)$/.exec(part);
    return {
      type: m[1] === 'c' ? 'conv' : 'pool',
      kernel: Number(m[2]),
      stride: Number(m[3]),
      dilation: Number(m[4]),
      padding: m[5],
    };
  });
}

export function encodeStack(layers) {
  return layers.map((l) => `${l.type === 'conv' ? 'c' : 'p'}${l.kernel}s${l.stride}d${l.dilation}p${l.padding}`).join('.');
}

/** The padding object the core takes. */
export function paddingOf(code) {
  if (code === 'v') return { kind: 'valid' };
  if (code === 's') return { kind: 'same' };
  if (code === 'f') return { kind: 'full' };
  return { kind: 'explicit', y: Number(code), x: Number(code) };
}

/** The window `{ kernel, stride, dilation, padding }` for core.receptiveField*. */
export function windowOf(layer) {
  return {
    kernel: [layer.kernel, layer.kernel],
    stride: [layer.stride, layer.stride],
    dilation: [layer.dilation, layer.dilation],
    padding: paddingOf(layer.padding),
  };
}

/** Options for core.convGeometry. */
export function geometryOptions(layer) {
  return { stride: layer.stride, dilation: layer.dilation, padding: paddingOf(layer.padding) };
}

/** Short words for a layer: "conv 5×5", "pool 2×2 /2", "conv 3×3 dil 2, same". */
export function describe(layer) {
  let text = `${layer.type} ${layer.kernel}×${layer.kernel}`;
  if (layer.stride !== 1) text += ` /${layer.stride}`;
  if (layer.dilation !== 1) text += ` dil ${layer.dilation}`;
  const pad = PADDINGS.find(([code]) => code === layer.padding);
  if (layer.padding !== 'v') text += `, ${pad ? pad[1] : `pad ${layer.padding}`}`;
  return text;
}

/**
 * The editor. `onChange(layers)` gets a new list whenever a field changes or a layer is added or
 * removed; `render(layers, notes)` rebuilds the cards, `notes[i]` is text shown on card i (and a
 * card with `bad: true` is marked). Numbers typed are range-checked by the inputs' bounds.
 */
export function createEditor({ onChange, onPreset }) {
  const list = el('ol', { class: 'rf-layers', 'aria-label': 'Layers, input first' });
  const addConv = button('+ conv layer', { class: 'secondary' });
  const addPool = button('+ pool layer', { class: 'secondary' });
  const presetButtons = PRESETS.map(([id, text]) => button(text, { class: 'secondary preset', 'data-preset': id }));
  const node = el('div', { class: 'rf-editor' }, [
    el('div', { class: 'button-row rf-presets', role: 'group', 'aria-label': 'Presets' }, presetButtons),
    list,
    el('div', { class: 'button-row' }, [addConv, addPool]),
  ]);
  let layers = [];

  const emit = (next) => onChange(next.map((l) => ({ ...l })));
  addConv.addEventListener('click', () => emit([...layers, { type: 'conv', kernel: 3, stride: 1, dilation: 1, padding: 'v' }]));
  addPool.addEventListener('click', () => emit([...layers, { type: 'pool', kernel: 2, stride: 2, dilation: 1, padding: 'v' }]));
  for (const b of presetButtons) b.addEventListener('click', () => onPreset(b.dataset.preset));

  function card(layer, i, note) {
    const n = i + 1;
    const f = {
      type: field('select', { label: 'Type', name: `type${n}`, options: [['conv', 'conv'], ['pool', 'pool']], value: layer.type }),
      padding: field('select', { label: 'Padding', name: `padding${n}`, options: PADDINGS, value: layer.padding }),
      kernel: field('number', { label: 'Kernel', name: `kernel${n}`, min: 1, max: 99, step: 1, value: layer.kernel }),
      stride: field('number', { label: 'Stride', name: `stride${n}`, min: 1, max: 99, step: 1, value: layer.stride }),
      dilation: field('number', { label: 'Dilation', name: `dilation${n}`, min: 1, max: 99, step: 1, value: layer.dilation }),
    };
    const remove = button('Remove', { class: 'secondary remove', 'aria-label': `remove layer ${n}` });
    remove.disabled = layers.length <= 1;
    remove.addEventListener('click', () => emit(layers.filter((_, j) => j !== i)));
    for (const [key, { input }] of Object.entries(f)) {
      input.setAttribute('aria-label', `layer ${n} ${key}`);
      input.addEventListener('change', () => {
        const value = key === 'type' || key === 'padding' ? input.value : Number(input.value);
        if (typeof value === 'number' && !(Number.isInteger(value) && value >= 1 && value <= 99)) {
          setValue(input, layer[key]);
          note.textContent = `Layer ${n}: ${key} must be a whole number from 1 to 99; keeping ${layer[key]}.`;
          return;
        }
        emit(layers.map((l, j) => (j === i ? { ...l, [key]: value } : l)));
      });
    }
    return el('li', { class: 'rf-layer' }, [
      el('div', { class: 'rf-layer-head' }, [el('h3', { text: `Layer ${n}` }), remove]),
      el('div', { class: 'rf-layer-fields' }, Object.values(f).map((x) => x.node)),
      note,
    ]);
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
