// Is the training learning? One rule, used by the training page's session and the labs' jobs in
// the trainer worker, fed with the mean training loss of each chunk of steps. It says so in words
// when the loss sits at chance level or grows; a NaN loss is the core's own error, which says why.
//
//   const health = watchHealth({ classes: classesOf(trainer), lr: 1 });
//   health.add(step, loss)   // → null while training looks healthy, or { kind, message }
//
// The rule. The loss is smoothed over about SMOOTHING steps, from step SETTLE on (the first
// batches of a fresh network are noisy). Then:
// - chance: the smoothed loss has stayed within BAND of ln(classes) — the loss of a network that
//   gives every class the same probability — for STUCK_STEPS steps, and fell by less than a
//   quarter of that band over them;
// - growing: the smoothed loss is GROWTH times its lowest value since SETTLE, and MIN_RISE above it.
// A verdict lasts while its condition holds: a network that starts learning loses its hint.
import { formatCount, formatSignificant, formatValue } from '../lib/format.js';

const SETTLE = 50;
const SMOOTHING = 50;
const STUCK_STEPS = 200;
const BAND = 0.1; // ± 10 % of ln(classes)
const GROWTH = 1.5;
const MIN_RISE = 0.3;

/** The number of classes a model tells apart: the values of its last layer's output. */
export function classesOf(trainer) {
  return trainer.layerInfos().at(-1).outputShape.reduce((n, d) => n * d, 1);
}

/** The watch of one training run (see the top of this file); `lr` is named in the hint. */
export function watchHealth({ classes = 10, lr }) {
  const chance = Math.log(classes);
  const band = BAND * chance;
  let ema = null;
  let last = 0;
  let lowest = Infinity;
  let history = []; // [step, smoothed loss] over the last STUCK_STEPS steps and one before
  let since = null; // the step the smoothed loss came near chance level, while it stays there
  const lrText = lr === undefined ? '' : ` (now ${formatSignificant(lr, 3)})`;
  const loss = (x) => formatValue(x, { decimals: 2 });

  function chanceVerdict(step) {
    since = Math.abs(ema - chance) <= band ? (since ?? step) : null;
    if (since === null || step - since < STUCK_STEPS) return null;
    if (history[0][1] - ema >= band / 4) return null; // still falling, slowly
    return {
      kind: 'chance',
      message: `Not learning: for ${formatCount(step - since)} steps the training loss has stayed near ln ${classes} ≈ ${loss(chance)}, the loss of guessing among ${classes} classes. Try a smaller learning rate${lrText} or, if it is tiny, a larger one; another weight initialization, or batch norm after the layers.`,
    };
  }

  function growthVerdict() {
    if (!(ema > GROWTH * lowest && ema - lowest > MIN_RISE)) return null;
    return {
      kind: 'growing',
      message: `Not learning: the training loss is growing, from ${loss(lowest)} at its lowest to ${loss(ema)}. The learning rate${lrText} is probably too large; try a smaller one, or batch norm after the layers.`,
    };
  }

  return {
    /** The mean training loss of the steps up to `step`; returns the verdict (null: healthy). */
    add(step, loss) {
      if (step < SETTLE || !Number.isFinite(loss)) return null;
      const n = Math.max(1, step - last);
      last = step;
      ema = ema === null ? loss : ema + (1 - Math.exp(-n / SMOOTHING)) * (loss - ema);
      lowest = Math.min(lowest, ema);
      history.push([step, ema]);
      const cut = history.findIndex(([s]) => step - s < STUCK_STEPS);
      if (cut > 1) history = history.slice(cut - 1);
      const stuck = chanceVerdict(step);
      return growthVerdict() ?? stuck;
    },
  };
}
