// The lecture path (www/js/teach/path.js) as data: at least 20 stops in the lecture's order, each
// well formed, and every stop's query read with its demo's own schema (and the demo's check, as the
// skeleton runs it) without a single problem, written exactly as the demo writes its state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMOS } from '../../www/js/demos.js';
import { PATH, TOPICS, neighbours, stopById, stopOf, stopPath } from '../../www/js/teach/path.js';
import { PAGE_KEYS, decodeState, encodeState } from '../../www/js/state.js';
import { demoResources, demoSpecs, schemaOf } from '../helpers/demo-specs.mjs';

const WWW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'www');

/** The lecture's topics, in its order (issue 14: the week as a path). */
const LECTURE = ['Weight initialization', 'Batch normalization', 'Dropout before batch norm: the variance shift', 'Why CNNs',
  'Convolution, from signals to 2-D', 'What filters do', 'The CNN layer and pooling', 'Volumes'];

test('at least 20 stops, in the lecture’s order of topics', () => {
  assert.ok(PATH.length >= 20, `${PATH.length} stops`);
  assert.deepEqual(TOPICS, LECTURE);
  const seen = PATH.map((s) => s.topic).filter((t, i, all) => all[i - 1] !== t);
  assert.deepEqual(seen, LECTURE, 'each topic is one run of stops, in order');
});

test('every stop is well formed: id, topic, title, notice of 1–3 sentences, a demo, a query', () => {
  const ids = new Set();
  for (const stop of PATH) {
    assert.deepEqual(Object.keys(stop).sort(), ['demo', 'id', 'notice', 'query', 'title', 'topic'], stop.id);
    assert.match(stop.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${stop.id}: id`);
    assert.ok(!ids.has(stop.id), `${stop.id}: duplicate id`);
    ids.add(stop.id);
    for (const key of ['title', 'notice', 'query']) assert.ok(typeof stop[key] === 'string' && stop[key].trim(), `${stop.id}.${key}`);
    assert.ok(DEMOS.some((d) => d.id === stop.demo), `${stop.id}: demo ${stop.demo} is listed in demos.js`);
    const sentences = stop.notice.split(/(?<=[.!?])\s+(?=[A-Z“(0-9])/).filter(Boolean);
    assert.ok(sentences.length >= 1 && sentences.length <= 3, `${stop.id}: ${sentences.length} sentences`);
    assert.match(stop.notice, /[.!?]$/, `${stop.id}: the notice ends a sentence`);
    assert.doesNotMatch(stop.query, /^\?|[<>"']/, `${stop.id}: query`);
  }
});

test('every demo of the path is visited, and a stop’s state is not another stop’s', () => {
  const states = new Map();
  for (const stop of PATH) {
    const key = `${stop.demo}?${stop.query}`;
    assert.ok(!states.has(key), `${stop.id} opens the same state as ${states.get(key)}`);
    states.set(key, stop.id);
  }
  const visited = new Set(PATH.map((s) => s.demo));
  for (const demo of DEMOS) assert.ok(visited.has(demo.id), `${demo.id} has a stop`);
});

test('every query is read by its demo’s schema and check with no problem, and is written as the demo writes it', async (t) => {
  const specs = await demoSpecs();
  const resources = await demoResources();
  for (const stop of PATH) {
    const schema = await schemaOf(stop.demo);
    const given = [...new URLSearchParams(stop.query).keys()];
    for (const key of given) assert.ok(key in schema, `${stop.id}: "${key}" is not a setting of ${stop.demo}`);
    assert.deepEqual(given, Object.keys(schema).filter((k) => given.includes(k)), `${stop.id}: settings once each, in schema order`);
    const { state, problems } = decodeState(stop.query, schema);
    const saved = globalThis.location;
    globalThis.location = { search: `?${stop.query}` }; // a demo's check may read the address (conv2d's data lengths)
    try {
      specs[stop.demo].check?.(state, problems, resources);
    } finally {
      globalThis.location = saved;
    }
    assert.deepEqual(problems, [], `${stop.id}: problems reading its query`);
    const written = new URLSearchParams(encodeState(state, schema));
    for (const key of [...written.keys()]) if (!given.includes(key)) written.delete(key);
    assert.equal(written.toString().replace(/%2C/gi, ','), stop.query, `${stop.id}: the query is the state as the demo writes it`);
    // A setting added to the demo after the stop was written opens at its default; say which.
    const later = Object.keys(schema).filter((k) => !given.includes(k));
    if (later.length) t.diagnostic(`${stop.id}: ${later.join(', ')} left at the default`);
  }
});

test('no demo has a setting named like a page key (embed, stop, present, predict, q)', async () => {
  for (const { id } of DEMOS) {
    const schema = await schemaOf(id);
    for (const key of PAGE_KEYS) assert.ok(!(key in schema), `${id} has a setting "${key}"`);
  }
});

test('a demo writing its state keeps the stop, presenter mode and the quiz in the address', () => {
  const schema = { n: { type: 'int', min: 0, max: 9, default: 1 } };
  assert.equal(encodeState({ n: 3 }, schema, '?n=1&stop=conv2d-output&present=1&utm=x'), '?n=3&stop=conv2d-output&present=1');
  assert.equal(encodeState({ n: 3 }, schema, '?n=1&predict=1&q=next-cell'), '?n=3&predict=1&q=next-cell');
  assert.equal(encodeState({ n: 3 }, schema, '?n=1&embed=1'), '?n=3&embed=1');
});

test('stops are found by id and demo; neighbours walk the path; links carry stop and presenter mode', () => {
  const [first, second] = PATH;
  const last = PATH.at(-1);
  assert.equal(stopById(second.id), second);
  assert.equal(stopById('no-such-stop'), null);
  assert.equal(stopById(null), null);
  assert.deepEqual(neighbours(first), { previous: null, next: second });
  assert.deepEqual(neighbours(second), { previous: first, next: PATH[2] });
  assert.equal(neighbours(last).next, null);
  assert.equal(stopOf(`?${first.query}&stop=${first.id}`, first.demo), first);
  assert.equal(stopOf(`?stop=${first.id}`, 'not-its-demo'), null, 'a stop of another demo is not this page’s');
  assert.equal(stopOf('?stop=%3Cimg%3E', first.demo), null);
  assert.equal(stopOf('', first.demo), null);
  const demoPath = DEMOS.find((d) => d.id === second.demo).path;
  assert.equal(stopPath(second), `${demoPath}?${second.query}&stop=${second.id}`);
  assert.equal(stopPath(second, { present: true }), `${demoPath}?${second.query}&stop=${second.id}&present=1`);
  assert.equal(stopPath(second, { predict: true }), `${demoPath}?${second.query}&stop=${second.id}&predict=1`);
});

test('every page of the site links the teaching styles (css/teach.css)', () => {
  const pages = ['index.html', 'path.html', ...DEMOS.map((d) => d.path)];
  for (const page of pages) {
    const html = fs.readFileSync(path.join(WWW, page), 'utf8');
    const href = page.includes('/') ? '../css/teach.css' : 'css/teach.css';
    assert.ok(html.includes(`<link rel="stylesheet" href="${href}">`), `${page} links ${href}`);
  }
});
