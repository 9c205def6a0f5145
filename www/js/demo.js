// The demo skeleton: every demo is one `defineDemo({...})` in www/js/demos/<name>/main.js. The
// skeleton draws the page shell, loads the core (and the digits when asked), reads the state from
// the URL and checks it against the demo's schema, shows problems in words, and mounts the demo;
// unmounting frees everything the demo registered (wasm handles, players, workers, timers,
// listeners, observers), so a demo can be mounted again from the current URL.
//
//   defineDemo({
//     title: 'Convolution in 2D', description: '…',
//     needs: ['digits'],                            // optional: loaded before mount
//     schema,                                       // state.js schema, or ({ digits }) => schema
//     check(state, problems, { core, digits }) {},  // optional checks across keys, after the schema's
//     mount(demo) { … },                            // may be async; may return a cleanup function
//   });
//
// `demo` holds: core, digits, root (the demo's element), state (the URL's settings, checked),
// and the helpers below. State written by the demo is saved with `demo.save()`.
//
// Recover, don't die: an error that means the core instance broke (a trap, see wasm.js
// isCoreBroken), whether passed to demo.fail or thrown uncaught, unmounts the demo, loads a fresh
// core and mounts the demo again from the URL, saying so. If the fresh mount breaks the core
// again at once, the demo is mounted once more with its default settings; then it stops trying.
import { footerLine, mountShell, showError, clearError } from './shell.js';
import { CORE_BUILD_NAMES, coreBuild, isCoreBroken, loadCore } from './wasm.js';
import { decodeState, encodeState, readState, writeState } from './state.js';
import { loadDigits } from './lib/digits.js';
import { createTrainerClient } from './lib/worker-client.js';
import { watchOffline } from './teach/offline.js';
import { mountNavigation } from './teach/navigation.js';
import { mountPredict } from './teach/predict.js';
import { mountHandouts } from './teach/handouts.js';
import { mountEmbed } from './teach/embed.js';

let current = null;

/** A link to one section of a demo (#id): the section exists only once mounted, so scroll to it then. */
function revealLinkedSection() {
  let id = location.hash.slice(1);
  try {
    id = decodeURIComponent(id);
  } catch {
    return; // not a section's id
  }
  if (id) document.getElementById(id)?.scrollIntoView();
}

/** The mounted demo's controller `{ mount(), unmount(), mounted }` (for tests and hosts). */
export function currentDemo() {
  return current;
}

/** How to release a resource a demo registered with `own`. */
function release(x) {
  if (typeof x === 'function') x();
  else if (typeof x?.free === 'function') x.free();
  else if (typeof x?.destroy === 'function') x.destroy();
  else if (typeof x?.close === 'function') x.close();
  else if (typeof x?.disconnect === 'function') x.disconnect();
  else if (typeof x?.terminate === 'function') x.terminate();
}

function messageOf(err) {
  return err instanceof Error ? err.message : String(err);
}

/** Create the `demo` object one mount hands to the demo; `onBroken(err)` when the core broke. */
function createContext({ core, resources, root, schema, state, problems, onBroken }) {
  const owned = [];
  let notices = [...problems];
  let error = '';
  let trainer = null;

  const render = () => {
    const lines = error ? [...notices, error] : notices;
    if (lines.length) showError(lines.join('\n'));
    else clearError();
  };

  const demo = {
    core,
    ...resources,
    root,
    schema,
    state,
    alive: true,
    /** Write the state into the URL (no new history entry). */
    save: () => writeState(state, schema),
    /** The notices shown now (problems with settings). */
    get notices() {
      return [...notices];
    },
    /** Replace the notices (problems with settings) shown above the demo. */
    notify(list) {
      notices = [...list];
      render();
    },
    /** Show an error from a computation (or clear it with null); notices stay. A broken core is recovered. */
    fail(err) {
      if (err && isCoreBroken(err)) {
        onBroken(err);
        return;
      }
      error = err ? messageOf(err) : '';
      render();
    },
    /** Clear notices and the error. */
    clear() {
      notices = [];
      error = '';
      render();
    },
    /**
     * Set `key` from what a person typed, checked against the schema like a URL value. Returns
     * true if it was taken; otherwise the notice says why and the state keeps its value.
     */
    set(key, text) {
      const decoded = decodeState(new URLSearchParams({ [key]: String(text) }).toString(), { [key]: schema[key] });
      const others = notices.filter((n) => !n.startsWith(`Setting "${key}"`));
      if (decoded.problems.length) {
        demo.notify([...others, decoded.problems[0].replace('; using the default.', `; keeping ${state[key]}.`)]);
        return false;
      }
      state[key] = decoded.state[key];
      if (others.length !== notices.length) demo.notify(others);
      return true;
    },
    /** Release `x` (a wasm handle, player, worker client, observer, or a function) when unmounting. */
    own(x) {
      owned.push(x);
      return x;
    },
    /** addEventListener, removed when unmounting. */
    listen(target, type, fn, options) {
      target.addEventListener(type, fn, options);
      owned.push(() => target.removeEventListener(type, fn, options));
    },
    /** setTimeout, cleared when unmounting. */
    timeout(fn, ms) {
      const handle = setTimeout(fn, ms);
      owned.push(() => clearTimeout(handle));
      return handle;
    },
    /** Call `fn` whenever `element` changes size, until unmounting. */
    observe(element, fn) {
      const observer = new ResizeObserver(fn);
      observer.observe(element);
      owned.push(observer);
      return observer;
    },
    /** The trainer worker of this mount (started on first use, stopped when unmounting). */
    trainer() {
      trainer ??= demo.own(createTrainerClient());
      return trainer;
    },
    dispose() {
      demo.alive = false;
      while (owned.length) {
        try {
          release(owned.pop());
        } catch (err) {
          console.warn('unmount:', err);
        }
      }
    },
  };
  render();
  return demo;
}

