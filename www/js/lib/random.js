// Seeded random integers for filling inputs (input handling only: the maths stays in the core).
// Counter-based, so a value depends only on (seed, stream, index): resizing a grid keeps the
// values it already had, and a link with the same seed reproduces the same fill.

function mix(a, b, c) {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35) ^ Math.imul(c + 0x27d4eb2f, 0x165667b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A whole number in [lo, hi] determined by (seed, stream, index). */
export function seededInt(seed, stream, index, lo, hi) {
  return lo + (mix(seed | 0, stream | 0, index | 0) % (hi - lo + 1));
}

/** `count` seeded whole numbers in [lo, hi]. */
export function seededInts(seed, stream, count, lo, hi) {
  return Array.from({ length: count }, (_, i) => seededInt(seed, stream, i, lo, hi));
}
