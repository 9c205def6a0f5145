// URL state (www/js/state.js): pure functions, no DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeState, encodeState, formatNumber, quote } from '../../www/js/state.js';

const schema = {
  size: { type: 'int', min: 1, max: 7, default: 3 },
  rate: { type: 'float', min: 0, max: 1, default: 0.5 },
  padding: { type: 'enum', values: ['valid', 'same', 'full'], default: 'valid' },
  flip: { type: 'bool', default: false },
  kernel: { type: 'floatList', maxLength: 9, min: -10, max: 10, default: [0, 1, 2, 2, 2, 0, 0, 1, 2] },
  name: { type: 'string', pattern: /[a-z0-9-]+/, default: 'edge' },
};

const defaults = { size: 3, rate: 0.5, padding: 'valid', flip: false, kernel: [0, 1, 2, 2, 2, 0, 0, 1, 2], name: 'edge' };

test('an empty query gives the defaults and no problems', () => {
  assert.deepEqual(decodeState('', schema), { state: defaults, problems: [] });
});

test('defaults are copies: changing one state does not change the next', () => {
  const { state } = decodeState('', schema);
  state.kernel[0] = 99;
  assert.equal(decodeState('', schema).state.kernel[0], 0);
});

test('valid values round-trip through the query string', () => {
  const state = { size: 5, rate: 0.1, padding: 'same', flip: true, kernel: [-1.5, 0, 2.25], name: 'sobel-x' };
  const search = encodeState(state, schema);
  assert.equal(search, '?size=5&rate=0.1&padding=same&flip=1&kernel=-1.5,0,2.25&name=sobel-x');
  assert.deepEqual(decodeState(search, schema), { state, problems: [] });
});

test('float32 values are written short', () => {
  const kernel = Array.from(new Float32Array([0.1, -0.3, 1 / 3]));
  const search = encodeState({ ...defaults, kernel }, schema);
  assert.match(search, /kernel=0\.1,-0\.3,0\.33333334&/);
  assert.deepEqual(decodeState(search, schema).state.kernel.map(Math.fround), kernel);
  assert.equal(formatNumber(-0), '0');
  assert.equal(formatNumber(1e-7), '1e-7');
});

test('embed is kept when writing, other stray keys are not', () => {
  const search = encodeState(defaults, schema, '?embed=1&utm=x&size=9');
  assert.match(search, /&embed=1$/);
  assert.doesNotMatch(search, /utm/);
  assert.doesNotMatch(encodeState(defaults, schema, '?size=2'), /embed/);
});

const invalid = [
  ['size', 'abc', /"size" was "abc", which is not a whole number from 1 to 7/],
  ['size', '2.5', /not a whole number/],
  ['size', '0', /outside the allowed range from 1 to 7/],
  ['size', '99999999999999999999999', /outside the allowed range/],
  ['rate', 'NaN', /not a number/],
  ['rate', 'Infinity', /not a number/],
  ['rate', '1e400', /outside the allowed range/],
  ['rate', '0x10', /not a number/],
  ['rate', '', /not a number/],
  ['padding', 'circular', /not one of valid, same, full/],
  ['padding', '__proto__', /not one of/],
  ['flip', 'yes', /not 1 or 0/],
  ['kernel', '1,2,x', /item 3 that is not a number/],
  ['kernel', '1,2,3,4,5,6,7,8,9,10', /has 10 numbers; allowed are 0 to 9/],
  ['kernel', '1,11', /item 2 that is outside the allowed range from -10 to 10/],
  ['name', 'Edge Detector', /not in the expected form/],
  ['name', 'edge\nx', /not in the expected form/],
];

for (const [key, value, message] of invalid) {
  test(`invalid ${key}=${JSON.stringify(value)} is defaulted and reported`, () => {
    const { state, problems } = decodeState(new URLSearchParams({ [key]: value }).toString(), schema);
    assert.deepEqual(state, defaults);
    assert.equal(problems.length, 1);
    assert.match(problems[0], message);
    assert.match(problems[0], /using the default\.$/);
  });
}

test('each bad key is reported once, good keys are still read', () => {
  const { state, problems } = decodeState('?size=5&rate=2&padding=same&flip=maybe', schema);
  assert.deepEqual(state, { ...defaults, size: 5, padding: 'same' });
  assert.equal(problems.length, 2);
  assert.match(problems[0], /"rate"/);
  assert.match(problems[1], /"flip"/);
});

test('a <script> value is rejected and only ever quoted as text', () => {
  const hostile = '<script>alert(1)</script>';
  const { state, problems } = decodeState(`?name=${encodeURIComponent(hostile)}`, schema);
  assert.equal(state.name, 'edge');
  assert.equal(problems[0], `Setting "name" was "${hostile}", which is not in the expected form; using the default.`);
  // Unanchored patterns are matched against the whole value, so a prefix match is not enough.
  assert.equal(decodeState('?name=ok<b>', schema).state.name, 'edge');
});

test('huge values are refused before parsing and quoted at most 40 characters', () => {
  const huge = '1,'.repeat(50_000);
  const { state, problems } = decodeState(`?kernel=${huge}&name=${'a'.repeat(5000)}`, schema);
  assert.deepEqual(state, defaults);
  assert.match(problems[0], /is longer than 2000 characters/);
  assert.match(problems[1], /is longer than 2000 characters/);
  const quoted = problems[0].match(/was "(.*?)", which/)[1];
  assert.equal(Array.from(quoted).length, 40);
  assert.ok(quoted.endsWith('…'));
  assert.equal(quote('a\u0000b'), '"a b"');
});

test('string fields have a default length limit of 200', () => {
  const { problems } = decodeState(`?name=${'a'.repeat(201)}`, schema);
  assert.match(problems[0], /longer than 200 characters/);
});

test('a schema with an unknown type is a programming error', () => {
  assert.throws(() => decodeState('', { x: { type: 'date', default: 0 } }), /unknown type "date"/);
});

test('a key given more than once is read from its first value, and said so', () => {
  const { state, problems } = decodeState('?size=2&size=%3Cimg%20src%3Dx%3E&rate=0.25', schema);
  assert.equal(state.size, 2);
  assert.equal(state.rate, 0.25);
  assert.deepEqual(problems, ['Setting "size" appears 2 times in the address; only the first, "2", is read.']);
  const bad = decodeState('?padding=nope&padding=same', schema);
  assert.equal(bad.state.padding, 'valid');
  assert.equal(bad.problems.length, 2);
  assert.match(bad.problems[1], /^Setting "padding" was "nope", which is not one of valid, same, full; using the default\.$/);
});
