// The Content-Security-Policy is also in every page's <meta>, identical to the header
// scripts/server.mjs sends, so a host that sends no headers still serves the pages under it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../scripts/server.mjs';
import { openPage, closeAll, WWW, FIXTURES } from '../helpers/browser.mjs';

after(closeAll);

function htmlFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'pkg' ? [] : htmlFiles(p);
    return p.endsWith('.html') ? [p] : [];
  });
}

/** The content of every CSP <meta> in `html`, and where the first one is relative to the head's other tags. */
function metaPolicies(html) {
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*>/gi)];
  const head = html.slice(0, html.search(/<\/head>/i));
  const firstLoad = head.search(/<(link|script|style)\b/i);
  return { policies: metas.map((m) => m[1]), before: metas.length > 0 && (firstLoad < 0 || metas[0].index < firstLoad) };
}

const FILES = [...htmlFiles(WWW), ...htmlFiles(FIXTURES)];

test('every page carries the CSP <meta>, the same policy as the header, before anything loads', () => {
  assert.ok(FILES.length >= 14, `found ${FILES.length} pages`);
  for (const file of FILES) {
    const name = path.relative(path.dirname(WWW), file);
    const { policies, before } = metaPolicies(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(policies, [CONTENT_SECURITY_POLICY], `${name}: one CSP <meta> with the server's policy`);
    assert.ok(before, `${name}: the CSP <meta> comes before any stylesheet or script`);
  }
  // A <meta> policy ignores frame-ancestors (and report-uri, sandbox): the policy has none, so the
  // header and the <meta> mean the same everywhere.
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /frame-ancestors|report-uri|sandbox/);
});

/** Open `urlPath` with every response's CSP header removed, as a host that sends none would. */
async function openWithoutHeaders(urlPath) {
  return openPage(urlPath, {
    beforeLoad: (page) => page.route('**/*', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['content-security-policy'];
      await route.fulfill({ response, headers });
    }),
  });
}

test('served with no CSP header, the <meta> alone refuses inline script and style', async () => {
  const { page, issues } = await openWithoutHeaders('/_fixtures/csp-violation.html');
  assert.equal(await page.evaluate(() => window.inlineRan), undefined, 'the inline script ran');
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).color), 'rgb(255, 0, 0)', 'the inline style applied');
  const csp = issues.consoleErrors.filter((e) => /Content Security Policy/i.test(e));
  assert.ok(csp.length >= 2, `expected two CSP errors, got ${JSON.stringify(issues.consoleErrors)}`);
});

test('served with no CSP header, a demo still runs under its <meta> policy (wasm allowed)', async () => {
  const { page, issues } = await openWithoutHeaders('/demos/conv2d.html');
  await page.waitForFunction(() => document.documentElement.dataset.mounted === '1', null, { timeout: 30000 });
  assert.equal(await page.textContent('[role="alert"]'), '');
  assert.deepEqual(issues.consoleErrors, []);
  assert.deepEqual(issues.pageErrors, []);
  // A script injected as markup is refused by the <meta> policy.
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.injected = true';
    document.head.append(s);
    await new Promise((r) => setTimeout(r, 50));
    return window.injected === true;
  });
  assert.equal(ran, false, 'an inline script ran');
});
