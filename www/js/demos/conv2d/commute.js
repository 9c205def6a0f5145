// "I ∗ K = K ∗ I?": the current input and kernel (filter 1) in both orders, full and stride 1,
// by core.conv2dBothOrders, with the largest difference and the verdict the core judged against
// the maps' scale. True convolution commutes; cross-correlation gives I ⋆ K turned by 180°.
import { el, field, section, stat, stats } from '../../lib/dom.js';
import { createGrid } from '../../lib/grid.js';
import { formatSignificant, formatValue } from '../../lib/format.js';
import { offset } from '../../lib/tensor.js';
import { dims } from './state.js';

export const ORDERS = [['conv', 'true convolution ∗'], ['xcorr', 'cross-correlation ⋆']];

/** The core's result for a state: the input and filter 1's kernel, in both orders. */
export function computeBothOrders(core, state) {
  const d = dims(state);
  const taps = d.C * d.KH * d.KW;
  return core.conv2dBothOrders(
    new Float32Array(state.input),
    new Uint32Array([1, d.C, d.H, d.W]),
    new Float32Array(state.kernel.slice(0, taps)),
    new Uint32Array([1, d.C, d.KH, d.KW]),
    state.comm === 'conv' ? 'convolution' : 'crossCorrelation',
  );
}

const shown = (v) => (v === 0 ? '0' : formatSignificant(v, 3));

/** Build the section; `onChange(key, text)` sets its setting. Returns `{ element, show(state, result) }`. */
export function createCommute({ onChange }) {
  const order = field('select', { label: 'Operation in this section', id: 'comm', options: ORDERS, value: 'conv' });
  order.input.addEventListener('change', () => onChange('comm', order.input.value));
  const grid = (label) => createGrid({ label, rows: 0, cols: 0 });
  const ik = grid('I ∗ K');
  const ki = grid('K ∗ I');
  const titles = { ik: el('p', { class: 'grid-title', id: 'comm-ik-title' }), ki: el('p', { class: 'grid-title', id: 'comm-ki-title' }) };
  ik.element.id = 'comm-ik';
  ki.element.id = 'comm-ki';
  const s = {
    difference: stat({ id: 'comm-difference', label: 'Largest difference between the two orders', cls: 'key' }),
    scale: stat({ id: 'comm-scale', label: 'Scale of the maps (largest |value|)' }),
    tolerance: stat({ id: 'comm-tolerance', label: 'Tolerance for float rounding (10⁻⁵ × scale)' }),
  };
  const verdict = el('p', { class: 'verdict', id: 'comm-verdict', 'aria-live': 'polite' });
  const note = el('p', { class: 'part-hint', id: 'comm-note' });
  const box = (title, g) => el('div', { class: 'grid-box' }, [title, el('div', { class: 'grid-scroll' }, [g.element])]);
  const element = section('I ∗ K = K ∗ I?', {
    id: 'commute',
    cls: 'conv-commute',
    intro: 'The lecture: convolution is commutative, s = I ∗ K = K ∗ I, since Σ I[m, n] K[i − m, j − n] = Σ I[i − m, j − n] K[m, n]. Here the current input and kernel are taken both ways round — full (every placement where the two overlap, so that K ∗ I exists when K is the smaller one), stride 1 — and compared cell by cell.',
  }, [el('div', { class: 'controls' }, [order.node]), el('div', { class: 'grid-set' }, [box(titles.ik, ik), box(titles.ki, ki)]), stats(Object.values(s)), verdict, note]);

  return {
    element,
    show(state, r) {
      order.input.value = state.comm;
      const conv = state.comm === 'conv';
      const op = conv ? '∗' : '⋆';
      const [rows, cols] = r.inputKernel.shape.slice(2);
      for (const [g, t, title, text] of [[ik, r.inputKernel, titles.ik, `I ${op} K`], [ki, r.kernelInput, titles.ki, `K ${op} I`]]) {
        title.textContent = `${text} (${rows}×${cols})`;
        g.render({ rows, cols, label: text, values: (y, x) => t.data[offset(t.shape, 0, 0, y, x)], format: (v) => formatValue(v, { decimals: 3 }) });
      }
      s.difference.set(shown(r.same.maxAbsDifference), r.same.maxAbsDifference);
      s.scale.set(shown(r.same.scale), r.same.scale);
      s.tolerance.set(shown(r.same.tolerance), r.same.tolerance);
      const name = conv ? 'True convolution' : 'Cross-correlation';
      verdict.textContent = r.same.agree
        ? `${name} commutes here: I ${op} K = K ${op} I, the largest difference ${shown(r.same.maxAbsDifference)} is within the tolerance.`
        : `${name} does not commute: I ${op} K ≠ K ${op} I, they differ by up to ${shown(r.same.maxAbsDifference)}.`;
      note.textContent = conv
        ? 'Swap the roles and the same products are added: only the order of the sum changes.'
        : r.turned.agree
          ? 'K ⋆ I is I ⋆ K turned by 180° (checked by the core): swapping the two reverses the lag, s[i, j] of one is s[−i, −j] of the other.'
          : 'K ⋆ I is not even I ⋆ K turned by 180° here.';
      if (state.volume) note.textContent += ' With 3 channels: filter 1, the channels summed.';
      if (state.symbolic) note.textContent += ' The letters above stand for these numbers (untick “Letters instead of numbers” to see them).';
    },
  };
}
