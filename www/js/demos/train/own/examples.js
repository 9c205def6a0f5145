// The student's classes as cards: each class's name (editable), its counts of originals and
// augmented copies (the core's counts), a button to remove the class, and a thumbnail per original
// example, each a button that removes it (removing an original removes its copies too, in the
// core). Names are only ever text (textContent and input values), never markup.
import { el, button, field } from '../../../lib/dom.js';
import { drawHeatmap } from '../../../lib/heatmap.js';
import { formatCount } from '../../../lib/format.js';
import { MIN_CLASSES } from './classes.js';

const plural = (n, one, many) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** What a class's counts say, e.g. "12 originals · 24 augmented copies". */
function countsText(original, augmented) {
  return `${plural(original, 'original', 'originals')} · ${plural(augmented, 'augmented copy', 'augmented copies')}`;
}

function thumbnail(example, number, name, [, h, w], onRemove) {
  const canvas = el('canvas', { 'aria-hidden': 'true' });
  drawHeatmap(canvas, example.pixels, h, w);
  const remove = button('', { class: 'own-thumb', 'aria-label': `Remove example ${number} of \u201c${name}\u201d`, dataset: { index: String(example.index) } }, () => onRemove(example.index));
  remove.append(canvas, el('span', { class: 'own-thumb-x', 'aria-hidden': 'true', text: '\u2715' }));
  return el('li', {}, [remove]);
}

function card(label, name, examples, counts, classCount, shape, handlers) {
  const { onRename, onRemoveClass, onRemove } = handlers;
  const nameField = field('text', { label: `Name of class ${label + 1}`, value: name, maxlength: 32, autocomplete: 'off', class: 'own-name', dataset: { label: String(label) } });
  nameField.input.addEventListener('change', () => {
    if (!onRename(label, nameField.input.value)) nameField.input.value = name;
  });
  const removeClass = button('Remove class', {
    class: 'secondary own-remove-class',
    'aria-label': `Remove class \u201c${name}\u201d and its examples`,
    disabled: classCount <= MIN_CLASSES,
    dataset: { label: String(label) },
  }, () => onRemoveClass(label));
  const thumbs = examples.map((example, i) => thumbnail(example, i + 1, name, shape, onRemove));
  return el('div', { class: 'own-class', dataset: { label: String(label) } }, [
    el('div', { class: 'own-class-head' }, [
      nameField.node,
      el('span', { class: 'own-class-counts', text: countsText(counts.original[label], counts.augmented[label]), dataset: { original: String(counts.original[label]), augmented: String(counts.augmented[label]) } }),
      removeClass,
    ]),
    thumbs.length
      ? el('ul', { class: 'own-thumbs', 'aria-label': `Examples of \u201c${name}\u201d; choose one to remove it` }, thumbs)
      : el('p', { class: 'note own-none', text: 'No examples yet: draw, capture or upload some above.' }),
  ]);
}

/**
 * Show the classes of `dataset` in `host`. `handlers`: onRename(label, name) → true if taken,
 * onRemoveClass(label), onRemove(index). `focus` (optional) = { label, position }: after removing
 * an example, keyboard focus goes to the thumbnail now at that position (or the class's name).
 */
export function showClasses(host, dataset, shape, handlers, focus = null) {
  const names = dataset.names();
  const counts = dataset.counts();
  const byClass = names.map(() => []);
  for (const example of dataset.examples()) if (!example.augmented) byClass[example.label].push(example);
  host.replaceChildren(...names.map((name, label) => card(label, name, byClass[label], counts, names.length, shape, handlers)));
  if (focus) {
    const cardNode = host.querySelector(`.own-class[data-label="${focus.label}"]`);
    const thumbs = cardNode?.querySelectorAll('.own-thumb') ?? [];
    (thumbs[Math.min(focus.position, thumbs.length - 1)] ?? cardNode?.querySelector('.own-name'))?.focus();
  }
  return { names, counts };
}

/** Where thumbnail `index` sits: { label, position } among its class's thumbnails. */
export function thumbPlace(host, index) {
  const node = host.querySelector(`.own-thumb[data-index="${index}"]`);
  const cardNode = node?.closest('.own-class');
  if (!cardNode) return null;
  return { label: Number(cardNode.dataset.label), position: [...cardNode.querySelectorAll('.own-thumb')].indexOf(node) };
}
