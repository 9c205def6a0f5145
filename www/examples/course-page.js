// The example course page (docs/embedding.md): listens to the embedded demos' messages (only from
// its own iframes, only from the demos' origin), shows the 2-D convolution's state and a score from
// the "Predict first" answers, and sets the convolution's state from buttons with convplay:set.
// Everything received is shown as text (textContent), never as HTML.
const frames = [...document.querySelectorAll('iframe')];
for (const frame of frames) { // through the CSSOM: the page's policy allows no style attributes
  frame.style.boxSizing = 'border-box';
  frame.style.maxWidth = '100%';
  frame.style.border = '1px solid #8a94a6';
}
const origin = (frame) => new URL(frame.src, location.href).origin;
const score = { answered: 0, right: 0 };
const log = document.getElementById('log');
const MAX_LOG = 30;

function note(text) {
  const item = document.createElement('li');
  item.textContent = text;
  log.prepend(item);
  while (log.children.length > MAX_LOG) log.lastElementChild.remove();
}

/** Send convplay:set with `state` to the iframe `frame` (at the demos' origin only). */
function set(frame, state) {
  frame.contentWindow?.postMessage({ type: 'convplay:set', state }, origin(frame));
}

window.addEventListener('message', (event) => {
  const frame = frames.find((f) => f.contentWindow === event.source);
  if (!frame || event.origin !== origin(frame)) return; // not one of our demos
  const data = event.data;
  if (data === null || typeof data !== 'object' || typeof data.type !== 'string') return;
  document.documentElement.dataset[`${frame.id}Last`] = data.type;
  if (data.type === 'convplay:ready') {
    note(`${frame.id}: ready`);
    set(frame, {}); // an empty set changes nothing and asks for the answers
  } else if (data.type === 'convplay:state') {
    note(`${frame.id}: state changed`);
  } else if (data.type === 'convplay:answer') {
    score.answered += 1;
    if (data.correct === true) score.right += 1;
    document.getElementById('score').textContent = `${score.right} of ${score.answered} predictions right.`;
    note(`${frame.id}: answered ${String(data.question)} — ${data.correct === true ? 'right' : 'not right'}`);
  } else if (data.type === 'convplay:error') {
    note(`${frame.id}: error — ${String(data.message)}`);
  }
  if ((data.type === 'convplay:ready' || data.type === 'convplay:state') && frame.id === 'conv2d' && data.state) {
    const s = data.state;
    document.getElementById('conv-state').textContent =
      `stride ${s.stride ?? 1}, padding ${s.padding ?? 'valid'}, dilation ${s.dilation ?? 1}`;
  }
});

for (const button of document.querySelectorAll('#conv-buttons button')) {
  button.addEventListener('click', () => set(document.getElementById('conv2d'), JSON.parse(button.dataset.state)));
}
