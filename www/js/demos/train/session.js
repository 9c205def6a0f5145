// The training page's session: the network being edited, whether it can be built, what the worker
// reports (status, test accuracy, filters, a stop), the curves so far, and the transport (play,
// pause, step, reset). It owns what the page knows; the layout only shows it.
import { LineChart, thin } from '../../lib/charts.js';
import { formatPercent, formatSignificant, formatCount } from '../../lib/format.js';
import { trainConfig } from '../../lib/training.js';
import { FilterView, showConfusion, showMisclassified } from './inside.js';
import { showShifted } from './shifted.js';

export class TrainingSession {
  /** `demo` from the skeleton, `ui` from buildLayout, `data` = { shape, counts } of the digits. */
  constructor(demo, ui, data) {
    this.demo = demo;
    this.ui = ui;
    this.data = data;
    this.worker = demo.trainer();
    this.layers = [];
    this.valid = false;
    this.running = false;
    this.lastSteps = 0;
    this.history = { loss: [], train: [], test: [], all: [], sps: [] };
    // A student's own classes (own/): their names, what a test item is called, `fit()`, which
    // gives the network one output per class, and `prepare()`, which hands the worker the current
    // examples before the network is set up (each false when it could not, having said why).
    this.names = null;
    this.noun = 'digit';
    this.fit = null;
    this.prepare = null;
    this.filters = new FilterView(ui.inside.filters);
    const { loss, accuracy, speed } = ui.training.charts;
    this.charts = {
      loss: demo.own(new LineChart(loss)),
      accuracy: demo.own(new LineChart(accuracy, { yRange: [0, 1] })),
      speed: demo.own(new LineChart(speed)),
    };
    demo.own(this.worker.on('status', (s) => this.onStatus(s)));
    demo.own(this.worker.on('test', (t) => this.onTest(t)));
    demo.own(this.worker.on('filters', (f) => this.filters.show(f.layers)));
    demo.own(this.worker.on('stopped', (m) => this.stopped(m.reason)));
    demo.own(this.worker.on('failure', (m) => demo.fail(m.message)));
    demo.own(this.worker.on('restarted', (m) => this.restarted(m.reason)));
    this.lastRestart = -Infinity;
  }

  /**
   * The worker's core broke and a fresh worker took over: say so and set the network up again
   * (fresh weights). If that breaks it again at once, stop and ask for another network.
   */
  async restarted(reason) {
    const again = performance.now() - this.lastRestart < 10000;
    this.lastRestart = performance.now();
    this.onStatus({ running: false, steps: 0, epochs: 0, loss: null, accuracy: null, samplesPerSecond: 0 });
    const { message } = this.ui.training;
    if (again) {
      this.setValid(false);
      message.textContent = `The core failed again (${reason}) as soon as this network was set up. Change the network or a setting.`;
      this.demo.fail(message.textContent);
      return;
    }
    await this.worker.request('workers', { count: this.demo.state.workers ?? 1 }).catch(() => {});
    await this.changed();
    if (!this.demo.alive) return;
    message.textContent = `The core failed while training (${reason}). It was restarted in a fresh worker and the network set up again from fresh weights.`;
    this.demo.fail(message.textContent);
  }

  /** The core's configurations for the current network and settings. */
  configs() {
    const { state } = this.demo;
    return {
      modelConfig: { input: this.data.shape, seed: state.seed, layers: this.layers },
      trainConfig: trainConfig({ optimizer: state.optimizer, lr: state.lr, batch: state.batch, wd: state.wd, seed: state.seed }),
    };
  }

  /** Enable or disable what needs a buildable network. */
  setValid(ok) {
    this.valid = ok;
    const { training, files, inside } = this.ui;
    for (const b of [training.play, training.step, training.reset, files.save, inside.inspect]) b.disabled = !ok;
  }

  /**
   * The network or a setting changed: describe it with the core (shapes, parameter counts, or
   * why it cannot be built) and, if it can be built, send it to the worker (fresh weights).
   * `configure = false` when the worker already holds it (a loaded model file).
   */
  async changed({ configure = true } = {}) {
    const { core, state } = this.demo;
    if (this.fit && !this.fit()) return this.setValid(false);
    state.layers = core.printLayers(this.layers);
    this.demo.save();
    const { modelConfig } = this.configs();
    const described = core.describeModel(modelConfig);
    const { network } = this.ui;
    if (described.problem) {
      this.editor?.showInfos(described.layers);
      network.total.textContent = '—';
      network.modelMessage.textContent = `This network cannot be built: ${described.problem.message}`;
      network.modelMessage.classList.add('invalid');
      this.setValid(false);
      return;
    }
    network.modelMessage.textContent = '';
    network.modelMessage.classList.remove('invalid');
    this.editor?.showInfos(described.layers);
    network.total.textContent = formatCount(described.parameterCount);
    if (!configure) return this.setValid(true);
    this.setValid(false);
    if (this.prepare && !(await this.prepare())) return undefined;
    if (!this.demo.alive) return undefined;
    try {
      await this.worker.request('configure', this.configs());
      if (!this.demo.alive) return undefined;
      this.ui.training.message.textContent = '';
      this.clearHistory();
      this.setValid(true);
    } catch (err) {
      network.modelMessage.textContent = `This network cannot be built: ${err.message}`;
    }
    return undefined;
  }

