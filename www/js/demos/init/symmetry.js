// "Zero init: symmetry never breaks": zero init and one random init each take 10 SGD steps in the
// trainer worker; the page loads both trained nets and asks the core for the unit spread (the
// largest difference between two units' weights) of every hidden dense layer.
import { el, section, table } from '../../lib/dom.js';
import { formatStat } from '../../lib/format.js';
import { initLabel, modelConfig, trainSettings } from './network.js';

/** The spreads of the hidden dense layers of a trained net (the output layer is left out). */
function spreadsOf(core, bytes, state) {
  const trainer = core.Trainer.load(bytes, trainSettings(state));
  try {
    return Array.from(trainer.layerIndices('dense').slice(0, -1), (layer) => trainer.unitSpread(layer));
  } finally {
    trainer.free();
  }
}

/** The section; `update(state, input)` trains and measures again (an older run's answer is dropped). */
export function createSymmetry(demo) {
  const box = el('div');
  const node = section('Zero init: symmetry never breaks', {
    cls: 'lab-section',
    intro: 'Both networks take 10 SGD steps. The spread is the largest difference between the weights of two units of the same layer (core: unitSpread). 0 means every hidden unit is an identical copy.',
  }, [box]);
  let token = 0;

  const shown = (v) => (typeof v === 'string' ? v : formatStat(v));
  function show(contrast, [zero, random]) {
    box.replaceChildren(table({
      head: ['layer', 'zeros: spread', `${initLabel(contrast)}: spread`],
      rowHeads: true,
      rows: zero.map((z, i) => [String(i + 1),
        { text: shown(z), id: `spread-zero-${i + 1}`, label: `layer ${i + 1}, zero init: unit spread ${shown(z)}`, cls: z === 0 ? 'zero' : undefined },
        { text: shown(random[i]), id: `spread-random-${i + 1}`, label: `layer ${i + 1}, ${initLabel(contrast)}: unit spread ${shown(random[i])}` }]),
    }));
  }

  async function update(state, input) {
    const contrast = state.init === 'zeros' ? 'xavierNormal' : state.init;
    const kinds = ['zeros', contrast];
    const mine = ++token;
    box.setAttribute('aria-busy', 'true');
    try {
      const jobs = kinds.map((kind) => ({ model: modelConfig(state, kind, input), train: trainSettings(state), steps: 10, chunk: 10 }));
      const out = await demo.trainer().request('jobs', { jobs });
      if (!demo.alive || mine !== token) return;
      const spreads = out.map((r) => (r.error ? Array(state.depth).fill(`diverged (${r.error.split(';')[0]})`) : spreadsOf(demo.core, r.bytes, state)));
      box.removeAttribute('aria-busy');
      show(contrast, spreads);
    } catch (err) {
      if (demo.alive) demo.fail(err);
    }
  }

  return { node, update };
}
