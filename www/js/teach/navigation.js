// Inside a demo opened from the lecture path: where it is on the path, what to notice, and links
// to the previous and next stop; and presenter mode, for a projector. One call from the skeleton
// (demo.js): `mountNavigation()`, once per page, after the shell is drawn.
//
// The address says both (js/state.js keeps them when a demo writes its state, as page keys):
// - `stop=<id>`: the page was opened from the path at that stop (teach/path.js). It is not a demo
//   setting: the demo's schema never reads it. A stop that is not one of this demo's shows nothing.
// - `predict=1`: "Predict first" (teach/predict.js) is on; the path's links keep it too.
// - `present=1`: presenter mode. <html> gets class `present` (css/teach.css: large type and
//   controls, high contrast, no site nav, description or footer); the path's links keep it, so it
//   stays on from stop to stop. The "Presenter mode" button turns it on and off without a reload.
//
// Keys, on a stop: Alt+← / Alt+→ always (not while typing in a text field). In presenter mode also
// PageUp / PageDown always (what a clicker sends), and ← / → when focus is not in a control and the
// demo did not use the key (players step with the arrows inside the demo, space plays).
// Embedded pages (?embed=1) show none of this.
import { DEMOS } from '../demos.js';
import { el } from '../lib/dom.js';
import { isEmbedded } from '../shell.js';
import { PATH, neighbours, pathPageUrl, stopOf, stopUrl } from './path.js';

/** Elements whose own keys win over presenter mode's plain arrows. */
const CONTROL = 'input, select, textarea, button, summary, [contenteditable]:not([contenteditable="false"]), [tabindex]:not([tabindex="-1"]), [role="slider"], [role="grid"], [role="application"], canvas';
/** Elements where Alt+arrows move the caret (by word, on some systems). */
const TEXT_ENTRY = 'textarea, [contenteditable]:not([contenteditable="false"]), input:not([type="range"], [type="checkbox"], [type="radio"], [type="button"], [type="submit"], [type="reset"], [type="file"], [type="color"])';

/** The demo of this page: the entry of demos.js whose path the address ends with. */
function pageDemo() {
  return DEMOS.find((d) => location.pathname.endsWith(`/${d.path}`)) ?? null;
}

const presenting = () => new URLSearchParams(location.search).get('present') === '1';
const predicting = () => new URLSearchParams(location.search).get('predict') === '1';
/** The address of stop `to` as this page stands: presenter mode and "Predict first" go along. */
const urlOf = (to) => stopUrl(to, { present: presenting(), predict: predicting() });

/** Turn presenter mode on or off in the page and its address (no reload). */
function setPresenting(on) {
  document.documentElement.classList.toggle('present', on);
  const params = new URLSearchParams(location.search);
  if (on) params.set('present', '1');
  else params.delete('present');
  const search = params.toString().replace(/%2C/gi, ',');
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
}

/** Which way `event` moves along the path: -1, 1, or 0 (not a path key here). */
export function pathDirection(event, present) {
  if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.shiftKey) return 0;
  const arrow = { ArrowLeft: -1, ArrowRight: 1 }[event.key] ?? 0;
  const page = { PageUp: -1, PageDown: 1 }[event.key] ?? 0;
  const target = event.target instanceof Element ? event.target : null;
  if (event.altKey) return arrow && !target?.closest(TEXT_ENTRY) ? arrow : 0;
  if (!present) return 0;
  if (page) return page;
  return arrow && !target?.closest(CONTROL) ? arrow : 0;
}

/**
 * What to notice at a stop. Its numbers are the answers "Predict first" asks for, so in predict
 * mode it starts folded and opens once the student has checked a guess (a `convplay:answer`).
 */
function noticeOf(stop) {
  const notice = el('p', { class: 'path-notice', id: 'path-notice' }, [el('strong', { text: 'What to notice: ' }), stop.notice]);
  if (!predicting()) return notice;
  const box = el('details', { class: 'path-notice-box', id: 'path-notice-box' }, [
    el('summary', { text: 'What to notice — it gives the answer away: open it after your guess' }),
    notice,
  ]);
  document.addEventListener('convplay:answer', () => { box.open = true; });
  return box;
}

