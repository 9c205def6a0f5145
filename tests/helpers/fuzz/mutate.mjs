// From well-formed arguments to hostile ones: one argument replaced by a value of the wrong type or
// an adversarial value of its own kind, a configuration object corrupted somewhere inside (a key
// with a typo, NaN or a wrong type in a field, a key removed or set to undefined, a wrong `kind`),
// or the wrong number of arguments.
import fc from 'fast-check';
import {
  anyHostile, hostileBytes, hostileCount, hostileFloats, hostileHandle, hostileNumber, hostileShape, hostileString,
  BAD_NUMBERS, TYPO_KEYS, WRONG_TYPES,
} from './values.mjs';

const isPlain = (v) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/** A deep copy of plain objects and arrays (typed arrays and markers are shared). */
export function clone(v) {
  if (Array.isArray(v)) return Array.from(v, clone); // not v.map: a corrupted array may carry a `constructor` key
  if (isPlain(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
  return v;
}

/** Every plain object and array inside `v`, `v` first. */
function nodes(v, out = []) {
  if (Array.isArray(v) || isPlain(v)) {
    out.push(v);
    for (const x of Object.values(v)) nodes(x, out);
  }
  return out;
}

/** A value to put inside a configuration. */
const fieldValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BAD_NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom(...WRONG_TYPES) },
  { weight: 1, arbitrary: fc.constantFrom('same', 'explicit', 'max', 'relu', 'sgd', '', 'NaN') },
  { weight: 1, arbitrary: fc.constantFrom(1, 0, 3, [1, 2, 3], [1], [NaN, 1], [-1, 2], [1.5, 2], { kind: 'same' }) },
);
const WRONG_KINDS = ['', 'Same', 'valid ', 'explicit', 'gaussian', 'sgdd', 'adam', 'conv2D', 'dense', 'none', 'max', 'relu'];

/** Keys that are no field of any configuration: inside a plain object each must be an Error. */
const STRICT_TYPOS = new Set(TYPO_KEYS.filter((k) => !['y', 'x', 'eps', 'sigma', 'p', 'beta', '0'].includes(k)));

/** A hostile argument that must make the call an Error, and the rule that says so. */
export class Ruled {
  constructor(value, rule) { this.value = value; this.rule = rule; }
}

/**
 * A corrupted copy of a configuration value (object or array), at a random place inside it.
 * Where the docs leave no doubt the copy comes as Ruled: a key that is no field anywhere, inside a
 * plain object ("an unknown key … is an error", tagged objects too), and NaN or ±∞ put in place of
 * a value ("NaN is never a silent default").
 */
export function corrupt(value) {
  return fc.tuple(
    fc.nat(), fc.nat(), fc.constantFrom('typo', 'typo', 'replace', 'replace', 'nonFinite', 'nonFinite', 'delete', 'undefined', 'kind', 'wrap'),
    fc.constantFrom(...TYPO_KEYS), fieldValue, fc.constantFrom(...WRONG_KINDS), fc.constantFrom(NaN, Infinity, -Infinity),
  ).map(([a, b, op, key, val, kind, bad]) => {
    const root = clone(value);
    const all = nodes(root);
    if (all.length === 0) return val;
    if (op === 'nonFinite') { // a number somewhere inside becomes NaN or ±∞
      const places = all.flatMap((n) => Object.keys(n).filter((k) => typeof n[k] === 'number').map((k) => [n, k]));
      if (places.length) {
        const [n, k] = places[a % places.length];
        n[k] = bad;
        return new Ruled(root, 'NaN or ±∞ in a configuration is an Error');
      }
    }
    const node = all[a % all.length];
    const keys = Object.keys(node);
    const k = keys.length ? keys[b % keys.length] : undefined;
    if (op === 'typo') {
      if (key === '__proto__') Object.defineProperty(node, '__proto__', { value: val, enumerable: true, writable: true, configurable: true });
      else node[key] = val;
      if (STRICT_TYPOS.has(key) && !Array.isArray(node)) return new Ruled(root, 'an unknown key is an Error');
    } else if (op === 'replace' && k !== undefined) {
      node[k] = val;
      if (typeof val === 'number' && !Number.isFinite(val)) return new Ruled(root, 'NaN or ±∞ in a configuration is an Error');
    }
    else if (op === 'delete' && k !== undefined) delete node[k];
    else if (op === 'undefined' && k !== undefined) node[k] = undefined;
    else if (op === 'kind') node.kind = kind;
    else if (op === 'wrap') return [root];
    else node[key] = val;
    return root;
  });
}

