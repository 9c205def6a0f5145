// The counting half of the receptive-field demo: the lecture's volume example (a neuron over a
// k×k×C volume) and the MLP-versus-CNN calculator with the lecture's numbers as presets.
// Every count comes from core.compareLayers, core.convParameterCount, core.denseParameterCount.
import { button, el, field, section, setValue, stat, stats } from '../../lib/dom.js';
import { countText, formatCount } from '../../lib/format.js';

export const COUNT_SCHEMA = {
  vh: { type: 'int', min: 1, max: 4096, default: 32 },
  vw: { type: 'int', min: 1, max: 4096, default: 32 },
  vc: { type: 'int', min: 1, max: 4096, default: 3 },
  vk: { type: 'int', min: 1, max: 99, default: 5 },
  ch: { type: 'int', min: 1, max: 100000, default: 1000 },
  cw: { type: 'int', min: 1, max: 100000, default: 1000 },
  cc: { type: 'int', min: 1, max: 4096, default: 1 },
  cu: { type: 'int', min: 1, max: 10000000, default: 1000 },
  cf: { type: 'int', min: 1, max: 4096, default: 1 },
  ck: { type: 'int', min: 1, max: 99, default: 3 },
};

export const CALC_PRESETS = [
  ['mega', '1000×1000×1, 1000 hidden units', { ch: 1000, cw: 1000, cc: 1, cu: 1000, cf: 1, ck: 3 }],
  ['cifar', 'CIFAR-10: 32×32×3', { ch: 32, cw: 32, cc: 3, cu: 1, cf: 1, ck: 5 }],
  ['big', '1024×1024×3', { ch: 1024, cw: 1024, cc: 3, cu: 1, cf: 1, ck: 5 }],
  ['map', '320×280 output map, 3×3', { ch: 320, cw: 280, cc: 1, cu: 1, cf: 1, ck: 3 }],
];

/** A stat that shows a count as a slide writes it: "8,028,160,000 (≈ 8.03 × 10⁹)". */
function countStat(id, label, cls = '') {
  const s = stat({ id, label, cls });
  return { ...s, show: (value) => s.set(countText(value).text, value) };
}

