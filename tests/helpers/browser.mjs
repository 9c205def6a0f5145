// Page-test harness: the real scripts/server.mjs serving www/ (and tests/fixtures/ at
// /_fixtures/) on an ephemeral port, and Debian's Chromium driven by playwright-core.
//
//   import { after } from 'node:test';
//   import { openPage, assertClean, closeAll } from '../helpers/browser.mjs';
//   after(closeAll);
//   const { page, issues } = await openPage('/index.html');
//   assertClean(issues);
//
// Every page records console errors, uncaught page errors, failed requests, HTTP errors,
// responses without the security headers, and any request to another origin (which is also
// blocked). CSP violations appear as console errors.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, CONTENT_SECURITY_POLICY } from '../../scripts/server.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WWW = path.join(ROOT, 'www');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
export const SCREENSHOTS = path.join(ROOT, 'tests', 'screenshots');
export const SIZES = { phone: { width: 375, height: 800 }, projector: { width: 1920, height: 1080 } };

let serverPromise = null;
let browserPromise = null;
const contexts = new Set();

/** The test server (started on first use): `{ url, close }`. */
export function server() {
  serverPromise ??= startServer({ root: WWW, port: 0, mounts: { '/_fixtures/': FIXTURES } });
  return serverPromise;
}

/** The shared headless Chromium (launched on first use). */
export function browser() {
  browserPromise ??= chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  return browserPromise;
}

/** Record `page`'s problems (see the top of this file) into a fresh `issues` object. */
export function watch(page, origin) {
  const issues = {
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    httpErrors: [],
    foreignRequests: [],
    missingHeaders: [],
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error') issues.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => issues.pageErrors.push(err.message));
  page.on('requestfailed', (req) => {
    // Chromium fetches the page icon again after every history.replaceState (demos write their
    // state to the URL on each change) and aborts that fetch when the next change comes first.
    const iconAbort = new URL(req.url()).pathname.endsWith('/img/icon.svg') && req.failure()?.errorText === 'net::ERR_ABORTED';
    if (new URL(req.url()).origin === origin && !iconAbort) {
      issues.failedRequests.push(`${req.url()}: ${req.failure()?.errorText}`);
    }
  });
  page.on('response', async (res) => {
    if (new URL(res.url()).origin !== origin) return;
    if (res.status() >= 400) issues.httpErrors.push(`${res.status()} ${res.url()}`);
    const headers = await res.allHeaders().catch(() => ({}));
    if (headers['content-security-policy'] !== CONTENT_SECURITY_POLICY || headers['x-content-type-options'] !== 'nosniff') {
      issues.missingHeaders.push(res.url());
    }
  });
  return issues;
}


/** Text of the page's alert region (`''` while no error is shown). */
export const alertText = (page) => page.textContent('[role="alert"]');

/** Text of the first element matching `selector`. */
export const text = (page, selector) => page.textContent(selector);

/** A number the page shows as text (a typographic minus `−` counts as `-`). */
export const num = (shown) => Number(String(shown).replace(/\u2212/g, '-').trim());

/** Wait until the text of `selector` differs from `before`. */
export async function waitForChange(page, selector, before) {
  await page.waitForFunction(([s, b]) => document.querySelector(s)?.textContent !== b, [selector, before]);
}

/**
 * `open(query, options)` for one demo page: open `path + query` (see `openPage`), wait until
 * `ready` holds (a selector that appears, or a function evaluated in the page that returns
 * true), then until the network is idle.
 */
export function demoOpener(path, ready) {
  return async (query = '', options) => {
    const opened = await openPage(`${path}${query}`, options);
    if (typeof ready === 'function') await opened.page.waitForFunction(ready);
    else await opened.page.waitForSelector(ready);
    await opened.page.waitForLoadState('networkidle');
    return opened;
  };
}

/**
 * Open `urlPath` (e.g. '/demos/conv2d.html?embed=1') in a fresh browser context of the given
 * size and wait for the load event. `beforeLoad(page)` may add routes first (e.g. to make a
 * file fail). Returns `{ page, issues, url, origin }`.
 */
export async function openPage(urlPath, { width = 1280, height = 800, beforeLoad } = {}) {
  const { url: origin } = await server();
  // Service workers are blocked here (www/sw.js would answer requests the routes below and the
  // tests' own routes expect to see); tests/pages/offline.test.mjs opens its own contexts with them.
  const context = await (await browser()).newContext({ viewport: { width, height }, serviceWorkers: 'block' });
  contexts.add(context);
  const page = await context.newPage();
  const issues = watch(page, origin);
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (/^(data|blob):/.test(target) || new URL(target).origin === origin) return route.continue();
    issues.foreignRequests.push(target);
    return route.abort('blockedbyclient');
  });
  if (beforeLoad) await beforeLoad(page);
  const url = new URL(urlPath, origin).href;
  await page.goto(url, { waitUntil: 'load' });
  return { page, issues, url, origin };
}

