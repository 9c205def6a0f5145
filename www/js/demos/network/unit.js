// What one chosen unit sees: its theoretical receptive field (the core's receptive-field code) drawn
// on the digit, and its effective receptive field (the core's effectiveField: |∂unit/∂pixel|
// averaged over test digits) as a heatmap, both sizes as text. For a convolution's map, the
// filter: its weights as images and numbers, its feature map, and the top 9 test digits.
import { el, stat, stats, table } from '../../lib/dom.js';
import { drawHeatmap } from '../../lib/heatmap.js';
import { plane } from '../../lib/tensor.js';
import { placeBox } from './columns.js';
import { formatCount, formatSignificant, formatValue } from '../../lib/format.js';

/** How many test digits the effective field is averaged over, and how many excite a filter most. */
export const ERF_DIGITS = 64;
export const TOP_DIGITS = 9;

const sizeText = ([h, w]) => `${h}×${w} pixels`;

/** The verdict of the effective field's size against the (clipped) theoretical one, both the core's. */
const compare = ([eh, ew], [th, tw]) => (eh === th && ew === tw ? 'as large as' : 'smaller than');

function boxedCanvas(label) {
  const canvas = el('canvas', { role: 'img', 'aria-label': label });
  const box = el('div', { class: 'net-rf-box', hidden: true, 'aria-hidden': 'true' });
  return { canvas, box, node: el('div', { class: 'net-boxed' }, [canvas, box]) };
}

export class UnitPanel {
  constructor(host) {
    this.title = el('p', { id: 'net-unit', class: 'net-unit', text: 'Click a feature map or a bar to pick a unit.' });
    this.digit = boxedCanvas('The digit with the theoretical receptive field of the unit');
    this.erf = boxedCanvas('The effective receptive field of the unit');
    this.theory = stat({ id: 'net-rf-theory', label: 'Theoretical receptive field' });
    this.effective = stat({ id: 'net-rf-effective', label: `Effective (95 % of the gradient mass, ${ERF_DIGITS} test digits)` });
    this.spread = stat({ id: 'net-rf-spread', label: 'Spread of the effective field (σ rows, columns)' });
    this.note = el('p', { class: 'net-note', id: 'net-rf-note' });
    host.append(this.title, el('div', { class: 'net-pair' }, [
      el('figure', { class: 'map-figure' }, [this.digit.node, el('figcaption', { text: 'Theoretical field on the digit' })]),
      el('figure', { class: 'map-figure' }, [this.erf.node, el('figcaption', { text: 'Effective field |∂unit/∂pixel|' })]),
    ]), stats([this.theory, this.effective, this.spread]), this.note);
  }

  /** Show `field` (the core's effectiveField) of `unit` over `pixels` (the chosen digit). */
  show(unit, field, pixels, kind) {
    const [h, w] = field.shape;
    const where = field.theoretical ? `, row ${unit.row + 1}, column ${unit.col + 1}` : '';
    this.title.textContent = `Unit: layer ${unit.layer + 1} (${kind}), ${field.theoretical ? 'map' : 'unit'} ${unit.channel + 1}${where}`;
    drawHeatmap(this.digit.canvas, pixels, h, w);
    drawHeatmap(this.erf.canvas, field.map, h, w, { map: 'gray' });
    const t = field.theoretical;
    placeBox(this.digit.box, t?.region, [h, w]);
    placeBox(this.erf.box, field.extent, [h, w]);
    if (t) {
      this.theory.set(sizeText(t.size), t.size[1]);
      this.theory.output.dataset.size = t.size.join('x');
    } else {
      this.theory.set('the whole input (a unit after flatten reads every pixel)', field.shape[1]);
      this.theory.output.dataset.size = 'whole';
    }
    if (field.extent) {
      this.effective.set(sizeText(field.extent.size), field.extent.size[1]);
      this.effective.output.dataset.size = field.extent.size.join('x');
      this.spread.set(`${formatSignificant(field.spread[0], 3)}, ${formatSignificant(field.spread[1], 3)} px`, field.radius);
      this.note.textContent = t
        ? `The theoretical field covers rows ${t.region.top + 1}–${t.region.bottom + 1} and columns ${t.region.left + 1}–${t.region.right + 1} of the input (clipped at its edges); ${formatValue(100 * t.inside, { decimals: 1 })} % of the gradient mass lies inside it, and 95 % inside the box on the right, ${compare(field.extent.size, t.region.size)} the theoretical field.`
        : 'The box on the right holds 95 % of the gradient mass.';
    } else {
      this.effective.set('none: the unit did not respond to any of these digits', 0);
      this.effective.output.dataset.size = 'none';
      this.spread.set('—');
      this.note.textContent = 'Its gradient is 0 on every digit (a ReLU that never fires passes nothing back).';
    }
  }

