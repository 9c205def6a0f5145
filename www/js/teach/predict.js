// "Predict first": on every demo, a switch that hides the page's key number until the student has
// entered a guess, then shows the guess beside the core's value, whether it is within the stated
// tolerance, and a running score for the page. One call from the skeleton (demo.js), after each
// mount: `mountPredict(demo)`; everything it adds is released when the demo unmounts.
//
// The questions of a demo live in teach/questions/<demo id>.js (`QUESTIONS`, found by the page's
// demo id), each `{ id, label, ask(demo) }`; `ask` returns the question as the page stands now:
//   { prompt, value, tolerance, unit, reveal, choices?, detail?, wait? }
// `value` is the core's number (a core call on the demo's state, or the core result the demo
// shows), or a word of `choices` ([[value, text], …]) chosen from one; `reveal` the element(s)
// hidden until a guess; `wait` (with value null) says why there is no question yet. JavaScript
// here only compares a guess with the core's value.
//
// The address holds the switch and the question, as page keys (js/state.js PAGE_KEYS):
// `predict=1&q=<question id>`, so a link hands out the same demo as a quiz. A change of the
// demo's state that changes the question (another step, another setting) asks afresh. Answers
// never leave the tab: each is a `convplay:answer` event on `document` (detail: demo, question,
// guess, value, correct) for the embedding layer to pass on when a host page asks for them.
import { DEMOS } from '../demos.js';
import { el } from '../lib/dom.js';
import { formatCount, formatSignificant, parseNumber } from '../lib/format.js';

const HIDDEN = 'predict-hidden';
/** The page's running score: every question answered since the page was loaded (kept across remounts). */
const score = { answered: 0, right: 0 };
/** Guesses by question (`id|prompt|value`), so a remount or a re-render does not ask again. */
const guesses = new Map();

/** The demo of this page (the entry of demos.js whose path the address ends with), or null. */
function pageDemo() {
  return DEMOS.find((d) => location.pathname.endsWith(`/${d.path}`)) ?? null;
}

/** `{ on, q }` of an address. */
export function predictKeys(search = location.search) {
  const params = new URLSearchParams(search);
  return { on: params.get('predict') === '1', q: params.get('q') };
}

/** Write the switch and the question into the address (no reload, no new history entry). */
function writeKeys(on, q) {
  const params = new URLSearchParams(location.search);
  params.delete('predict');
  params.delete('q');
  if (on) {
    params.set('predict', '1');
    if (q) params.set('q', q);
  }
  const search = params.toString().replace(/%2C/gi, ',');
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
}

/** The elements of `reveal` (an element, a list, a selector or a list of them), found in the page. */
function elements(reveal) {
  const out = [];
  for (const item of [reveal ?? []].flat()) {
    if (typeof item === 'string') out.push(...document.querySelectorAll(item));
    else if (item instanceof Element) out.push(item);
  }
  return out;
}

/** A number as the panel writes it: whole numbers with separators, others to 4 significant digits. */
export function numberText(x) {
  return Number.isInteger(x) && Math.abs(x) >= 1000 ? formatCount(x) : formatSignificant(x, 4);
}

/** Whether `guess` counts as right for `asked`; null when the guess cannot be read. */
export function judge(asked, text) {
  if (asked.choices) return asked.choices.some(([v]) => v === text) ? text === asked.value : null;
  const plain = String(text).trim().replace(/(\d),(?=\d{3}\b)/g, '$1').replace(/^10\s*\^/, '1e').replace(/\s*[×x*·]\s*10\s*\^\s*/i, 'e');
  const guess = parseNumber(plain);
  if (guess === null) return null;
  return Math.abs(guess - asked.value) <= asked.tolerance + 1e-9 * Math.max(1, Math.abs(asked.value));
}

