// The training page's networks, in the core's layer code (crates/convplay-core/src/model/code/),
// with the optimizer settings each trains with. The training page offers them as presets; other
// demos link to them (the "Why CNNs" page's LeNet) and read their sizes from the core.

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
