// "Algorithm 1, step by step": a typed mini-batch, γ, β and ε, and the four lines of the Batch
// Normalizing Transform (Ioffe & Szegedy 2015) revealed one at a time. The core computes every
// value (batchNormSteps); this only shows them.
import { button, el, field, section } from '../../lib/dom.js';
import { formatStat } from '../../lib/format.js';

const LINES = [
  ['μ_B ← (1/m) Σᵢ xᵢ', 'mini-batch mean', 'bn-mean', 'mean'],
  ['σ²_B ← (1/m) Σᵢ (xᵢ − μ_B)²', 'mini-batch variance', 'bn-var', 'variance'],
  ['x̂ᵢ ← (xᵢ − μ_B) / √(σ²_B + ε)', 'normalize', 'bn-xhat', 'normalized values'],
  ['yᵢ ← γ x̂ᵢ + β ≡ BN_γ,β(xᵢ)', 'scale and shift', 'bn-y', 'outputs'],
];
const HINT = 'The mini-batch must be numbers separated by commas, e.g. 1, 2, 3, 4.';
const list = (xs) => Array.from(xs, formatStat).join(', ');

/** The section, already showing the state's mini-batch and step. */
export function createAlgorithm(demo) {
  const { core, state } = demo;
  const EPS = demo.schema.eps;
  const values = field('text', { label: 'Mini-batch x₁…xₘ (comma-separated)', id: 'bn-values', inputmode: 'decimal', value: state.values.join(', ') });
  const numbers = {
    gamma: field('number', { label: 'γ', name: 'gamma', min: -100, max: 100, step: 0.1, inputmode: 'decimal', value: state.gamma }),
    beta: field('number', { label: 'β', name: 'beta', min: -100, max: 100, step: 0.1, inputmode: 'decimal', value: state.beta }),
    eps: field('number', { label: 'ε', name: 'eps', min: EPS.min, max: EPS.max, step: EPS.min, inputmode: 'decimal', value: state.eps }),
  };
  const prev = button('◀ Previous line', { class: 'secondary' }, () => move(-1));
  const next = button('Next line ▶', {}, () => move(1));
  const lines = LINES.map(([formula, note, id]) => {
    const output = el('output', { class: 'algo-values', id, 'aria-live': 'polite' });
    return { li: el('li', {}, [`${formula}   // ${note}`, output]), output };
  });
  const algo = el('ol', { class: 'algo', tabindex: '0', 'aria-label': 'Algorithm 1; left and right arrow keys step through it' }, lines.map((l) => l.li));
  const node = section('Algorithm 1, step by step', {
    cls: 'lab-section',
    intro: 'Type a mini-batch of values of one activation x, set γ, β and ε, and step through the four lines of the Batch Normalizing Transform.',
  }, [el('div', { class: 'controls' }, [values.node, ...Object.values(numbers).map((f) => f.node)]), el('div', { class: 'lab-buttons' }, [prev, next]), algo]);

  function render() {
    let r;
    try {
      r = core.batchNormSteps(new Float32Array(state.values), state.gamma, state.beta, state.eps);
    } catch (err) {
      demo.fail(err);
      return;
    }
    demo.fail(null);
    const shown = [formatStat(r.mean), formatStat(r.variance), list(r.xHat), list(r.y)];
    lines.forEach((l, i) => {
      l.output.textContent = `= ${shown[i]}`;
      l.output.setAttribute('aria-label', `${LINES[i][3]}: ${shown[i]}`);
      l.li.className = i < state.step - 1 ? 'done' : i === state.step - 1 ? 'current' : 'pending';
    });
    prev.disabled = state.step === 0;
    next.disabled = state.step === LINES.length;
    demo.save();
  }

  function move(by) {
    state.step = Math.min(LINES.length, Math.max(0, state.step + by));
    render();
  }

  /**
   * Take a typed setting; a refused one keeps the last good value and says why. Problems with
   * other settings (from the URL) stay shown until those settings are changed.
   */
  function take(key, text, hint) {
    const others = () => demo.notices.filter((n) => n !== HINT);
    if (!demo.set(key, text)) {
      if (hint) demo.notify([hint, ...others()]);
      return;
    }
    demo.notify(others());
    render();
  }

  values.input.addEventListener('input', () => {
    const items = values.input.value.split(',').map((t) => t.trim()).filter((t) => t !== '');
    take('values', items.join(','), HINT);
  });
  for (const [key, f] of Object.entries(numbers)) f.input.addEventListener('input', () => take(key, f.input.value));
  algo.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') move(1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') move(-1);
    else return;
    e.preventDefault();
  });
  render();
  return { node };
}