/** Build the panel for `questions` on this mount of `demo`. */
function build(demo, questions, demoId) {
  const keys = predictKeys();
  let question = questions.find((q) => q.id === keys.q) ?? questions[0];
  let asked = null;
  let hidden = [];

  const toggle = el('input', { type: 'checkbox', id: 'predict-switch' });
  toggle.checked = keys.on;
  const select = el('select', { id: 'predict-question' }, questions.map((q) => el('option', { value: q.id, text: q.label })));
  select.value = question.id;
  const prompt = el('p', { class: 'predict-prompt', id: 'predict-prompt' });
  const guess = el('input', { type: 'text', id: 'predict-guess', inputmode: 'decimal', autocomplete: 'off', 'aria-describedby': 'predict-prompt predict-tolerance' });
  const choice = el('select', { id: 'predict-choice', 'aria-describedby': 'predict-prompt' });
  const unit = el('span', { class: 'predict-unit', id: 'predict-unit' });
  const check = el('button', { type: 'submit', id: 'predict-check', text: 'Check' });
  const tolerance = el('p', { class: 'predict-tolerance', id: 'predict-tolerance' });
  const result = el('p', { class: 'predict-result', id: 'predict-result', role: 'status', 'aria-live': 'polite', tabindex: '-1' });
  const tally = el('p', { class: 'predict-score', id: 'predict-score' });
  const guessLabel = el('label', { for: 'predict-guess', text: 'Your guess' });
  const form = el('form', { class: 'predict-form', id: 'predict-form' }, [
    el('div', { class: 'predict-entry' }, [guessLabel, el('span', { class: 'predict-input' }, [guess, choice, unit]), check]),
    tolerance,
  ]);
  const body = el('div', { class: 'predict-body', id: 'predict-body' }, [
    el('div', { class: 'predict-pick' }, [el('label', { for: 'predict-question', text: 'Question' }), select]),
    prompt, form, result, tally,
  ]);
  const panel = el('section', { class: 'predict', id: 'predict', 'aria-label': 'Predict first' }, [
    el('label', { class: 'predict-switch' }, [toggle, ' Predict first: hide the key number until you have guessed it']),
    body,
  ]);
  demo.root.before(panel);

  const keyOf = (a) => (a ? `${question.id}|${a.prompt}|${a.value}` : '');
  const answer = () => guesses.get(keyOf(asked)) ?? null;

  /** Hide the question's elements while it waits for a guess; show everything otherwise. */
  function applyHiding() {
    const want = toggle.checked && asked && !answer() ? elements(asked.reveal) : [];
    for (const e of hidden) if (!want.includes(e)) e.classList.remove(HIDDEN);
    for (const e of want) e.classList.add(HIDDEN);
    hidden = want;
  }

  function showScore() {
    tally.textContent = score.answered
      ? `Score on this page: ${score.right} of ${score.answered} within the tolerance.`
      : 'Score on this page: no guesses yet.';
  }

  /** The result line for an answered question. */
  function resultText(a, g) {
    const shown = (v) => (a.choices ? a.choices.find(([c]) => c === v)?.[1] ?? v : `${numberText(v)}${a.unit ? ` ${a.unit}` : ''}`);
    const within = a.tolerance ? `within ±${numberText(a.tolerance)}` : 'exactly';
    const verdict = a.choices ? (g.correct ? 'Right.' : 'Not right.') : g.correct ? `Right: ${within}.` : `Not ${within}.`;
    return `Your guess: ${a.choices ? shown(g.guess) : g.guess} · the core: ${shown(a.value)}. ${verdict}${a.detail ? ` ${a.detail}` : ''}`;
  }

  /** Ask the question again from the page as it stands; a different question starts afresh. */
  function refresh() {
    let next;
    try {
      next = question.ask(demo);
    } catch (err) {
      next = { prompt: question.label, value: null, wait: `No question for this setting (${err.message}).` };
    }
    const changed = keyOf(next) !== keyOf(asked);
    asked = next;
    if (changed) {
      const a = asked;
      prompt.textContent = a.value === null || a.value === undefined ? `${a.prompt} ${a.wait ?? ''}`.trim() : a.prompt;
      const ready = a.value !== null && a.value !== undefined;
      guess.hidden = Boolean(a.choices);
      choice.hidden = !a.choices;
      guessLabel.htmlFor = a.choices ? 'predict-choice' : 'predict-guess';
      if (a.choices) choice.replaceChildren(...[['', 'Choose…'], ...a.choices].map(([v, t]) => el('option', { value: v, text: t })));
      unit.textContent = a.unit ?? '';
      tolerance.textContent = !ready ? '' : a.choices ? 'Choose one.'
        : a.tolerance ? `Within ±${numberText(a.tolerance)}${a.unit ? ` ${a.unit}` : ''} counts as right.` : 'Only the exact value counts as right.';
      const g = ready ? answer() : null;
      for (const c of [guess, choice, check]) c.disabled = !ready || Boolean(g);
      if (!g) {
        guess.value = '';
        choice.value = '';
      }
      result.textContent = g ? resultText(a, g) : '';
      result.dataset.value = g && !a.choices ? String(a.value) : '';
    }
    applyHiding();
  }

  function submit(event) {
    event.preventDefault();
    if (!asked || asked.value === null || asked.value === undefined || answer()) return;
    const text = (asked.choices ? choice.value : guess.value).trim();
    const correct = judge(asked, text);
    if (correct === null) {
      result.textContent = asked.choices ? 'Choose an answer first.' : `“${text}” is not a number: type one, e.g. 12, 0.33 or 1/3.`;
      return;
    }
    const g = { guess: text, correct };
    guesses.set(keyOf(asked), g);
    score.answered += 1;
    if (correct) score.right += 1;
    for (const c of [guess, choice, check]) c.disabled = true;
    result.textContent = resultText(asked, g);
    result.dataset.value = asked.choices ? '' : String(asked.value);
    showScore();
    applyHiding();
    result.focus(); // the button it came from is now disabled; the result is read out (aria-live)
    document.dispatchEvent(new CustomEvent('convplay:answer', {
      detail: { demo: demoId, question: question.id, guess: asked.choices ? text : parseNumber(text.replace(/,/g, '')) ?? text, value: asked.value, correct },
    }));
  }

  function setOn(on) {
    body.hidden = !on;
    panel.classList.toggle('on', on);
    writeKeys(on, on ? question.id : null);
    refresh();
    applyHiding();
  }

  form.addEventListener('submit', submit);
  toggle.addEventListener('change', () => setOn(toggle.checked));
  select.addEventListener('change', () => {
    question = questions.find((q) => q.id === select.value) ?? questions[0];
    asked = null;
    writeKeys(toggle.checked, question.id);
    refresh();
  });

  // Re-ask when the demo redraws (a step, a setting, a result that arrived).
  let timer = 0;
  // Elements the demo drew anew are hidden at once (before they are painted); the question itself
  // is asked again a moment later, once a burst of redrawing is over.
  const observer = new MutationObserver(() => {
    applyHiding();
    if (!timer) timer = setTimeout(() => { timer = 0; refresh(); }, 40);
  });
  observer.observe(demo.root, { childList: true, subtree: true, characterData: true });
  demo.own(() => {
    observer.disconnect();
    clearTimeout(timer);
    for (const e of hidden) e.classList.remove(HIDDEN);
    panel.remove();
  });

  showScore();
  setOn(toggle.checked);
}

/** Mount "Predict first" on this mount of `demo` (see the top of this file). */
export function mountPredict(demo) {
  const page = pageDemo();
  if (!page) return;
  import(`./questions/${page.id}.js`).then(({ QUESTIONS }) => {
    if (demo.alive && QUESTIONS?.length) build(demo, QUESTIONS, page.id);
  }, (err) => console.warn(`predict: no questions for ${page.id}:`, err));
}
