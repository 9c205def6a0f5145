// Hand-outs on every demo: "Copy link" (the page's address, its whole state), "Copy embed code"
// (an <iframe> of the same state in embed mode, with a height that fits the demo and a title) and,
// where the demo has one, "Copy as PyTorch": the core's script (core.pytorch) for the demo's
// configuration, which teach/exports/<demo id>.js reads from the demo's state. One call from the
// skeleton (demo.js) after each mount: `mountHandouts(demo)`; not shown when embedded.
//
// Copying uses the clipboard API; the text copied is also shown, selected, in a read-only box
// below the buttons, so it can be copied by hand where the clipboard is refused (http, an old
// browser, a denied permission). Nothing is inserted as HTML: the box holds text only.
import { DEMOS } from '../demos.js';
import { el } from '../lib/dom.js';
import { isEmbedded } from '../shell.js';

/** Demos whose configuration teach/exports/<id>.js turns into a hand-out for core.pytorch. */
export const PYTORCH_DEMOS = ['conv1d', 'conv2d', 'filters', 'pooling', 'equivariance', 'receptive-field', 'why-cnns', 'network', 'init', 'batchnorm', 'dropout', 'train'];
/** Page keys that belong to the visitor, not to the demo's state: left out of embed code. */
const VISITOR_KEYS = ['present', 'stop', 'embed'];
const MIN_HEIGHT = 480;
const MAX_HEIGHT = 2400;

function pageDemo() {
  return DEMOS.find((d) => location.pathname.endsWith(`/${d.path}`)) ?? null;
}

/** The address of this demo in its current state, embedded (`embed=1`), without presenter keys. */
export function embedUrl(href = location.href) {
  const url = new URL(href);
  url.hash = '';
  for (const key of VISITOR_KEYS) url.searchParams.delete(key);
  url.searchParams.set('embed', '1');
  return url.href.replace(/%2C/gi, ',');
}

const escapeAttribute = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The <iframe> snippet for `src`, `title` and a height in CSS pixels. */
export function embedCode(src, title, height) {
  const h = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, height)));
  return `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(`${title} · ConvPlay`)}" width="100%" height="${h}" loading="lazy"></iframe>`;
}

const CLIPBOARD_WAIT_MS = 1500; // a browser that neither takes nor refuses the text in this time refused it

/** Put `text` on the clipboard; true when the browser took it. */
async function toClipboard(text) {
  try {
    if (!navigator.clipboard?.writeText) return false;
    let timer;
    const late = new Promise((resolve) => {
      timer = setTimeout(() => resolve(false), CLIPBOARD_WAIT_MS);
    });
    const taken = await Promise.race([navigator.clipboard.writeText(text).then(() => true), late]);
    clearTimeout(timer);
    return taken;
  } catch {
    return false;
  }
}

export function mountHandouts(demo) {
  if (isEmbedded()) return;
  const page = pageDemo();
  if (!page) return;
  const status = el('p', { class: 'handouts-status', id: 'handouts-status', role: 'status', 'aria-live': 'polite' });
  const box = el('textarea', { id: 'handouts-text', readonly: true, rows: '8', spellcheck: 'false', 'aria-label': 'The text to copy' });
  box.style.width = '100%'; // CSSOM, not a style attribute (CSP)
  box.style.fontFamily = 'var(--mono, monospace)';
  box.hidden = true;

  async function copy(what, make) {
    let text;
    try {
      text = await make();
    } catch (err) {
      status.textContent = `Could not make the ${what}: ${err instanceof Error ? err.message : String(err)}`;
      status.dataset.copies = String(Number(status.dataset.copies ?? 0) + 1);
      return;
    }
    box.value = text;
    box.hidden = false;
    box.dataset.what = what;
    status.textContent = `Copying the ${what}…`;
    const copied = await toClipboard(text);
    status.textContent = copied
      ? `Copied the ${what} to the clipboard. It is also below.`
      : `The browser did not allow copying: the ${what} is selected below; press Ctrl+C (⌘C on a Mac) to copy it.`;
    status.dataset.copied = copied ? '1' : '0';
    status.dataset.copies = String(Number(status.dataset.copies ?? 0) + 1); // for tests: one more copy done
    if (!copied) {
      box.focus();
      box.select();
    }
  }

  const button = (id, text, what, make) => {
    const b = el('button', { type: 'button', class: 'secondary', id, text });
    demo.listen(b, 'click', () => copy(what, make));
    return b;
  };
  const buttons = [
    button('copy-link', 'Copy link', 'link', () => location.href.replace(/%2C/gi, ',')),
    button('copy-embed', 'Copy embed code', 'embed code', () =>
      embedCode(embedUrl(), page.title, demo.root.getBoundingClientRect().height + 140)),
  ];
  if (PYTORCH_DEMOS.includes(page.id)) {
    buttons.push(
      button('copy-pytorch', 'Copy as PyTorch', 'PyTorch code', async () => {
        const { handout } = await import(`./exports/${page.id}.js`);
        return demo.core.pytorch(await handout(demo));
      }),
    );
  }
  const panel = el('section', { class: 'panel handouts', id: 'handouts', 'aria-labelledby': 'handouts-title' }, [
    el('h2', { id: 'handouts-title', text: 'Hand out this demo' }),
    el('p', { text: 'The link and the embed code keep every setting shown now.' }),
    el('div', { class: 'controls' }, buttons),
    status,
    box,
  ]);
  demo.root.after(panel);
  demo.own(() => panel.remove());
}
