// The "Why CNNs" page's settings and networks: the URL schema, the two CNNs and the MLP of about
// the same number of weights, and the training jobs the trainer worker runs for them. No DOM (the
// page tests build the same jobs to check what the page shows).
import { trainConfig } from '../../lib/training.js';

/** Adam at 0.005, batches of 32: both kinds of network learn the digits in a few hundred steps. */
export const trainSettings = (seed) => trainConfig({ optimizer: 'adam', lr: 0.005, batch: 32, seed });

/**
 * The networks in the core's layer code, for a digit of h × w. `pooled`: two conv + ReLU + 2×2 max
 * pool stages, then a max pool over the whole remaining map (it forgets where a feature was);
 * `dense`: the same stages flattened into the dense output layer (it keeps where); the MLP: one
 * hidden layer of 7 units. All three have between 5,400 and 6,000 weights (the page shows the
 * core's counts).
 */
export function networks([, h, w]) {
  const whole = Math.max(1, Math.floor(Math.min(h, w) / 4));
  return {
    pooled: { name: 'CNN (global max pooling)', layers: `c10k5ps_relu_mp2_c20k5ps_relu_mp2_mp${whole}_fl_d10` },
    dense: { name: 'CNN (flatten + dense)', layers: 'c8k5_relu_mp2_c16k5_relu_mp2_fl_d10' },
    mlp: { name: 'MLP (one hidden layer)', layers: 'fl_d7_relu_d10' },
  };
}

/** The moves a digit can be put through: [key, label, unit, step]. */
export const MOVES = [
  ['right', 'shift right', 'px', 1],
  ['down', 'shift down', 'px', 1],
  ['rotate', 'rotate', '°', 5],
];

/** The URL state; digit bounds come from the digit file. */
export function schema({ digits }) {
  const [, h, w] = digits.shape();
  return {
    cnn: { type: 'enum', values: ['pooled', 'dense'], default: 'pooled' },
    steps: { type: 'int', min: 20, max: 1000, default: 300 },
    seed: { type: 'int', min: 1, max: 999, default: 1 },
    source: { type: 'enum', values: ['test', 'drawn'], default: 'test' },
    digit: { type: 'int', min: 0, max: digits.count('test') - 1, default: 0 },
    label: { type: 'int', min: 0, max: 9, default: 3 },
    recentre: { type: 'bool', default: true },
    move: { type: 'enum', values: MOVES.map(([k]) => k), default: 'right' },
    pixels: { type: 'int', min: 1, max: Math.floor(Math.max(h, w) / 2), default: 8 },
    degrees: { type: 'int', min: 5, max: 180, default: 90 },
    at: { type: 'int', min: -180, max: 180, default: 0 },
    nin: { type: 'int', min: 1, max: 100000000, default: 1000000 },
    ratio: { type: 'int', min: 1, max: 1000, default: 10 },
    units: { type: 'int', min: 1, max: 100000, default: 1000 },
    filters: { type: 'int', min: 1, max: 512, default: 16 },
    kernel: { type: 'int', min: 1, max: 15, default: 3 },
    eps: { type: 'float', min: 0.001, max: 1, default: 0.1 },
    dims: { type: 'int', min: 3, max: 30, default: 10 },
  };
}

/** The sweep of the current move: `{ transform, max, step }` for trainer.transformCurve. */
export function sweepOf(state) {
  const [, , , step] = MOVES.find(([k]) => k === state.move);
  return { transform: state.move, max: state.move === 'rotate' ? state.degrees : state.pixels, step };
}

/** The shown value `at` kept inside the current sweep (a multiple of its step). */
export function checkAt(state, problems) {
  const { max, step } = sweepOf(state);
  if (Math.abs(state.at) > max || state.at % step !== 0) {
    problems.push(`Setting "at" (${state.at}) is not a value of the current sweep (−${max} to ${max} in steps of ${step}); using 0.`);
    state.at = 0;
  }
}

/** The two training jobs (the chosen CNN, then the MLP) for the trainer worker's 'jobs' request. */
export function jobsFor(core, shape, state) {
  const nets = networks(shape);
  return [nets[state.cnn], nets.mlp].map((net) => ({
    model: { input: [1, shape[1], shape[2]], seed: state.seed, layers: core.parseLayers(net.layers) },
    train: trainSettings(state.seed),
    steps: state.steps,
    chunk: 20,
    evalLimit: 500,
  }));
}
