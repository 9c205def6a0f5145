// The drawn-digit preprocessing of the training page (www/js/lib/mnist-preprocess.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundingBox, resample, centreOfMass, toMnist } from '../../www/js/lib/mnist-preprocess.js';

function canvas(w, h, fill) {
  const ink = new Float32Array(w * h);
  for (let y = 0; y < h; y += 1) for (let x = 0; x < w; x += 1) ink[y * w + x] = fill(y, x) ? 1 : 0;
  return ink;
}

test('a blank drawing gives null', () => {
  assert.equal(toMnist(new Float32Array(100 * 100), 100, 100), null);
  assert.equal(boundingBox(new Float32Array(4), 2, 2), null);
});

test('bounding box is inclusive', () => {
  const ink = canvas(10, 8, (y, x) => y >= 2 && y <= 5 && x >= 3 && x <= 7);
  assert.deepEqual(boundingBox(ink, 10, 8), { top: 2, left: 3, bottom: 5, right: 7 });
});

test('resampling a uniform region keeps its value; halving averages pairs', () => {
  const ink = new Float32Array(16).fill(0.5);
  const out = resample(ink, 4, { top: 0, left: 0, bottom: 3, right: 3 }, 2, 2);
  assert.deepEqual(Array.from(out), [0.5, 0.5, 0.5, 0.5]);
  const stripes = Float32Array.from([1, 0, 1, 0]);
  assert.deepEqual(Array.from(resample(stripes, 4, { top: 0, left: 0, bottom: 0, right: 3 }, 2, 1)), [0.5, 0.5]);
});

test('centre of mass of a single pixel is its centre', () => {
  const img = new Float32Array(9);
  img[5] = 1; // row 1, col 2
  assert.deepEqual(centreOfMass(img, 3, 3), { y: 1.5, x: 2.5 });
});

test('a tall bar becomes 20 rows high, centred by mass in 28×28', () => {
  // A 40 × 200 bar in the top-left corner of a 280 × 280 drawing.
  const ink = canvas(280, 280, (y, x) => y >= 10 && y < 210 && x >= 5 && x < 45);
  const out = toMnist(ink, 280, 280);
  assert.equal(out.length, 784);
  const box = boundingBox(out, 28, 28);
  assert.equal(box.bottom - box.top + 1, 20);
  assert.equal(box.right - box.left + 1, 4);
  const com = centreOfMass(out, 28, 28);
  assert.ok(Math.abs(com.y - 14) <= 0.5 && Math.abs(com.x - 14) <= 0.5, JSON.stringify(com));
  for (const v of out) assert.ok(v >= 0 && v <= 1);
});

test('a wide shape keeps its aspect ratio', () => {
  const ink = canvas(100, 100, (y, x) => y >= 40 && y < 50 && x >= 0 && x < 100);
  const box = boundingBox(toMnist(ink, 100, 100), 28, 28);
  assert.equal(box.right - box.left + 1, 20);
  assert.equal(box.bottom - box.top + 1, 2);
});
