// Offline for the classroom: the service worker (www/sw.js) saves the whole site on the first
// visit, the page says when it is ready for offline use, a new build replaces the cache, and with
// the network off every demo, the path page and the landing page load from the saved copy and
// compute.
//
// The site is a copy of www/ as scripts/dist ships it, with its own offline manifest, served from
// a folder (/course/convplay/) as on a course's web space: the copy can be rebuilt (a new version)
// without touching www/, and relative addresses are checked from a folder that is not the root.
// Every other page test blocks service workers (tests/helpers/browser.mjs); these contexts allow them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMOS } from '../../www/js/demos.js';
import { startServer, CONTENT_SECURITY_POLICY } from '../../scripts/server.mjs';
import { writeOfflineManifest, MANIFEST_FILE } from '../../scripts/offline-manifest.mjs';
import { browser, watch, assertClean, closeAll, screenshot, audit, describeViolations, num, FIXTURES, WWW } from '../helpers/browser.mjs';

const lecture = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'lecture.json'), 'utf8'));
const FOLDER = '/course/convplay/';
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'convplay-offline-'));
const SITE = path.join(TMP, 'site');
const EMPTY = path.join(TMP, 'root');

// scripts/dist's copy: everything but dotfiles, and from pkg/ and pkg-relaxed/ only the .wasm and its glue.
fs.mkdirSync(EMPTY);
fs.cpSync(WWW, SITE, {
  recursive: true,
  filter: (src) => {
    const rel = path.relative(WWW, src).split(path.sep);
    if (rel.some((s) => s.startsWith('.')) || rel.join('/') === MANIFEST_FILE) return false;
    return !['pkg', 'pkg-relaxed'].includes(rel[0]) || rel.length === 1 || /\.(wasm|js)$/.test(rel[1]);
  },
});
let manifest = writeOfflineManifest(SITE);
// A build whose manifest names a file the host lost: it must say so and keep nothing.
const BROKEN = path.join(TMP, 'broken');
fs.cpSync(SITE, BROKEN, { recursive: true });
fs.rmSync(path.join(BROKEN, 'data', 'images', 'coffee.png'));

let server = await startServer({ root: EMPTY, port: 0, mounts: { [FOLDER]: SITE, '/broken/': BROKEN } });
const origin = server.url;
const site = new URL(FOLDER, origin).href;
const context = await (await browser()).newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });

after(async () => {
  await context.close().catch(() => {});
  await server?.close();
  await closeAll();
  fs.rmSync(TMP, { recursive: true, force: true });
});

async function open(rel, { wait = 'load' } = {}) {
  const page = await context.newPage();
  const issues = watch(page, origin);
  await page.goto(new URL(rel, site).href, { waitUntil: wait });
  return { page, issues };
}

/** Wait until the status line says `state` (and, if given, its version), then return its text. */
async function statusOf(page, state, version) {
  await page.waitForFunction(
    ([s, v]) => {
      const line = document.getElementById('offline-status');
      return line?.dataset.state === s && (!v || line.dataset.version === v);
    },
    [state, version],
    { timeout: 60000 },
  );
  return page.textContent('#offline-status');
}

const cacheState = (page) =>
  page.evaluate(async () => {
    const names = await caches.keys();
    return Promise.all(names.map(async (name) => ({ name, urls: (await (await caches.open(name)).keys()).map((r) => r.url) })));
  });

