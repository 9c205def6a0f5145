// Where the filters demo's picture comes from: a shipped photo, a real handwritten digit, or a
// picture from the reader's own device (decoded here, never sent anywhere). Every source ends
// as grey levels 0–1 computed by the core (rgbaToGray); digits are grey already.
import { el, selectField, numberField } from '../../lib/dom.js';
import { PHOTOS, loadPhoto, readImageFile } from '../../lib/image-source.js';
import { loadDigits } from '../../lib/digits.js';

export const SOURCES = [...PHOTOS.map((p) => p.id), 'digit'];
export const UPLOAD = 'upload';
export const DIGIT_MAX = 1999;

/** An image record: `{ gray: Float32Array, h, w, label, credit }`. */
function fromRgba(core, { rgba, width, height }, label, credit) {
  return { gray: core.rgbaToGray(rgba, width, height), h: height, w: width, label, credit };
}

/**
 * The source controls. `onChoose(change)` gets `{ img }` or `{ digit }` when the reader picks a
 * shipped source, and `onUpload(image)` a decoded picture of their own; `onError(err)` any
 * failure (the previous picture stays).
 */
export function createSourceControls(core, { onChoose, onUpload, onError }) {
  const options = [...PHOTOS.map((p) => [p.id, p.label]), ['digit', 'Handwritten digit (MNIST test set)']];
  const image = selectField('Image', options, 'chelsea', { id: 'image-select' });
  const uploadOption = el('option', { value: UPLOAD, text: 'Your picture', hidden: true });
  image.control.append(uploadOption);
  const digit = numberField('Digit number (0–1999)', { min: 0, max: DIGIT_MAX, value: 0, id: 'digit-index' });
  const file = el('input', { type: 'file', accept: 'image/*', id: 'image-file' });
  const fileLabel = el('label', { class: 'field' }, [el('span', { class: 'field-label', text: 'Or use your own picture' }), file]);
  const privacy = el('p', {
    class: 'hint',
    text: 'Your picture is decoded and filtered in this tab only; it is never uploaded, and it is not part of the link.',
  });

  image.control.addEventListener('change', () => {
    if (image.control.value !== UPLOAD) onChoose({ img: image.control.value });
  });
  digit.control.addEventListener('change', () => {
    const n = Number(digit.control.value);
    if (Number.isInteger(n) && n >= 0 && n <= DIGIT_MAX) onChoose({ digit: n });
    else onError(new Error(`Digit number "${digit.control.value}" must be a whole number from 0 to ${DIGIT_MAX}.`));
  });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    try {
      const decoded = await readImageFile(chosen);
      const size = decoded.scaled
        ? `${decoded.originalWidth}×${decoded.originalHeight}, shown at ${decoded.width}×${decoded.height}`
        : `${decoded.width}×${decoded.height}`;
      uploadOption.hidden = false;
      uploadOption.textContent = `Your picture: ${decoded.name}`;
      image.control.value = UPLOAD;
      onUpload(fromRgba(core, decoded, `your picture “${decoded.name}” (${size})`, 'yours; it stays on this device'));
    } catch (err) {
      onError(err);
    } finally {
      file.value = '';
    }
  });

  const element = el('div', { class: 'controls source-controls' }, [image.label, digit.label, fileLabel]);

  /** Show `state` in the controls (the upload stays selected while one is shown). */
  function sync(state, showingUpload) {
    image.control.value = showingUpload ? UPLOAD : state.img;
    digit.label.hidden = showingUpload || state.img !== 'digit';
    digit.control.value = String(state.digit);
  }

  /** Load the shipped picture a state names. */
  async function load(state) {
    if (state.img === 'digit') {
      const digits = await loadDigits(core);
      const n = Math.min(state.digit, digits.count('test') - 1);
      const label = digits.label('test', n);
      return { gray: digits.image('test', n), h: 28, w: 28, label: `test digit #${n} (a ${label})`, credit: 'MNIST, see data/LICENSE-digits.txt' };
    }
    const photo = PHOTOS.find((p) => p.id === state.img);
    return fromRgba(core, await loadPhoto(state.img), photo.label, photo.credit);
  }

  return { element, privacy, sync, load };
}
