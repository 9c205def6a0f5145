// Demo: why CNNs. Three sections of the lecture's motivation: an invariant task (a CNN and an MLP
// of about the same size trained here, a digit moved through both: invariant.js), why MLPs
// explode and the curse of dimensionality (growth.js), and where CNNs come from (history.js).
// Settings: models.js. Every number shown comes from the core.
import { defineDemo } from '../../demo.js';
import { setValue } from '../../lib/dom.js';
import { checkAt, schema } from './models.js';
import { createInvariant } from './invariant.js';
import { createGrowth } from './growth.js';
import { createHistory } from './history.js';

function mount(demo) {
  const { root, state } = demo;
  const invariant = createInvariant(demo);
  const growth = createGrowth(demo);
  const history = createHistory(demo);
  root.classList.add('why-demo');
  root.append(invariant.node, growth.node, history.node);
  demo.own(() => {
    root.classList.remove('why-demo');
    delete root.dataset.ready;
  });

  // Every field is read through the schema (demo.set says why a value is refused), saved in the
  // URL, and its section redrawn.
  for (const part of [invariant, growth]) {
    for (const [key, f] of Object.entries(part.fields)) {
      const type = f.input.type === 'range' ? 'input' : 'change';
      demo.listen(f.input, type, () => {
        if (!demo.set(key, part.read(key))) setValue(f.input, key === 'recentre' ? !state.recentre : state[key]);
        part.changed(key);
        demo.save();
      });
    }
  }
  invariant.render();
  growth.render();
  history.render();
  root.dataset.ready = '1';
}

defineDemo({
  title: 'Why CNNs',
  description:
    'Why not an MLP: move a digit through a trained CNN and MLP of the same size, watch dense layers explode with the input ' +
    'size and the samples needed grow as (1/ε)^d, and meet the simple and complex cells, the Neocognitron and LeNet.',
  needs: ['digits'],
  schema,
  check: (state, problems) => checkAt(state, problems),
  mount,
});
