// ConvPlay on more than one core (browser only): the site's own data-parallel training
// (www/js/workers/shards-pool.js: the batch split across this page and helper workers, one
// update) on both builds of the core (www/pkg SIMD128, www/pkg-relaxed relaxed SIMD), against one
// worker (`trainer.train`) on the same build, same network, same batches (the core's own shuffled
// batches of the shipped digits). `site` holds the site's modules: { loadCore, loadDigits,
// createShardPool } (served under /js/ by bench/run.mjs).
import { BATCH, SPEED_LR, convplayLenet5, checkParameterCount } from './lenet.mjs';
import { timeLoop, timeLoopAsync } from './timing.mjs';

export const BUILDS = ['simd128', 'relaxed'];
export const WORKERS = [1, 2];
/** The training page's default preset (www/js/lib/model-presets.js) for the time to 97%. */
export const DEFAULT_PRESET = { layers: 'c8k5_relu_mp2_c16k5_relu_mp2_fl_d64_relu_d10', lr: 0.002, batch: 32 };

const sgd = (seed) => ({ optimizer: { kind: 'sgd', lr: SPEED_LR, momentum: 0, weightDecay: 0 }, batchSize: BATCH, seed });

async function coreOf(site, build) {
  const core = await site.loadCore({ fresh: true, build });
  return { core, digits: await site.loadDigits(core) };
}

/** Training samples/s for every build × worker count: `{ 'simd128×1': …, 'simd128×2': …, … }`. */
export async function measureCores(site, o) {
  const out = {};
  for (const build of BUILDS) {
    const { core, digits } = await coreOf(site, build);
    for (const workers of WORKERS) {
      const modelConfig = convplayLenet5(1);
      const trainer = new core.Trainer(modelConfig, sgd(1));
      checkParameterCount('ConvPlay', trainer.parameterCount());
      let t;
      if (workers === 1) {
        timeLoop(() => trainer.train(digits, 1), { seconds: o.warmupSeconds, minIters: 5, now: o.now });
        t = timeLoop(() => trainer.train(digits, 1), { seconds: o.seconds, minIters: 3, now: o.now });
      } else {
        const pool = site.createShardPool(workers);
        try {
          await pool.configure(modelConfig, sgd(1), build);
          // At least 1 s: the helper compiles its own copy of the core, and the engine's optimising
          // tier finishes it in the background on the same two cores.
          await timeLoopAsync(() => pool.train(trainer, digits, 1), { seconds: Math.max(1, o.warmupSeconds), minIters: 5, now: o.now });
          t = await timeLoopAsync(() => pool.train(trainer, digits, 1), { seconds: o.seconds, minIters: 3, now: o.now });
        } finally {
          pool.close();
        }
      }
      out[`${build}×${workers}`] = { build, workers, trainSamplesPerSec: (t.iters * BATCH) / t.seconds, steps: t.iters, seconds: t.seconds };
      trainer.free();
    }
  }
  return out;
}

/**
 * The training page's default preset (Adam) on `workers` workers of the browser's own build:
 * seconds of training until all test digits are `target` right (checked every `every` steps,
 * evaluation time excluded), as a student gets it in the tab.
 */
export async function presetTo97(site, { workers, target = 0.97, every = 250, capSeconds = 60, seed = 1, now }) {
  const core = await site.loadCore({ fresh: true }); // the build this browser picks
  const digits = await site.loadDigits(core);
  const modelConfig = { input: [1, 28, 28], layers: core.parseLayers(DEFAULT_PRESET.layers), seed };
  const trainConfig = { optimizer: { kind: 'adam', lr: DEFAULT_PRESET.lr }, batchSize: DEFAULT_PRESET.batch, seed };
  const trainer = new core.Trainer(modelConfig, trainConfig);
  const pool = workers > 1 ? site.createShardPool(workers) : null;
  await pool?.configure(modelConfig, trainConfig, site.coreBuild(core));
  let trainMs = 0;
  let steps = 0;
  let accuracy = 0;
  try {
    while (trainMs < capSeconds * 1000) {
      const t = now();
      const p = pool ? await pool.train(trainer, digits, every) : trainer.train(digits, every);
      trainMs += now() - t;
      steps = Number(p.steps);
      accuracy = trainer.evaluate(digits, 'test', 0, 256).accuracy;
      if (accuracy >= target) break;
    }
  } finally {
    pool?.close();
    trainer.free();
  }
  return { workers, build: site.coreBuild(core), preset: DEFAULT_PRESET, target, reached: accuracy >= target, steps, accuracy, trainSeconds: trainMs / 1000 };
}
