// The benchmark network, identical in every harness: LeNet-5 with valid convolutions on 28×28
// digits — conv 5×5×6 → ReLU → max-pool 2 → conv 5×5×16 → ReLU → max-pool 2 → flatten 256 →
// dense 120 → ReLU → dense 84 → ReLU → dense 10, softmax cross-entropy (mean over the batch),
// batch 32, plain SGD (no momentum, no weight decay).
//
// Runs unchanged in Node and in the browser (no Node imports).

export const PARAMETERS = 44_426;
export const BATCH = 32;
export const CLASSES = 10;
export const PIXELS = 28 * 28;
/** Learning rate of the speed runs. */
export const SPEED_LR = 0.01;

/** Throw unless a framework's model has exactly the benchmark network's parameter count. */
export function checkParameterCount(framework, count) {
  if (count !== PARAMETERS) {
    throw new Error(
      `${framework}: the model has ${count} parameters, not the ${PARAMETERS} of the benchmark LeNet-5; refusing to measure a different network`,
    );
  }
  return count;
}

const conv = (outChannels) => ({
  kind: 'conv2d',
  outChannels,
  kernel: 5,
  stride: 1,
  padding: { kind: 'valid' },
  dilation: 1,
  weightInit: { kind: 'heNormal' },
  biasInit: { kind: 'zeros' },
});
const relu = () => ({ kind: 'activation', activation: { kind: 'relu' } });
const maxPool = () => ({ kind: 'pool', pool: { kind: 'max' }, size: 2, stride: 2, padding: { kind: 'valid' } });
const dense = (outFeatures) => ({
  kind: 'dense',
  outFeatures,
  weightInit: { kind: 'heNormal' },
  biasInit: { kind: 'zeros' },
});

/** ConvPlay's model configuration of the network (the serde form of `ModelConfig::lenet5()`). */
export function convplayLenet5(seed = 1) {
  return {
    input: [1, 28, 28],
    seed,
    layers: [conv(6), relu(), maxPool(), conv(16), relu(), maxPool(), { kind: 'flatten' }, dense(120), relu(), dense(84), relu(), dense(CLASSES)],
  };
}

/** Indices of ConvPlay's learnable layers in the configuration above (every layer counts). */
export const CONVPLAY_LAYERS = { conv1: 0, conv2: 3, dense1: 7, dense2: 9, dense3: 11 };

/** ConvNetJS layer definitions of the same network. */
export function convnetjsLayers() {
  return [
    { type: 'input', out_sx: 28, out_sy: 28, out_depth: 1 },
    { type: 'conv', sx: 5, filters: 6, stride: 1, pad: 0, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 0, activation: 'relu' },
    { type: 'pool', sx: 2, stride: 2 },
    { type: 'fc', num_neurons: 120, activation: 'relu' },
    { type: 'fc', num_neurons: 84, activation: 'relu' },
    { type: 'softmax', num_classes: CLASSES },
  ];
}