/** The bar under the page title: stop n of N, its title and notice, previous / next, presenter mode. */
function bar(stop, { previous, next }, onPresent) {
  const number = PATH.indexOf(stop) + 1;
  const link = (to, rel, text) => (to
    ? el('a', { class: `path-${rel}`, rel, href: urlOf(to), 'data-stop': to.id }, [text(to)])
    : el('span', { class: `path-${rel} path-end`, text: rel === 'prev' ? 'Start of the path' : 'End of the path' }));
  const prev = link(previous, 'prev', (to) => `← Previous: ${to.title}`);
  const after = link(next, 'next', (to) => `Next: ${to.title} →`);
  const present = el('button', { type: 'button', class: 'secondary path-present', 'aria-pressed': String(presenting()), text: 'Presenter mode' });
  present.addEventListener('click', () => onPresent(present.getAttribute('aria-pressed') !== 'true'));
  const node = el('nav', { class: 'path-nav', id: 'path-nav', 'aria-label': 'Lecture path' }, [
    el('p', { class: 'path-where' }, [
      el('a', { href: pathPageUrl(stop), text: 'Lecture path' }),
      ` · stop ${number} of ${PATH.length} · ${stop.topic}`,
    ]),
    el('p', { class: 'path-title', id: 'path-title', text: stop.title }),
    noticeOf(stop),
    el('div', { class: 'path-links' }, [prev, after, present]),
    el('p', { class: 'path-keys', id: 'path-keys' }),
  ]);
  /** Links and the keys line follow presenter mode. */
  const sync = () => {
    const on = presenting();
    present.setAttribute('aria-pressed', String(on));
    for (const [a, to] of [[prev, previous], [after, next]]) if (to) a.href = urlOf(to);
    node.querySelector('.path-keys').textContent = on
      ? 'Next and previous stop: PageDown / PageUp, or → / ← (outside the demo’s controls).'
      : 'Next and previous stop: Alt+→ / Alt+←.';
  };
  sync();
  // "Predict first" may have been switched since: the link follows at the moment it is used.
  for (const [a, to] of [[prev, previous], [after, next]]) if (to) a.addEventListener('click', () => { a.href = urlOf(to); });
  return { node, sync };
}

/** Presenter mode on a page that is not a stop: only the way out. */
function presenterOnly() {
  const leave = el('button', { type: 'button', class: 'secondary path-present', 'aria-pressed': 'true', text: 'Presenter mode' });
  const node = el('nav', { class: 'path-nav', id: 'path-nav', 'aria-label': 'Presenter mode' }, [el('div', { class: 'path-links' }, [leave])]);
  leave.addEventListener('click', () => {
    const on = leave.getAttribute('aria-pressed') !== 'true';
    setPresenting(on);
    leave.setAttribute('aria-pressed', String(on));
  });
  (document.querySelector('.site-header') ?? document.getElementById('app'))?.after(node);
}

let mounted = false;

/** Show the path's bar and run its keys and presenter mode on this page (once; see the top of this file). */
export function mountNavigation() {
  if (mounted || isEmbedded()) return;
  mounted = true;
  document.documentElement.classList.toggle('present', presenting());
  const demo = pageDemo();
  const stop = demo ? stopOf(location.search, demo.id) : null;
  if (!stop) {
    if (presenting()) presenterOnly();
    return;
  }
  const around = neighbours(stop);
  const view = bar(stop, around, (on) => {
    setPresenting(on);
    view.sync();
  });
  (document.querySelector('.site-header') ?? document.getElementById('app'))?.after(view.node);
  document.addEventListener('keydown', (event) => {
    const to = { [-1]: around.previous, 1: around.next }[pathDirection(event, presenting())];
    if (!to) return;
    event.preventDefault();
    location.assign(urlOf(to));
  });
}
