// Demo: equivariance and invariance. A real test digit is shifted, rotated or scaled and run
// through a convolution, pooling and an MLP's first layer; the core measures what changes.
// Controls: controls.js; the core calls: measure.js; sections and drawing: view.js; blur, then
// subsample and its shift sensitivity over many digits: blur.js.
import { defineDemo } from '../../demo.js';
import { setValue } from '../../lib/dom.js';
import { KERNELS, measureAll } from './measure.js';
import { bindShift, createControls } from './controls.js';
import { buildView } from './view.js';
import { buildBlur, measureBlur } from './blur.js';

/** The URL state; the digit index is bounded by the digit file's test split. */
function schema({ digits }) {
  return {
    digit: { type: 'int', min: 0, max: digits.count('test') - 1, default: 0 },
    dx: { type: 'int', min: -10, max: 10, default: 2 },
    dy: { type: 'int', min: -10, max: 10, default: 1 },
    kernel: { type: 'enum', values: KERNELS.map(([k]) => k), default: 'sobelX' },
    seed: { type: 'int', min: 0, max: 99999, default: 1 },
    sample: { type: 'enum', values: ['stride2', 'pool'], default: 'stride2' },
    blur: { type: 'bool', default: false },
    angle: { type: 'float', min: -180, max: 180, default: 30 },
    scale: { type: 'float', min: 0.5, max: 2, default: 1 },
    units: { type: 'int', min: 8, max: 256, default: 64 },
  };
}

function mount(demo) {
  const { core, digits, state, schema: spec, root } = demo;
  const [, h, w] = digits.shape();
  const side = { h, w };
  const c = createControls(spec, state);
  const blur = buildBlur(state);
  c.fields.blur = blur.toggle;
  const view = buildView({ ...c.inSections, blur: blur.node }, { pixels: h * w });
  root.classList.add('eq-demo');
  root.append(c.top, ...view.nodes);
  demo.own(() => {
    root.classList.remove('eq-demo');
    delete root.dataset.ready;
  });

  function render() {
    try {
      const image = digits.image('test', state.digit);
      const results = { ...measureAll(core, image, side, state), label: digits.label('test', state.digit) };
      view.update(state, results);
      blur.update(measureBlur(core, digits, state.sample, results.kernel));
      c.label.textContent = `label: ${results.label}`;
      demo.fail(null);
    } catch (err) {
      demo.fail(err);
    }
    root.dataset.ready = '1';
  }

  /** Set `key` from a control's text, checked against the schema like a URL value. */
  function change(key, text) {
    if (demo.set(key, text)) demo.notify([]);
    else setValue(c.fields[key].input, state[key]);
    demo.save();
    render();
  }

  /** Set `key` to a number, kept inside the schema's bounds. */
  function move(key, value) {
    const clamped = Math.min(spec[key].max, Math.max(spec[key].min, value));
    setValue(c.fields[key].input, clamped);
    change(key, String(clamped));
  }

  for (const [key, { input }] of Object.entries(c.fields)) {
    const text = () => (input.type === 'checkbox' ? (input.checked ? '1' : '0') : input.value);
    input.addEventListener(input.type === 'range' ? 'input' : 'change', () => change(key, text()));
  }
  c.prev.addEventListener('click', () => move('digit', state.digit - 1));
  c.next.addEventListener('click', () => move('digit', state.digit + 1));
  bindShift(view.gx.canvas, w, { shift: () => ({ dx: state.dx, dy: state.dy }), move });
  render();
}

defineDemo({
  title: 'Equivariance and invariance',
  description:
    'Shift a handwritten digit and watch the feature map move with it (equivariance), pooling forget where (invariance), ' +
    'stride, rotation and scale break the rule, and an MLP see a completely new input.',
  needs: ['digits'],
  schema,
  mount,
});