test('sw.js and its manifest are served as scripts with the site headers; the manifest lists the whole site', async () => {
  for (const file of ['sw.js', MANIFEST_FILE]) {
    const response = await fetch(new URL(file, site));
    assert.equal(response.status, 200, file);
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8', `${file}: type`);
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, `${file}: CSP`);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', `${file}: nosniff`);
    assert.equal(response.headers.get('cache-control'), 'no-cache', `${file}: revalidated on every update check`);
  }
  const paths = new Set(manifest.files.map((f) => f.path));
  const wanted = ['index.html', 'js/index.js', 'js/demo.js', 'js/teach/offline.js', 'js/workers/trainer.js', 'css/site.css', 'img/icon.svg',
    'data/digits.bin.gz', 'data/images/chelsea.png', 'pkg/convplay_wasm.js', 'pkg/convplay_wasm_bg.wasm',
    'pkg-relaxed/convplay_wasm.js', 'pkg-relaxed/convplay_wasm_bg.wasm', ...DEMOS.map((d) => d.path)];
  if (fs.existsSync(path.join(WWW, 'path.html'))) wanted.push('path.html');
  for (const p of wanted) assert.ok(paths.has(p), `the manifest keeps ${p}`);
  for (const p of paths) assert.ok(!p.startsWith('.') && !p.includes('/.') && p !== 'sw.js' && p !== MANIFEST_FILE, `not kept: ${p}`);
  assert.match(manifest.version, /^[0-9a-f]{16}$/);
});

test('first visit: the site is saved and the page says it is ready for offline use, also embedded and on every page', async () => {
  const { page, issues } = await open('');
  const said = await statusOf(page, 'ready', manifest.version);
  assert.match(said, /^Ready for offline use: all [\d,]+ files of ConvPlay, \d+(\.\d)? MB are saved on this device\.$/);
  const saved = await cacheState(page);
  assert.equal(saved.length, 1, 'one cache');
  assert.ok(saved[0].name.endsWith(manifest.version), `the cache is named after the build: ${saved[0].name}`);
  assert.deepEqual(saved[0].urls.sort(), manifest.files.map((f) => new URL(f.path, site).href).sort(), 'exactly the files of the build');
  assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), true, 'the page is now served by the worker');
  await screenshot(page, 'offline-ready-landing');
  const violations = await audit(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  assertClean(issues, 'landing');

  const demo = await open('demos/conv2d.html?step=9');
  assert.match(await statusOf(demo.page, 'ready'), /^Ready for offline use/);
  assertClean(demo.issues, 'conv2d');
  const embedded = await open('demos/conv2d.html?embed=1&step=9');
  assert.equal(await statusOf(embedded.page, 'ready'), 'Ready for offline use.', 'quiet when embedded');
  assert.equal(await embedded.page.$('.site-footer'), null);
  await screenshot(embedded.page, 'offline-ready-embedded');
  assertClean(embedded.issues, 'conv2d embedded');
  for (const p of [page, demo.page, embedded.page]) await p.close();
});

test("a build that cannot be saved whole says why, keeps nothing, and leaves another folder's copy alone", async () => {
  const page = await context.newPage();
  const issues = watch(page, origin);
  await page.goto(new URL('/broken/demos/conv1d.html', origin).href);
  assert.equal(
    await statusOf(page, 'failed'),
    'Not available offline: data/images/coffee.png could not be downloaded (the server answered 404).',
  );
  const saved = await cacheState(page);
  assert.deepEqual(saved.map((c) => c.name), [`convplay-offline ${site} ${manifest.version}`], "only the other folder's cache");
  assert.deepEqual(issues.pageErrors, []);
  assert.deepEqual(issues.consoleErrors, []);
  await page.close();
});

test('a new build replaces the cache, and the page says an update was installed', async () => {
  const before = manifest.version;
  fs.appendFileSync(path.join(SITE, 'css', 'site.css'), '\n/* the next build */\n');
  manifest = writeOfflineManifest(SITE);
  assert.notEqual(manifest.version, before);

  const { page, issues } = await open('');
  assert.match(await statusOf(page, 'ready', manifest.version), /^Update installed: the new version of ConvPlay is saved on this device, ready for offline use/);
  const saved = await cacheState(page);
  assert.equal(saved.length, 1, 'the old cache is gone');
  assert.ok(saved[0].name.endsWith(manifest.version));
  assert.equal(saved[0].urls.length, manifest.files.length);
  const css = await page.evaluate(async (url) => (await (await caches.match(url)).text()).includes('the next build'), new URL('css/site.css', site).href);
  assert.ok(css, 'the cache holds the new build');
  assertClean(issues, 'landing after the update');
  await page.close();
});

