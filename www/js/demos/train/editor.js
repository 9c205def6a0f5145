// The network editor: one row per layer (kind, its settings, output shape and parameter count
// from the core), add / remove / reorder. It edits a layer list and calls `onChange(layers)`.
import { KINDS, INITS, newLayer } from './model.js';
import { el } from '../../lib/dom.js';

const KIND_NAMES = {
  conv: 'convolution', pool: 'pooling', activation: 'activation', batchNorm: 'batch norm',
  dropout: 'dropout', flatten: 'flatten', dense: 'dense',
};
const INIT_NAMES = { hn: 'He normal', hu: 'He uniform', xn: 'Xavier normal', xu: 'Xavier uniform', ln: 'LeCun normal', lu: 'LeCun uniform' };
const POOL_NAMES = { mp: 'max', ap: 'average', lp: 'L2', gp: 'Gaussian σ=1' };
const ACT_NAMES = { relu: 'ReLU', tanh: 'tanh', sigm: 'sigmoid', lrelu: 'leaky ReLU' };

const FIELDS = {
  conv: [
    ['filters', 'filters', 'int', 1, 128],
    ['kernel', 'kernel', 'int', 1, 11],
    ['stride', 'stride', 'int', 1, 4],
    ['padding', 'padding', { valid: 'valid', same: 'same' }],
    ['init', 'init', INIT_NAMES],
  ],
  pool: [['pool', 'kind', POOL_NAMES], ['size', 'size', 'int', 1, 8]],
  activation: [['fn', 'function', ACT_NAMES]],
  dropout: [['percent', 'drop %', 'int', 0, 90]],
  dense: [['units', 'units', 'int', 1, 2048], ['init', 'init', INIT_NAMES]],
  batchNorm: [],
  flatten: [],
};

function select(options, value, label) {
  const s = el('select', { 'aria-label': label });
  for (const [v, text] of Object.entries(options)) s.append(el('option', { value: v, text }));
  s.value = value;
  return s;
}

export class LayerEditor {
  constructor(container, { onChange }) {
    this.container = container;
    this.onChange = onChange;
    this.layers = [];
    this.rows = [];
    this.list = el('ol', { class: 'layer-list', 'aria-label': 'Layers, input first' });
    const addKind = select(Object.fromEntries(KINDS.map((k) => [k, KIND_NAMES[k]])), 'conv', 'Kind of layer to add');
    const add = el('button', { type: 'button', class: 'secondary', text: 'Add layer' });
    add.addEventListener('click', () => {
      const layers = [...this.layers];
      // New layers go before the final dense layer, where they usually belong.
      const at = layers.length > 0 && layers[layers.length - 1].type === 'dense' ? layers.length - 1 : layers.length;
      layers.splice(at, 0, newLayer(addKind.value));
      this.setLayers(layers, true);
    });
    this.input = el('p', { class: 'layer-input', text: 'Input: 1×28×28 digit' });
    container.append(this.input, this.list, el('div', { class: 'layer-add' }, [addKind, add]));
  }

  setLayers(layers, notify = false) {
    this.layers = layers.map((l) => ({ ...l }));
    this.render();
    if (notify) this.onChange(this.layers);
  }

  render() {
    this.list.replaceChildren();
    this.rows = this.layers.map((layer, i) => this.row(layer, i));
    this.list.append(...this.rows.map((r) => r.li));
  }

  row(layer, i) {
    const n = i + 1;
    const li = el('li', { class: 'layer-row' });
    const kind = select(Object.fromEntries(KINDS.map((k) => [k, KIND_NAMES[k]])), layer.type, `Layer ${n} kind`);
    kind.addEventListener('change', () => {
      const layers = [...this.layers];
      layers[i] = newLayer(kind.value);
      this.setLayers(layers, true);
      this.rows[i]?.kind.focus();
    });
    const fields = el('span', { class: 'layer-fields' });
    for (const [key, label, type, min, max] of FIELDS[layer.type]) {
      let input;
      if (type === 'int') {
        input = el('input', { type: 'number', min: String(min), max: String(max), step: '1', inputmode: 'numeric', 'aria-label': `Layer ${n} ${label}` });
        input.value = String(layer[key]);
        input.addEventListener('change', () => {
          const v = Number(input.value);
          if (!Number.isInteger(v) || v < min || v > max) {
            this.onInvalid?.(`Layer ${n} ${label} must be a whole number from ${min} to ${max}; "${input.value.slice(0, 20)}" is not.`);
            input.value = String(this.layers[i][key]);
            return;
          }
          this.layers[i] = { ...this.layers[i], [key]: v };
          this.onChange(this.layers);
        });
      } else {
        input = select(type, layer[key], `Layer ${n} ${label}`);
        input.addEventListener('change', () => {
          this.layers[i] = { ...this.layers[i], [key]: input.value };
          this.onChange(this.layers);
        });
      }
      fields.append(el('label', {}, [el('span', { class: 'field-name', text: label }), input]));
    }
    const shape = el('span', { class: 'layer-shape' });
    const params = el('span', { class: 'layer-params' });
    const move = (d) => {
      const j = i + d;
      if (j < 0 || j >= this.layers.length) return;
      const layers = [...this.layers];
      [layers[i], layers[j]] = [layers[j], layers[i]];
      this.setLayers(layers, true);
      this.rows[j]?.[d < 0 ? 'up' : 'down'].focus();
    };
    const up = el('button', { type: 'button', class: 'secondary icon', 'aria-label': `Move layer ${n} up`, text: '↑' });
    const down = el('button', { type: 'button', class: 'secondary icon', 'aria-label': `Move layer ${n} down`, text: '↓' });
    const remove = el('button', { type: 'button', class: 'secondary icon', 'aria-label': `Remove layer ${n}`, text: '✕' });
    up.disabled = i === 0;
    down.disabled = i === this.layers.length - 1;
    up.addEventListener('click', () => move(-1));
    down.addEventListener('click', () => move(1));
    remove.addEventListener('click', () => {
      const layers = this.layers.filter((_, j) => j !== i);
      this.setLayers(layers, true);
    });
    li.append(
      el('span', { class: 'layer-index', text: String(n) }),
      kind, fields,
      el('span', { class: 'layer-info' }, [shape, params]),
      el('span', { class: 'layer-buttons' }, [up, down, remove]),
    );
    return { li, kind, shape, params, up, down };
  }

  /** Show the core's layer infos (or clear them when the stack is invalid). */
  showInfos(infos) {
    this.rows.forEach((r, i) => {
      const info = infos?.[i];
      r.shape.textContent = info ? `→ ${info.outputShape.join('×')}` : '';
      r.params.textContent = info ? `${info.parameterCount.toLocaleString('en')} parameters` : '';
    });
  }
}

export { INITS };