  clearHistory() {
    for (const k of Object.keys(this.history)) this.history[k] = [];
    this.ui.training.stats.testAcc.set('—');
    this.ui.training.stats.testAll.set('—');
    delete this.ui.training.stats.testAll.output.dataset.steps;
    this.redraw();
  }

  redraw() {
    const h = this.history;
    this.charts.loss.set([{ colour: '--cat-vermillion', points: h.loss }]);
    this.charts.accuracy.set([
      { colour: '--cat-blue', points: h.train },
      { colour: '--cat-orange', points: h.test, dash: true },
      { colour: '--cat-green', points: h.all, dots: true },
    ]);
    this.charts.speed.set([{ colour: '--cat-purple', points: h.sps }]);
  }

  onStatus(s) {
    const h = this.history;
    if (s.steps < this.lastSteps || (s.steps === 0 && this.lastSteps !== 0)) this.clearHistory();
    if (s.steps > this.lastSteps && s.loss != null) {
      h.loss = thin([...h.loss, [s.steps, s.loss]]);
      h.train = thin([...h.train, [s.steps, s.accuracy]]);
      if (s.samplesPerSecond > 0) h.sps = thin([...h.sps, [s.steps, s.samplesPerSecond]]);
      this.redraw();
    }
    this.lastSteps = s.steps;
    this.running = s.running;
    const { stats, play } = this.ui.training;
    stats.step.set(String(s.steps), s.steps);
    stats.epoch.set(String(s.epochs));
    stats.loss.set(s.loss == null ? '—' : formatSignificant(s.loss, 4));
    stats.trainAcc.set(formatPercent(s.accuracy));
    stats.sps.set(s.samplesPerSecond > 0 ? formatCount(s.samplesPerSecond) : '—', s.samplesPerSecond);
    const { health, parallel } = this.ui.training;
    if (s.parallel && parallel) {
      const n = s.parallel.workers;
      parallel.textContent = `Training on ${n} worker${n === 1 ? '' : 's'}${s.parallel.reason ? `: ${s.parallel.reason}` : ''}.`;
    }
    if (health.textContent !== (s.health ?? '')) {
      health.textContent = s.health ?? '';
      health.hidden = !s.health;
    }
    play.textContent = this.running ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(this.running));
    document.documentElement.dataset.training = this.running ? 'running' : 'paused';
  }

  onTest(t) {
    const { stats } = this.ui.training;
    if (t.limit >= t.count) {
      this.history.all = [...this.history.all, [t.steps, t.accuracy]];
      stats.testAll.set(`${formatPercent(t.accuracy)} at step ${t.steps}`, t.accuracy);
      stats.testAll.output.dataset.steps = String(t.steps);
    } else {
      this.history.test = thin([...this.history.test, [t.steps, t.accuracy]]);
      stats.testAcc.set(formatPercent(t.accuracy), t.accuracy);
    }
    this.redraw();
  }

  stopped(reason) {
    this.ui.training.message.textContent = `Training stopped: ${reason}`;
    this.demo.fail(`Training stopped: ${reason}`);
  }

  /** Show a full evaluation (after a pause): the confusion matrix, the misclassified digits and
   * the accuracy on shifted test digits. */
  showEvaluation(evaluation, onPick) {
    const words = { names: this.names, noun: this.noun };
    showConfusion(this.ui.inside.confusion, evaluation.confusion, words);
    showMisclassified(this.ui.inside.wrong, evaluation, onPick, words);
    if (evaluation.shifted) showShifted(this.ui.inside.shifted, evaluation.shifted, this.noun);
  }

  async pause(onPick) {
    const evaluation = await this.worker.request('pause');
    if (evaluation && this.demo.alive) this.showEvaluation(evaluation, onPick);
  }

  async togglePlay(onPick) {
    if (!this.valid) return;
    try {
      if (this.running) await this.pause(onPick);
      else {
        this.ui.training.message.textContent = '';
        await this.worker.request('play');
      }
    } catch (err) {
      this.demo.fail(err);
    }
  }

  async step() {
    try {
      await this.worker.request('step');
    } catch (err) {
      this.ui.training.message.textContent = `Training stopped: ${err.message}`;
    }
  }

  async reset() {
    try {
      await this.worker.request('reset');
      this.ui.training.message.textContent = '';
      this.demo.clear();
      this.clearHistory();
    } catch (err) {
      this.demo.fail(err);
    }
  }
}