// What each demo shows once it has computed, offline.
const COMPUTED = {
  conv1d: async (page) => page.waitForSelector('#identity-table'),
  conv2d: async (page) => {
    await page.waitForSelector('#stage .stage-output table');
    const cells = await page.$$eval('#stage .stage-output .grid-value', (vs) => vs.map((v) => v.textContent));
    assert.deepEqual(cells.map(num), lecture.crossCorrelation.data, "the lecture's example at step 9");
  },
  filters: async (page) => {
    await page.waitForFunction(() => !['', '—'].includes(document.querySelector('#inspect-output')?.textContent ?? ''));
    assert.match(await page.textContent('#input-caption'), /Chelsea the cat, 256×170/, 'the photo loaded');
  },
  pooling: async (page) => page.waitForFunction(() => (document.querySelector('#example-formula-max')?.textContent ?? '') !== ''),
  equivariance: async (page) => page.waitForSelector('#demo[data-ready]'),
  'receptive-field': async (page) => page.waitForSelector('#demo[data-ready]'),
  'why-cnns': async (page) => page.waitForSelector('#why-cover-3'),
  init: async (page) => page.waitForSelector('#spread-zero-1', { timeout: 60000 }),
  batchnorm: async (page) => page.waitForSelector('#acc-batch-1', { timeout: 90000 }),
  dropout: async (page) => page.waitForSelector('#theory-ratio-uniform', { timeout: 60000 }),
  train: async (page) => {
    await page.waitForFunction(() => !document.getElementById('play')?.disabled && document.getElementById('stat-step')?.dataset.value === '0', null, { timeout: 60000 });
    await page.click('#play');
    await page.waitForFunction(() => Number(document.getElementById('stat-step').dataset.value) > 3, null, { timeout: 60000 });
    await page.click('#play');
    await page.waitForFunction(() => document.documentElement.dataset.training === 'paused');
  },
};

test('offline: every demo, the path page and the landing page load from the saved copy and compute', async () => {
  await context.setOffline(true);
  // The server is stopped too, so nothing can come from the network whatever the browser does.
  await server.close();
  server = null;

  const landing = await open('');
  assert.equal(await landing.page.locator('#demo-list li').count(), DEMOS.length, 'the landing page lists every demo');
  assert.match(await statusOf(landing.page, 'ready'), /^Ready for offline use: .* You are offline: this is the saved copy\.$/);
  await screenshot(landing.page, 'offline-landing');
  assertClean(landing.issues, 'landing offline');
  await landing.page.close();

  if (fs.existsSync(path.join(SITE, 'path.html'))) {
    const stops = await open('path.html');
    await stops.page.waitForFunction(() => document.querySelectorAll('a[href*="demos/"]').length >= 20, null, { timeout: 30000 });
    assert.equal(await stops.page.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? ''), '');
    // A stop's deep link (a demo with its state in the address) opens from the saved copy too.
    await stops.page.click('a[href*="demos/"]');
    await stops.page.waitForFunction(() => document.documentElement.dataset.mounted === '1', null, { timeout: 60000 });
    assert.equal(await stops.page.textContent('[role="alert"]'), '', 'the first stop opens offline');
    assertClean(stops.issues, 'path offline');
    await stops.page.close();
  }

  for (const demo of DEMOS) {
    const query = demo.id === 'conv2d' ? '?step=9' : demo.id === 'filters' ? '?img=chelsea' : '';
    const { page, issues } = await open(`${demo.path}${query}`);
    await page.waitForFunction(() => document.documentElement.dataset.mounted === '1', null, { timeout: 60000 });
    await (COMPUTED[demo.id] ?? (async () => {}))(page);
    assert.equal(await page.textContent('[role="alert"]'), '', `${demo.id}: no error`);
    assert.match(await statusOf(page, 'ready'), /You are offline/, `${demo.id}: says it runs from the saved copy`);
    assertClean(issues, `${demo.id} offline`);
    await page.close();
  }
});
