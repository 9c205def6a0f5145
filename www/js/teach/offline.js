// Offline use: registers the service worker (www/sw.js) that keeps the whole site on this device
// and says in one short line when the site is ready for offline use, when an update was saved, and
// why not if it cannot be. The line sits in the footer; embedded (?embed=1) it is a quiet line
// under the demo. One call per page: `watchOffline()` (the demo skeleton and the landing page).
//
// Only over http(s): a service worker never runs from file://, and the pages do not either. A
// browser that declines to register (a private window, a test harness) leaves the line empty.
// Messages from the worker are data: only their known fields are read, and only as text.
import { el } from '../lib/dom.js';
import { formatCount, formatValue } from '../lib/format.js';
import { isEmbedded } from '../shell.js';

const WORKER_URL = new URL('../../sw.js', import.meta.url);

let watching = null;

/** The status line: in the footer, or (embedded, or no footer) quietly after the page's content. */
function statusLine(embedded) {
  const line = el('p', { class: `offline-status${embedded ? ' quiet' : ''}`, role: 'status', id: 'offline-status' });
  const footer = embedded ? null : document.querySelector('.site-footer');
  if (footer) footer.append(line);
  else (document.getElementById('app') ?? document.body).append(line);
  return line;
}

const megabytes = (bytes) => `${formatValue(Math.max(0.1, bytes / 1e6), { decimals: 1 })} MB`;

/** The sentence for a message from the worker (`quiet`: the short form for embedded pages). */
export function offlineText(message, { quiet = false, online = true } = {}) {
  const files = Number.isFinite(message.files) ? formatCount(message.files) : '';
  const size = Number.isFinite(message.bytes) && message.bytes > 0 ? `, ${megabytes(message.bytes)}` : '';
  const offline = online ? '' : ' You are offline: this is the saved copy.';
  switch (message.state) {
    case 'saving':
      return quiet ? 'Saving for offline use…' : `Saving ConvPlay on this device for offline use (${files} files${size})…`;
    case 'ready':
      if (message.updated) {
        return quiet ? 'Update installed; ready for offline use.' : `Update installed: the new version of ConvPlay is saved on this device, ready for offline use (${files} files${size}).`;
      }
      return (quiet ? 'Ready for offline use.' : `Ready for offline use: all ${files} files of ConvPlay${size} are saved on this device.`) + offline;
    case 'incomplete':
      return quiet ? 'Not ready for offline use.' : `Not ready for offline use: ${message.reason || `${formatCount(message.missing)} of ${files} files are missing from this device; open ConvPlay online to save them again`}.`;
    case 'failed':
      return quiet ? 'Not available offline.' : `Not available offline: ${message.reason}.`;
    default:
      return '';
  }
}

/**
 * Register the service worker and keep the status line up to date. Returns a promise of the
 * registration (undefined when there is none); calling it again returns the same promise.
 */
export function watchOffline({ embedded = isEmbedded() } = {}) {
  watching ??= start(embedded).catch((err) => {
    console.warn('offline use:', err);
    return undefined;
  });
  return watching;
}

async function start(embedded) {
  if (!/^https?:$/.test(location.protocol)) return undefined;
  const line = statusLine(embedded);
  const say = (message) => {
    line.textContent = offlineText(message, { quiet: embedded, online: navigator.onLine });
    line.dataset.state = message.state;
    if (message.version) line.dataset.version = String(message.version);
  };
  const container = navigator.serviceWorker;
  if (!container) {
    if (!embedded) say({ state: 'failed', reason: 'this browser keeps sites for offline use only at an https:// address' });
    return undefined;
  }
  let installing = false; // an install was heard of: a status answer from an older worker must not hide it
  const hear = (data, answer) => {
    if (!data || typeof data !== 'object' || data.type !== 'convplay:offline' || typeof data.state !== 'string') return;
    if (answer && installing) return;
    if (!answer) installing = true;
    say({
      state: data.state,
      updated: data.updated === true,
      version: typeof data.version === 'string' ? data.version : '',
      files: Number(data.files),
      bytes: Number(data.bytes),
      missing: Number(data.missing),
      reason: typeof data.reason === 'string' ? data.reason.slice(0, 300) : '',
    });
  };
  container.addEventListener('message', (event) => hear(event.data, false));
  container.startMessages();

  let registration;
  try {
    registration = await container.register(WORKER_URL.href, { updateViaCache: 'none' });
  } catch (err) {
    say({ state: 'failed', reason: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
  if (!registration) return undefined; // registration declined (a test harness that blocks workers)
  if (registration.active && !registration.installing && !registration.waiting) {
    ask(registration.active, (data) => hear(data, true));
    // Look for a new build now rather than at the browser's leisure (nothing happens offline).
    if (navigator.onLine) registration.update().catch(() => {});
  }
  return registration;
}

/** Ask the active worker what it holds; `answer(data)` gets its reply. */
function ask(worker, answer) {
  const channel = new MessageChannel();
  channel.port1.onmessage = (event) => {
    channel.port1.close();
    answer(event.data);
  };
  worker.postMessage({ type: 'convplay:offline-status' }, [channel.port2]);
}
