// Accuracy on shifted test digits (the core's shiftedAccuracy after a pause): one row per
// shift, the numbers as text with their exact values in data-value, and the mean over the shifts
// of at least one pixel. Compare a network with mp2 against the same one with mp2b.
import { el } from '../../lib/dom.js';
import { formatPercent } from '../../lib/format.js';

/** Fill `container` with the table of `shifted` = { shifts: [{ shift, accuracy }], meanShifted, count }. */
export function showShifted(container, shifted, noun = 'digit') {
  const { shifts, meanShifted, count } = shifted;
  const table = el('table', { class: 'shifted-accuracy', id: 'shifted-table' });
  table.append(el('caption', { text: `First ${count} test ${noun}s, moved right` }));
  const head = el('tr', {}, [el('th', { scope: 'col', text: 'Shift (px)' }), el('th', { scope: 'col', text: 'Accuracy' })]);
  const body = el('tbody');
  for (const { shift, accuracy } of shifts) {
    body.append(el('tr', {}, [
      el('th', { scope: 'row', text: String(shift) }),
      el('td', { class: 'shifted-value', 'data-shift': String(shift), 'data-value': String(accuracy), text: formatPercent(accuracy, 1) }),
    ]));
  }
  table.append(el('thead', {}, [head]), body);
  const last = shifts[shifts.length - 1].shift;
  const mean = el('p', { class: 'note', id: 'shifted-mean' }, [
    `Mean over shifts 1–${last} px: `,
    el('strong', { class: 'shifted-mean-value', 'data-value': String(meanShifted), text: formatPercent(meanShifted, 1) }),
    '. Try the same network with mp2b (blur, then subsample) in place of mp2.',
  ]);
  container.replaceChildren(table, mean);
}
