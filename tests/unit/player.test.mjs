// www/js/lib/player.js: the step counter, play/pause with a cancel token, keys. Pure, no DOM:
// a fake scheduler runs the "timers" by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyKeyAction, createPlayer, keyAction, SPEEDS } from '../../www/js/lib/player.js';

/** A scheduler whose timers run only when `fire()` is called. `clear` can be disabled. */
function fakeScheduler({ clearWorks = true } = {}) {
  const timers = new Map();
  let next = 1;
  return {
    delays: [],
    set(fn, ms) {
      this.delays.push(ms);
      timers.set(next, fn);
      return next++;
    },
    clear(id) {
      if (clearWorks) timers.delete(id);
    },
    get pending() { return timers.size; },
    /** Run every timer due now (those set while running wait for the next call). */
    fire() {
      const due = [...timers.entries()];
      timers.clear();
      for (const [, fn] of due) fn();
    },
  };
}

test('value is clamped to 0…count; step and set move it', () => {
  const p = createPlayer({ count: 5, value: 9 });
  assert.equal(p.value, 5);
  p.set(-3);
  assert.equal(p.value, 0);
  p.step(2);
  p.step();
  assert.equal(p.value, 3);
  p.step(10);
  assert.equal(p.value, 5);
  assert.equal(p.atEnd, true);
  p.first();
  assert.equal(p.atStart, true);
  p.last();
  assert.equal(p.value, 5);
});

test('play advances one step per tick and stops at the end', () => {
  const scheduler = fakeScheduler();
  const p = createPlayer({ count: 3, speed: 4, scheduler });
  const seen = [];
  p.subscribe((player) => seen.push([player.value, player.playing]));
  p.play();
  assert.equal(p.playing, true);
  scheduler.fire();
  scheduler.fire();
  scheduler.fire();
  assert.equal(p.value, 3);
  assert.equal(p.playing, false);
  assert.equal(scheduler.pending, 0, 'no timer left after the end');
  assert.deepEqual(scheduler.delays, [250, 250, 250]);
  assert.deepEqual(seen, [[0, true], [1, true], [2, true], [3, false]]);
});

test('play at the end starts again from 0; loop wraps around', () => {
  const p = createPlayer({ count: 2, value: 2, scheduler: fakeScheduler() });
  p.play();
  assert.equal(p.value, 0);
  p.destroy();
  const s = fakeScheduler();
  const q = createPlayer({ count: 1, loop: true, scheduler: s });
  q.play();
  s.fire();
  assert.equal(q.value, 1);
  s.fire();
  assert.equal(q.value, 0);
  assert.equal(q.playing, true);
  q.destroy();
});

test('pause cancels: a timer that fires anyway does nothing (cancel token)', () => {
  const scheduler = fakeScheduler({ clearWorks: false }); // timers cannot be cleared
  const p = createPlayer({ count: 10, scheduler });
  p.play();
  p.pause();
  p.play();
  p.pause();
  p.play(); // three plays, two pauses, in quick succession
  assert.equal(scheduler.pending, 3);
  scheduler.fire(); // all three old and new timers fire
  assert.equal(p.value, 1, 'only the newest loop advanced');
  assert.equal(scheduler.pending, 1, 'and only it scheduled a next tick');
  p.pause();
  scheduler.fire();
  assert.equal(p.value, 1);
});

test('play twice does not start a second loop; step pauses', () => {
  const scheduler = fakeScheduler();
  const p = createPlayer({ count: 10, scheduler });
  p.play();
  p.play();
  assert.equal(scheduler.pending, 1);
  scheduler.fire();
  p.step(1);
  assert.equal(p.playing, false);
  assert.equal(p.value, 2);
  assert.equal(scheduler.pending, 0);
});

test('setCount clamps the value and stops when there is nothing to play', () => {
  const scheduler = fakeScheduler();
  const p = createPlayer({ count: 9, value: 7, scheduler });
  p.setCount(4);
  assert.equal(p.value, 4);
  p.setCount(12);
  assert.equal(p.value, 4);
  p.play();
  p.setCount(0);
  assert.equal(p.playing, false);
  assert.equal(p.value, 0);
  p.play();
  assert.equal(p.playing, false, 'count 0: play is a no-op');
});

test('setSpeed changes the delay of the next tick; bad speeds are ignored', () => {
  const scheduler = fakeScheduler();
  const p = createPlayer({ count: 9, speed: 1, scheduler });
  p.play();
  p.setSpeed(8);
  p.setSpeed(0);
  p.setSpeed('fast');
  scheduler.fire();
  assert.deepEqual(scheduler.delays, [1000, 125]);
  assert.equal(p.speed, 8);
  assert.deepEqual(SPEEDS, [0.5, 1, 2, 4, 8]);
});

test('subscribe returns an unsubscribe function; destroy stops everything', () => {
  const scheduler = fakeScheduler();
  const p = createPlayer({ count: 3, scheduler });
  let calls = 0;
  const off = p.subscribe(() => { calls += 1; });
  p.set(1);
  off();
  p.set(2);
  assert.equal(calls, 1);
  p.play();
  p.destroy();
  scheduler.fire();
  assert.equal(p.value, 2);
  assert.equal(p.playing, false);
});

test('keys: arrows step, space toggles, Home/End jump, others ignored', () => {
  assert.equal(keyAction('ArrowRight'), 'forward');
  assert.equal(keyAction('ArrowDown'), 'forward');
  assert.equal(keyAction('ArrowLeft'), 'back');
  assert.equal(keyAction('ArrowUp'), 'back');
  assert.equal(keyAction(' '), 'toggle');
  assert.equal(keyAction('Home'), 'first');
  assert.equal(keyAction('End'), 'last');
  assert.equal(keyAction('x'), null);
  const scheduler = fakeScheduler();
  const p = createPlayer({ count: 4, scheduler });
  assert.equal(applyKeyAction(p, 'forward'), true);
  applyKeyAction(p, 'last');
  applyKeyAction(p, 'back');
  assert.equal(p.value, 3);
  applyKeyAction(p, 'toggle');
  assert.equal(p.playing, true);
  applyKeyAction(p, 'toggle');
  assert.equal(p.playing, false);
  assert.equal(applyKeyAction(p, null), false);
});
