// www/js/lib/format.js: display text of numbers and parsing of typed numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFactor, formatList, formatProduct, formatSignificant, formatSum, formatValue, MINUS, parseNumber, subscriptIndex } from '../../www/js/lib/format.js';

test('formatValue: integers plain, decimals trimmed, real minus, −0 as 0', () => {
  assert.equal(formatValue(12), '12');
  assert.equal(formatValue(100), '100');
  assert.equal(formatValue(0.0625), '0.063');
  assert.equal(formatValue(0.0625, { decimals: 4 }), '0.0625');
  assert.equal(formatValue(Math.fround(0.1)), '0.1');
  assert.equal(formatValue(1 / 3), '0.333');
  assert.equal(formatValue(1 / 3, { decimals: 2 }), '0.33');
  assert.equal(formatValue(-2.5), `${MINUS}2.5`);
  assert.equal(formatValue(-2.5, { unicodeMinus: false }), '-2.5');
  assert.equal(formatValue(-0), '0');
  assert.equal(formatValue(-0.00001), '0');
  assert.equal(formatValue(Math.fround(0.1) + Math.fround(0.2)), '0.3');
  assert.equal(formatValue(NaN), '—');
  assert.equal(formatValue(-Infinity), `${MINUS}∞`);
  assert.equal(formatValue('7'), '—');
});

test('factors, products, sums, lists', () => {
  assert.equal(formatFactor(3), '3');
  assert.equal(formatFactor(-1), `(${MINUS}1)`);
  assert.equal(formatProduct(3, 0), '3·0');
  assert.equal(formatProduct(2, -1.5), `2·(${MINUS}1.5)`);
  assert.equal(formatSum(['3·0', '3·1', '2·2'], 7), '3·0 + 3·1 + 2·2 = 7');
  assert.equal(formatSum([], 0), '0 = 0');
  assert.equal(formatList([1, -2, 0.5]), `1, ${MINUS}2, 0.5`);
  assert.equal(formatList(new Float32Array([0.25, 4])), '0.25, 4');
});

test('parseNumber reads what people type, and nothing else', () => {
  assert.equal(parseNumber('2'), 2);
  assert.equal(parseNumber(' -1.5 '), -1.5);
  assert.equal(parseNumber(`${MINUS}1.5`), -1.5);
  assert.equal(parseNumber('.5'), 0.5);
  assert.equal(parseNumber('+3'), 3);
  assert.equal(parseNumber('1e2'), 100);
  assert.equal(parseNumber('3/4'), 0.75);
  assert.equal(parseNumber('-1/16'), -0.0625);
  assert.equal(parseNumber('1,5'), 1.5);
  for (const bad of ['', ' ', 'abc', '1/0', '1..2', '0x10', 'Infinity', '1e999', '2-', '1,2,3']) {
    assert.equal(parseNumber(bad), null, bad);
  }
});

test('subscriptIndex writes shifted indices', () => {
  assert.equal(subscriptIndex('δ', 'n', 0), 'δ[n]');
  assert.equal(subscriptIndex('δ', 'n', 2), `δ[n${MINUS}2]`);
  assert.equal(subscriptIndex('h', 'n', -1), 'h[n+1]');
});

test('formatSignificant: plain from 10⁻⁴ up, one scientific form below (the verdicts’ tolerances and differences read alike)', () => {
  assert.equal(formatSignificant(0.000123456), '0.000123');
  assert.equal(formatSignificant(2.31e-5), `2.31 × 10^${MINUS}5`);
  assert.equal(formatSignificant(4.32e-7), `4.32 × 10^${MINUS}7`);
  assert.equal(formatSignificant(-4.32e-7), `${MINUS}4.32 × 10^${MINUS}7`);
  assert.equal(formatSignificant(637176320), '637000000');
  assert.equal(formatSignificant(1.5e22), '1.50 × 10^22');
  assert.equal(formatSignificant(0), '0');
  assert.equal(formatSignificant(NaN), '—');
});
