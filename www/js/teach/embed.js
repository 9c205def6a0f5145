// The message protocol between an embedded demo (`?embed=1` in an <iframe>) and its host page
// (docs/embedding.md). Only when embedded; one call from the skeleton after each mount:
// `mountEmbed(demo, controller)`.
//
// Out (to window.parent):
//   { type: 'convplay:ready', demo, state }              once the demo first mounted
//   { type: 'convplay:state', demo, state }              whenever the demo's settings change
//   { type: 'convplay:answer', demo, question, guess, value, correct }   a "Predict first"
//        answer — only to the origin of a host that has sent a valid convplay:set (an empty
//        state {} asks for answers without changing anything), never to '*'
//   { type: 'convplay:error', demo, message }            a message that was not understood
// In (from window.parent only; other windows are ignored without a reply):
//   { type: 'convplay:set', state: { key: value, … } }   checked by the demo's schema exactly as
//        the address is (js/state.js decodeState): on any problem nothing changes and the reply
//        is a convplay:error naming it; otherwise the address takes the values and the demo is
//        mounted again from it. Anything else gets a convplay:error.
// Nothing received is evaluated or inserted as HTML: values are turned into text and parsed by
// the schema; messages quote at most 40 characters of what was sent (state.js quote).
// `state` out is the demo's settings as the address holds them (strings), public like a link.
import { DEMOS } from '../demos.js';
import { isEmbedded } from '../shell.js';
import { decodeState, quote } from '../state.js';

const MAX_KEYS = 64;
const MAX_LIST = 2000;
let readySent = false;
let answersTo = null; // the host origin that asked for answers (a valid convplay:set)
let last = null; // the address last told to the host
let listening = false;
let remounting = Promise.resolve(); // sets are applied one after another, each mount finished first

const pageDemo = () => DEMOS.find((d) => location.pathname.endsWith(`/${d.path}`))?.id ?? null;

/** The address's settings as `{ key: string }`. */
export function stateOf(search = location.search) {
  const out = {};
  for (const [k, v] of new URLSearchParams(search)) if (!(k in out)) out[k] = v;
  return out;
}

function post(message, origin = '*') {
  try {
    window.parent.postMessage(message, origin === 'null' ? '*' : origin);
  } catch {
    // a host that went away or an origin that cannot be named: nothing to tell
  }
}

/** The text of one value sent for `key`, or an error sentence. */
function valueText(key, value) {
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number' && Number.isFinite(value)) return { text: String(value) };
  if (typeof value === 'boolean') return { text: value ? '1' : '0' };
  if (Array.isArray(value) && value.length <= MAX_LIST && value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return { text: value.join(',') };
  }
  return { error: `Setting "${key}" must be a string, a finite number, true/false or a list of finite numbers.` };
}

/** Check a convplay:set's `state` against `schema`: `{ params }` to write, or `{ error }`. */
export function checkSet(state, schema, search = location.search) {
  if (state === null || typeof state !== 'object' || Array.isArray(state) || Object.getPrototypeOf(state) !== Object.prototype) {
    return { error: 'convplay:set needs "state", a plain object of settings.' };
  }
  const keys = Object.keys(state);
  if (keys.length > MAX_KEYS) return { error: `convplay:set has ${keys.length} settings; at most ${MAX_KEYS} are read.` };
  const given = new URLSearchParams();
  for (const key of keys) {
    if (!Object.hasOwn(schema, key)) return { error: `This demo has no setting ${quote(key)}.` };
    const { text, error } = valueText(key, state[key]);
    if (error) return { error };
    given.set(key, text);
  }
  const sub = Object.fromEntries(keys.map((k) => [k, schema[k]]));
  const { problems } = decodeState(given.toString(), sub);
  if (problems.length) return { error: problems.join(' ') };
  const params = new URLSearchParams(search);
  for (const [k, v] of given) params.set(k, v);
  return { params };
}

export function mountEmbed(demo, controller) {
  if (!isEmbedded() || window.parent === window) return;
  const id = pageDemo();
  if (!readySent) {
    readySent = true;
    post({ type: 'convplay:ready', demo: id, state: stateOf() });
  }
  last ??= location.search;
  const timer = setInterval(() => {
    if (location.search === last) return;
    last = location.search;
    post({ type: 'convplay:state', demo: id, state: stateOf() });
  }, 200);
  demo.own(() => clearInterval(timer));

  demo.listen(document, 'convplay:answer', (event) => {
    if (!answersTo) return;
    const { question, guess, value, correct } = event.detail ?? {};
    post({ type: 'convplay:answer', demo: id, question, guess, value, correct }, answersTo);
  });

  if (listening) return;
  listening = true; // one listener for the page's life: a set that comes while the demo remounts waits its turn
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent) return; // only the host page speaks to the demo
    const reply = (message) => post({ type: 'convplay:error', demo: id, message }, event.origin);
    const data = event.data;
    const type = data !== null && typeof data === 'object' && typeof data.type === 'string' ? data.type : null;
    if (type !== 'convplay:set') {
      reply(type ? `Unknown message type ${quote(type)}; a host may send convplay:set only.` : 'A message must be an object with a "type".');
      return;
    }
    const state = data.state;
    remounting = remounting.then(async () => {
      const current = controller();
      const schema = current?.demo?.schema;
      if (!schema) {
        reply('The demo is not running; reload the page.');
        return;
      }
      const { params, error } = checkSet(state, schema);
      if (error) {
        reply(error);
        return;
      }
      answersTo = event.origin;
      const search = params.toString().replace(/%2C/gi, ',');
      if (`?${search}` === location.search || (search === '' && location.search === '')) return;
      history.replaceState(history.state, '', `${location.pathname}?${search}${location.hash}`); // a host's set is not a new page
      current.unmount();
      await current.mount();
    });
  });
}
