// The landing page: renders the demo list from demos.js.
import { DEMOS } from './demos.js';

function demoItem({ id, title, path, blurb, topic }) {
  const link = document.createElement('a');
  link.className = 'demo-card';
  link.href = path;
  link.id = `demo-${id}`;
  const name = document.createElement('span');
  name.className = 'demo-title';
  name.textContent = title;
  const text = document.createElement('p');
  text.className = 'demo-blurb';
  text.textContent = blurb;
  const tag = document.createElement('span');
  tag.className = 'topic';
  tag.textContent = topic;
  link.append(name, text, tag);
  const item = document.createElement('li');
  item.append(link);
  return item;
}

document.getElementById('demo-list').replaceChildren(...DEMOS.map(demoItem));
