// The training page's settings: the presets (networks in the core's layer code, see
// crates/convplay-core/src/model/code.rs) and the URL schema. The layer code itself is parsed and
// printed by the core (core.parseLayers / core.printLayers).

export const PRESETS = {
  cnn: {
    title: 'Tiny CNN',
    layers: 'c8k5_relu_mp2_c16k5_relu_mp2_fl_d64_relu_d10',
    optimizer: 'adam', lr: 0.002, batch: 32, wd: 0,
  },
  lenet: {
    title: 'LeNet-5-like',
    layers: 'c6k5ps_tanh_ap2_c16k5_tanh_ap2_fl_d120_tanh_d84_tanh_d10',
    optimizer: 'adam', lr: 0.001, batch: 32, wd: 0,
  },
  mlp: {
    title: 'MLP, same parameter budget',
    layers: 'fl_d26_relu_d10',
    optimizer: 'adam', lr: 0.002, batch: 32, wd: 0,
  },
};
export const DEFAULT_PRESET = 'cnn';

/** The URL schema of the page. */
export const SCHEMA = {
  preset: { type: 'enum', values: [...Object.keys(PRESETS), 'custom'], default: DEFAULT_PRESET },
  layers: { type: 'string', pattern: /[a-z0-9_.]+/, maxLength: 400, default: PRESETS[DEFAULT_PRESET].layers },
  optimizer: { type: 'enum', values: ['sgd', 'momentum', 'adam'], default: PRESETS[DEFAULT_PRESET].optimizer },
  lr: { type: 'float', min: 0.00001, max: 1, default: PRESETS[DEFAULT_PRESET].lr },
  batch: { type: 'int', min: 1, max: 256, default: PRESETS[DEFAULT_PRESET].batch },
  wd: { type: 'float', min: 0, max: 0.1, default: PRESETS[DEFAULT_PRESET].wd },
  seed: { type: 'int', min: 0, max: 999999, default: 1 },
};

