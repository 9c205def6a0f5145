// The landing page and every demo it lists: load cleanly (also embedded), links resolve, the
// security headers are sent, nothing leaves the origin, and the keyboard reaches the demos.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { DEMOS } from '../../www/js/demos.js';
import { openPage, assertClean, screenshot, server, closeAll, SIZES } from '../helpers/browser.mjs';

after(closeAll);

/** Wait until a page's module has run: the shell's heading or the landing list is there. */
async function settled(page) {
  await page.waitForFunction(() => document.querySelector('h1') && document.readyState === 'complete');
  // Let pending module work (core loading) finish and report.
  await page.waitForLoadState('networkidle');
}

async function errorText(frameOrPage) {
  return frameOrPage.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? '');
}

test('the demo list is well formed', () => {
  assert.ok(DEMOS.length > 0);
  const ids = new Set();
  for (const demo of DEMOS) {
    for (const key of ['id', 'title', 'path', 'blurb', 'topic']) {
      assert.equal(typeof demo[key], 'string', `${demo.id}.${key}`);
      assert.ok(demo[key].length > 0, `${demo.id}.${key} is empty`);
    }
    assert.match(demo.path, /^demos\/[a-z0-9-]+\.html$/, `${demo.id}.path`);
    assert.ok(!ids.has(demo.id), `duplicate id ${demo.id}`);
    ids.add(demo.id);
  }
});

test('landing page loads cleanly and lists every demo', async () => {
  const { page, issues } = await openPage('/');
  await settled(page);
  assert.equal(await page.title(), 'ConvPlay — convolutional networks, computed in your browser');
  const links = await page.$$eval('a.demo-card', (as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
  assert.deepEqual(links.map((l) => l.href), DEMOS.map((d) => d.path));
  for (const [i, demo] of DEMOS.entries()) {
    assert.ok(links[i].text.includes(demo.title) && links[i].text.includes(demo.blurb), demo.id);
  }
  await screenshot(page, 'landing');
  assertClean(issues, 'landing');
});

test('every link on the landing page resolves', async () => {
  const { page, issues } = await openPage('/');
  await settled(page);
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
  const { url: origin } = await server();
  for (const href of hrefs) {
    assert.ok(href.startsWith(origin), `link leaves the site: ${href}`);
    const res = await fetch(href);
    assert.equal(res.status, 200, href);
  }
  assertClean(issues, 'landing');
});

test('responses carry the security headers and the right MIME types', async () => {
  const { url: origin } = await server();
  const expected = {
    '/': 'text/html; charset=utf-8',
    '/css/site.css': 'text/css; charset=utf-8',
    '/js/shell.js': 'text/javascript; charset=utf-8',
    '/pkg/convplay_wasm_bg.wasm': 'application/wasm',
    '/no/such/page.html': 'text/plain; charset=utf-8',
  };
  for (const [urlPath, type] of Object.entries(expected)) {
    const res = await fetch(origin + urlPath);
    assert.equal(res.headers.get('content-type'), type, urlPath);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self' 'wasm-unsafe-eval'/, urlPath);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', urlPath);
    assert.equal(res.status, urlPath.startsWith('/no/') ? 404 : 200, urlPath);
  }
});

test('keyboard: Tab reaches every demo link, with a visible focus ring', async () => {
  const { page, issues } = await openPage('/');
  await settled(page);
  const reached = [];
  for (let i = 0; i < 30 && reached.length < DEMOS.length; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return {
        href: el.getAttribute('href'),
        isCard: el.classList.contains('demo-card'),
        focusVisible: el.matches(':focus-visible'),
        outline: `${style.outlineStyle} ${parseFloat(style.outlineWidth)}`,
      };
    });
    if (!focused.isCard) continue;
    assert.ok(focused.focusVisible, `${focused.href} is not :focus-visible`);
    assert.equal(focused.outline.split(' ')[0], 'solid', `${focused.href} has no outline`);
    assert.ok(Number(focused.outline.split(' ')[1]) >= 2, `${focused.href} outline is thin`);
    reached.push(focused.href);
  }
  assert.deepEqual(reached, DEMOS.map((d) => d.path));
  await page.keyboard.press('Shift+Tab'); // move focus so the screenshot shows a ring mid-list
  await page.keyboard.press('Tab');
  await screenshot(page, 'landing-focus', [SIZES.phone]);
  assertClean(issues, 'landing');
});

for (const demo of DEMOS) {
  test(`demo ${demo.id}: loads cleanly, with its nav`, async () => {
    const { page, issues } = await openPage(`/${demo.path}`);
    await settled(page);
    assert.equal(await errorText(page), '', 'error region');
    assert.ok(await page.$('nav a[href$="index.html"]'), 'link back to the demo list');
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('embed')), false);
    await screenshot(page, `demo-${demo.id}`);
    assertClean(issues, demo.id);
  });

  test(`demo ${demo.id}: ?embed=1 drops the site chrome`, async () => {
    const { page, issues } = await openPage(`/${demo.path}?embed=1`);
    await settled(page);
    assert.equal(await errorText(page), '', 'error region');
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('embed')), true);
    assert.equal(await page.$('nav'), null, 'no nav when embedded');
    await screenshot(page, `demo-${demo.id}-embed`);
    assertClean(issues, `${demo.id} embedded`);
  });

  test(`demo ${demo.id}: works inside an iframe`, async () => {
    const src = `/${demo.path}?embed=1`;
    const { page, issues } = await openPage(`/_fixtures/embed.html?src=${encodeURIComponent(src)}`);
    await page.waitForSelector('#demo-frame');
    const frame = await (await page.$('#demo-frame')).contentFrame();
    await frame.waitForFunction(() => document.querySelector('h1') && document.readyState === 'complete');
    await page.waitForLoadState('networkidle');
    assert.equal(await errorText(frame), '', 'error region in the iframe');
    assert.equal(await frame.evaluate(() => document.documentElement.classList.contains('embed')), true);
    assertClean(issues, `${demo.id} in an iframe`);
  });
}
