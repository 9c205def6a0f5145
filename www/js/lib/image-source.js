// Pictures for the demos: the photos shipped in data/images/ (see LICENSES.md there), the real
// handwritten digits, and images a reader picks from their own device. An uploaded file is
// decoded by the browser (createImageBitmap) and never leaves the page. Anything larger than
// MAX_SIDE on its long side is decoded smaller (the browser resamples it); a picture of more than
// MAX_PIXELS is refused before it is decoded (its size is read from the file's header first).
//
//   const { rgba, width, height } = await loadPhoto('chelsea');
//   const { rgba, width, height, name } = await readImageFile(file);   // throws a readable Error
//   const gray = core.rgbaToGray(rgba, width, height);                  // the maths is the core's
//   const picker = createSourceControls({ core, digits, onChoose, onDigit, onUpload, onError });
//   const { gray, h, w, label, credit } = await picker.load(state);     // state: { img, digit }
// The digits are the page's core.Digits handle: their count and image shape come from the file.
import { el, field } from './dom.js';

export const MAX_SIDE = 256;
export const MAX_FILE_BYTES = 25 * 1024 * 1024;
export const MAX_PIXELS = 64 * 1024 * 1024; // 8192×8192; a decoded picture takes 4 bytes a pixel

/** The shipped photos: id (file name), the label shown, and who made it. */
export const PHOTOS = [
  { id: 'chelsea', label: 'Chelsea the cat', credit: 'Stefan van der Walt, CC0' },
  { id: 'astronaut', label: 'Astronaut Eileen Collins', credit: 'NASA, public domain' },
  { id: 'camera', label: 'Cameraman', credit: 'Lav Varshney, CC0' },
  { id: 'coffee', label: 'Coffee cup', credit: 'Rachel Michetti, CC0' },
  { id: 'brick', label: 'Brick wall', credit: 'CC0Textures, CC0' },
];

const IMAGES = new URL('../../data/images/', import.meta.url);

/** Draw a decoded image at most MAX_SIDE on its long side and read its RGBA pixels. */
export function bitmapToRgba(bitmap, maxSide = MAX_SIDE) {
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = el('canvas', { width, height });
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.fillStyle = '#ffffff'; // transparent parts read as white paper, not black
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
  const { data } = ctx.getImageData(0, 0, width, height);
  return { rgba: data, width, height, scaled: scale < 1 };
}

const cache = new Map();

/** Fetch and decode one of PHOTOS by id; rejects with a message naming the file. */
export function loadPhoto(id) {
  if (!PHOTOS.some((p) => p.id === id)) return Promise.reject(new Error(`there is no photo called "${id}"`));
  if (!cache.has(id)) {
    const url = new URL(`${id}.png`, IMAGES);
    const job = (async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`could not load the photo ${url.pathname} (HTTP ${response.status})`);
      const bitmap = await createImageBitmap(await response.blob());
      try {
        return bitmapToRgba(bitmap);
      } finally {
        bitmap.close();
      }
    })();
    job.catch(() => cache.delete(id));
    cache.set(id, job);
  }
  return cache.get(id);
}

/**
 * Decode an image file chosen by the reader. Rejects, with a sentence that names the file, when
 * it is not an image, is too large to be sensible, or cannot be decoded.
 */
export async function readImageFile(file) {
  if (!file) throw new Error('no file was chosen');
  const name = file.name || 'the file';
  if (file.type && !file.type.startsWith('image/')) {
    throw new Error(`"${name}" is not an image (its type is ${file.type}); choose a PNG, JPEG, GIF or WebP picture.`);
  }
  if (file.size > MAX_FILE_BYTES) {
    throw new Error(`"${name}" is ${Math.round(file.size / 1048576)} MB; choose a picture under 25 MB.`);
  }
  const unreadable = () => new Error(`"${name}" could not be read as an image; choose a PNG, JPEG, GIF or WebP picture.`);
  const size = await imageSize(file).catch(() => {
    throw unreadable();
  });
  if (!size.width || !size.height) throw new Error(`"${name}" has no pixels.`);
  if (size.width * size.height > MAX_PIXELS) {
    throw new Error(`"${name}" is ${size.width}×${size.height} pixels, more than ${MAX_PIXELS / 1048576} million; choose a smaller picture.`);
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(size.width, size.height));
  const resize = scale < 1
    ? { resizeWidth: Math.max(1, Math.round(size.width * scale)), resizeHeight: Math.max(1, Math.round(size.height * scale)), resizeQuality: 'high' }
    : {};
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, resize);
  } catch {
    throw unreadable();
  }
  try {
    return { ...bitmapToRgba(bitmap), scaled: scale < 1, name, originalWidth: size.width, originalHeight: size.height };
  } finally {
    bitmap.close();
  }
}

