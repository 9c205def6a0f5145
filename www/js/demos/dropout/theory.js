// "The shift, in theory": the core's variance shift (varianceShift) of one unit x ~ N(0, 1) under
// inverted dropout at several rates and under uniform noise, as a table of train and test
// variances and their ratio.
import { el, field, section, table } from '../../lib/dom.js';
import { formatStat } from '../../lib/format.js';
import { PS } from './networks.js';

/** The section, already showing the state's p and β. */
export function createTheory(demo) {
  const { core, state } = demo;
  const fields = {
    p: field('range', { label: 'Dropout rate p', name: 'p', min: 0, max: 0.9, step: 0.05, value: state.p }),
    beta: field('range', { label: 'Uniform-noise β', name: 'beta', min: 0, max: 1, step: 0.05, value: state.beta }),
  };
  const box = el('div');
  const node = section('The shift, in theory', {
    cls: 'lab-section',
    intro: 'For one unit x with mean μ and variance σ² the core computes the variance after dropout in training and at test time (no dropout). Inverted dropout: train/test > 1, growing with p. Uniform noise x·(1 + u), u ~ U[−β, β], keeps it close to 1.',
  }, [el('div', { class: 'controls' }, Object.values(fields).map((f) => f.node)), box]);

  /** A row: name, train and test variance, and the ratio (with an id and a spoken label). */
  function row(name, shift, id, spoken) {
    const ratio = formatStat(shift.trainOverTest);
    return [name, formatStat(shift.trainVariance), formatStat(shift.testVariance), { text: ratio, id, label: `${spoken}: train over test variance ${ratio}` }];
  }

  function render() {
    const rates = [...new Set([...PS, 0.7, state.p])].sort((a, b) => a - b);
    const rows = rates.map((q) => row(`inverted, p = ${formatStat(q)}`, core.varianceShift({ kind: 'inverted', p: q }, 0, 1), `theory-ratio-${q}`, `inverted dropout p ${formatStat(q)}`));
    rows.push(row(`uniform noise, β = ${formatStat(state.beta)}`, core.varianceShift({ kind: 'uniformNoise', beta: state.beta }, 0, 1), 'theory-ratio-uniform', 'uniform noise'));
    box.replaceChildren(el('p', { text: 'For x ~ N(0, 1), as in the paper:' }),
      table({ head: ['dropout', 'Var train', 'Var test', 'train / test'], rowHeads: true, rows }));
    demo.save();
  }

  for (const [key, f] of Object.entries(fields)) {
    f.input.addEventListener('input', () => {
      if (!demo.set(key, f.input.value)) return;
      try {
        render();
        demo.fail(null);
      } catch (err) {
        demo.fail(err);
      }
    });
  }
  render();
  return { node };
}
