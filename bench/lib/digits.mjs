// The site's real handwritten digits (www/data/digits.bin.gz, un-gzipped): the "CPDIGIT1" file
// of crates/convplay-core/src/digits.rs — a 20-byte header, one label byte per digit, then the
// u8 pixels row-major. Pixels are scaled to 0–1 exactly as the core does (x / 255).
//
// Runs unchanged in Node and in the browser.

const MAGIC = 'CPDIGIT1';
const HEADER = 20;

/** Parse the bytes into `{ train, test }`, each `{ count, images: Float32Array, labels: Uint8Array }`. */
export function parseDigits(bytes) {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const magic = String.fromCharCode(...u8.subarray(0, 8));
  if (u8.length < HEADER || magic !== MAGIC) throw new Error('digits: not a CPDIGIT1 file');
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const count = view.getUint32(8, true);
  const train = view.getUint32(12, true);
  const rows = view.getUint16(16, true);
  const cols = view.getUint16(18, true);
  const plane = rows * cols;
  if (rows !== 28 || cols !== 28) throw new Error(`digits: expected 28×28 digits, got ${rows}×${cols}`);
  if (u8.length !== HEADER + count + count * plane) {
    throw new Error(`digits: expected ${HEADER + count + count * plane} bytes, found ${u8.length}`);
  }
  const labels = u8.subarray(HEADER, HEADER + count);
  const pixels = u8.subarray(HEADER + count);
  const split = (from, to) => {
    const images = new Float32Array((to - from) * plane);
    const src = pixels.subarray(from * plane, to * plane);
    for (let i = 0; i < images.length; i += 1) images[i] = src[i] / 255;
    return { count: to - from, images, labels: labels.slice(from, to) };
  };
  return { train: split(0, train), test: split(train, count) };
}

/**
 * The `k`-th batch of `size` digits of a split, cycling through it in order (only whole batches;
 * 8,000 training digits make 250 batches of 32). Views, no copies: `{ images, labels, index }`.
 */
export function batchAt(split, k, size) {
  const batches = Math.floor(split.count / size);
  if (batches < 1) throw new Error(`digits: a split of ${split.count} cannot fill a batch of ${size}`);
  const i = ((k % batches) + batches) % batches;
  return {
    index: i,
    images: split.images.subarray(i * size * 784, (i + 1) * size * 784),
    labels: split.labels.subarray(i * size, (i + 1) * size),
  };
}
