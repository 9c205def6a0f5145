// Hand-edited addresses on every demo: values out of range, NaN, 10 KB values, markup, keys given
// twice. Each bad setting gets a message in words naming it; nothing from the address is ever
// inserted as HTML (no <img> appears, no dialog opens); the demo still mounts with its defaults
// in place of the bad values, and keeps working (set up again from a clean address, no reload).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { DEMOS } from '../../www/js/demos.js';
import { openPage, closeAll, alertText } from '../helpers/browser.mjs';

after(closeAll);

const MARKUP = '<img src=x onerror=alert(1)>';

/** When each demo shows its result (the predicates of its own page tests). */
const READY = {
  conv1d: () => document.querySelector('#identity-table'),
  conv2d: () => document.querySelector('#stage .stage-output table'),
  filters: () => !['', '—'].includes(document.querySelector('#inspect-output')?.textContent ?? ''),
  pooling: () => (document.querySelector('#example-formula-max')?.textContent ?? '') !== '',
  equivariance: () => document.querySelector('#demo[data-ready]') && document.querySelector('#demo').childElementCount > 0,
  'receptive-field': () => document.querySelector('#demo[data-ready]') && document.querySelector('#demo').childElementCount > 0,
  'why-cnns': () => document.querySelector('#demo[data-ready]') && document.querySelector('#why-cover-3'),
  init: () => document.querySelector('#spread-zero-1'),
  batchnorm: () => (document.querySelector('#bn-mean')?.textContent ?? '') !== '',
  dropout: () => document.querySelector('#theory-ratio-uniform'),
  train: () => document.getElementById('play')?.disabled === false && document.getElementById('stat-step')?.dataset.value === '0',
  network: () => document.querySelector('#net-rf-theory')?.dataset.value !== undefined,
};

/** The demo's schema as plain data (from the mounted demo). */
const schemaOf = (page) => page.evaluate(async () => {
  const { schema } = (await import('/js/demo.js')).currentDemo().demo;
  return Object.fromEntries(Object.entries(schema).map(([k, s]) => [k, { ...s, pattern: s.pattern ? String(s.pattern) : undefined }]));
});

/** A value just outside what `spec` allows. */
function outOfRange(spec) {
  switch (spec.type) {
    case 'int':
    case 'float':
      if (Number.isFinite(spec.max)) return String(spec.max + Math.max(1, Math.abs(spec.max)));
      if (Number.isFinite(spec.min)) return String(spec.min - Math.max(1, Math.abs(spec.min)));
      return '1e400';
    case 'enum': return 'none-of-these';
    case 'bool': return '2';
    case 'floatList': return new Array(spec.maxLength + 1).fill('0').join(',');
    default: return '!!';
  }
}

/** Queries with every key set to something hostile (`all(value)`), or per key. */
function hostileQueries(schema) {
  const keys = Object.keys(schema);
  const each = (fn) => keys.map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(fn(k))}`).join('&');
  return {
    markup: `?${each(() => MARKUP)}`,
    NaN: `?${each(() => 'NaN')}`,
    '10 KB values': `?${each(() => '9'.repeat(10240))}`,
    'out of range': `?${each((k) => outOfRange(schema[k]))}`,
    'repeated keys': `?${keys.map((k) => `${k}=${encodeURIComponent(MARKUP)}&${k}=1`).join('&')}`,
  };
}

/** Unmount, put `query` in the address, mount again (no reload), and wait for the demo's result. */
async function remount(page, query, ready) {
  await page.evaluate(async (q) => {
    const { currentDemo } = await import('/js/demo.js');
    currentDemo().unmount();
    history.replaceState(null, '', `${location.pathname}${q}`);
    await currentDemo().mount();
  }, query);
  await page.waitForFunction(() => document.documentElement.dataset.mounted === '1', null, { timeout: 60000 });
  await page.waitForFunction(ready, null, { timeout: 60000 });
}

/** Nothing from the address became markup, and the alert names every key in words. */
async function assertSafe(page, keys, label, dialogs) {
  const injected = await page.evaluate(() => ({
    images: document.querySelectorAll('img[src="x"], img[src$="/x"]').length,
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
    markupInHtml: document.body.innerHTML.includes('<img src=x') || document.body.innerHTML.includes('<img src="x"'),
  }));
  assert.deepEqual(injected, { images: 0, handlers: 0, markupInHtml: false }, `${label}: nothing inserted as HTML`);
  assert.deepEqual(dialogs, [], `${label}: no dialog`);
  const shown = await alertText(page);
  for (const key of keys) assert.ok(shown.includes(`"${key}"`), `${label}: no message about "${key}" in: ${shown.slice(0, 400)}`);
  assert.ok(shown.length < 400 * keys.length, `${label}: the messages quote values briefly (${shown.length} characters)`);
  assert.match(shown, /^Setting "/, `${label}: the messages are sentences`);
}

for (const demo of DEMOS) {
  test(`${demo.id}: hostile addresses get messages in words, no markup, and the demo keeps working`, async () => {
    const ready = READY[demo.id];
    assert.ok(ready, `a ready predicate for ${demo.id}`);
    const probe = await openPage(`/${demo.path}`);
    await probe.page.waitForFunction(() => document.documentElement.dataset.mounted === '1', null, { timeout: 60000 });
    const schema = await schemaOf(probe.page);
    const keys = Object.keys(schema);
    assert.ok(keys.length > 0);
    await probe.page.context().close();
    const queries = hostileQueries(schema);

    // Typed into the address bar: a fresh load with markup in every setting.
    const { page, issues } = await openPage(`/${demo.path}${queries.markup}`);
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    await page.waitForFunction(() => document.documentElement.dataset.mounted === '1', null, { timeout: 60000 });
    await page.waitForFunction(ready, null, { timeout: 60000 });
    await assertSafe(page, keys, `${demo.id} markup`, dialogs);

    // The others in the same page, one after the other (no reload).
    for (const [name, query] of Object.entries(queries).filter(([n]) => n !== 'markup')) {
      await remount(page, query, ready);
      await assertSafe(page, keys, `${demo.id} ${name}`, dialogs);
    }
    // A single 10 KB value from a fresh load (the server's whole-request limit allows one).
    const long = await openPage(`/${demo.path}?${keys[0]}=${'9'.repeat(10240)}`);
    await long.page.waitForFunction(() => document.documentElement.dataset.mounted === '1', null, { timeout: 60000 });
    await long.page.waitForFunction(ready, null, { timeout: 60000 });
    assert.match(await alertText(long.page), new RegExp(`^Setting "${keys[0]}" was "9{39}…", which is longer than 2000 characters; using the default\\.$`));

    // And it still works: a clean address, set up again in the same page.
    await remount(page, '', ready);
    assert.equal(await alertText(page), '', `${demo.id}: no message with a clean address`);
    assert.deepEqual(issues.pageErrors, [], `${demo.id}: no uncaught errors`);
    assert.deepEqual(issues.consoleErrors, [], `${demo.id}: no console errors`);
  });
}
