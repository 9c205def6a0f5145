// Arbitraries for a student's own dataset (ClassSet, exampleFromImage, layersForClasses): names,
// dataset files honest and damaged (format: crates/convplay-core/src/data/classes_file.rs),
// pictures, and one entry per export and method, spread into TARGETS (targets.mjs).
import fc from 'fast-check';
import { dim, floats, record } from './shapes.mjs';
import { layerCode } from './models.mjs';
import { ref } from './values.mjs';

const T = (valid, slots, extra = {}) => ({ valid: fc.tuple(...valid), slots, ...extra });
const none = { valid: fc.constant([]), slots: [] };
const PIXELS = 784;
const index = fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 0, max: 20 }) }, { weight: 1, arbitrary: fc.constantFrom(4096, 2 ** 32 - 1) });
const label = fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(10, 255, 2 ** 32 - 1) });
const name = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('cat', 'dog', ' fish ', '0', '7', 'é'.repeat(32), 'a b') },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', 'x'.repeat(33), 'line\nbreak', 'x'.repeat(1000)) },
);
const names = fc.oneof(
  { weight: 6, arbitrary: fc.uniqueArray(fc.constantFrom('cat', 'dog', 'fish', 'bird', 'zero', 'one'), { minLength: 2, maxLength: 6 }) },
  { weight: 2, arbitrary: fc.array(name, { minLength: 0, maxLength: 12 }) },
);
const pixels = fc.oneof(
  { weight: 8, arbitrary: fc.constant(0).map(() => floats(PIXELS)) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 783, 785, 2 ** 20).map((n) => floats(n)) },
);

const u16 = (v) => [v & 255, (v >>> 8) & 255];
const u32 = (v) => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255];
const utf8 = (s) => [...new TextEncoder().encode(s)];

/** A dataset file: `names`, `n` examples (each third an augmented copy of the one before, if that
 * is an original), then the damage asked for: another magic or version, a lying count, a bad
 * label, a cut or a longer file. */
export function classFile({ names: ns, n, magic = 'CPCLASS1', version = 1, count, side = 28, labelAdd = 0, cut = 0, extra = 0 }) {
  const k = ns.length;
  const head = [...[...magic].map((c) => c.charCodeAt(0)).slice(0, 8), ...u16(version), k & 255];
  for (const s of ns) { const b = utf8(s).slice(0, 255); head.push(b.length, ...b); }
  head.push(...u32(count ?? n), ...u16(side), ...u16(28));
  const records = [];
  for (let i = 0; i < n; i++) {
    const copy = i % 3 === 2;
    const lab = ((copy ? i - 1 : i) % Math.max(k, 1)) + (i === 0 ? labelAdd : 0);
    records.push(lab & 255, copy ? 1 : 0, ...(copy ? u32(i - 1) : u32(0xffffffff)));
  }
  const total = head.length + records.length + n * PIXELS + extra;
  const bytes = new Uint8Array(Math.max(0, total - cut));
  const front = [...head, ...records].slice(0, bytes.length);
  bytes.set(front);
  for (let i = front.length; i < bytes.length; i++) bytes[i] = (i * 37) & 255;
  return bytes;
}
const classFileArgs = fc.oneof(
  { weight: 4, arbitrary: record({ names, n: fc.integer({ min: 0, max: 8 }) }) },
  { weight: 3, arbitrary: record({
    names, n: fc.integer({ min: 0, max: 6 }), magic: fc.constantFrom('CPCLASS1', 'CPCLASS2', 'CPDIGIT1', ''),
    version: fc.constantFrom(1, 0, 2, 65_535), count: fc.constantFrom(0, 1, 7, 4096, 4097, 2 ** 32 - 1),
    side: fc.constantFrom(28, 0, 27, 65_535), labelAdd: fc.constantFrom(0, 1, 10, 255),
    cut: fc.constantFrom(0, 1, 6, 100, 800), extra: fc.constantFrom(0, 1, 784),
  }, { requiredKeys: ['names', 'n'] }) },
).map(classFile);

/** RGBA of a `w × h` white picture with a black dot in its middle (blank if it is one pixel). */
function picture(w, h) {
  if (w * h * 4 > 2 ** 24) return new Uint8Array(16);
  const rgba = new Uint8Array(w * h * 4).fill(255);
  const at = (Math.floor(h / 2) * w + Math.floor(w / 2)) * 4;
  rgba.set([0, 0, 0, 255], at);
  return rgba;
}

