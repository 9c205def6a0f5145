// The buttons, scrubber and speed menu of a player (see player.js, which re-exports this).
//
//   const controls = mountPlayerControls(player, {
//     label: 'Convolution steps',                       // names the group for screen readers
//     describe: (value, count) => `Step ${value} of ${count}`,   // the status text
//     speeds: [0.5, 1, 2, 4, 8],                         // steps per second
//   });
//   parent.append(controls.element);
//
// The controls follow the player (they subscribe to it); `controls.refresh()` re-reads it,
// `controls.destroy()` unsubscribes. Classes: .player, .player-buttons, .player-scrub,
// .player-status; buttons carry data-action="first|back|toggle|forward|last".

import { el } from './dom.js';

const DEFAULT_SPEEDS = [0.5, 1, 2, 4, 8];
const PLAY = '▶ Play';
const PAUSE = '❚❚ Pause';

/** A button showing `symbol` (and `word`, which narrow screens may hide); `label` names it. */
function button(action, symbol, label, word = '') {
  const b = el('button', { type: 'button', class: 'secondary player-button', 'data-action': action, 'aria-label': label, title: label });
  b.append(el('span', { 'aria-hidden': 'true', text: symbol }));
  if (word) b.append(el('span', { class: 'player-word', 'aria-hidden': 'true', text: word }));
  return b;
}

/** Build the controls for `player`; returns `{ element, refresh, destroy }`. */
export function mountPlayerControls(player, { label = 'Steps', describe, speeds = DEFAULT_SPEEDS } = {}) {
  const describeStep = describe ?? ((value, count) => `Step ${value} of ${count}`);
  const element = el('div', { class: 'player', role: 'group', 'aria-label': label });

  const buttons = el('div', { class: 'player-buttons' });
  const first = button('first', '⇤', 'Back to the start (Home)');
  const back = button('back', '◀', 'Step back (left arrow)', ' Step');
  const toggle = button('toggle', PLAY, 'Play (space)');
  toggle.classList.remove('secondary');
  const forward = button('forward', '▶', 'Step forward (right arrow)', ' Step');
  forward.prepend(forward.lastChild); // "Step ▶"
  forward.firstChild.textContent = 'Step ';
  const last = button('last', '⇥', 'Jump to the end (End)');
  buttons.append(first, back, toggle, forward, last);

  const scrubLabel = el('label', { class: 'player-scrub' });
  const scrubText = el('span', { class: 'visually-hidden', text: `${label}: position` });
  const scrub = el('input', { type: 'range', min: '0', step: '1', 'aria-label': `${label}: position` });
  scrubLabel.append(scrubText, scrub);

  const speedLabel = el('label', { class: 'player-speed' });
  speedLabel.append(el('span', { text: 'Speed' }));
  const speed = el('select', { 'aria-label': 'Speed in steps per second' });
  for (const s of speeds) speed.append(el('option', { value: String(s), text: `${s}/s` }));
  speedLabel.append(speed);

  const status = el('p', { class: 'player-status', 'aria-live': 'polite' });
  element.append(buttons, scrubLabel, speedLabel, status);

  const actions = {
    first: () => player.first(),
    back: () => player.step(-1),
    toggle: () => player.toggle(),
    forward: () => player.step(1),
    last: () => player.last(),
  };
  buttons.addEventListener('click', (event) => {
    const action = event.target.closest('button')?.dataset.action;
    if (action) actions[action]();
  });
  scrub.addEventListener('input', () => {
    player.pause();
    player.set(Number(scrub.value));
  });
  speed.addEventListener('change', () => player.setSpeed(Number(speed.value)));

  function refresh() {
    const { value, count, playing } = player;
    scrub.max = String(count);
    scrub.value = String(value);
    scrub.disabled = count === 0;
    scrub.setAttribute('aria-valuetext', describeStep(value, count));
    if (speed.value !== String(player.speed)) {
      if (![...speed.options].some((o) => o.value === String(player.speed))) {
        speed.append(el('option', { value: String(player.speed), text: `${player.speed}/s` }));
      }
      speed.value = String(player.speed);
    }
    toggle.firstChild.textContent = playing ? PAUSE : PLAY;
    toggle.setAttribute('aria-label', playing ? 'Pause (space)' : 'Play (space)');
    toggle.title = toggle.getAttribute('aria-label');
    toggle.setAttribute('aria-pressed', String(playing));
    // aria-disabled (not disabled) so a focused button keeps focus when it reaches an end.
    toggle.setAttribute('aria-disabled', String(count === 0));
    for (const b of [first, back]) b.setAttribute('aria-disabled', String(value === 0));
    for (const b of [forward, last]) b.setAttribute('aria-disabled', String(value >= count));
    // While playing, the live region stays quiet (it would chatter); it speaks once paused.
    status.setAttribute('aria-live', playing ? 'off' : 'polite');
    status.textContent = describeStep(value, count);
  }

  const unsubscribe = player.subscribe(refresh);
  refresh();
  return { element, refresh, destroy: unsubscribe };
}