/** Fail the test if the page logged errors, failed requests, or reached another origin. */
export function assertClean(issues, label = 'page') {
  for (const [kind, list] of Object.entries(issues)) {
    assert.deepEqual(list, [], `${label}: ${kind}`);
  }
}

/** Save `tests/screenshots/NAME-WxH.png` at each size (phone and projector by default). */
/**
 * Open `src` (a demo path with `?embed=1`) inside the iframe of tests/fixtures/embed.html, wait for
 * `readySelector` in the frame, and check it shows no error and runs in embed mode.
 */
export async function assertWorksInIframe(src, readySelector, label = src) {
  const { page, issues } = await openPage(`/_fixtures/embed.html?src=${encodeURIComponent(src)}`);
  await page.waitForSelector('#demo-frame');
  const frame = await (await page.$('#demo-frame')).contentFrame();
  await frame.waitForSelector(readySelector, { timeout: 30000 });
  await page.waitForLoadState('networkidle');
  assert.equal(await frame.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? ''), '', `${label}: no error`);
  assert.equal(await frame.evaluate(() => document.documentElement.classList.contains('embed')), true, `${label}: embed mode`);
  assertClean(issues, label);
}

export async function screenshot(page, name, sizes = Object.values(SIZES)) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize();
  const files = [];
  for (const { width, height } of sizes) {
    await page.setViewportSize({ width, height });
    const file = path.join(SCREENSHOTS, `${name}-${width}x${height}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  if (before) await page.setViewportSize(before);
  return files;
}

const AXE_SOURCE = path.join(ROOT, 'tests', 'node_modules', 'axe-core', 'axe.min.js');
let axeSource = null;

/**
 * Audit the page (or frame) with axe-core (tests/package.json pins it): the rules of WCAG 2.x A and
 * AA and axe's best practices. axe is evaluated through the browser's debugging protocol, which the
 * page's Content-Security-Policy does not apply to, so the page runs under its real policy.
 * Returns the violations of `impacts` (serious and critical by default) as
 * `[{ id, impact, help, nodes: [{ target, summary }] }]`.
 */
export async function audit(page, { impacts = ['serious', 'critical'] } = {}) {
  axeSource ??= fs.readFileSync(AXE_SOURCE, 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(`${axeSource}\n;0`);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ impact: n.impact, target: n.target.join(' '), summary: n.failureSummary })),
    }));
  });
  return violations.filter((v) => impacts.includes(v.impact));
}

/** One line per violation and element, for an assertion's message. */
export function describeViolations(violations) {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}): ${n.target}\n    ${String(n.summary).replace(/\n/g, '\n    ')}`)).join('\n');
}

/** Close every context, the browser and the server; use as `after(closeAll)`. */
export async function closeAll() {
  for (const context of contexts) await context.close().catch(() => {});
  contexts.clear();
  if (browserPromise) await (await browserPromise).close();
  if (serverPromise) await (await serverPromise).close();
  browserPromise = null;
  serverPromise = null;
}
