// Values for the core's fuzz suite: markers resolved inside the worker that runs the calls
// (handles, and arrays too big to keep in a generated plan), the adversarial values each kind of
// argument is tried with, and the one way a call is written in a report.
import fc from 'fast-check';

/** A handle of the running instance, by name: 'digits', 'trainer', a fresh one, or a saved step result. */
export class Ref {
  constructor(name) { this.name = name; }
}
export const ref = (name) => new Ref(name);

/** A value made only when the call runs (a 64 MB array is not kept in a plan of thousands of calls). */
export class Lazy {
  constructor(label, make) { this.label = label; this.make = make; }
}
export const lazy = (label, make) => new Lazy(label, make);
export const zerosF32 = (n) => lazy(`Float32Array(${n})`, () => new Float32Array(n));
export const zerosU8 = (n) => lazy(`Uint8Array(${n})`, () => new Uint8Array(n));

/** The limit of values per tensor the core is to enforce (issue 12), and values just past it. */
export const MAX_ELEMENTS = 16_777_216;

// ---- numbers ---------------------------------------------------------------------------------
/** Numbers that are no count, index or size: negative, fractional, NaN, ±∞, past 32 and 53 bits. */
export const BAD_NUMBERS = [
  -1, -0.5, 0.5, 1.5, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 53,
  2 ** 53 + 2, -(2 ** 31), -(2 ** 32), 1e308, -1e308, 5e-324, -0, 1e39, 1e9,
];
/** Whole numbers at the edges of what a page could ask for. */
export const EDGE_COUNTS = [0, 1, 2, 255, 256, 257, 1024, 4096, 4097, 10_000, 10_001, 65_535, 65_536, 1e6, 1e7, 1e7 + 1];

// ---- wrong types -----------------------------------------------------------------------------
function cyclic() { const o = { kind: 'same' }; o.self = o; return o; }
function deepArray(depth) { let a = [1]; for (let i = 0; i < depth; i++) a = [a]; return a; }
function deepObject(depth) { let o = { kind: 'valid' }; for (let i = 0; i < depth; i++) o = { kind: 'explicit', y: o }; return o; }
const throwingGetter = () => Object.defineProperty({}, 'kind', { enumerable: true, get() { throw new Error('a getter that throws'); } });
const throwingProxy = () => new Proxy({}, {
  get() { throw new Error('a proxy that throws'); },
  ownKeys() { throw new Error('a proxy that throws'); },
  getOwnPropertyDescriptor() { throw new Error('a proxy that throws'); },
  has() { throw new Error('a proxy that throws'); },
});
function sparse(n) { const a = []; a.length = n; return a; }

/** Values of every JavaScript type but the one meant; each made fresh (some are mutable). */
export const WRONG_TYPES = [
  lazy('undefined', () => undefined), lazy('null', () => null), lazy('true', () => true), lazy('false', () => false),
  lazy('""', () => ''), lazy('"0"', () => '0'), lazy('"12"', () => '12'), lazy('"train"', () => 'train'),
  lazy('"<img src=x onerror=alert(1)>"', () => '<img src=x onerror=alert(1)>'),
  lazy('"x".repeat(100000)', () => 'x'.repeat(100_000)),
  lazy('0', () => 0), lazy('-1', () => -1), lazy('NaN', () => NaN), lazy('2**32-1', () => 2 ** 32 - 1),
  lazy('1n', () => 1n), lazy('2n**64n', () => 2n ** 64n), lazy('Symbol("x")', () => Symbol('x')),
  lazy('() => 1', () => () => 1), lazy('class {}', () => class {}),
  lazy('{}', () => ({})), lazy('[]', () => []), lazy('[1]', () => [1]), lazy('[[1, 2], [3]]', () => [[1, 2], [3]]),
  lazy('{ length: 1e9 }', () => ({ length: 1e9 })), lazy('{ length: 2**32-1 }', () => ({ length: 2 ** 32 - 1 })),
  lazy('{ length: -1 }', () => ({ length: -1 })), lazy('{ length: NaN }', () => ({ length: NaN })),
  lazy('{ 0: 1, length: 1 }', () => ({ 0: 1, length: 1 })),
  lazy('sparse array of length 2**32-1', () => sparse(2 ** 32 - 1)), lazy('sparse array of length 1e6', () => sparse(1e6)),
  lazy('new Float32Array(0)', () => new Float32Array(0)), lazy('new Float64Array([1, 2, 3])', () => new Float64Array([1, 2, 3])),
  lazy('new Uint8Array(4)', () => new Uint8Array(4)), lazy('new Int8Array([-1])', () => new Int8Array([-1])),
  lazy('new Uint8ClampedArray(4)', () => new Uint8ClampedArray(4)), lazy('new Int32Array([-1])', () => new Int32Array([-1])),
  lazy('new Uint32Array([2**32-1])', () => new Uint32Array([2 ** 32 - 1])), lazy('new Uint16Array(3)', () => new Uint16Array(3)),
  lazy('new BigInt64Array(2)', () => new BigInt64Array(2)), lazy('new DataView(new ArrayBuffer(8))', () => new DataView(new ArrayBuffer(8))),
  lazy('new ArrayBuffer(16)', () => new ArrayBuffer(16)), lazy('new SharedArrayBuffer(16)', () => new SharedArrayBuffer(16)),
  lazy('new Date(0)', () => new Date(0)), lazy('/x/', () => /x/), lazy('new Map([[1, 2]])', () => new Map([[1, 2]])),
  lazy('new Set([1])', () => new Set([1])), lazy('Promise.resolve(1)', () => Promise.resolve(1)),
  lazy('Object.create(null)', () => Object.create(null)), lazy('new String("train")', () => new String('train')),
  lazy('new Number(3)', () => new Number(3)), lazy('a cyclic object', cyclic),
  lazy('an object whose getter throws', throwingGetter), lazy('a Proxy that throws', throwingProxy),
  lazy('an array nested 10,000 deep', () => deepArray(10_000)), lazy('an object nested 10,000 deep', () => deepObject(10_000)),
  lazy('an object nested 20 deep', () => deepObject(20)),
  lazy('Object.freeze({ kind: "same" })', () => Object.freeze({ kind: 'same' })),
  lazy('an array whose item getter throws', () => Object.defineProperty([0, 0, 0, 0], 1, { enumerable: true, get() { throw new Error('an item getter that throws'); } })),
  lazy('an object whose valueOf throws', () => ({ valueOf() { throw new Error('a valueOf that throws'); } })),
];