  clear() {
    this.title.textContent = 'Click a feature map or a bar to pick a unit.';
  }
}

export class FilterPanel {
  constructor(host) {
    this.host = host;
    this.title = el('p', { class: 'net-unit', id: 'net-filter-title', text: 'Click a map of a convolution layer to see its filter.' });
    this.weights = el('div', { class: 'net-weights', id: 'net-filter-weights' });
    this.numbers = el('div', { id: 'net-filter-numbers' });
    this.map = el('canvas', { role: 'img', 'aria-label': 'The filter’s feature map on the chosen digit', class: 'net-feature' });
    this.top = el('ol', { class: 'net-top', id: 'net-top', start: '1' });
    host.append(this.title, el('div', { class: 'net-pair' }, [
      el('figure', { class: 'map-figure' }, [this.weights, el('figcaption', { text: 'Weights, one image per input channel' })]),
      el('figure', { class: 'map-figure' }, [this.map, el('figcaption', { text: 'Its feature map' })]),
    ]), this.numbers, el('h3', { text: `The ${TOP_DIGITS} test digits that excite it most` }), this.top);
  }

  /** `weight` = the layer's { shape, data }; `activation` its output; `top` = topActivations. */
  show({ layer, channel }, weight, activation, top, image) {
    const [, c, kh, kw] = weight.shape;
    const size = c * kh * kw;
    const mine = weight.data.subarray(channel * size, (channel + 1) * size);
    this.title.textContent = `Filter ${channel + 1} of layer ${layer + 1} (conv2d): ${c} × ${kh}×${kw} weights`;
    this.weights.replaceChildren(...Array.from({ length: c }, (_, i) => {
      const canvas = el('canvas', { role: 'img', 'aria-label': `Weights for input channel ${i + 1}` });
      drawHeatmap(canvas, mine.subarray(i * kh * kw, (i + 1) * kh * kw), kh, kw, { map: 'diverging' });
      return canvas;
    }));
    const rows = Array.from({ length: kh }, (_, r) => [{ text: String(r + 1), header: true },
      ...Array.from({ length: kw }, (__, q) => formatValue(mine[r * kw + q]))]);
    this.numbers.replaceChildren(table({ head: ['row', ...Array.from({ length: kw }, (_, q) => `col ${q + 1}`)], rows, caption: `Weights of input channel 1${c > 1 ? ` of ${c}` : ''}`, cls: 'net-numbers' }));
    drawHeatmap(this.map, plane(activation, 0, channel), activation.shape[2], activation.shape[3], { map: 'diverging' });
    this.top.replaceChildren(...top.map((t) => {
      const canvas = el('canvas', { role: 'img', 'aria-label': `Test digit ${formatCount(t.index)}, a ${t.label}` });
      const { pixels, shape: [h, w] } = image(t.index);
      drawHeatmap(canvas, pixels, h, w);
      return el('li', { 'data-index': String(t.index), 'data-value': String(t.value) }, [
        canvas, el('span', { text: `#${t.index} (${t.label}) max ${formatSignificant(t.value, 3)}` }),
      ]);
    }));
  }
}