const augmentOptions = fc.oneof(
  { weight: 6, arbitrary: record({ copies: fc.integer({ min: 1, max: 4 }), maxShift: fc.integer({ min: 0, max: 3 }), maxDegrees: fc.constantFrom(0, 10, 45.5), seed: fc.integer({ min: 0, max: 1000 }) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: record({ copies: fc.constantFrom(0, 21, 1e6), maxShift: fc.constantFrom(9, 1e9), maxDegrees: fc.constantFrom(-1, 91, 1e30), seed: fc.constantFrom(-1, 2 ** 53, 0.5) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
);

export const CLASS_TARGETS = {
  'new ClassSet': T([names], ['config'], { runs: 80 }),
  'ClassSet.parse': T([classFileArgs], ['bytes'], { runs: 120 }),
  'ClassSet.starter': T([fc.constant(ref('digits')), fc.constantFrom([0, 1, 7], [3, 5], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1], [0, 10], [2]), fc.constantFrom(1, 5, 60, 0, 2049, 4096)], ['handle', 'shape', 'count'], { runs: 60 }),
  'ClassSet#toBytes': { ...none, self: 'classes' },
  'ClassSet#names': { ...none, self: 'classes' },
  'ClassSet#count': { ...none, self: 'classes' },
  'ClassSet#counts': { ...none, self: 'classes' },
  'ClassSet#example': T([index], ['count'], { self: 'classes' }),
  'ClassSet#split': T([fc.constantFrom(1, 20, 33.3, 90, 0, 91, 100), fc.constantFrom(0, 1, 7, 2 ** 53)], ['number', 'count'], { self: 'classes' }),
  'ClassSet#add': T([label, pixels], ['count', 'floats'], { self: 'freshClasses' }),
  'ClassSet#remove': T([index], ['count'], { self: 'freshClasses' }),
  'ClassSet#addClass': T([name], ['string'], { self: 'freshClasses' }),
  'ClassSet#renameClass': T([label, name], ['count', 'string'], { self: 'freshClasses' }),
  'ClassSet#removeClass': T([label], ['count'], { self: 'freshClasses' }),
  'ClassSet#augment': T([augmentOptions], ['options'], { self: 'freshClasses', runs: 60 }),
  'ClassSet#clearAugmented': { ...none, self: 'freshClasses', runs: 16 },
  'ClassSet#free': { ...none, self: 'freshClasses', runs: 16 },
  exampleFromImage: { valid: fc.tuple(dim, dim).map(([w, h]) => [picture(w, h), w, h]), slots: ['bytes', 'count', 'count'] },
  layersForClasses: T([fc.oneof(fc.constantFrom('c8k5_relu_mp2_fl_d10', 'fl_d64_relu_d10', 'c4k3_fl_d2ixn', 'c8k5_relu'), layerCode), fc.constantFrom(2, 3, 10, 0, 1, 11, 2 ** 32 - 1)], ['string', 'count']),
};

/** The handles the fuzz worker keeps for these targets: one starter set shared by the reading
 * methods, and a fresh one for each call that changes or frees its set. */
export function classHandles(core, digits) {
  const make = () => core.ClassSet.starter(digits, [0, 1, 7], 5);
  return { handles: { classes: make() }, fresh: { freshClasses: make } };
}

const on = (self, method, args, expect = 'error', extra = {}) => ({ target: method, self: ref(self), args, expect, ...extra });
const throwingBytes = () => new Proxy(new Uint8Array(8), { get() { throw new Error('a Proxy that throws'); } });

/** Explicit cases (spread into CASES, cases.mjs): a split's Digits freed and then trained on, a
 * dataset file that throws while it is read, a starter from freed digits; the module goes on. */
export const CLASS_CASES = [
  { name: 'trainer.train(a freed split of own classes, 1)', steps: [
    on('classes', 'ClassSet#split', [25, 1], 'ok', { save: 'own' }), on('own', 'Digits#free', [], 'ok'),
    on('trainer', 'Trainer#train', [ref('own'), 1]), on('trainer', 'Trainer#train', [ref('digits'), 1], 'ok')] },
  { name: 'trainer.evaluate(a split of 3 classes) of a 10-output network', steps: [
    on('classes', 'ClassSet#split', [25, 1], 'ok', { save: 'own' }), on('trainer', 'Trainer#evaluate', [ref('own'), 'test', 0]),
    on('trainer', 'Trainer#train', [ref('digits'), 1], 'ok')] },
  { name: 'ClassSet.parse(a Proxy that throws)', steps: [
    { target: 'ClassSet.parse', args: [throwingBytes()], expect: 'error' }, on('classes', 'ClassSet#count', [], 'ok')] },
  { name: 'ClassSet.starter(freed digits, [0, 1, 7], 5)', steps: [
    { target: 'ClassSet.starter', args: [ref('freedDigits'), [0, 1, 7], 5], expect: 'error' }, on('classes', 'ClassSet#names', [], 'ok')] },
];
