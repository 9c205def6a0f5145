// The path page (path.html): the lecture's stops grouped by topic, in order, each with what to
// notice and a link that opens its demo in that state (teach/path.js); and two ways to start.
// Like the landing page, it registers the offline copy and says when it is ready (teach/offline.js).
import { DEMOS } from '../demos.js';
import { el } from '../lib/dom.js';
import { PATH, TOPICS, stopPath } from './path.js';
import { watchOffline } from './offline.js';

const demoTitle = (id) => DEMOS.find((d) => d.id === id).title;

function stopItem(stop) {
  const number = PATH.indexOf(stop) + 1;
  return el('li', { class: 'path-stop', id: `stop-${stop.id}` }, [
    el('span', { class: 'stop-number', 'aria-hidden': 'true', text: String(number) }),
    el('a', { class: 'stop-link', href: stopPath(stop), 'data-stop': stop.id, text: stop.title }),
    el('p', { class: 'stop-demo', text: `Stop ${number} of ${PATH.length} · ${demoTitle(stop.demo)}` }),
    el('p', { class: 'stop-notice', text: stop.notice }),
    el('a', { class: 'stop-quiz', href: stopPath(stop, { predict: true }), text: 'Open as a quiz', 'aria-label': `Open as a quiz: ${stop.title}` }),
  ]);
}

function topicSection(topic, index) {
  const stops = PATH.filter((s) => s.topic === topic);
  const headingId = `topic-${index + 1}`;
  return el('section', { class: 'path-topic', 'aria-labelledby': headingId }, [
    el('h2', { id: headingId, text: topic }),
    el('ol', { class: 'path-stops', start: String(PATH.indexOf(stops[0]) + 1) }, stops.map(stopItem)),
  ]);
}

document.getElementById('path-start').replaceChildren(
  el('a', { class: 'button', id: 'start-path', href: stopPath(PATH[0]), text: `Start at stop 1 of ${PATH.length}` }),
  el('a', { id: 'start-presenting', href: stopPath(PATH[0], { present: true }), text: 'Start in presenter mode' }),
  el('a', { id: 'start-quiz', href: stopPath(PATH[0], { predict: true }), text: 'Walk it as a quiz (Predict first)' }),
);
document.getElementById('path-list').replaceChildren(...TOPICS.map(topicSection));
watchOffline();