/** Build both panels. `onChange(key, text)` for a typed value, `onPreset(values)` for a preset. */
export function createCounts(state, { onChange, onPreset }) {
  const inputs = {};
  const num = (key, label) => {
    const spec = COUNT_SCHEMA[key];
    inputs[key] = field('number', { label, name: key, min: spec.min, max: spec.max, step: 1, value: state[key] });
    inputs[key].input.addEventListener('change', () => onChange(key, inputs[key].input.value));
    return inputs[key].node;
  };

  const v = {
    sentence: el('p', { id: 'vol-sentence', class: 'volume-sentence', 'aria-live': 'polite' }),
    weights: countStat('vol-weights', 'Weights of one neuron (k·k·C)', 'key'),
    params: countStat('vol-params', 'With its bias: convParameterCount(C, 1, k)', 'key'),
    dense: countStat('vol-dense', 'A fully connected neuron on the same input'),
  };
  const volume = section(
    'A neuron sees a volume',
    {
      id: 'volume',
      intro:
        'A layer is a volume: width × height × channels. A neuron is connected to a small window in width and height, ' +
        "but to all the channels. The lecture's CIFAR-10 example: input 32×32×3, receptive field 5×5.",
    },
    [
      el('div', { class: 'controls' }, [num('vh', 'Height'), num('vw', 'Width'), num('vc', 'Channels C'), num('vk', 'Kernel k')]),
      v.sentence,
      stats([v.weights, v.params, v.dense]),
    ],
  );

  const presetButtons = CALC_PRESETS.map(([id, text, values]) =>
    button(text, { class: 'secondary preset', 'data-preset': id }, () => onPreset(values)),
  );
  const c = {
    perUnit: countStat('calc-per-unit', 'Weights of one hidden unit (H·W·C)', 'key'),
    denseWeights: countStat('calc-dense-weights', 'Weights of the layer (all hidden units)', 'key'),
    denseParams: countStat('calc-dense-params', 'Parameters with biases'),
    denseMults: countStat('calc-dense-mults', 'Multiplications for one H×W output map', 'key'),
    perNeuron: countStat('calc-conv-neuron', 'Weights of one neuron (k·k·C)', 'key'),
    convWeights: countStat('calc-conv-weights', 'Weights of the layer (all filters)', 'key'),
    convParams: countStat('calc-conv-params', 'Parameters with biases'),
    convMults: countStat('calc-conv-mults', 'Multiplications for one H×W output map', 'key'),
  };
  const column = (title, list) =>
    el('div', { class: 'calc-column' }, [el('h3', { text: title }), stats(list, 'stats-column')]);
  const calc = section(
    'MLP or CNN: count them',
    {
      id: 'calculator',
      intro:
        'A fully connected layer connects every hidden unit to every input value; a convolution layer shares one small ' +
        "kernel across all positions. Pick one of the lecture's examples or type your own.",
    },
    [
      el('div', { class: 'button-row calc-presets', role: 'group', 'aria-label': "The lecture's examples" }, presetButtons),
      el('div', { class: 'controls calc-inputs' }, [
        num('ch', 'Height H'),
        num('cw', 'Width W'),
        num('cc', 'Channels C'),
        num('cu', 'Hidden units'),
        num('cf', 'Conv filters'),
        num('ck', 'Kernel k'),
      ]),
      el('div', { class: 'calc-columns' }, [
        column('Fully connected (MLP)', [c.perUnit, c.denseWeights, c.denseParams, c.denseMults]),
        column('Convolution (CNN), "same" padding', [c.perNeuron, c.convWeights, c.convParams, c.convMults]),
      ]),
      el('p', { class: 'hint', id: 'why-growth-link' }, ['How the two counts grow as the image grows, and how many samples a space of more dimensions needs: ', el('a', { href: 'why-cnns.html#why-growth', text: 'why MLPs explode' }), '.']),
    ],
  );

  return {
    nodes: [volume, calc],
    sync(next) {
      for (const [key, f] of Object.entries(inputs)) setValue(f.input, next[key]);
    },
    /** Recompute with the core; throws the core's error (the caller shows it). */
    render(core, s) {
      const vol = core.compareLayers(s.vh, s.vw, s.vc, 1, 1, s.vk);
      const withBias = core.convParameterCount(s.vc, 1, s.vk);
      v.weights.show(vol.convWeights);
      v.params.show(withBias);
      v.dense.show(vol.weightsPerDenseUnit);
      v.sentence.textContent =
        `Input ${s.vh}×${s.vw}×${s.vc}: a neuron with a ${s.vk}×${s.vk} receptive field is connected to a ` +
        `${s.vk}×${s.vk}×${s.vc} volume — ${formatCount(vol.convWeights)} weights + 1 bias = ` +
        `${formatCount(withBias)} parameters. Fully connected, it would need ` +
        `${formatCount(vol.weightsPerDenseUnit)} weights.`;

      const cmp = core.compareLayers(s.ch, s.cw, s.cc, s.cu, s.cf, s.ck);
      c.perNeuron.show(core.compareLayers(s.ch, s.cw, s.cc, s.cu, 1, s.ck).convWeights);
      c.perUnit.show(cmp.weightsPerDenseUnit);
      c.denseWeights.show(cmp.denseWeights);
      c.convWeights.show(cmp.convWeights);
      c.convParams.show(core.convParameterCount(s.cc, s.cf, s.ck));
      c.denseMults.show(cmp.denseMultiplications);
      c.convMults.show(cmp.convMultiplications);
      c.denseParams.show(core.denseParameterCount(cmp.weightsPerDenseUnit, s.cu));
    },
  };
}
