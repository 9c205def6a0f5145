// The training page's session in the trainer worker: one Trainer, trained in short chunks so that
// requests (pause, step, predict…) are answered between chunks, and broadcasts of what the page
// shows: { type: 'status' | 'test' | 'filters' | 'stopped' | 'compare', … } (a status carries
// `health`: null, or in words why the loss says the network is not learning, see health.js). Every number comes
// from the core; this file only decides when to ask. A 'stopped' broadcast says `broken: true`
// when the core trapped (the client then replaces the worker).
import { coreBuild, isCoreBroken } from '../wasm.js';
import { classesOf, watchHealth } from './health.js';
import { createParallelTraining } from './shards-session.js';

const CHUNK_MS = 80; // one chunk of training steps takes about this long
const FILTER_MS = 1500; // learned filters are sent at most this often while training
const STATUS_MS = 150; // status is sent at most this often while training
const SHOWN_WRONG = 48; // misclassified test digits sent to the page
const SHIFT_MAX = 4; // accuracy on test digits shifted by 0 to this many pixels…
const SHIFT_LIMIT = 500; // …on this many of them (quick enough to follow every pause)

const DIGIT_NAMES = Array.from({ length: 10 }, (_, i) => String(i));

const yieldToMessages = () => new Promise((resolve) => setTimeout(resolve, 0));
const fresh = () => ({ loss: null, accuracy: null, steps: 0, epochs: 0 });

/** The session's request handlers, bound to one core, the digits and a `post(message, transfer)`.
 * `useClasses` switches the data to a student's own dataset (split in this core), `useDigits` back. */
