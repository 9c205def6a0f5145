// Files for the hostile-input page tests, made in Node: PNGs of any size (grey, deflated, so an
// 8000×8000 picture is a small file), model and digit files whose headers lie, random bytes.
import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A greyscale PNG of `width`×`height`, a diagonal gradient. */
export function png(width, height) {
  const row = width + 1; // filter byte, then one byte per pixel
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) raw[y * row + 1 + x] = (x + y) & 0xff;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** `n` bytes from a fixed-seed generator (the same every run). */
export function randomBytes(n, seed = 12345) {
  const out = Buffer.alloc(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i += 1) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

/** A model file (CPMODEL1) with `header` as its JSON (or raw text) and `data` after it. */
export function modelFile(header, data = Buffer.alloc(0), { length } = {}) {
  const json = Buffer.from(typeof header === 'string' ? header : JSON.stringify(header));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(length ?? json.length, 0);
  return Buffer.concat([Buffer.from('CPMODEL1'), size, json, data]);
}

/** A digit file (CPDIGIT1) whose header says `count`, `train`, `rows`, `cols`, with `body` bytes after it. */
export function digitFile({ count, train, rows, cols }, body = Buffer.alloc(0)) {
  const head = Buffer.alloc(20);
  head.write('CPDIGIT1', 0, 'ascii');
  head.writeUInt32LE(count, 8);
  head.writeUInt32LE(train, 12);
  head.writeUInt16LE(rows, 16);
  head.writeUInt16LE(cols, 18);
  return Buffer.concat([head, body]);
}

/** gzip, as the site serves its digit file. */
export const gzip = (bytes) => zlib.gzipSync(bytes);
