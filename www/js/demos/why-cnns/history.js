// Section 3, where CNNs come from: Hubel & Wiesel's simple and complex cells, Fukushima's
// Neocognitron (S-cells ~ convolution + detector, C-cells ~ pooling) and LeCun's LeNet, each tied
// to the demo that shows its idea. The LeNet preset's weights come from core.describeModel.
import { el, section, stat, stats } from '../../lib/dom.js';
import { formatCount } from '../../lib/format.js';
import { PRESETS } from '../../lib/model-presets.js';

const link = (href, text) => el('a', { href, text });

/** The training page with its LeNet-5-like preset chosen (its URL keys: preset, layers, optimizer, lr, batch). */
export function lenetHref() {
  const p = PRESETS.lenet;
  const query = new URLSearchParams({ preset: 'lenet', layers: p.layers, optimizer: p.optimizer, lr: String(p.lr), batch: String(p.batch) });
  return `train.html?${query}`;
}

function step(title, paragraphs, links) {
  return el('article', { class: 'why-step' }, [
    el('h3', { text: title }),
    ...paragraphs.map((text) => el('p', { text })),
    el('p', { class: 'why-links' }, links.flatMap((a, i) => (i ? [' · ', a] : [a]))),
  ]);
}

export function createHistory(demo) {
  const { core, digits } = demo;
  const weights = stat({ id: 'why-lenet-weights', label: 'weights of the LeNet-5-like preset' });
  const node = section('3. Where CNNs come from', { id: 'why-history', intro: 'Three steps from the visual cortex to the networks on these pages.' }, [
    step('Hubel and Wiesel (1959–1962): local receptive fields', [
      'Recording from single neurons in the visual cortex of cats, Hubel and Wiesel found that each one responds only to ' +
        'light in a small part of the visual field, its receptive field: the neurons are not connected to the whole image.',
      'Simple cells respond to an edge or bar of one orientation at one place. Complex cells respond to the same ' +
        'orientation anywhere within a larger region: they tolerate a small shift.',
    ], [
      link('receptive-field.html', 'Receptive fields of stacked layers'),
      link('filters.html', 'Edge filters on photos'),
    ]),
    step('Fukushima’s Neocognitron (1979–1980): S-cells and C-cells', [
      'A network “unaffected by shift in position”, built for handwritten characters. Its layers alternate two kinds of cell. ' +
        'S-cells (simple) extract a local feature, with the same input weights at every position of their plane: a ' +
        'convolution followed by a nonlinear detector. C-cells (complex) respond when S-cells in a small neighbourhood ' +
        'respond, which gives tolerance to shift and deformation: pooling.',
      'Its weights were not learned by gradient descent but by self-organisation (in its recent versions, the ' +
        'Add-if-Silent rule quoted in the lecture).',
    ], [
      link('pooling.html?relu=1', 'Convolution, detector (ReLU) and pooling of a real digit'),
      link('equivariance.html', 'Convolution moves with the digit, pooling forgets where'),
    ]),
    step('LeCun’s LeNet (1989–1998): the same structure, trained by gradient descent', [
      'LeCun and colleagues kept the alternation of convolution and subsampling but learned every weight end to end by ' +
        'back-propagation, each filter’s weights shared across the image, to read handwritten ZIP codes and cheques ' +
        '(“Gradient-based learning applied to document recognition”, 1998).',
      'LeNet-5 has two convolutions (6 and 16 filters of 5 × 5), each followed by 2 × 2 subsampling, then layers of 120, 84 ' +
        'and 10 units. The training page’s LeNet-5-like preset has this shape with average pooling and tanh; LeNet-5 itself ' +
        'joined only some of the 6 maps to each of the 16 filters and used a scaled tanh.',
    ], [link(lenetHref(), 'Train the LeNet-5-like preset on the training page')]),
    stats([weights]),
  ]);

  function render() {
    try {
      const count = core.describeModel({ input: [...digits.shape()], seed: 1, layers: core.parseLayers(PRESETS.lenet.layers) }).parameterCount;
      weights.set(formatCount(count), count);
    } catch (err) {
      demo.fail(err);
    }
  }
  return { node, render };
}
