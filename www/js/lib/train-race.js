// Networks trained side by side in the page's trainer worker, as the labs' "Train both" does: a
// button, a status line while they train, a loss chart with one line per network, and a results
// line at the end. Every number shown comes from the core in the worker; this only draws.
//
//   const race = createTrainRace(demo, {
//     button: 'Train both', chartLabel: 'Training loss of both …', resultsId: 'train-results',
//     legend: [['c-blue', 'A'], ['c-orange', 'B (dashed)']], idle: 'Press “Train both” …', steps: 300,
//     start: () => ({ jobs, names, steps, progress: (p) => 'status text', testNote: ' (500 test digits)', legend?, done? }),
//   });                     // a legend returned by start() replaces the one shown; done(results) runs after training
//   section.append(race.controls(otherFields), race.status, race.legend, race.canvas, race.results);
import { button, el, legendList } from './dom.js';
import { chartCanvas, LineChart } from './charts.js';
import { formatAxis, formatStat } from './format.js';

/**
 * The lines of the networks, in job order: the first solid blue, the second dashed vermillion, the
 * third green with dots (legends: 'c-blue', 'c-orange', 'c-green').
 */
const LINES = [{ colour: '--cat-blue' }, { colour: '--cat-vermillion', dash: true }, { colour: '--cat-green', dots: true }];

/**
 * One network's result as text: its final loss and test accuracy, or why training stopped; and
 * the worker's hint when its loss says it did not learn.
 */
function resultText(name, r, testNote) {
  if (r.error) return `${name}: ${r.error}`;
  const hint = r.health ? ` — ${r.health}` : '';
  const test = r.test ? `, test accuracy ${formatStat(r.test.accuracy)}${testNote}` : '';
  return `${name}: final loss ${formatStat(r.curve.at(-1)?.loss)}${test}${hint}`;
}

/** Build the race's pieces (see the top of this file); the chart is released when the demo unmounts. */
export function createTrainRace(demo, { button: buttonText, chartLabel, resultsId, legend, idle, steps, start }) {
  const status = el('p', { class: 'lab-status', role: 'status', 'aria-live': 'polite', text: idle });
  const canvas = chartCanvas(720, 300, chartLabel);
  const chart = demo.own(new LineChart(canvas, { xMax: steps, xLabel: (x) => `${formatAxis(x)} steps` }));
  const results = el('p', { class: 'lab-result', id: resultsId });
  const legendBox = el('div', {}, legend ? [legendList(legend)] : []);
  let running = false;

  async function run() {
    if (running) return;
    running = true;
    go.disabled = true;
    const { jobs, names, progress, testNote = '', steps: total, legend: shown, done } = start();
    if (shown) legendBox.replaceChildren(legendList(shown));
    const series = jobs.map((_, i) => ({ ...LINES[i % LINES.length], points: [] }));
    chart.options.xMax = total;
    chart.set(series);
    results.textContent = '';
    try {
      const out = await demo.trainer().request('jobs', { jobs }, {
        onProgress: (p) => {
          series[p.job].points.push([p.step, p.loss]);
          chart.set(series);
          status.textContent = progress(p);
        },
      });
      if (!demo.alive) return;
      status.textContent = 'Done.';
      results.textContent = out.map((r, i) => resultText(names[i], r, testNote)).join(' · ');
      done?.(out);
    } catch (err) {
      if (demo.alive) demo.fail(err);
    } finally {
      running = false;
      go.disabled = false;
    }
  }

  const go = button(buttonText, {}, run);
  chart.set([]);
  return {
    status,
    canvas,
    results,
    legend: legendBox,
    /** The controls row: the given fields, then the button. */
    controls: (fields = []) => el('div', { class: 'controls' }, [...fields, go]),
  };
}
