// Pictures for the demos as RGBA pixels: the photos shipped in data/images/ (see LICENSES.md
// there) and images a reader picks from their own device. An uploaded file is decoded by the
// browser (createImageBitmap) and never leaves the page. Anything larger than MAX_SIDE on its
// long side is drawn smaller onto a canvas first, which is how the browser resamples it.
//
//   const { rgba, width, height } = await loadPhoto('chelsea');
//   const { rgba, width, height, name } = await readImageFile(file);   // throws a readable Error
//   const gray = core.rgbaToGray(rgba, width, height);                  // the maths is the core's

export const MAX_SIDE = 256;
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

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
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
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
  let bitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error(`"${name}" could not be read as an image; choose a PNG, JPEG, GIF or WebP picture.`);
  }
  try {
    if (!bitmap.width || !bitmap.height) throw new Error(`"${name}" has no pixels.`);
    return { ...bitmapToRgba(bitmap), name, originalWidth: bitmap.width, originalHeight: bitmap.height };
  } finally {
    bitmap.close();
  }
}
