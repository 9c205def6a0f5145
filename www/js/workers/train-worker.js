// The training page's worker: holds the digits and the Trainer, trains in short chunks so
// messages (pause, step, predict…) are answered between chunks, and posts what the page shows.
//
// Requests (from the page): { id, type, ...payload }; every request gets one
//   { type: 'reply', id, ok: true, result } or { type: 'reply', id, ok: false, error }.
// Broadcasts (to the page): { type: 'status', … }, { type: 'test', … }, { type: 'filters', … },
//   { type: 'stopped', reason }, { type: 'compare', … }.
import init, * as core from '../../pkg/convplay_wasm.js';
import { loadDigits } from '../lib/digits.js';

const CHUNK_MS = 80; // one chunk of training steps takes about this long
const FILTER_MS = 1500;
const STATUS_MS = 150; // status is posted at most this often while training

let digits = null;
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
let last = { loss: null, accuracy: null, steps: 0, epochs: 0 };
let samplesPerSecond = 0;
let spsWindow = { samples: 0, ms: 0 }; // samples/second is measured over about half a second


const ready = (async () => {
  await init();
  digits = await loadDigits(core);
})();

const pause = () => new Promise((resolve) => setTimeout(resolve, 0));
const message = (err) => (err instanceof Error ? err.message : String(err));

function status(extra = {}) {
  self.postMessage({
    type: 'status', running, ...last, samplesPerSecond,
    batchSize: config?.trainConfig.batchSize ?? 0, ...extra,
  });
}

function convFilters() {
  const out = [];
  if (!trainer) return out;
  trainer.layerInfos().forEach((info, layer) => {
    if (info.kind !== 'conv2d') return;
    const w = trainer.parameter(layer, 'weight', false);
    out.push({ layer, shape: w.shape, data: w.data });
  });
  return out;
}

function postFilters() {
  const layers = convFilters();
  lastFilters = performance.now();
  self.postMessage({ type: 'filters', layers }, layers.map((l) => l.data.buffer));
}

function testAccuracy(limit) {
  const e = trainer.evaluate(digits, 'test', limit);
  self.postMessage({ type: 'test', steps: last.steps, accuracy: e.accuracy, loss: e.loss, limit: limit || digits.count('test') });
  return e;
}

function fullEvaluation() {
  const e = trainer.evaluate(digits, 'test', 0);
  const n = digits.count('test');
  const wrong = [];
  for (let i = 0; i < n; i += 1) {
    const label = digits.label('test', i);
    if (e.predictions[i] !== label) wrong.push({ index: i, label, prediction: e.predictions[i] });
  }
  const shown = wrong.slice(0, 48).map((w) => ({ ...w, pixels: digits.image('test', w.index) }));
  self.postMessage({ type: 'test', steps: last.steps, accuracy: e.accuracy, loss: e.loss, limit: n });
  return { accuracy: e.accuracy, loss: e.loss, confusion: Array.from(e.confusion), steps: last.steps, count: n, wrongCount: wrong.length, misclassified: shown };
}

function trainSteps(steps) {
  const t0 = performance.now();
  const r = trainer.train(digits, steps);
  const dt = performance.now() - t0;
  last = { loss: r.loss, accuracy: r.accuracy, steps: r.steps, epochs: r.epochs };
  spsWindow.samples += steps * config.trainConfig.batchSize;
  spsWindow.ms += dt;
  if (spsWindow.ms >= 500 || samplesPerSecond === 0) {
    if (spsWindow.ms > 0) samplesPerSecond = (spsWindow.samples * 1000) / spsWindow.ms;
    spsWindow = { samples: 0, ms: 0 };
  }
  return dt;
}

function stop() {
  runToken += 1;
  running = false;
}

function fail(err) {
  stop();
  self.postMessage({ type: 'stopped', reason: message(err) });
  status();
}

async function loop(token) {
  running = true;
  status();
  while (token === runToken) {
    try {
      const dt = trainSteps(chunkSteps);
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
      fail(err);
      return;
    }
    await pause();
  }
}

function build(modelConfig, trainConfig) {
  const next = new core.Trainer(modelConfig, trainConfig);
  trainer?.free();
  trainer = next;
  config = { modelConfig, trainConfig };
  last = { loss: null, accuracy: null, steps: 0, epochs: 0 };
  samplesPerSecond = 0;
  spsWindow = { samples: 0, ms: 0 };
  lastEvalStep = 0;
}