/** A copy of a configuration with a key that is no field anywhere (in a plain object), or NaN or
 * ±∞ in place of one of its numbers: always Ruled, the call must be an Error. */
export function mustFail(value) {
  return fc.tuple(fc.nat(), fc.boolean(), fc.constantFrom(...STRICT_TYPOS), fieldValue, fc.constantFrom(NaN, Infinity, -Infinity))
    .map(([a, typo, key, val, bad]) => {
      const root = clone(value ?? {});
      const all = nodes(root);
      const objects = all.filter((n) => !Array.isArray(n));
      const places = all.flatMap((n) => Object.keys(n).filter((k) => typeof n[k] === 'number').map((k) => [n, k]));
      if ((typo || !places.length) && objects.length) {
        const node = objects[a % objects.length];
        if (key === '__proto__') Object.defineProperty(node, key, { value: val, enumerable: true, writable: true, configurable: true });
        else node[key] = val;
        return new Ruled(root, 'an unknown key is an Error');
      }
      if (!places.length) return new Ruled({ [key]: val }, 'an unknown key is an Error');
      const [n, k] = places[a % places.length];
      n[k] = bad;
      return new Ruled(root, 'NaN or ±∞ in a configuration is an Error');
    });
}

/** The adversarial values for one argument of kind `kind`, given its well-formed value. */
export function hostileFor(kind, value) {
  switch (kind) {
    case 'floats': return hostileFloats;
    case 'shape': return hostileShape;
    case 'bytes': return hostileBytes;
    case 'count': return hostileCount;
    case 'int': return fc.oneof(fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 0.5, -1.5, NaN, Infinity, -Infinity), hostileCount);
    case 'number': return hostileNumber;
    case 'string': return hostileString;
    case 'bool': return fc.constantFrom(0, 1, 'true', 'false', null, undefined, {}, NaN, 2);
    case 'handle': return hostileHandle;
    case 'config': return fc.oneof({ weight: 4, arbitrary: corrupt(value) }, { weight: 1, arbitrary: anyHostile });
    case 'options': return fc.oneof({ weight: 4, arbitrary: corrupt(value ?? {}) }, { weight: 1, arbitrary: anyHostile });
    default: return anyHostile;
  }
}

/**
 * Calls of one export as `{ args, rule? }`: well-formed arguments (`valid`, an arbitrary of
 * argument arrays whose kinds are `slots`), one argument made hostile, one argument of the wrong
 * type, or the wrong arity. `rule` is set where the call must be an Error.
 */
export function hostileCalls(valid, slots) {
  const oneBad = (pool) => valid.chain((args) => {
    if (slots.length === 0) return fc.constant({ args: [...args] });
    return fc.integer({ min: 0, max: slots.length - 1 }).chain((i) => pool(slots[i], args[i]).map((h) => (h instanceof Ruled
      ? { args: Object.assign([...args], { [i]: h.value }), rule: h.rule }
      : { args: Object.assign([...args], { [i]: h }) })));
  });
  const arity = valid.chain((args) => fc.oneof(
    fc.constant([]),
    fc.integer({ min: 0, max: Math.max(0, args.length - 1) }).map((n) => args.slice(0, n)),
    fc.array(anyHostile, { minLength: 1, maxLength: 3 }).map((extra) => [...args, ...extra]),
    fc.constant(args.map(() => undefined)),
  )).map((args) => ({ args }));
  const configs = slots.flatMap((k, i) => (k === 'config' || k === 'options' ? [i] : []));
  const ruled = valid.chain((args) => fc.constantFrom(...configs).chain((i) =>
    mustFail(args[i]).map((h) => ({ args: Object.assign([...args], { [i]: h.value }), rule: h.rule }))));
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((args) => ({ args })) },
    { weight: 4, arbitrary: oneBad(hostileFor) },
    { weight: 2, arbitrary: oneBad(() => anyHostile) },
    { weight: 1, arbitrary: arity },
    ...(configs.length ? [{ weight: 2, arbitrary: ruled }] : []),
  );
}
