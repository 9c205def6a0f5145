// The network editor: one row per layer (its kind, its settings, and the output shape and
// parameter count the core's describeModel gives), add / remove / reorder. It edits a list of the
// core's layer configurations (the JSON of crates/convplay-core/src/model/config.rs) and calls
// `onChange(layers)`; a new layer is the core's reading of a short layer code.
import { el, button, field, setValue } from '../../lib/dom.js';
import { formatCount } from '../../lib/format.js';

/** Kinds offered, with their names and the layer code of a new layer of that kind. */
const KINDS = {
  conv2d: ['convolution', 'c8k3ps'],
  pool: ['pooling', 'mp2'],
  activation: ['activation', 'relu'],
  batchNorm: ['batch norm', 'bn'],
  dropout: ['dropout', 'do25'],
  flatten: ['flatten', 'fl'],
  dense: ['dense', 'd32'],
};
const INITS = [['heNormal', 'He normal'], ['heUniform', 'He uniform'], ['xavierNormal', 'Xavier normal'], ['xavierUniform', 'Xavier uniform'], ['lecunNormal', 'LeCun normal'], ['lecunUniform', 'LeCun uniform']];
const POOLS = [['max', 'max'], ['average', 'average'], ['l2', 'L2'], ['gaussian', 'Gaussian σ=1']];
const ACTIVATIONS = [['relu', 'ReLU'], ['tanh', 'tanh'], ['sigmoid', 'sigmoid'], ['leakyRelu', 'leaky ReLU']];
const PADDINGS = [['valid', 'valid'], ['same', 'same']];

// What a setting shows and how a new value goes back into the layer's configuration.
const kindOf = (options) => ({ options, get: (v) => v.kind, put: (kind) => ({ kind }) });
const FIELDS = {
  conv2d: [
    { key: 'outChannels', label: 'filters', min: 1, max: 128 },
    { key: 'kernel', label: 'kernel', min: 1, max: 11 },
    { key: 'stride', label: 'stride', min: 1, max: 4 },
    { key: 'padding', label: 'padding', ...kindOf(PADDINGS) },
    { key: 'weightInit', label: 'init', ...kindOf(INITS) },
  ],
  pool: [
    { key: 'pool', label: 'kind', options: POOLS, get: (v) => v.kind, put: (kind) => (kind === 'gaussian' ? { kind, sigma: 1 } : { kind }) },
    { key: 'size', label: 'size', min: 1, max: 8 },
    // Blur, then subsample (Zhang 2019): pool at stride 1, binomial blur, keep every size-th (code mp2b).
    { key: 'antialias', label: 'blur, then subsample', check: true },
  ],
  activation: [{ key: 'activation', label: 'function', options: ACTIVATIONS, get: (v) => v.kind, put: (kind) => (kind === 'leakyRelu' ? { kind, slope: 0.01 } : { kind }) }],
  dropout: [{ key: 'dropout', label: 'drop %', min: 0, max: 90, get: (v) => Math.round(100 * v.p), put: (percent) => ({ kind: 'inverted', p: percent / 100 }) }],
  dense: [
    { key: 'outFeatures', label: 'units', min: 1, max: 2048 },
    { key: 'weightInit', label: 'init', ...kindOf(INITS) },
  ],
  batchNorm: [],
  flatten: [],
};

export class LayerEditor {
  /** `newLayer(code)` turns a layer code into a configuration (core.parseLayers); `onInvalid(message)`. */
  constructor(container, { newLayer, onChange, onInvalid }) {
    this.newLayer = newLayer;
    this.onChange = onChange;
    this.onInvalid = onInvalid;
    this.layers = [];
    this.rows = [];
    this.list = el('ol', { class: 'layer-list', 'aria-label': 'Layers, input first' });
    const addKind = field('select', { label: 'Kind of layer to add', options: Object.entries(KINDS).map(([k, [name]]) => [k, name]), value: 'conv2d' });
    const add = button('Add layer', { class: 'secondary' }, () => {
      const layers = [...this.layers];
      // New layers go before the final dense layer, where they usually belong.
      const at = layers.at(-1)?.kind === 'dense' ? layers.length - 1 : layers.length;
      layers.splice(at, 0, this.newLayer(KINDS[addKind.input.value][1]));
      this.setLayers(layers, true);
    });
    this.input = el('p', { class: 'layer-input' });
    container.append(this.input, this.list, el('div', { class: 'layer-add' }, [addKind.node, add]));
  }

