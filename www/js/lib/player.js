// A step / play / pause / scrub / speed controller over a flat step counter 0…count.
//
// Demos map the counter to whatever they animate (an output position, a phase of the
// flip–slide–multiply–sum story…). `value` 0 is "before the first step", `count` the end.
//
//   const player = createPlayer({ count: 9, value: 0, speed: 2 });
//   player.subscribe((p) => draw(p.value));     // called after every change
//   player.play(); player.pause(); player.step(+1); player.set(4); player.setSpeed(8);
//   bindPlayerKeys(rootElement, player);          // ←/→ step, space plays, Home/End jump
//   const { element } = mountPlayerControls(player, { label: 'Convolution steps' });
//
// Playing uses a cancel token (as TensorFlow Playground does): every play() makes a new token
// and pause() cancels it, so a tick scheduled by an earlier play never runs once a newer play
// or a pause has happened: fast play/pause/play never runs two loops.
//
// The controller is pure (no DOM), so it runs under node:test with a fake scheduler.
export { mountPlayerControls } from './player-ui.js';

/** The speeds offered in the UI, in steps per second. */
export const SPEEDS = [0.5, 1, 2, 4, 8];

const defaultScheduler = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle),
};

function clampInt(v, lo, hi) {
  const n = Math.round(Number(v));
  if (!Number.isFinite(n)) return lo;
  return Math.min(hi, Math.max(lo, n));
}

/**
 * Make a player. Options: `count` (last step, ≥ 0), `value` (start, clamped), `speed` (steps
 * per second, > 0), `loop` (start again after the end instead of stopping), `scheduler`
 * (`{ set(fn, ms) → handle, clear(handle) }`, default setTimeout).
 */
export function createPlayer({ count = 0, value = 0, speed = 2, loop = false, scheduler = defaultScheduler } = {}) {
  const listeners = new Set();
  let current = { count: Math.max(0, Math.floor(count)), value: 0, speed: speed > 0 ? speed : 2, playing: false };
  current.value = clampInt(value, 0, current.count);
  let token = null;
  let timer = null;

  const emit = () => listeners.forEach((fn) => fn(player));

  function cancel() {
    if (token) token.cancelled = true;
    token = null;
    if (timer !== null) scheduler.clear(timer);
    timer = null;
  }

  function schedule(myToken) {
    timer = scheduler.set(() => tick(myToken), 1000 / current.speed);
  }

  function tick(myToken) {
    if (myToken.cancelled || myToken !== token) return;
    timer = null;
    if (current.value >= current.count) {
      if (!loop) return stop();
      current.value = 0;
    } else {
      current.value += 1;
    }
    if (current.value >= current.count && !loop) return stop();
    emit();
    schedule(myToken);
  }

  function stop() {
    cancel();
    current.playing = false;
    emit();
  }

  const player = {
    get value() { return current.value; },
    get count() { return current.count; },
    get speed() { return current.speed; },
    get playing() { return current.playing; },
    get atStart() { return current.value === 0; },
    get atEnd() { return current.value >= current.count; },

    /** Go to step `v` (clamped to 0…count). Does not pause. */
    set(v) {
      const next = clampInt(v, 0, current.count);
      if (next === current.value) return;
      current.value = next;
      emit();
    },
    /** Pause, then move by `delta` steps (clamped). */
    step(delta = 1) {
      if (current.playing) stop();
      player.set(current.value + delta);
    },
    first() { player.step(-current.value); },
    last() { player.step(current.count - current.value); },
    /** Start playing (from 0 if at the end). No-op if already playing or there is nothing to play. */
    play() {
      if (current.playing || current.count === 0) return;
      if (current.value >= current.count) current.value = 0;
      cancel();
      token = { cancelled: false };
      current.playing = true;
      emit();
      schedule(token);
    },
    pause() {
      if (!current.playing) return;
      stop();
    },
    toggle() {
      if (current.playing) player.pause();
      else player.play();
    },
    /** Change the number of steps (e.g. after a setting changed); the value is clamped. */
    setCount(n) {
      current.count = Math.max(0, Math.floor(Number(n) || 0));
      current.value = Math.min(current.value, current.count);
      if (current.count === 0 && current.playing) return stop();
      emit();
    },
    /** Steps per second (> 0). Takes effect from the next tick. */
    setSpeed(s) {
      const v = Number(s);
      if (!(v > 0) || v === current.speed) return;
      current.speed = v;
      emit();
    },
    /** Call `fn(player)` after every change; returns an unsubscribe function. */
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    /** Stop and forget all listeners. */
    destroy() {
      cancel();
      current.playing = false;
      listeners.clear();
    },
  };
  return player;
}

/**
 * What a key does to a player: 'back', 'forward', 'toggle', 'first', 'last' or null.
 * ←/↑ back, →/↓ forward, space toggles, Home/End jump.
 */
export function keyAction(key) {
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowUp':
      return 'back';
    case 'ArrowRight':
    case 'ArrowDown':
      return 'forward';
    case ' ':
    case 'Spacebar':
      return 'toggle';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return null;
  }
}

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/** Run a keyAction on a player. Returns true if something was done. */
export function applyKeyAction(player, action) {
  const run = { back: () => player.step(-1), forward: () => player.step(1), toggle: () => player.toggle(), first: () => player.first(), last: () => player.last() }[action];
  if (!run) return false;
  run();
  return true;
}

/**
 * Keyboard for a player on `root` (the demo's container): arrows step, space plays/pauses,
 * Home/End jump, whenever focus is inside `root` and not in a form field. Space and Enter on a
 * button keep their normal meaning (pressing the button). Returns a function that unbinds.
 */
export function bindPlayerKeys(root, player) {
  function onKey(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (TYPING.has(target?.tagName) || target?.isContentEditable) return;
    const action = keyAction(event.key);
    if (!action) return;
    if (action === 'toggle' && target?.closest?.('button, a, summary')) return;
    if (applyKeyAction(player, action)) event.preventDefault();
  }
  root.addEventListener('keydown', onKey);
  return () => root.removeEventListener('keydown', onKey);
}
