// The harness catches what it promises to catch, and pages report a core that fails to load.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, closeAll } from '../helpers/browser.mjs';

after(closeAll);

test('CSP violations (inline script and style) show up as console errors', async () => {
  const { page, issues } = await openPage('/_fixtures/csp-violation.html');
  assert.equal(await page.evaluate(() => window.inlineRan), undefined, 'the inline script ran');
  const csp = issues.consoleErrors.filter((e) => /Content Security Policy/i.test(e));
  assert.ok(csp.length >= 2, `expected two CSP errors, got ${JSON.stringify(issues.consoleErrors)}`);
});

test('requests to another origin are blocked and recorded', async () => {
  const { page, issues, origin } = await openPage('/');
  const elsewhere = origin.replace('127.0.0.1', '127.0.0.2');
  await page.goto(`${elsewhere}/index.html`).catch(() => {});
  assert.deepEqual(issues.foreignRequests, [`${elsewhere}/index.html`]);
});

test('a demo whose WebAssembly core cannot load says so in its alert region', async () => {
  const { page } = await openPage('/demos/conv2d.html', {
    beforeLoad: (p) => p.route('**/{pkg,pkg-relaxed}/convplay_wasm_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' })),
  });
  await page.waitForFunction(() => document.querySelector('[role="alert"]')?.textContent);
  assert.match(await page.textContent('[role="alert"]'), /^could not load the WebAssembly core: /);
});
