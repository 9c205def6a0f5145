// "ReLU: bias 0 or 0.01": the network above with ReLU, built twice — biases 0 and biases 0.01, the
// same weights otherwise — trained for the chosen number of steps in the trainer worker (0: as
// initialized), then probed on the page; the core counts each hidden layer's dead units, the ones
// whose ReLU output was 0 on every probe digit (deadUnits).
import { el, field, section, table } from '../../lib/dom.js';
import { formatStat } from '../../lib/format.js';
import { modelConfig, trainSettings } from './network.js';

export const BIASES = [['0', 'bias-0'], ['0.01', 'bias-001']];

/** Each hidden layer's deadUnits of a net the worker returned, after a probe on `probe` digits. */
function deadOf(core, digits, bytes, state, probe) {
  const trainer = core.Trainer.load(bytes, trainSettings(state));
  try {
    trainer.probe(digits, probe);
    return Array.from(trainer.layerIndices('activation'), (layer) => trainer.deadUnits(layer));
  } finally {
    trainer.free();
  }
}

/** The section; `update(state, input)` builds, trains and counts again (an older run's answer is dropped). */
export function createDeadUnits(demo, probe) {
  const { state } = demo;
  const steps = field('select', { label: 'Training steps before counting', name: 'deadSteps', options: [['0', '0 (as initialized)'], ['100', '100'], ['300', '300']], value: state.deadSteps });
  const status = el('p', { class: 'lab-status', role: 'status', 'aria-live': 'polite' });
  const box = el('div', { id: 'dead-units' });
  const node = section('ReLU: bias 0 or 0.01', {
    cls: 'lab-section',
    id: 'relu-bias',
    intro: `The network above with ReLU, once with every bias 0 and once with every bias 0.01 (the small positive bias often suggested for ReLU), the same weights otherwise. `
      + `A unit is dead when its ReLU output is 0 on every one of the first ${probe} training digits (core: deadUnits): it passes no gradient back for them. The learning rate is the one of the training section below.`,
  }, [el('div', { class: 'controls' }, [steps.node]), status, box]);
  let token = 0;

  function show(results) {
    const layers = results[0].length;
    const cell = (d, k, bias, id) => (typeof d === 'string' ? { text: d, id: `${id}-${k}` }
      : { text: `${d.dead} of ${d.units} (${formatStat(d.fraction)})`, id: `${id}-${k}`, 'data-value': String(d.fraction), label: `layer ${k}, bias ${bias}: ${d.dead} of ${d.units} units dead, fraction ${formatStat(d.fraction)}` });
    box.replaceChildren(table({
      head: ['hidden layer', 'dead units, bias 0', 'dead units, bias 0.01'],
      rowHeads: true,
      caption: 'Dead ReLU units per hidden layer (fraction)',
      rows: Array.from({ length: layers }, (_, i) => [String(i + 1),
        ...BIASES.map(([bias, id], b) => cell(results[b][i], i + 1, bias, id))]),
    }));
  }

  async function update(s, input) {
    const mine = ++token;
    const n = Number(s.deadSteps);
    status.textContent = n ? `Training both for ${n} steps in the background…` : 'Counting…';
    box.setAttribute('aria-busy', 'true');
    try {
      const jobs = BIASES.map(([bias]) => ({ model: modelConfig(s, s.init, input, { act: 'relu', bias }), train: trainSettings(s), steps: n, chunk: 50 }));
      const out = await demo.trainer().request('jobs', { jobs });
      if (!demo.alive || mine !== token) return;
      const results = out.map((r) => (r.error ? Array(s.depth).fill(`stopped (${r.error.split(';')[0]})`) : deadOf(demo.core, demo.digits, r.bytes, s, probe)));
      box.removeAttribute('aria-busy');
      status.textContent = n ? `After ${n} training steps at learning rate ${s.lr}:` : 'As initialized:';
      show(results);
    } catch (err) {
      if (demo.alive) demo.fail(err);
    }
  }

  steps.input.addEventListener('input', () => {
    if (demo.set('deadSteps', steps.input.value)) {
      demo.save();
      update(demo.state, Array.from(demo.digits.shape()));
    }
  });
  return { node, update };
}
