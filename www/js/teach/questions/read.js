// Reading a core result the demo shows, for the question sets beside this file: the number an
// element holds (its `data-value`, the core's own number, when the demo set one; otherwise the
// first number of its text, as the demo wrote the core's result: "= 2.5", "20,680", "16×16",
// "1.79e−11"). null when the element is not there or holds no number yet.
import { parseNumber } from '../../lib/format.js';

const NUMBER = /[+\-−]?(\d[\d,]*\.?\d*|\.\d+)(e[+\-−]?\d+)?/i;

/** The number `selector` shows (the stat value inside a stat), or null. */
export function shownNumber(selector) {
  const node = document.querySelector(selector);
  if (!node) return null;
  const raw = node.dataset.value;
  if (raw !== undefined && raw !== '') {
    const v = Number(raw);
    return Number.isFinite(v) ? v : null;
  }
  const match = node.textContent.match(NUMBER);
  return match ? parseNumber(match[0].replace(/,/g, '')) : null;
}

/** A question that waits: its prompt and why there is nothing to guess yet. */
export const waiting = (prompt, wait) => ({ prompt, value: null, wait });
