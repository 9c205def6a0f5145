// "Where batch norm goes": the same network without BN, with BN before the nonlinearity and with
// BN after it, trained side by side in the trainer worker on the same few training digits; then
// the core's train/test gap of each (Trainer.generalization, in the worker) and each BN net's gap
// against the one without BN (compareGaps: narrower, wider or the same within two standard
// errors) — the regularization the lecture says BN shows "in some cases".
import { el, field, section, table } from '../../lib/dom.js';
import { formatCount, formatStat } from '../../lib/format.js';
import { createTrainRace } from '../../lib/train-race.js';
import { PLACES, SCHEMA, placedNet, trainSettings } from './networks.js';

const SWATCHES = ['c-blue', 'c-orange', 'c-green'];
const STYLES = ['', ' (dashed)', ' (dots)'];
const VERDICT = { narrower: 'narrower than', wider: 'wider than', same: 'the same as' };

/** A gap with its standard error: "0.112 ± 0.014". */
const withError = (gap, error) => `${formatStat(gap)} ± ${formatStat(error)}`;

/** One BN net's gaps against the net without BN, in words chosen by the core's verdicts. */
function comparisonText(name, c) {
  const part = (what, g) => `its ${what} gap is ${VERDICT[g.verdict]} without BN (difference ${formatStat(g.difference)}; two standard errors: ${formatStat(g.tolerance)})`;
  return `${name}: ${part('accuracy', c.accuracy)}, and ${part('loss', c.loss)}.`;
}

/** The section. */
export function createPlacement(demo, input) {
  const { core, state } = demo;
  const fields = {
    placeAct: field('select', { label: 'Nonlinearity', name: 'placeAct', options: [['relu', 'ReLU'], ['tanh', 'tanh']], value: state.placeAct }),
    placeTrain: field('select', { label: 'Training digits', name: 'placeTrain', options: SCHEMA.placeTrain.values.map((v) => [v, formatCount(Number(v))]), value: state.placeTrain }),
    placeSteps: field('range', { label: 'Steps', name: 'placeSteps', min: 100, max: 1500, step: 100, value: state.placeSteps }),
  };
  for (const [key, f] of Object.entries(fields)) {
    f.input.addEventListener('change', () => {
      if (demo.set(key, f.input.value)) demo.save();
    });
  }
  const gapBox = el('div', { id: 'place-gaps' });
  const verdicts = el('div', { id: 'place-verdicts' });
  const race = createTrainRace(demo, {
    button: 'Train the three',
    chartLabel: 'Training loss without BN, with BN before and with BN after the nonlinearity',
    resultsId: 'place-results',
    legend: PLACES.map(([, name], i) => [SWATCHES[i], `${name}${STYLES[i]}`]),
    idle: 'Press “Train the three” (in the background).',
    steps: state.placeSteps,
    start() {
      const limit = Number(state.placeTrain);
      gapBox.replaceChildren();
      verdicts.replaceChildren();
      return {
        jobs: PLACES.map(([place]) => ({
          model: placedNet(input, place, state.placeAct, state.seed), train: trainSettings(state.seed),
          steps: state.placeSteps, chunk: 20, trainLimit: limit, gap: { train: limit, test: 0 },
        })),
        names: PLACES.map(([, name]) => name),
        steps: state.placeSteps,
        progress: (p) => `${PLACES[p.job][1]}: step ${p.step} of ${state.placeSteps}, loss ${formatStat(p.loss)}`,
        done: show,
      };
    },
  });

  /** The gaps the worker measured, and the BN nets' gaps against the one without BN. */
  function show(out) {
    const rows = out.map((r, i) => {
      const [place, name] = PLACES[i];
      if (!r.gap) return [name, { text: r.error ?? 'no result', id: `gap-acc-${place}` }, '', '', '', ''];
      const g = r.gap;
      return [name, { text: formatStat(g.train.accuracy), id: `train-acc-${place}` }, { text: formatStat(g.test.accuracy), id: `test-acc-${place}` },
        { text: withError(g.accuracyGap, g.accuracyGapError), id: `gap-acc-${place}`, label: `${name}: accuracy gap ${formatStat(g.accuracyGap)}, standard error ${formatStat(g.accuracyGapError)}` },
        `${formatStat(g.train.loss)} / ${formatStat(g.test.loss)}`,
        { text: withError(g.lossGap, g.lossGapError), id: `gap-loss-${place}`, label: `${name}: loss gap ${formatStat(g.lossGap)}, standard error ${formatStat(g.lossGapError)}` }];
    });
    const first = out[0].gap;
    const counts = first ? `${formatCount(first.train.count)} training digits (the ones it trained on) and ${formatCount(first.test.count)} test digits` : 'the training and test digits';
    gapBox.replaceChildren(el('p', { text: `Evaluated by the core on ${counts}, in evaluation mode.` }), table({
      head: ['network', 'train accuracy', 'test accuracy', 'accuracy gap (train − test)', 'loss train / test', 'loss gap (test − train)'],
      rowHeads: true,
      rows,
      caption: 'Train/test gap of each network',
    }));
    if (!first) return;
    verdicts.replaceChildren(...out.slice(1).map((r, i) => {
      const [place, name] = PLACES[i + 1];
      const text = r.gap ? comparisonText(name, core.compareGaps(first, r.gap)) : `${name}: ${r.error ?? 'no result'}`;
      return el('p', { class: 'lab-result', id: `place-verdict-${place}`, text });
    }));
  }

  return section('Where batch norm goes', {
    cls: 'lab-section',
    id: 'placement',
    intro: 'The same network — flatten → (dense 64 → nonlinearity) × 2 → dense 10, the same initial weights and the same batches — without BN, with a BN layer before each nonlinearity (the paper’s choice, BN(Wx)) and with one after it. '
      + 'It trains on a few training digits only, so it can learn them by heart: the gap between its accuracy on those digits and on the test digits is what a regularizer narrows, and the lecture says BN has been “shown to also regularize the network in some cases”. Here is whether it does in this case.',
  }, [race.controls(Object.values(fields).map((f) => f.node)), race.legend, race.status, race.canvas, race.results, gapBox, verdicts]);
}