/** The width and height a picture file declares, read without decoding its pixels. */
async function imageSize(file) {
  const url = URL.createObjectURL(file);
  try {
    const img = el('img', { src: url, alt: '' });
    await new Promise((resolve, reject) => {
      img.addEventListener('load', resolve, { once: true });
      img.addEventListener('error', reject, { once: true });
    });
    return { width: img.naturalWidth, height: img.naturalHeight };
  } finally {
    URL.revokeObjectURL(url);
  }
}

// The controls: a menu of sources, the digit's number, and a file input.

/** What `state.img` may name: a photo id or 'digit'; an upload is never part of the state. */
export const SOURCES = [...PHOTOS.map((p) => p.id), 'digit'];
export const UPLOAD = 'upload';

/** An image record: `{ gray: Float32Array, h, w, label, credit }`. */
function fromRgba(core, { rgba, width, height }, label, credit) {
  return { gray: core.rgbaToGray(rgba, width, height), h: height, w: width, label, credit };
}

/**
 * The source controls. `onChoose({ img })` when the reader picks a shipped source, `onDigit(text)`
 * with the digit number as typed (the demo checks it against its schema), `onUpload(image)` a
 * decoded picture of their own; `onError(err)` any failure (the previous picture stays).
 */
export function createSourceControls({ core, digits, onChoose, onDigit, onUpload, onError, initial = 'chelsea' }) {
  const last = digits.count('test') - 1;
  const options = [...PHOTOS.map((p) => [p.id, p.label]), ['digit', 'Handwritten digit (MNIST test set)']];
  const image = field('select', { label: 'Image', id: 'image-select', options, value: initial });
  const uploadOption = el('option', { value: UPLOAD, text: 'Your picture', hidden: true });
  image.input.append(uploadOption);
  const digit = field('number', { label: `Digit number (0–${last})`, id: 'digit-index', min: 0, max: last, value: 0 });
  const file = field('file', { label: 'Or use your own picture', id: 'image-file', accept: 'image/*' });
  const privacy = el('p', {
    class: 'hint',
    text: 'Your picture is decoded and filtered in this tab only; it is never uploaded, and it is not part of the link.',
  });

  image.input.addEventListener('change', () => {
    if (image.input.value !== UPLOAD) onChoose({ img: image.input.value });
  });
  digit.input.addEventListener('change', () => onDigit(digit.input.value));
  file.input.addEventListener('change', async () => {
    const chosen = file.input.files?.[0];
    if (!chosen) return;
    try {
      const decoded = await readImageFile(chosen);
      const size = decoded.scaled
        ? `${decoded.originalWidth}×${decoded.originalHeight}, shown at ${decoded.width}×${decoded.height}`
        : `${decoded.width}×${decoded.height}`;
      uploadOption.hidden = false;
      uploadOption.textContent = `Your picture: ${decoded.name}`;
      image.input.value = UPLOAD;
      onUpload(fromRgba(core, decoded, `your picture “${decoded.name}” (${size})`, 'yours; it stays on this device'));
    } catch (err) {
      onError(err);
    } finally {
      file.input.value = '';
    }
  });

  const element = el('div', { class: 'controls source-controls' }, [image.node, digit.node, file.node]);

  /** Show `state` in the controls (the upload stays selected while one is shown). */
  function sync(state, showingUpload) {
    image.input.value = showingUpload ? UPLOAD : state.img;
    digit.node.hidden = showingUpload || state.img !== 'digit';
    digit.input.value = String(state.digit);
  }

  /** Load the shipped picture a state names. */
  async function load(state) {
    if (state.img === 'digit') {
      const [, h, w] = digits.shape();
      const n = state.digit;
      return { gray: digits.image('test', n), h, w, label: `test digit #${n} (a ${digits.label('test', n)})`, credit: 'MNIST, see data/LICENSE-digits.txt' };
    }
    const photo = PHOTOS.find((p) => p.id === state.img);
    return fromRgba(core, await loadPhoto(state.img), photo.label, photo.credit);
  }

  return { element, privacy, sync, load };
}