export function createSession(core, shipped, post) {
  let digits = shipped; // the data trained and evaluated on now: the shipped digits or a split of own classes
  let names = DIGIT_NAMES;
  let trainer = null;
  let config = null; // { modelConfig, trainConfig }
  let runToken = 0; // bumping it stops the running loop
  let running = false;
  let evalEvery = 100;
  let evalLimit = 500;
  let lastEvalStep = 0;
  let chunkSteps = 4;
  let lastFilters = 0;
  let lastStatus = 0;
  let last = fresh();
  let health = null; // the watch of this run (health.js) and its verdict
  let verdict = null;
  let samplesPerSecond = 0;
  let window = { samples: 0, ms: 0 }; // samples/second is measured over about half a second
  let testCount = digits.count('test');
  let shape = Array.from(digits.shape());
  const parallel = createParallelTraining(shipped, coreBuild(core)); // data-parallel training (the `workers` request)

  function status() {
    post({ type: 'status', running, ...last, samplesPerSecond, batchSize: config?.trainConfig.batchSize ?? 0, health: verdict?.message ?? null, parallel: parallel.status(trainer, digits) });
  }

  function postFilters() {
    const layers = Array.from(trainer.layerIndices('conv2d'), (layer) => {
      const w = trainer.parameter(layer, 'weight', false);
      return { layer, shape: w.shape, data: w.data };
    });
    lastFilters = performance.now();
    post({ type: 'filters', layers }, layers.map((l) => l.data.buffer));
  }

  function testAccuracy(limit) {
    const e = trainer.evaluate(digits, 'test', limit);
    post({ type: 'test', steps: last.steps, accuracy: e.accuracy, loss: e.loss, limit: Math.min(limit || testCount, testCount), count: testCount });
    return e;
  }

  function fullEvaluation() {
    const e = testAccuracy(0);
    const misclassified = Array.from(e.wrong.slice(0, SHOWN_WRONG), (index) => ({
      index, label: digits.label('test', index), prediction: e.predictions[index], pixels: digits.image('test', index),
    }));
    const shifted = trainer.shiftedAccuracy(digits, SHIFT_MAX, SHIFT_LIMIT);
    return { accuracy: e.accuracy, loss: e.loss, confusion: Array.from(e.confusion), steps: last.steps, count: testCount, wrongCount: e.wrong.length, misclassified, shape, shifted, classes: names.length, names };
  }

  // The chunk being trained (on several workers it awaits the helpers): pause, step and the
  // requests that replace the model wait for it, so no step lands after they answered.
  let inflight = Promise.resolve();
  function trainSteps(steps) {
    const chunk = trainChunk(steps);
    inflight = chunk.catch(() => null);
    return chunk;
  }

  async function trainChunk(steps) {
    const t0 = performance.now();
    const current = trainer;
    const r = await parallel.train(current, digits, steps, () => current === trainer);
    if (!r) return null; // the model was replaced meanwhile
    const dt = performance.now() - t0;
    last = { loss: r.loss, accuracy: r.accuracy, steps: r.steps, epochs: r.epochs };
    verdict = health.add(r.steps, r.loss);
    window.samples += steps * config.trainConfig.batchSize;
    window.ms += dt;
    if (window.ms >= 500 || samplesPerSecond === 0) {
      if (window.ms > 0) samplesPerSecond = (window.samples * 1000) / window.ms;
      window = { samples: 0, ms: 0 };
    }
    return dt;
  }

  function stop() {
    runToken += 1;
    running = false;
  }

  async function loop(token) {
    running = true;
    status();
    while (token === runToken) {
      try {
        const dt = await trainSteps(chunkSteps);
        if (dt === null) continue;
        chunkSteps = Math.max(1, Math.min(64, Math.round((chunkSteps * CHUNK_MS) / Math.max(dt, 1))));
        if (last.steps - lastEvalStep >= evalEvery) {
          lastEvalStep = last.steps;
          testAccuracy(evalLimit);
        }
        const now = performance.now();
        if (now - lastFilters > FILTER_MS) postFilters();
        if (now - lastStatus > STATUS_MS) {
          lastStatus = now;
          status();
        }
      } catch (err) {
        stop();
        status();
        post({ type: 'stopped', reason: err instanceof Error ? err.message : String(err), broken: isCoreBroken(err) });
        return;
      }
      await yieldToMessages();
    }
  }

  function use(next, nextConfig) {
    stop();
    trainer?.free();
    trainer = next;
    config = nextConfig;
    last = fresh();
    parallel.configure(trainer, config);
    health = watchHealth({ classes: classesOf(trainer), lr: config.trainConfig.optimizer.lr });
    verdict = null;
    samplesPerSecond = 0;
    window = { samples: 0, ms: 0 };
    lastEvalStep = 0;
    status();
    postFilters();
    return { layerInfos: trainer.layerInfos(), parameterCount: trainer.parameterCount(), modelConfig: trainer.modelConfig() };
  }

  const dataInfo = () => ({ shape, counts: { train: digits.count('train'), test: testCount }, classes: names.length, names });

  // Switching the data stops training and drops the model (it learned other classes); the page
  // configures a network with as many outputs (core.layersForClasses) before it plays again.
  function useData(next, nextNames) {
    stop();
    trainer?.free();
    trainer = null;
    last = fresh();
    verdict = null;
    if (digits !== shipped) digits.free();
    digits = next;
    names = nextNames;
    testCount = digits.count('test');
    shape = Array.from(digits.shape());
    status();
    return dataInfo();
  }

  const needModel = (op) => {
    if (!trainer) throw new Error(`${op}: no model is configured`);
  };

  // MLP against CNN on growing training sets: each point is a fresh model trained on the first
  // n training digits for the core's number of steps, then evaluated on all test digits.
  async function compare({ models, sizes }, token) {
    const results = [];
    let broken = false;
    for (const n of sizes) {
      for (const m of models) {
        const t = new core.Trainer(m.modelConfig, m.trainConfig);
        try {
          t.limitTrainingSet(digits, n);
          const steps = core.sampleComplexitySteps(n, m.trainConfig.batchSize);
          for (let done = 0; done < steps; done += 20) {
            if (token !== runToken) return null;
            t.train(digits, Math.min(20, steps - done));
            await yieldToMessages();
          }
          const e = t.evaluate(digits, 'test', 0);
          const point = { model: m.name, size: n, steps, accuracy: e.accuracy, parameterCount: t.parameterCount() };
          results.push(point);
          post({ type: 'compare', point });
        } catch (err) {
          broken = isCoreBroken(err);
          throw err;
        } finally {
          if (!broken) t.free();
        }
      }
    }
    return results;
  }

  const handlers = {
    /** What the page needs to know of the data: one image's shape, the split sizes, the classes. */
    data: dataInfo,
    /** Train and evaluate on a student's dataset file from now on (parsed and split here; a bad
     * file throws and the current data stays): `testPercent` of each class held out, drawn with `seed`. */
    useClasses({ bytes, testPercent, seed }) {
      const set = core.ClassSet.parse(new Uint8Array(bytes));
      try {
        const split = set.split(testPercent, seed);
        return { ...useData(split, set.names()), originals: set.counts().original };
      } finally {
        set.free();
      }
    },
    /** Back to the shipped digits. */
    useDigits: () => (digits === shipped ? dataInfo() : useData(shipped, DIGIT_NAMES)),
    configure: ({ modelConfig, trainConfig }) => use(new core.Trainer(modelConfig, trainConfig), { modelConfig, trainConfig }),
    /** Train on `count` workers (0: every core, capped; 1 by default); see shards-session.js. */
    workers({ count }) {
      const r = parallel.setWorkers(count, trainer, config);
      status();
      return { ...r, ...parallel.status(trainer, digits) };
    },
    settings({ every, limit }) {
      if (every) evalEvery = every;
      if (limit) evalLimit = limit;
      return { evalEvery, evalLimit };
    },
    play() {
      needModel('play');
      if (!running) loop(++runToken);
      return { running: true };
    },
    async pause() {
      const was = running;
      stop();
      await inflight;
      status();
      if (!trainer) return null;
      postFilters();
      return was || last.steps > 0 ? fullEvaluation() : null;
    },
    async step() {
      needModel('step');
      stop();
      await inflight;
      try {
        await trainSteps(1);
      } catch (err) {
        post({ type: 'stopped', reason: err.message });
        throw err;
      } finally {
        status();
      }
      postFilters();
      return { ...last };
    },
    reset() {
      if (!config) throw new Error('reset: no model is configured');
      return use(new core.Trainer(config.modelConfig, config.trainConfig), config);
    },
    evaluate() {
      needModel('evaluate');
      return fullEvaluation();
    },
    inspect({ testIndex }) {
      needModel('inspect');
      const pixels = digits.image('test', testIndex); // the core checks the index
      const probabilities = Array.from(trainer.predict(pixels));
      const maps = trainer.layerInfos().map((info, layer) => ({ layer, kind: info.kind, ...trainer.activations(layer) }));
      return { testIndex, label: digits.label('test', testIndex), pixels, shape, probabilities, maps, names };
    },
    predict({ pixels }) {
      needModel('predict');
      return Array.from(trainer.predict(new Float32Array(pixels)));
    },
    save() {
      needModel('save');
      return trainer.save();
    },
    load({ bytes }) {
      if (!config) throw new Error('load: no model is configured');
      const next = core.Trainer.load(new Uint8Array(bytes), config.trainConfig); // throws: the current model stays
      return use(next, { modelConfig: next.modelConfig(), trainConfig: config.trainConfig });
    },
    compare(request) {
      stop();
      status();
      return compare(request, runToken);
    },
  };
  return { handlers };
}
