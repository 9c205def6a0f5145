// The training page's settings: the presets (lib/model-presets.js, networks in the core's layer
// code) and the URL schema. The layer code itself is parsed and
// printed by the core (core.parseLayers / core.printLayers).

import { DEFAULT_PRESET, PRESETS } from '../../lib/model-presets.js';

export { DEFAULT_PRESET, PRESETS };

/** The URL schema of the page. */
export const SCHEMA = {
  preset: { type: 'enum', values: [...Object.keys(PRESETS), 'custom'], default: DEFAULT_PRESET },
  layers: { type: 'string', pattern: /[a-z0-9_.]+/, maxLength: 400, default: PRESETS[DEFAULT_PRESET].layers },
  optimizer: { type: 'enum', values: ['sgd', 'momentum', 'adam'], default: PRESETS[DEFAULT_PRESET].optimizer },
  lr: { type: 'float', min: 0.00001, max: 1, default: PRESETS[DEFAULT_PRESET].lr },
  batch: { type: 'int', min: 1, max: 256, default: PRESETS[DEFAULT_PRESET].batch },
  wd: { type: 'float', min: 0, max: 0.1, default: PRESETS[DEFAULT_PRESET].wd },
  seed: { type: 'int', min: 0, max: 999999, default: 1 },
  // Workers a training step is split across (workers/shards-*.js): 0 = every core (at most 4), else 1–8.
  workers: { type: 'int', min: 0, max: 8, default: 0 },
  // "Your own classes" (own/): what the network learns, how that mode starts, and the share of
  // each class's originals held out for testing.
  data: { type: 'enum', values: ['digits', 'own'], default: 'digits' },
  start: { type: 'enum', values: ['starter', 'empty'], default: 'starter' },
  test: { type: 'int', min: 10, max: 50, default: 25 },
};

