// The current example and where it comes from: the drawing pad (mouse, pen, touch), the camera,
// or uploaded pictures; it is prepared by the core (exampleFromDrawing / exampleFromImage), shown
// as the network sees it, added to the chosen class on request, and given to the trained network,
// whose class probabilities are shown as bars with the class names (from the worker's predict).
import { el, setValue } from '../../../lib/dom.js';
import { drawHeatmap } from '../../../lib/heatmap.js';
import { formatValue } from '../../../lib/format.js';
import { DrawPad } from '../../../lib/draw-pad.js';
import { readImageFile } from '../../../lib/image-source.js';
import { Camera } from './camera.js';
import { coreFailed, exampleFromDrawing, exampleFromImage } from './classes.js';

/** The probability bars: one row per class name. Returns show(probabilities | null). */
function probabilityBars(list) {
  let rows = [];
  let names = [];
  let last = null;
  const show = (probs) => {
    last = probs;
    const best = probs ? probs.indexOf(Math.max(...probs)) : -1;
    rows.forEach((r, i) => {
      const p = probs?.[i] ?? null;
      r.value.textContent = p == null ? '\u2014' : formatValue(p);
      if (p == null) delete r.value.dataset.value;
      else r.value.dataset.value = String(p);
      r.bar.style.width = `${p == null ? 0 : 100 * p}%`;
      r.li.classList.toggle('best', i === best);
    });
  };
  const setNames = (next) => {
    names = next;
    rows = names.map((name) => {
      const bar = el('span', { class: 'prob-bar' });
      const value = el('span', { class: 'prob-value', text: '\u2014' });
      const li = el('li', {}, [el('span', { class: 'prob-digit own-prob-name', text: name }), el('span', { class: 'prob-track' }, [bar]), value]);
      return { li, bar, value };
    });
    list.replaceChildren(...rows.map((r) => r.li));
    show(last?.length === names.length ? last : null);
  };
  return { show, setNames };
}

/**
 * Wire the examples panel. `dataset` (classes.js), `session` (the training session), `shape` of
 * one example; `onAdded()` after examples were added. Returns { setNames(names), predict() }.
 */
export function wireSources(demo, ui, { dataset, session, shape: [, h, w], onAdded }) {
  const { core } = demo;
  let pixels = null;
  let predicting = false;
  let again = false;
  const bars = probabilityBars(ui.probs);
  const say = (text) => {
    ui.message.textContent = text;
  };
  const className = () => dataset.names()[Number(ui.target.value)] ?? '';

  const predict = async () => {
    if (!pixels || !session.valid) return bars.show(null);
    if (predicting) {
      again = true;
      return undefined;
    }
    predicting = true;
    try {
      const probs = await session.worker.request('predict', { pixels });
      if (demo.alive) bars.show(probs);
    } catch (err) {
      if (demo.alive) bars.show(null);
    } finally {
      predicting = false;
      if (again && demo.alive) {
        again = false;
        predict();
      }
    }
    return undefined;
  };

  const setCurrent = (next) => {
    pixels = next;
    drawHeatmap(ui.preview, pixels ?? new Float32Array(h * w), h, w);
    ui.add.disabled = !pixels;
    predict();
  };

  let fromPad = false;
  const pad = demo.own(new DrawPad(ui.pad, {
    onInk(ink, inkW, inkH) {
      fromPad = Boolean(ink);
      setCurrent(ink ? exampleFromDrawing(core, ink, inkW, inkH) : null);
    },
  }));
  ui.clear.addEventListener('click', () => pad.clear());

  ui.add.addEventListener('click', () => {
    if (!pixels) return;
    const label = Number(ui.target.value);
    try {
      dataset.add(label, pixels);
      say(`Added the example to \u201c${className()}\u201d.`);
      if (fromPad) pad.clear();
      onAdded();
    } catch (err) {
      if (coreFailed(demo, err)) return;
      say(`Could not add the example: ${err.message}`);
    }
  });

  ui.upload.addEventListener('change', async () => {
    const files = [...(ui.upload.files ?? [])];
    ui.upload.value = '';
    const label = Number(ui.target.value);
    const name = className();
    const problems = [];
    let added = 0;
    for (const file of files) {
      try {
        const { rgba, width, height } = await readImageFile(file);
        if (!demo.alive) return;
        const example = exampleFromImage(core, rgba, width, height);
        dataset.add(label, example);
        added += 1;
        fromPad = false;
        setCurrent(example);
      } catch (err) {
        if (!demo.alive || coreFailed(demo, err)) return;
        problems.push(err.message);
      }
    }
    const done = added ? `Added ${added} picture${added === 1 ? '' : 's'} to \u201c${name}\u201d.` : '';
    say([done, ...problems.map((p) => `Not added: ${p}`)].filter(Boolean).join(' '));
    if (added) onAdded();
  });

  const camera = demo.own(new Camera(ui.video));
  const { start, capture, stop, message } = ui.camera;
  const cameraState = () => {
    capture.disabled = !camera.running;
    stop.disabled = !camera.running;
    start.disabled = camera.running;
  };
  start.addEventListener('click', async () => {
    message.textContent = 'Asking for the camera\u2026';
    start.disabled = true;
    try {
      await camera.start();
      if (!demo.alive) return;
      message.textContent = 'The camera\u2019s picture stays in this tab. Show one example on plain paper and press Capture.';
    } catch (err) {
      if (demo.alive) message.textContent = err.message;
    }
    if (demo.alive) cameraState();
  });
  capture.addEventListener('click', () => {
    const frame = camera.frame();
    if (!frame) {
      message.textContent = 'The camera has no picture yet; try again in a moment.';
      return;
    }
    try {
      fromPad = false;
      setCurrent(exampleFromImage(core, frame.rgba, frame.width, frame.height));
      message.textContent = 'Captured. Add it to a class, or look at the class probabilities.';
    } catch (err) {
      if (coreFailed(demo, err)) return;
      message.textContent = `Could not use the picture: ${err.message}`;
    }
  });
  stop.addEventListener('click', () => {
    camera.stop();
    message.textContent = 'The camera is off.';
    cameraState();
  });
  if (!Camera.available()) {
    start.disabled = true;
    message.textContent = 'This browser offers no camera to this page; draw or upload examples instead.';
  }

  // While training, the probabilities follow the network (after every test measurement).
  demo.own(session.worker.on('test', () => predict()));
  drawHeatmap(ui.preview, new Float32Array(h * w), h, w);

  return {
    /** The class names changed: the menu of classes and the probability bars follow. */
    setNames(names) {
      const chosen = Math.min(Number(ui.target.value) || 0, names.length - 1);
      ui.target.replaceChildren(...names.map((name, i) => el('option', { value: String(i), text: name })));
      setValue(ui.target, chosen);
      bars.setNames(names);
    },
    predict,
  };
}
