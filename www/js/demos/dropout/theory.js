// "The shift, in theory": the core's variance shift of one unit x ~ N(0, 1) under inverted dropout
// and under uniform noise, each with its noise variance (the regularization strength). Uniform
// noise is compared with dropout at equal noise variance (matchedUniformNoise: β²/3 = p/(1 − p),
// where β ≤ 1 allows it), and once more at a β of the student's choosing.
import { el, field, section, table } from '../../lib/dom.js';
import { formatStat } from '../../lib/format.js';
import { PS } from './networks.js';

/** The sentence under the table for the chosen p, every number and the verdict from the core. */
function verdictText(m) {
  const p = formatStat(m.p);
  const head = `At p = ${p} dropout’s noise variance is ${formatStat(m.dropout.noiseVariance)} and its train/test ratio ${formatStat(m.dropout.trainOverTest)}. `;
  if (m.matched) {
    const same = m.sameShift
      ? `the same shift, ${formatStat(m.uniform.trainOverTest)} (they differ by ${formatStat(m.shiftDifference)}, within the tolerance ${formatStat(m.tolerance)})`
      : `a different shift, ${formatStat(m.uniform.trainOverTest)} (they differ by ${formatStat(m.shiftDifference)}, more than the tolerance ${formatStat(m.tolerance)})`;
    return `${head}Uniform noise with the same noise variance (β = ${formatStat(m.beta)}) gives ${same}.`;
  }
  return `${head}Equal noise would need β = ${formatStat(m.betaNeeded)}, beyond the largest β the core allows (${formatStat(m.maxBeta)}); `
    + `uniform noise can match dropout only up to p = ${formatStat(m.maxMatchedP)}. At β = ${formatStat(m.beta)} its noise variance is ${formatStat(m.uniform.noiseVariance)}, `
    + `weaker regularization, and its ratio ${formatStat(m.uniform.trainOverTest)} is smaller for that reason.`;
}

/** The section, already showing the state's p and β. */
export function createTheory(demo) {
  const { core, state } = demo;
  const fields = {
    p: field('range', { label: 'Dropout rate p', name: 'p', min: 0, max: 0.9, step: 0.05, value: state.p }),
    beta: field('range', { label: 'Uniform-noise β of your choice', name: 'beta', min: 0, max: 1, step: 0.05, value: state.beta }),
  };
  const intro = el('p', { class: 'section-intro' });
  const box = el('div');
  const verdict = el('p', { class: 'lab-result', id: 'theory-verdict' });
  const chosen = el('div');
  const node = section('The shift, in theory', { cls: 'lab-section' }, [
    intro, el('div', { class: 'controls' }, Object.values(fields).map((f) => f.node)), box, verdict, chosen]);

  /** The intro's numbers: uniform noise at β = p = 0.5 against dropout at 0.5, and the cap. */
  function introText() {
    const half = core.matchedUniformNoise(0.5, 0, 1);
    const weak = core.varianceShift({ kind: 'uniformNoise', beta: 0.5 }, 0, 1);
    return 'Dropout and uniform noise both multiply x by noise m of mean 1, so in training Var(y) = (Var(x) + E[x]²)(1 + Var(m)) − E[x]², and at test time Var(x): '
      + 'the shift depends on the noise only through its variance Var(m), which is also the regularization strength — p/(1 − p) for inverted dropout, β²/3 for uniform noise u ~ U[−β, β]. '
      + `Uniform noise with β = p looks variance-stable only because its noise is weaker: at 0.5 its noise variance is ${formatStat(weak.noiseVariance)} against dropout’s ${formatStat(half.dropout.noiseVariance)}. `
      + `Below, each p is compared at equal noise variance (β²/3 = p/(1 − p)); the core’s β goes up to ${formatStat(half.maxBeta)}, so that is possible only up to p = ${formatStat(half.maxMatchedP)}.`;
  }

  function render() {
    intro.textContent = introText();
    const rates = [...new Set([...PS, 0.7, state.p])].sort((a, b) => a - b);
    const rows = rates.map((q) => {
      const m = core.matchedUniformNoise(q, 0, 1);
      const k = String(q);
      const cell = (id, value, spoken) => ({ text: formatStat(value), id: `${id}-${k}`, label: `p ${formatStat(q)}: ${spoken} ${formatStat(value)}` });
      return [formatStat(q),
        cell('theory-noise', m.dropout.noiseVariance, 'dropout noise variance'),
        cell('theory-ratio', m.dropout.trainOverTest, 'dropout train over test variance'),
        { text: m.matched ? formatStat(m.beta) : `${formatStat(m.beta)} (needs ${formatStat(m.betaNeeded)})`, id: `theory-beta-${k}` },
        cell('theory-unoise', m.uniform.noiseVariance, 'uniform noise variance'),
        cell('theory-uratio', m.uniform.trainOverTest, 'uniform noise train over test variance'),
        { text: m.matched ? (m.sameShift ? 'yes' : 'no') : 'no: β capped', id: `theory-same-${k}` }];
    });
    box.replaceChildren(el('p', { text: 'For x ~ N(0, 1), as in the paper. Train/test = Var(y) in training over Var(y) at test time.' }),
      table({
        head: ['p', 'dropout: noise variance p/(1 − p)', 'dropout: train / test', 'uniform: β for equal noise', 'uniform: noise variance β²/3', 'uniform: train / test', 'equal noise and the same shift?'],
        rowHeads: true,
        rows,
        caption: 'Inverted dropout against uniform noise at equal noise variance',
      }));
    verdict.textContent = verdictText(core.matchedUniformNoise(state.p, 0, 1));
    const free = core.varianceShift({ kind: 'uniformNoise', beta: state.beta }, 0, 1);
    const ratio = formatStat(free.trainOverTest);
    chosen.replaceChildren(table({
      head: ['uniform noise', 'noise variance β²/3', 'Var train', 'Var test', 'train / test'],
      rowHeads: true,
      rows: [[`β = ${formatStat(state.beta)}`, { text: formatStat(free.noiseVariance), id: 'theory-noise-uniform' }, formatStat(free.trainVariance), formatStat(free.testVariance),
        { text: ratio, id: 'theory-ratio-uniform', label: `uniform noise β ${formatStat(state.beta)}: train over test variance ${ratio}` }]],
      caption: 'Uniform noise at the β you choose',
    }));
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
