// "Causal and dilated: the WaveNet stack": layers of a short kernel (2 taps, as WaveNet's) applied
// in turn with dilations 1, 2, 4, 8 … or all 1, causal (each output from the present and the past
// only) or centred; the dependency tree of one picked output sample, the receptive field of every
// layer and every layer's values. All from core.causalStack; this module wires state and views.
import { el, field, section, setValue, table } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { valueText } from './signal-style.js';
import { CAUSAL_LENGTH } from './causal-state.js';
import { createTree } from './causal-tree.js';

const DILATIONS = [['double', '1, 2, 4, 8, 16 (doubling)'], ['one', 'all 1 (no dilation)'], ['two', 'all 2']];
const DILATION = { one: () => 1, two: () => 2, double: (l) => 2 ** l };
const LAYERS = [1, 2, 3, 4, 5].map((l) => [String(l), `${l} layer${l > 1 ? 's' : ''}`]);
const clamp = (v) => Math.max(-9, Math.min(9, v));

/** The stack's layers for a state: `{ kernel, dilations, causal }` as core.causalStack reads it. */
export function stackSpec(state) {
  const dilations = Array.from({ length: state.wl }, (_, l) => DILATION[state.wdil](l));
  return { kernel: state.wh, dilations, causal: state.wc };
}

/** core.causalStack for a state (the input, the layers, the traced output). */
export function computeCausal(core, state) {
  return core.causalStack(new Float32Array(state.wx), stackSpec(state), state.wat);
}

/** Mount the section on `demo` (its state keys: CAUSAL_SCHEMA). Returns `{ element, refresh() }`. */
export function mountCausal(demo) {
  const { core, state } = demo;
  if (state.wat >= state.wx.length) {
    demo.notify([...demo.notices, `Setting "wat" is ${state.wat}, but the signal has ${state.wx.length} samples; using the last.`]);
    state.wat = state.wx.length - 1;
  }
  const causal = field('checkbox', { label: 'Causal: each output from the present and the past only', id: 'causal-switch' });
  const layers = field('select', { label: 'Layers', id: 'causal-layers', options: LAYERS });
  const dilations = field('select', { label: 'Dilations', id: 'causal-dilations', options: DILATIONS });
  const at = field('range', { label: 'Traced output sample', id: 'causal-at', min: 0, max: CAUSAL_LENGTH - 1, step: 1, format: (v) => `n = ${v}` });
  const kernel = createGrid({ label: 'Kernel h (every layer)', rows: 1, cols: 0, editable: true, format: valueText, values: (r, c) => state.wh[c], cellLabel: (r, c) => `h[${c}]`, onChange: (r, c, v) => change(() => { state.wh[c] = clamp(v); }) });
  kernel.element.id = 'causal-kernel';
  const input = createGrid({ label: 'Input x', rows: 1, cols: 0, editable: true, format: valueText, values: (r, c) => state.wx[c], cellLabel: (r, c) => `x[${c}]`, onChange: (r, c, v) => change(() => { state.wx[c] = clamp(v); }) });
  input.element.id = 'causal-input';
  const verdict = el('p', { class: 'verdict', id: 'causal-verdict', 'aria-live': 'polite' });
  const tree = createTree();
  const fields = el('div', { id: 'causal-fields' });
  const values = el('div', { id: 'causal-values' });

  const element = section('Causal and dilated: the WaveNet stack', {
    id: 'causal',
    cls: 'conv1d-section conv1d-causal',
    intro: 'A causal convolution y[n] = Σ_k h[k]·x[n − k·d] uses only x[n] and samples before it (zeros before the start), so the output never depends on the future — what a model that generates audio one sample at a time needs. Dilation d spaces the taps d samples apart. Stack 2-tap layers with dilations 1, 2, 4, 8 and each layer doubles how far back the top sees: the receptive field is 1 + Σ (K − 1)·d.',
  }, [
    el('div', { class: 'controls causal-controls' }, [causal.node, layers.node, dilations.node, at.node]),
    el('div', { class: 'grid-box' }, [el('p', { class: 'grid-title', text: 'Kernel h, the same in every layer (type to change)' }), el('div', { class: 'grid-scroll' }, [kernel.element])]),
    el('div', { class: 'grid-box' }, [el('p', { class: 'grid-title', text: 'Input x[n] (type to change a sample)' }), el('div', { class: 'grid-scroll', tabindex: '0', role: 'region', 'aria-label': 'Input x, scrolls sideways' }, [input.element])]),
    verdict,
    tree.element,
    fields,
    values,
  ]);
  demo.observe(tree.element, () => tree.draw());

  function refresh() {
    setValue(causal.input, state.wc);
    setValue(layers.input, String(state.wl));
    setValue(dilations.input, state.wdil);
    at.input.max = String(state.wx.length - 1);
    setValue(at.input, state.wat);
    kernel.render({ cols: state.wh.length, colHeaders: state.wh.map((_, i) => String(i)) });
    input.render({ cols: state.wx.length, colHeaders: state.wx.map((_, i) => String(i)) });
    let s;
    try {
      s = computeCausal(core, state);
    } catch (err) {
      demo.fail(err);
      return;
    }
    const top = s.levels.length - 1;
    const where = s.pastOnly
      ? `All of them are at or before n = ${s.at}: the output does not depend on the future.`
      : `It reaches into the future, up to x[${s.last}], after n = ${s.at}: a centred stack is not causal.`;
    const deps = s.levels[0].depends;
    const list = deps.length <= 6 ? deps.map((i) => `x[${i}]`).join(', ') : `x[${s.first}] … x[${s.last}] (${deps.length} samples)`;
    verdict.textContent = `y[${s.at}] of layer ${top} depends on ${list}; its receptive field is ${s.receptiveField} samples. ${where}`;
    tree.element.setAttribute('aria-label', `Dependency tree of y[${s.at}]: ${s.levels.map((l, i) => `${i === 0 ? 'input' : `layer ${i}`} samples ${l.depends.join(', ')}`).join('; ')}.`);
    tree.draw(s);
    fields.replaceChildren(table({
      caption: 'Receptive field: 1 + Σ (K − 1)·d over the layers so far',
      head: ['layer', 'dilation d', 'receptive field'],
      rowHeads: true,
      rows: s.levels.slice(1).map((l, i) => [`layer ${i + 1}`, String(l.dilation), { text: String(l.receptiveField), id: `causal-rf-${i + 1}` }]),
    }));
    const n = state.wx.length;
    values.replaceChildren(table({
      caption: 'Values of the input and of every layer (the ones the traced output depends on marked)',
      head: ['', ...Array.from({ length: n }, (_, i) => String(i))],
      rowHeads: true,
      rows: s.levels.map((l, li) => {
        const on = new Set(l.depends);
        const cls = (i) => [on.has(i) ? 'depends' : '', li === top && i === s.at ? 'win' : ''].join(' ').trim() || undefined;
        return { dataset: { level: String(li) }, cells: [li === 0 ? 'x' : `layer ${li}`, ...l.values.map((v, i) => ({ text: valueText(v), cls: cls(i) }))] };
      }),
    }));
  }

  function change(apply) {
    demo.notify([]);
    apply();
    refresh();
    demo.save();
  }
  demo.listen(causal.input, 'change', () => change(() => { state.wc = causal.input.checked; }));
  demo.listen(layers.input, 'change', () => change(() => { state.wl = Number(layers.input.value); }));
  demo.listen(dilations.input, 'change', () => change(() => { state.wdil = dilations.input.value; }));
  demo.listen(at.input, 'input', () => change(() => { state.wat = Number(at.input.value); }));
  refresh();
  return { element, refresh };
}