/** Anything at all but a sensible value. */
export const anyHostile = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WRONG_TYPES) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD_NUMBERS) },
);

/** For a count, index or size argument: bad numbers, edge counts, numbers as strings and other types. */
export const hostileCount = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...BAD_NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom(...EDGE_COUNTS) },
  { weight: 1, arbitrary: fc.constantFrom('3', '1e9', ' 1', '0x10', true, null, undefined, [3], { valueOf: () => 3 }, 3n) },
  { weight: 1, arbitrary: anyHostile },
);

/** For a value argument (a learning rate, a sigma, an angle): NaN, ±∞, out of float32 range, other types. */
export const hostileNumber = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 1e39, -1e39, 3.5e38, 1e-46, -0, 0, -1) },
  { weight: 1, arbitrary: fc.constantFrom('0.1', '', null, undefined, true, [0.1], 1n, { valueOf: () => 0.1 }) },
  { weight: 1, arbitrary: anyHostile },
);

/** For a Float32Array argument: the wrong kind of array, array-likes, NaN, and lengths past the limit. */
export const hostileFloats = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WRONG_TYPES.filter((v) => /Array|length|\[|\{\}/.test(v.label))) },
  { weight: 2, arbitrary: fc.constantFrom(
    lazy('[NaN, Infinity, -Infinity]', () => [NaN, Infinity, -Infinity]), lazy('["1", "2"]', () => ['1', '2']),
    lazy('[1, , 3]', () => [1, , 3]), lazy('[{}, null]', () => [{}, null]), lazy('[1n]', () => [1n]),
    lazy('new Float32Array([NaN, Infinity])', () => new Float32Array([NaN, Infinity])),
    lazy('new Float64Array(25)', () => new Float64Array(25)), lazy('new Int32Array(25)', () => new Int32Array(25)),
    lazy('new Uint8Array(100)', () => new Uint8Array(100)), lazy('Array(25).fill(1e39)', () => Array(25).fill(1e39)),
    ...WRONG_TYPES.filter((v) => / throws$/.test(v.label)),
  ) },
  { weight: 1, arbitrary: fc.constantFrom(zerosF32(MAX_ELEMENTS + 1), zerosF32(2 ** 25), zerosF32(2 ** 20 + 1)) },
  { weight: 1, arbitrary: anyHostile },
);

/** For a Uint8Array argument (image bytes, labels, a file). */
export const hostileBytes = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...WRONG_TYPES.filter((v) => /Array|length|\[|Buffer|\{\}/.test(v.label))) },
  { weight: 1, arbitrary: fc.constantFrom(
    lazy('[256, -1, 1.5]', () => [256, -1, 1.5]), lazy('new Uint16Array([65535])', () => new Uint16Array([65535])),
    lazy('new Float32Array([0.5, 300])', () => new Float32Array([0.5, 300])), zerosU8(64 * 2 ** 20 + 1),
    ...WRONG_TYPES.filter((v) => / throws$/.test(v.label)),
  ) },
  { weight: 1, arbitrary: anyHostile },
);

