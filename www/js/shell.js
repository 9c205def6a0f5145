// The page shell every demo imports: header and nav, embed mode, the error region.
//
// A demo is two files, www/demos/NAME.html and www/js/demos/NAME/main.js. The page is always:
//
//   <!doctype html><html lang="en"><head><meta charset="utf-8">
//   <meta http-equiv="Content-Security-Policy" content="…">   (scripts/server.mjs's policy, verbatim)
//   <meta name="viewport" content="width=device-width, initial-scale=1">
//   <title>…</title><link rel="icon" href="../img/icon.svg" type="image/svg+xml">
//   <link rel="stylesheet" href="../css/site.css">
//   <link rel="stylesheet" href="../css/kit.css">
//   <link rel="stylesheet" href="../css/teach.css">  (the lecture path's bar, presenter mode)
//   <link rel="stylesheet" href="../css/NAME.css">   (the demo's own styles, if any)
//   <script type="module" src="../js/demos/NAME/main.js"></script></head>
//   <body><main id="app"></main></body></html>
//
// No inline scripts, inline styles or on… attributes: the site's Content-Security-Policy
// (default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self') refuses them. The
// policy is sent as a header by scripts/server.mjs and also written into every page's <meta>, so it
// holds on a host that sends no headers (tests/pages/csp.test.mjs checks both are the same).
// main.js calls defineDemo (www/js/demo.js), which calls mountShell and loads everything else.
//
// With `?embed=1` in the URL the page is meant for an <iframe>: <html> gets class `embed`,
// the nav, description and footer are left out, and CSS tightens the layout.
import { el } from './lib/dom.js';

const INDEX_URL = new URL('../index.html', import.meta.url).href;

let errorRegion = null;

/** True when the page was opened with `embed=1` (inside an iframe on slides or a course page). */
export function isEmbedded(search = globalThis.location?.search ?? '') {
  return new URLSearchParams(search).get('embed') === '1';
}

function ensureErrorRegion() {
  if (!errorRegion || !errorRegion.isConnected) {
    errorRegion = el('div', { class: 'error-region', role: 'alert', id: 'error' });
    const host = document.getElementById('app') ?? document.body;
    host.prepend(errorRegion);
  }
  return errorRegion;
}

/**
 * Build the page's header, nav, error region and footer around `<main id="app">`.
 * Returns `{ main, content }`: demos put their controls and drawings into `content`.
 */
export function mountShell({ title, description = '' }) {
  const embedded = isEmbedded();
  document.documentElement.classList.toggle('embed', embedded);
  document.title = `${title} · ConvPlay`;

  const main = document.getElementById('app') ?? document.body.appendChild(el('main', { id: 'app' }));
  main.replaceChildren();

  const header = el('header', { class: 'site-header' });
  if (!embedded) {
    header.append(
      el('nav', { class: 'site-nav', 'aria-label': 'Site' }, [
        el('a', { class: 'brand', href: INDEX_URL, text: 'ConvPlay' }),
        el('a', { href: INDEX_URL, text: '← All demos' }),
      ]),
    );
  }
  header.append(el('h1', { text: title }));
  if (description) header.append(el('p', { class: 'lede', text: description }));

  errorRegion = el('div', { class: 'error-region', role: 'alert', id: 'error' });
  const content = el('div', { class: 'demo', id: 'demo' });
  main.append(header, errorRegion, content);

  if (embedded) {
    const full = new URL(location.href);
    full.searchParams.delete('embed');
    content.after(
      el('p', { class: 'embed-link' }, [
        el('a', { href: full.href, target: '_blank', rel: 'noopener', text: 'Open in ConvPlay ↗' }),
      ]),
    );
  } else if (!document.querySelector('.site-footer')) {
    document.body.append(
      el('footer', { class: 'site-footer' }, [
        el('p', {}, [el('a', { href: INDEX_URL, text: 'ConvPlay' }), ' — convolutional networks, computed in your browser.']),
      ]),
    );
  }

  window.addEventListener('unhandledrejection', (event) => showError(event.reason));
  return { main, content };
}

/**
 * A line of plain text in the site footer, once per `id` (later calls set its text); embedded
 * pages have no footer and get none (null).
 */
export function footerLine(id, text) {
  const footer = document.querySelector('.site-footer');
  if (!footer) return null;
  let line = document.getElementById(id);
  if (!line) footer.append((line = el('p', { id, class: 'footer-line' })));
  line.textContent = text;
  return line;
}

/** Show a message (or an Error's message) in the alert region, as plain text. */
export function showError(msgOrError) {
  const message =
    msgOrError instanceof Error ? msgOrError.message : String(msgOrError ?? 'unknown error');
  ensureErrorRegion().textContent = message;
}

export function clearError() {
  if (errorRegion) errorRegion.textContent = '';
}