  /** Show the input's shape (`[c, h, w]` of one digit). */
  setInput([c, h, w]) {
    this.input.textContent = `Input: ${c}×${h}×${w} digit`;
  }

  setLayers(layers, notify = false) {
    this.layers = layers.map((l) => structuredClone(l));
    this.list.replaceChildren();
    this.rows = this.layers.map((layer, i) => this.row(layer, i));
    this.list.append(...this.rows.map((r) => r.li));
    if (notify) this.onChange(this.layers);
  }

  update(i, key, value) {
    this.layers[i] = { ...this.layers[i], [key]: value };
    this.onChange(this.layers);
  }

  setting(layer, i, spec) {
    const n = i + 1;
    const get = spec.get ?? ((v) => v);
    const put = spec.put ?? ((v) => v);
    const attrs = { label: spec.label, value: get(layer[spec.key]), 'aria-label': `Layer ${n} ${spec.label}` };
    const f = spec.check
      ? field('checkbox', { ...attrs, value: Boolean(layer[spec.key]) })
      : spec.options
        ? field('select', { ...attrs, options: spec.options })
        : field('number', { ...attrs, min: spec.min, max: spec.max, step: 1 });
    f.input.addEventListener('change', () => {
      if (spec.check) return this.update(i, spec.key, f.input.checked);
      if (spec.options) return this.update(i, spec.key, put(f.input.value));
      const v = Number(f.input.value);
      if (f.input.value.trim() === '' || !Number.isInteger(v) || v < spec.min || v > spec.max) {
        this.onInvalid(`Layer ${n} ${spec.label} must be a whole number from ${spec.min} to ${spec.max}; "${f.input.value.slice(0, 20)}" is not.`);
        setValue(f.input, get(this.layers[i][spec.key]));
        return undefined;
      }
      return this.update(i, spec.key, put(v));
    });
    return f.node;
  }

  row(layer, i) {
    const n = i + 1;
    const kind = field('select', { label: 'kind', options: Object.entries(KINDS).map(([k, [name]]) => [k, name]), value: layer.kind, 'aria-label': `Layer ${n} kind` });
    kind.input.addEventListener('change', () => {
      const layers = [...this.layers];
      layers[i] = this.newLayer(KINDS[kind.input.value][1]);
      this.setLayers(layers, true);
      this.rows[i]?.kind.focus();
    });
    const fields = el('span', { class: 'layer-fields' }, (FIELDS[layer.kind] ?? []).map((spec) => this.setting(layer, i, spec)));
    const shape = el('span', { class: 'layer-shape' });
    const params = el('span', { class: 'layer-params' });
    const move = (d) => {
      const j = i + d;
      const layers = [...this.layers];
      [layers[i], layers[j]] = [layers[j], layers[i]];
      this.setLayers(layers, true);
      this.rows[j]?.[d < 0 ? 'up' : 'down'].focus();
    };
    const up = button('↑', { class: 'secondary icon', 'aria-label': `Move layer ${n} up`, disabled: i === 0 }, () => move(-1));
    const down = button('↓', { class: 'secondary icon', 'aria-label': `Move layer ${n} down`, disabled: i === this.layers.length - 1 }, () => move(1));
    const remove = button('✕', { class: 'secondary icon', 'aria-label': `Remove layer ${n}` }, () => this.setLayers(this.layers.filter((_, j) => j !== i), true));
    const li = el('li', { class: 'layer-row' }, [
      el('span', { class: 'layer-index', text: String(n) }),
      kind.input, fields,
      el('span', { class: 'layer-info' }, [shape, params]),
      el('span', { class: 'layer-buttons' }, [up, down, remove]),
    ]);
    return { li, kind: kind.input, shape, params, up, down };
  }

  /** Show the core's description of each layer (or clear it when the stack cannot be built). */
  showInfos(infos) {
    this.rows.forEach((r, i) => {
      const info = infos?.[i];
      r.shape.textContent = info ? `→ ${info.outputShape.join('×')}` : '';
      r.params.textContent = info ? `${formatCount(info.parameterCount)} parameters` : '';
    });
  }
}
