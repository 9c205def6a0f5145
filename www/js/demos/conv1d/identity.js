// "True convolution and cross-correlation": conv(x, h) = xcorr(x, flip h) and
// xcorr(x, h) = conv(x, flip h), each side computed on its own by the core, shown value by value
// with a mark where the two sides agree (judged by the core: core.agreement).
import { el, section, table } from '../../lib/dom.js';
import { formatList } from '../../lib/format.js';
import { cell, DECIMALS, indexHead } from './signal-style.js';

const marks = (agreement) => agreement.same.map((same) => (same ? cell('✓', 'ok') : cell('✗', 'bad')));
const row = (id, label, values) => ({ dataset: { row: id }, cells: [label, ...values] });

/** Build the section; returns `{ element, show(model) }`. */
export function createIdentity() {
  const flipped = el('p', { id: 'flipped-h' });
  const values = el('div', { id: 'identity' });
  const status = el('p', { class: 'identity-status', id: 'identity-status', 'aria-live': 'polite' });
  const element = section('4. True convolution and cross-correlation', {
    id: 'identity-section',
    cls: 'conv1d-section',
    intro: 'Convolution flips h before sliding it; cross-correlation (what deep-learning libraries call “convolution”) slides h as it is. So convolving with h is cross-correlating with h flipped. The core computes each side separately:',
  }, [flipped, values, status]);

  return {
    element,
    show(model) {
      const { identity: id, length } = model;
      const cells = (a) => Array.from(a, (v) => cell(v));
      flipped.textContent = `h = [${formatList(model.h, DECIMALS)}], flip(h) = [${formatList(id.flipped, DECIMALS)}]`;
      values.replaceChildren(
        table({
          id: 'identity-table',
          cls: 'values',
          caption: 'Both identities, value by value',
          head: indexHead('n', length),
          rowHeads: true,
          rows: [
            row('conv', 'conv(x, h)', cells(id.conv)),
            row('xcorr-flipped', 'xcorr(x, flip h)', cells(id.xcorrFlipped)),
            row('agree-1', 'agree?', marks(id.first)),
            row('xcorr', 'xcorr(x, h)', cells(id.xcorr)),
            row('conv-flipped', 'conv(x, flip h)', cells(id.convFlipped)),
            row('agree-2', 'agree?', marks(id.second)),
          ],
        }),
      );
      const first = id.first.all;
      const second = id.second.all;
      status.textContent = [
        `conv(x, h) ${first ? '=' : '≠'} xcorr(x, flip h) at all ${length} values of n ${first ? '✓' : '✗'}`,
        `xcorr(x, h) ${second ? '=' : '≠'} conv(x, flip h) ${second ? '✓' : '✗'}`,
      ].join('; ');
    },
  };
}