/** For a shape argument (a Uint32Array of sizes). */
export const hostileShape = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(
    lazy('Uint32Array []', () => new Uint32Array([])), lazy('Uint32Array [1, 1, 5]', () => new Uint32Array([1, 1, 5])),
    lazy('Uint32Array [1, 1, 5, 5, 1]', () => new Uint32Array([1, 1, 5, 5, 1])), lazy('Uint32Array [0, 1, 5, 5]', () => new Uint32Array([0, 1, 5, 5])),
    lazy('Uint32Array [1, 1, 0, 5]', () => new Uint32Array([1, 1, 0, 5])), lazy('Uint32Array [2**32-1, 1, 1, 1]', () => new Uint32Array([2 ** 32 - 1, 1, 1, 1])),
    lazy('Uint32Array [65536, 65536, 1, 1]', () => new Uint32Array([65536, 65536, 1, 1])),
    lazy('Uint32Array [1, 1, 65536, 65536]', () => new Uint32Array([1, 1, 65536, 65536])),
    lazy('Uint32Array [65536, 65536, 65536, 65536]', () => new Uint32Array([65536, 65536, 65536, 65536])),
    lazy('[-1, 1, 5, 5]', () => [-1, 1, 5, 5]), lazy('[1.5, 1, 5, 5]', () => [1.5, 1, 5, 5]), lazy('[NaN, 1, 5, 5]', () => [NaN, 1, 5, 5]),
    lazy('[1, 1, Infinity, 5]', () => [1, 1, Infinity, 5]), lazy('["1", "1", "5", "5"]', () => ['1', '1', '5', '5']),
    lazy('Int32Array [-1, 1, 5, 5]', () => new Int32Array([-1, 1, 5, 5])), lazy('Float32Array [1, 1, 5, 5]', () => new Float32Array([1, 1, 5, 5])),
    lazy('Float64Array [1, 1, 2.5, 5]', () => new Float64Array([1, 1, 2.5, 5])), lazy('"1,1,5,5"', () => '1,1,5,5'),
  ) },
  { weight: 1, arbitrary: anyHostile },
);

/** For a string argument (a split, a layer code, a name). */
export const hostileString = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('', 'TRAIN', 'train ', ' test', 'tra\u0000in', 'trainn', '"train"', '{"kind":"relu"}',
    'running\n', 'ACTIVATIONS', 'gradient', 'weights', '__proto__', 'constructor', 'toString', '\ud800', '🙂') },
  { weight: 1, arbitrary: fc.constantFrom(42, 0, -1, NaN, null, undefined, true, {}, [], ['train'], new String('train'), 1n) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: anyHostile },
);

/** For a handle argument (a Digits or a Trainer): the wrong handle, look-alikes, anything else. */
export const hostileHandle = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(ref('digits'), ref('trainer'), ref('freedDigits')) },
  { weight: 1, arbitrary: fc.constantFrom(42, 0, null, undefined, {}, { __wbg_ptr: 0 }, 'digits', [1, 2]) },
  { weight: 1, arbitrary: anyHostile },
);

/** Keys that are typos of real ones, or no key of anything. */
export const TYPO_KEYS = ['momentumm', 'y', 'x', 'kind ', 'Kind', 'strides', 'pading', 'dilatation', 'sizee', 'lr ',
  'weightdecay', 'eps', 'sigma', 'p', 'beta', '__proto__', 'constructor', 'toString', '', '0', 'extra', 'kernelSize'];

// ---- showing a call ----------------------------------------------------------------------------
const TYPED = /^(Float32|Float64|Int8|Int16|Int32|Uint8|Uint8Clamped|Uint16|Uint32|BigInt64|BigUint64)Array$/;

/** One value as short JavaScript-like text. */
export function show(v, depth = 0) {
  if (v instanceof Lazy) return v.label;
  if (v instanceof Ref) return v.name;
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : v === 2 ** 32 - 1 ? '2**32-1' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 20)}…(${v.length} chars)` : v);
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'function') return 'a function';
  if (depth > 3) return '…';
  const name = v?.constructor?.name;
  if (ArrayBuffer.isView(v) && TYPED.test(name)) {
    return v.length <= 8 ? `${name} [${Array.from(v, (x) => show(x)).join(', ')}]` : `${name}(${v.length})`;
  }
  if (Array.isArray(v)) {
    const items = [];
    for (let i = 0; i < Math.min(v.length, 8); i++) items.push(show(v[i], depth + 1));
    return `[${items.join(', ')}${v.length > 8 ? `, … ${v.length} items` : ''}]`;
  }
  if (name && name !== 'Object') return `a ${name}`;
  try {
    const keys = Object.keys(v);
    const parts = keys.slice(0, 10).map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${show(v[k], depth + 1)}`);
    return `{ ${parts.join(', ')}${keys.length > 10 ? ', …' : ''} }`.replace('{  }', '{}');
  } catch {
    return 'an object that throws';
  }
}

/** A call as text: `conv2d(Float32Array(25), …)`, `trainer.train(digits, -1)`, `new Digits(…)`. */
export function showCall(call) {
  const args = call.args.map((a) => show(a)).join(', ');
  const [cls, method] = call.target.split(/[#.]/);
  if (call.target.startsWith('new ')) return `${call.target}(${args})`;
  if (call.target.includes('#')) return `${call.self?.name ?? cls.toLowerCase()}.${method}(${args})`;
  return `${call.target}(${args})`;
}