async function loadResources(core, needs) {
  const resources = {};
  if (needs.includes('digits')) resources.digits = await loadDigits(core);
  return resources;
}

const RECOVERY_WINDOW_MS = 10000; // a second break within this time of a recovery is "again at once"

/** Define, and mount, the page's demo (see the top of this file). */
export function defineDemo(spec) {
  const { content } = mountShell({ title: spec.title, description: spec.description ?? '' });
  mountNavigation(); // the lecture path's previous / next and presenter mode (stop=, present=)
  let context = null;
  let cleanup = null;
  let recovering = null;
  let pending = null; // a break reported while recovering
  let lastRecovery = { at: -Infinity, defaults: false };

  async function mount({ fresh = false, notices = [] } = {}) {
    if (context) return;
    const core = await loadCore({ fresh });
    footerLine('core-build', `Core: ${CORE_BUILD_NAMES[coreBuild(core)]}.`); // which of the two wasm builds runs
    const resources = await loadResources(core, spec.needs ?? []);
    const schema = typeof spec.schema === 'function' ? spec.schema(resources) : (spec.schema ?? {});
    const { state, problems } = readState(schema);
    spec.check?.(state, problems, { core, ...resources });
    context = createContext({ core, resources, root: content, schema, state, problems: [...problems, ...notices], onBroken: recover });
    document.documentElement.dataset.mounted = 'mounting';
    const result = await spec.mount(context);
    if (typeof result === 'function') cleanup = result;
    mountPredict(context); // "Predict first" (predict=, q=): its questions in teach/questions/<demo>.js
    mountHandouts(context); // Copy link / embed code / PyTorch (teach/exports/<demo>.js)
    mountEmbed(context, () => current); // the message protocol with a host page, only when embedded
    document.documentElement.dataset.mounted = '1';
    revealLinkedSection();
  }

  function unmount() {
    if (!context) return;
    try {
      cleanup?.();
    } catch (err) {
      console.warn('unmount:', err);
    }
    cleanup = null;
    context.dispose();
    context = null;
    content.replaceChildren();
    clearError();
    document.documentElement.dataset.mounted = '0';
  }

  /** The core broke: mount again on a fresh core (from the URL, or from the defaults if that broke it again at once). */
  function recover(err) {
    if (recovering) {
      pending ??= err;
      return recovering;
    }
    recovering = (async () => {
      await null; // leave the call that found the break before tearing its demo down
      for (let next = err; next; next = pending) {
        pending = null;
        if (!(await remount(next))) break;
      }
    })().finally(() => {
      recovering = null;
      pending = null;
    });
    return recovering;
  }

  /** One recovery; false when the skeleton gives up (the core broke again with the defaults). */
  async function remount(err) {
    const reason = messageOf(err);
    const again = performance.now() - lastRecovery.at < RECOVERY_WINDOW_MS;
    unmount();
    if (again && lastRecovery.defaults) {
      showError(`The WebAssembly core failed again (${reason}), even with the default settings. Reload the page to start afresh.`);
      document.documentElement.dataset.mounted = 'failed';
      return false;
    }
    if (again) {
      history.replaceState(history.state, '', `${location.pathname}${encodeState({}, {}, location.search)}${location.hash}`); // page keys only
    }
    lastRecovery = { at: performance.now(), defaults: again };
    const notice = again
      ? `The WebAssembly core failed again (${reason}). It was restarted and the demo set up with its default settings.`
      : `The WebAssembly core failed (${reason}). It was restarted and the demo set up again from the page's address; the last change may be lost.`;
    document.documentElement.dataset.recoveries = String(Number(document.documentElement.dataset.recoveries ?? 0) + 1);
    try {
      await mount({ fresh: true, notices: [notice] });
    } catch (next) {
      if (!isCoreBroken(next)) {
        showError(next);
        return false;
      }
      pending ??= next;
    }
    return true;
  }

  const brokenCore = (err) => {
    if (!isCoreBroken(err)) return false;
    recover(err);
    return true;
  };
  window.addEventListener('error', (event) => {
    if (brokenCore(event.error)) event.preventDefault();
  });
  window.addEventListener('unhandledrejection', (event) => {
    if (brokenCore(event.reason)) event.preventDefault();
  });

  current = {
    mount: () => mount().catch((err) => (brokenCore(err) ? undefined : showError(err))),
    unmount,
    /** Recover from a broken core as the skeleton does on its own (tests and hosts). */
    recover,
    get mounted() {
      return context !== null;
    },
    /** The mounted demo's `demo` object (tests and hosts), or null. */
    get demo() {
      return context;
    },
  };
  // Saving the site for offline use waits until the demo is up, so it never slows the first visit.
  return current.mount().then(() => void watchOffline());
}
