// The student's dataset, held by the core's ClassSet (crates/convplay-core/src/data/classes.rs,
// the file format in docs/classes-format.md): 2 to 10 named classes of 28×28 grey examples, each
// original or an augmented copy of one. This module is the page's only door to it, so the page
// never counts, splits or transforms examples itself. One Dataset holds one ClassSet handle at a
// time (freed when replaced, and when the page unmounts: demo.own(dataset)).
import { isCoreBroken } from '../../../wasm.js';

export const MIN_CLASSES = 2;
export const MAX_CLASSES = 10;
/** The built-in starting point: the shipped training digits 0, 1 and 7, this many of each. */
export const STARTER_LABELS = [0, 1, 7];
export const STARTER_PER_CLASS = 30;
/** The names of an empty dataset's two classes (the student renames them). */
export const EMPTY_NAMES = ['Class A', 'Class B'];
/** The file a dataset is saved as. */
export const FILE_NAME = 'my-classes.cpclass';

export class Dataset {
  constructor(core) {
    this.core = core;
    this.set = null;
    this.version = 0; // bumped on every change, so the page knows when the worker's copy is stale
  }

  /** Hold `set` (a core.ClassSet) in place of the current one. */
  use(set) {
    this.set?.free();
    this.set = set;
    this.changed();
    return this;
  }

  changed() {
    this.version += 1;
  }

  /** The built-in "0 vs 1 vs 7" from the shipped digits (a core.Digits handle). */
  starter(digits) {
    return this.use(this.core.ClassSet.starter(digits, STARTER_LABELS, STARTER_PER_CLASS));
  }

  empty() {
    return this.use(new this.core.ClassSet(EMPTY_NAMES));
  }

  /** Read a dataset file; throws the core's message in words and keeps the current examples. */
  parse(bytes) {
    const next = this.core.ClassSet.parse(bytes);
    return this.use(next);
  }

  toBytes() {
    return this.set.toBytes();
  }

  names() {
    return Array.from(this.set.names());
  }

  /** Examples per class: { original: [..], augmented: [..] }. */
  counts() {
    const c = this.set.counts();
    return { original: Array.from(c.original), augmented: Array.from(c.augmented) };
  }

  size() {
    return this.set.count();
  }

  /** Example `index`: { label, augmented, source, pixels }. */
  example(index) {
    return this.set.example(index);
  }

  /** Every example with its index, for drawing the thumbnails. */
  examples() {
    return Array.from({ length: this.size() }, (_, index) => ({ index, ...this.example(index) }));
  }

  add(label, pixels) {
    const index = this.set.add(label, pixels);
    this.changed();
    return index;
  }

  remove(index) {
    this.set.remove(index);
    this.changed();
  }

  addClass(name) {
    this.set.addClass(name);
    this.changed();
  }

  renameClass(label, name) {
    this.set.renameClass(label, name);
    this.changed();
  }

  removeClass(label) {
    this.set.removeClass(label);
    this.changed();
  }

  /** Shifted and rotated copies of every original; returns how many were added. */
  augment({ copies, maxShift, maxDegrees, seed }) {
    const added = this.set.augment({ copies, maxShift, maxDegrees, seed });
    this.changed();
    return added;
  }

  clearAugmented() {
    this.set.clearAugmented();
    this.changed();
  }

  free() {
    this.set?.free();
    this.set = null;
  }
}

/**
 * A failed core (a trap) is the skeleton's to recover: hand it to demo.fail and return true; any
 * other error returns false, for the caller to say in words what went wrong.
 */
export function coreFailed(demo, err) {
  if (!isCoreBroken(err)) return false;
  demo.fail(err);
  return true;
}

/** A picture's RGBA pixels (any size) as one example, grey and centred like the digits. */
export function exampleFromImage(core, rgba, width, height) {
  const bytes = rgba instanceof Uint8Array ? rgba : new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return core.exampleFromImage(bytes, width, height);
}

/** A drawing from the pad (ink 0–1) as one example, as the digits page prepares a drawn digit. */
export function exampleFromDrawing(core, ink, width, height) {
  return core.mnistFromDrawing(ink, width, height) ?? null;
}

/** The layer code `code` with its last dense layer's units set to the class count `k`. */
export function layersForClasses(core, code, k) {
  return core.layersForClasses(code, k);
}
