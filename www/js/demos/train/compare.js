// MLP against CNN on growing training sets (the lecture's sample-complexity argument): the worker
// trains a fresh model of each preset on the first n training digits and sends each point; this
// module asks for the run and shows the points as a chart and a table.
import { el, table } from '../../lib/dom.js';
import { drawLines } from '../../lib/charts.js';
import { formatCount, formatPercent } from '../../lib/format.js';
import { trainConfig } from '../../lib/training.js';
import { PRESETS } from './model.js';

/** Training-set sizes compared. */
export const SIZES = [100, 300, 1000, 3000, 8000];

/** Wire the compare panel of the layout to the session's worker. */
export function wireCompare(demo, ui, data) {
  const { run, canvas, table: host, message } = ui;
  const points = [];
  const xTicks = SIZES.map((n) => [Math.log10(n) - 2, formatCount(n)]);
  const draw = () => {
    const series = (name, colour) => ({ colour, dots: true, points: points.filter((q) => q.model === name).map((q) => [Math.log10(q.size) - 2, q.accuracy]) });
    drawLines(canvas, [series('CNN', '--cat-blue'), series('MLP', '--cat-green')], { yRange: [0, 1], xTicks });
    const get = (m, n) => points.find((q) => q.model === m && q.size === n)?.accuracy;
    host.replaceChildren(table({
      id: 'compare-table',
      cls: 'compare-table',
      head: ['training digits', 'CNN test accuracy', 'MLP test accuracy'],
      rows: SIZES.map((n) => [String(n), formatPercent(get('CNN', n)), formatPercent(get('MLP', n))]),
    }));
  };
  demo.own(demo.trainer().on('compare', ({ point }) => {
    points.push(point);
    message.textContent = `${point.model}: ${point.size} digits → ${formatPercent(point.accuracy)} (${points.length} of ${SIZES.length * 2})`;
    draw();
  }));
  const model = (key, name) => {
    const p = PRESETS[key];
    const { seed } = demo.state;
    return {
      name,
      modelConfig: { input: data.shape, seed, layers: demo.core.parseLayers(p.layers) },
      trainConfig: trainConfig({ optimizer: p.optimizer, lr: p.lr, batch: p.batch, wd: p.wd, seed }),
    };
  };
  run.addEventListener('click', async () => {
    points.length = 0;
    run.disabled = true;
    message.textContent = 'Training …';
    try {
      const results = await demo.trainer().request('compare', { models: [model('cnn', 'CNN'), model('mlp', 'MLP')], sizes: SIZES });
      if (demo.alive) message.textContent = results ? 'Done. Both models saw the same digits for the same number of steps.' : 'Stopped.';
    } catch (err) {
      if (demo.alive) message.textContent = `Could not compare: ${err.message}`;
    } finally {
      run.disabled = false;
    }
  });
  draw();
}
