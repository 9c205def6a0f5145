// The landing page: the lecture path first (its first stop linked from teach/path.js), then the
// demo list from demos.js.
import { DEMOS } from './demos.js';
import { el } from './lib/dom.js';
import { PATH, stopPath } from './teach/path.js';
import { watchOffline } from './teach/offline.js';

function demoItem({ id, title, path, blurb, topic }) {
  return el('li', {}, [
    el('a', { class: 'demo-card', href: path, id: `demo-${id}` }, [
      el('span', { class: 'demo-title', text: title }),
      el('p', { class: 'demo-blurb', text: blurb }),
      el('span', { class: 'topic', text: topic }),
    ]),
  ]);
}

document.getElementById('path-first')?.setAttribute('href', stopPath(PATH[0]));
document.getElementById('demo-list').replaceChildren(...DEMOS.map(demoItem));
watchOffline();