function describe() {
  return { layerInfos: trainer.layerInfos(), parameterCount: trainer.parameterCount(), modelConfig: trainer.modelConfig() };
}

// MLP against CNN on growing training sets: each point is a fresh model trained on the first
// n training digits, then evaluated on all test digits.
async function compare({ models, sizes, token }) {
  const results = [];
  for (const n of sizes) {
    for (const m of models) {
      if (token !== runToken) return null;
      const t = new core.Trainer(m.modelConfig, m.trainConfig);
      try {
        t.limitTrainingSet(digits, n);
        const steps = Math.min(300, Math.max(100, Math.ceil((5 * n) / m.trainConfig.batchSize)));
        let done = 0;
        while (done < steps) {
          if (token !== runToken) return null;
          const k = Math.min(20, steps - done);
          t.train(digits, k);
          done += k;
          await pause();
        }
        const e = t.evaluate(digits, 'test', 0);
        const point = { model: m.name, size: n, steps, accuracy: e.accuracy, parameterCount: t.parameterCount() };
        results.push(point);
        self.postMessage({ type: 'compare', point });
      } finally {
        t.free();
      }
    }
  }
  return results;
}

const handlers = {
  configure({ modelConfig, trainConfig }) {
    stop();
    build(modelConfig, trainConfig);
    status();
    postFilters();
    return describe();
  },
  settings({ every, limit }) {
    if (every) evalEvery = every;
    if (limit) evalLimit = limit;
    return { evalEvery, evalLimit };
  },
  play() {
    if (!trainer) throw new Error('play: no model is configured');
    if (running) return { running };
    const token = ++runToken;
    loop(token);
    return { running: true };
  },
  pause() {
    const was = running;
    stop();
    status();
    if (!trainer) return null;
    postFilters();
    return was || last.steps > 0 ? fullEvaluation() : null;
  },
  step() {
    if (!trainer) throw new Error('step: no model is configured');
    stop();
    try {
      trainSteps(1);
    } catch (err) {
      fail(err);
      throw err;
    }
    status();
    postFilters();
    return { ...last };
  },
  reset() {
    stop();
    if (!config) throw new Error('reset: no model is configured');
    build(config.modelConfig, config.trainConfig);
    status();
    postFilters();
    return describe();
  },
  evaluate({ limit = 0 } = {}) {
    if (!trainer) throw new Error('evaluate: no model is configured');
    return fullEvaluation(limit);
  },
  inspect({ testIndex }) {
    if (!trainer) throw new Error('inspect: no model is configured');
    const n = digits.count('test');
    if (!(Number.isInteger(testIndex) && testIndex >= 0 && testIndex < n)) {
      throw new Error(`inspect: the test digit must be a whole number from 0 to ${n - 1}`);
    }
    const pixels = digits.image('test', testIndex);
    const probabilities = trainer.predict(pixels);
    const infos = trainer.layerInfos();
    const maps = infos.map((info, layer) => ({ layer, kind: info.kind, ...trainer.activations(layer) }));
    return { testIndex, label: digits.label('test', testIndex), pixels, probabilities: Array.from(probabilities), maps };
  },
  predict({ pixels }) {
    if (!trainer) throw new Error('predict: no model is configured');
    return Array.from(trainer.predict(new Float32Array(pixels)));
  },
  testDigit({ index }) {
    return { index, label: digits.label('test', index), pixels: digits.image('test', index) };
  },
  save() {
    if (!trainer) throw new Error('save: no model is configured');
    return trainer.save();
  },
  load({ bytes }) {
    if (!config) throw new Error('load: no model is configured');
    const next = core.Trainer.load(new Uint8Array(bytes), config.trainConfig); // throws: keep the current model
    stop();
    trainer?.free();
    trainer = next;
    const modelConfig = trainer.modelConfig();
    config = { modelConfig, trainConfig: config.trainConfig };
    last = { loss: null, accuracy: null, steps: 0, epochs: 0 };
    lastEvalStep = 0;
    status();
    postFilters();
    return describe();
  },
  async compare({ models, sizes }) {
    stop();
    status();
    const token = runToken;
    return compare({ models, sizes, token });
  },
};

self.onmessage = async (event) => {
  const { id, type, ...payload } = event.data ?? {};
  try {
    await ready;
    const handler = handlers[type];
    if (!handler) throw new Error(`train worker: unknown message "${type}"`);
    const result = await handler(payload);
    self.postMessage({ type: 'reply', id, ok: true, result });
  } catch (err) {
    self.postMessage({ type: 'reply', id, ok: false, error: message(err) });
  }
};
