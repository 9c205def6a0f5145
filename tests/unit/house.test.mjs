// The house rules of www/js (docs/ARCHITECTURE.md), checked on the files themselves: one loader of
// the core, small files, every demo a folder on the skeleton, no facts of the digit file written
// into a demo, no second element helper or number formatter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMOS } from '../../www/js/demos.js';

const WWW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'www');
const JS = path.join(WWW, 'js');

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? files(p) : p.endsWith('.js') ? [p] : [];
  });
}
const sources = files(JS).map((file) => ({ file: path.relative(WWW, file), text: fs.readFileSync(file, 'utf8') }));
const code = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

test('only js/wasm.js imports the built core (pkg/)', () => {
  const importers = sources.filter((s) => /['"][./]*pkg\//.test(code(s.text))).map((s) => s.file);
  assert.deepEqual(importers, ['js/wasm.js']);
});

test('no file of www/js is over 300 lines', () => {
  const long = sources.map((s) => [s.file, s.text.split('\n').length]).filter(([, n]) => n > 300);
  assert.deepEqual(long, []);
});

test('every demo is a folder whose main.js defines it on the skeleton, and its page loads that', () => {
  for (const demo of DEMOS) {
    const main = path.join(JS, 'demos', demo.id, 'main.js');
    assert.ok(fs.existsSync(main), `${demo.id}: www/js/demos/${demo.id}/main.js`);
    assert.match(fs.readFileSync(main, 'utf8'), /defineDemo\(/, `${demo.id}: defineDemo`);
    const html = fs.readFileSync(path.join(WWW, demo.path), 'utf8');
    assert.match(html, new RegExp(`src="\\.\\./js/demos/${demo.id}/main\\.js"`), `${demo.id}: page script`);
  }
  const loose = fs.readdirSync(path.join(JS, 'demos'), { withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name);
  assert.deepEqual(loose, [], 'no demo files outside their folders');
});

test('a demo imports the skeleton, the kit and its own folder, never another demo; the kit imports only the kit', () => {
  const crossing = [];
  for (const s of sources) {
    const dir = path.dirname(path.join(WWW, s.file));
    for (const [, spec] of code(s.text).matchAll(/(?:import|from)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      if (!spec.startsWith('.')) continue;
      const target = path.relative(JS, path.resolve(dir, spec));
      const [, demo] = s.file.match(/^js\/demos\/([^/]+)\//) ?? [];
      const targetDemo = target.match(/^demos\/([^/]+)\//)?.[1];
      if (demo && targetDemo && targetDemo !== demo) crossing.push(`${s.file} → ${target}`);
      if (s.file.startsWith('js/lib/') && !target.startsWith('lib/')) crossing.push(`${s.file} → ${target}`);
    }
  }
  assert.deepEqual(crossing, []);
});

test("no demo writes the digit file's facts or a layer index by hand", () => {
  for (const s of sources.filter((x) => x.file.startsWith('js/demos/'))) {
    const body = code(s.text);
    assert.doesNotMatch(body, /\b(784|1999|2000)\b/, `${s.file}: a number the digit file knows`);
    assert.doesNotMatch(body, /\b[A-Z_]*LAYER\s*=\s*\d/, `${s.file}: a hard-coded layer index`);
  }
});

test('one element helper, one number-format family, one section', () => {
  const offenders = (re) => sources.filter((s) => re.test(code(s.text))).map((s) => s.file);
  assert.deepEqual(offenders(/document\.createElement\(/), ['js/lib/dom.js'], 'elements are made by lib/dom.js el()');
  assert.deepEqual(offenders(/\bfunction (section|stat|table)\(/), ['js/lib/dom.js']);
  assert.deepEqual(offenders(/\.toLocaleString\(|\.toPrecision\(|\.toExponential\(|\.toFixed\(/), ['js/lib/format.js'], 'numbers are formatted by lib/format.js');
  assert.deepEqual(offenders(/getComputedStyle\(document\.documentElement\)/), ['js/lib/colour.js'], 'CSS variables are read by lib/colour.js');
});
