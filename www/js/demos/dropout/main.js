// Dropout before batch norm: the variance shift of Li et al. (2018). Inverted dropout with rate p
// scales activations by 1/(1−p) in training only, so the variance a BN layer sees in training
// (and stores as its running variance) is larger than at test time. The core computes the shift
// in theory and measures it on small nets trained in the trainer worker, with the paper's two
// remedies: dropout only after the last BN block, and uniform noise, compared with dropout at
// equal noise variance (the regularization strength), where β ≤ 1 allows it.
import { defineDemo } from '../../demo.js';
import { el } from '../../lib/dom.js';
import { createMeasured } from './measured.js';
import { SCHEMA } from './networks.js';
import { createTheory } from './theory.js';

function mount(demo) {
  const theory = createTheory(demo);
  const measured = createMeasured(demo);
  demo.root.append(el('div', { class: 'lab' }, [theory.node, measured.node]));
  measured.render();
}

defineDemo({
  title: 'Dropout and batch norm',
  description: 'Why dropout before a BN layer hurts at test time — the variance shift of Li et al. (2018) — and the two remedies, measured.',
  needs: ['digits'],
  schema: SCHEMA,
  mount,
});
