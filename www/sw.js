// The service worker: keeps the whole site (pages, scripts, styles, the WebAssembly core and its
// glue, the digits, the photos, the icon) on this device, so every page works with the network off.
//
// What to keep comes from offline-manifest.js, written by scripts/build and scripts/dist
// (scripts/offline-manifest.mjs): every file with its content hash, and the build's version. The
// cache is named after the version, so a new build installs a new worker (the browser compares
// imported scripts byte for byte), which saves every file into a new cache and, once it has them
// all, deletes the old one. A build that fails to save a file does not replace a working cache.
//
// Requests: network first, so an online page is always the newest; when the network fails, the
// saved copy answers. Only GET requests for this site's own folder are answered (nothing of another
// origin is ever fetched or saved), and nothing is saved while browsing: the cache holds exactly the
// build's files. Pages (www/js/teach/offline.js) ask for the status and are told when an install
// starts, ends or fails, in messages { type: 'convplay:offline', state, … }.
//
// A classic script with no inline code and no eval: it runs under the site's Content-Security-Policy
// (worker-src falls back to script-src 'self'); every URL is relative to this file, so the site works
// from any folder of any static host.
'use strict';

const SITE = new URL('./', self.location.href).href;
const PREFIX = `convplay-offline ${SITE} `;

let manifest = null;
let manifestProblem = '';
try {
  importScripts('offline-manifest.js');
  manifest = checked(self.CONVPLAY_OFFLINE);
} catch (err) {
  manifestProblem = `the site's list of files (offline-manifest.js, written by scripts/build) could not be read: ${err.message}`;
}
const CACHE = manifest ? PREFIX + manifest.version : null;

/** The manifest, if it only names files inside this folder; otherwise an Error. */
function checked(m) {
  if (!m || typeof m.version !== 'string' || !/^[0-9a-f]{8,64}$/.test(m.version) || !Array.isArray(m.files)) {
    throw new Error('it has no version or no file list');
  }
  for (const file of m.files) {
    const p = file?.path;
    if (typeof p !== 'string' || !/^[\w.-]+(\/[\w.-]+)*$/.test(p) || p.split('/').some((s) => s.startsWith('.'))) {
      throw new Error(`it names a file outside the site: ${JSON.stringify(p)}`);
    }
  }
  return m;
}

const urlOf = (file) => new URL(file.path, SITE).href;

/** Tell every page of the site (controlled or not yet) what happened. */
async function tell(message) {
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const page of pages) page.postMessage({ type: 'convplay:offline', ...message });
}

/** Fetch one file of the build from the server (not the HTTP cache) and save it. */
async function save(cache, file) {
  let response;
  try {
    response = await fetch(urlOf(file), { cache: 'no-cache', credentials: 'same-origin' });
  } catch (err) {
    throw new Error(`${file.path} could not be downloaded (${err.message})`);
  }
  if (!response.ok) throw new Error(`${file.path} could not be downloaded (the server answered ${response.status})`);
  if (response.redirected) {
    // A redirected response cannot answer a page's own request: keep the body and headers only.
    response = new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers });
  }
  await cache.put(urlOf(file), response);
}

/**
 * Save every file of the build into this version's cache; the install fails unless all are there.
 * A cache of the same version that already exists (the same build, a worker script that changed)
 * is completed, never emptied first, so the copy in use stays whole if this install fails.
 */
async function fill() {
  if (!manifest) throw new Error(manifestProblem);
  await tell({ state: 'saving', version: manifest.version, files: manifest.files.length, bytes: manifest.bytes });
  const existed = await caches.has(CACHE);
  const cache = await caches.open(CACHE);
  const have = new Set((await cache.keys()).map((r) => r.url));
  const results = await Promise.allSettled(manifest.files.filter((file) => !have.has(urlOf(file))).map((file) => save(cache, file)));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    if (!existed) await caches.delete(CACHE);
    throw failed.reason;
  }
}

/** What this worker holds: `{ version, files, bytes, missing }` (missing: files not in the cache). */
async function status() {
  if (!manifest) return { version: '', files: 0, bytes: 0, missing: 0, reason: manifestProblem };
  const cache = (await caches.has(CACHE)) ? await caches.open(CACHE) : null;
  const have = new Set(cache ? (await cache.keys()).map((r) => r.url) : []);
  const missing = manifest.files.filter((file) => !have.has(urlOf(file)));
  if (missing.length && cache) {
    // The browser may drop cached files when the disk is full: fetch them again if the network is there.
    await Promise.allSettled(missing.map((file) => save(cache, file)));
    const again = new Set((await cache.keys()).map((r) => r.url));
    missing.splice(0, missing.length, ...missing.filter((file) => !again.has(urlOf(file))));
  }
  return { version: manifest.version, files: manifest.files.length, bytes: manifest.bytes, missing: missing.length };
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    fill()
      .then(() => self.skipWaiting())
      .catch(async (err) => {
        await tell({ state: 'failed', reason: err.message });
        throw err;
      }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const old = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
      await Promise.all(old.map((name) => caches.delete(name)));
      await self.clients.claim();
      await tell({ state: 'ready', updated: old.length > 0, ...(await status()) });
    })(),
  );
});

self.addEventListener('message', (event) => {
  const reply = event.ports?.[0];
  if (event.data?.type !== 'convplay:offline-status' || !reply) return;
  event.waitUntil(status().then((s) => reply.postMessage({ type: 'convplay:offline', state: s.missing || !manifest ? 'incomplete' : 'ready', updated: false, ...s })));
});

/** The saved copy of `request`'s file (a folder's address means its index.html), or undefined. */
async function fromCache(request) {
  if (!CACHE) return undefined;
  const url = new URL(request.url);
  url.hash = '';
  if (url.pathname.endsWith('/')) url.pathname += 'index.html';
  return caches.match(url.href, { cacheName: CACHE, ignoreSearch: true });
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.status < 500) return response;
    return (await fromCache(request)) ?? response;
  } catch (err) {
    const saved = await fromCache(request);
    if (saved) return saved;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(SITE)) return; // another origin or folder: not ours
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(networkFirst(request));
});
