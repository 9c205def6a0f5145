// The lecture's week as a path: its stops in the lecture's own order, each a demo opened in the
// exact state that shows one point, with what to notice there. The path page (path.html) lists
// them; inside a demo opened from the path (`stop=<id>` in its address) teach/navigation.js links
// the previous and next stop and runs presenter mode (`present=1`).
//
// A stop is { id, topic, title, notice, demo, query }: `demo` is an id of demos.js; `query` is the
// demo's whole state as the demo itself writes it (every key of its schema, in schema order), so
// the address after the demo mounts is the stop's query. `notice` says in 1–3 sentences what the
// page then shows; tests/pages/path.test.mjs opens every stop and checks each number it names
// against what the page computed, and tests/unit/path.test.mjs reads every query with its demo's
// schema. Change a demo's schema or defaults and those tests say which stop to update.
import { DEMOS } from '../demos.js';

/** `base` with the keys of `changes` given new values in place (the order stays the schema's). */
function set(base, changes = {}) {
  const params = new URLSearchParams(base);
  for (const [key, value] of Object.entries(changes)) params.set(key, String(value));
  return params.toString().replace(/%2C/gi, ',');
}

/** Each demo's default state as it writes it; the stops below change a few keys. */
const INIT = 'depth=5&width=64&act=tanh&init=standard&sigma=0.01&bias=0&other=xavierNormal&steps=300&lr=0.05&seed=1';
const BN = 'values=1,2,3,4&gamma=1&beta=0&eps=0.00001&step=1&trainSteps=300&testBatch=100&cure=small&seed=1';
const DROPOUT = 'p=0.5&beta=0.5&steps=200&detail=0.5&seed=1';
const STACK = 'size=32&digit=0&layers=c1k5_mp2_c1k5_mp2&layer=3&row=2&col=2&vh=32&vw=32&vc=3&vk=5&ch=1000&cw=1000&cc=1&cu=1000&cf=1&ck=3';
const EQUIVARIANCE = 'digit=0&dx=2&dy=1&kernel=sobelX&seed=1&sample=stride2&angle=30&scale=1&units=64';
const TRAIN = 'preset=cnn&layers=c8k5_relu_mp2_c16k5_relu_mp2_fl_d64_relu_d10&optimizer=adam&lr=0.002&batch=32&wd=0&seed=1';
const WHY = 'cnn=pooled&steps=300&seed=1&source=test&digit=0&label=3&recentre=1&move=right&pixels=8&degrees=90&at=0&nin=1000000&ratio=10&units=1000&filters=16&kernel=3&eps=0.1&dims=10';
const SIGNALS = 'x=1,2,3,1,2&h=1,0.5,0.25&mode=conv&step=0&speed=1';
const LECTURE_2D = 'rows=5&cols=5&krows=3&kcols=3&stride=1&padding=valid&pad=1&dilation=1&mode=xcorr&volume=0&filters=2&seed=1'
  + '&input=3,3,2,1,0,0,0,1,3,1,3,1,2,2,3,2,0,0,2,2,2,0,0,0,1&kernel=0,1,2,2,2,0,0,1,2&bias=1&step=0&speed=2';
const FILTERS = 'img=chelsea&digit=0&filter=sobelX&sigma=1&k=0,-1,0,-1,5,-1,0,-1,0&map=auto&r=60&c=120';
const POOLING = 'digit=0&edge=sobelY&relu=1&size=2&stride=2&sigma=1&kind=max&grad=ones&row=3&col=4&ex=2s2&er=0&ec=0';
/** The volume mode's 5×5×3 input and two 3×3×3 filters: the lecture's values in channel 1, seed 1's fill elsewhere. */
const VOLUME_DATA = {
  input: '3,3,2,1,0,0,0,1,3,1,3,1,2,2,3,2,0,0,2,2,2,0,0,0,1,1,3,3,1,2,3,3,1,1,3,2,1,3,2,0,2,2,0,3,0,1,0,3,3,3,3,3,0,2,1,2,1,2,2,0,1,1,3,2,1,2,1,0,3,1,1,1,1,0,1',
  kernel: '0,1,2,2,2,0,0,1,2,1,0,0,1,1,1,0,0,1,2,0,1,1,1,2,2,2,0,2,1,1,1,0,0,2,0,2,1,0,2,1,2,1,1,1,0,1,2,0,2,0,0,0,1,2',
  bias: '1,1',
};

/** [topic, stops] in the lecture's order. */
const WEEK = [
  ['Weight initialization', [
    { id: 'init-zeros', title: 'Zero weights: symmetry never breaks', demo: 'init', query: set(INIT, { init: 'zeros' }),
      notice: 'With every weight 0, all units of a layer compute the same thing and get the same update: after 10 SGD steps the spread between two units’ weights is still 0 in all five hidden layers. A random initialization’s spreads are not 0.' },
    { id: 'init-small', title: 'Small random weights: too small', demo: 'init', query: set(INIT, { init: 'small' }),
      notice: 'N(0, 0.01²) gives n·Var(w) = 784 · 0.0001 ≈ 0.078 in the first layer and 64 · 0.0001 ≈ 0.006 in the others. Var(s) = n·Var(w)·Var(x) shrinks that much at every layer: by layer 5 it is below 10⁻¹⁰.' },
    { id: 'init-standard-tanh', title: 'Standard initialization with tanh, 10 layers deep', demo: 'init', query: set(INIT, { depth: 10 }),
      notice: 'U[−1/√n, 1/√n] has variance 1/(3n), so n·Var(w) = 1/3 in every layer and Var(s) shrinks about threefold per layer: at layer 10 it is less than a ten-thousandth of layer 1’s. This is the top row of Glorot & Bengio’s Figure 6.' },
    { id: 'init-xavier-tanh', title: 'Xavier initialization with tanh', demo: 'init', query: set(INIT, { depth: 10, init: 'xavierNormal' }),
      notice: 'Xavier sets Var(w) = 2/(n_in + n_out): n·Var(w) is 1 in the 64 → 64 layers and 1.85 in the first, 784 → 64. Var(s) no longer vanishes: it stays within a factor of five of layer 1’s through all ten layers.' },
    { id: 'init-he-relu', title: 'He initialization with ReLU', demo: 'init', query: set(INIT, { depth: 10, act: 'relu', init: 'heNormal' }),
      notice: 'He normal gives n·Var(w) = 2, making up for ReLU setting about half of its inputs to 0. Var(s) stays between 0.1 and 1 in all ten layers.' },
  ]],
  ['Batch normalization', [
    { id: 'bn-algorithm', title: 'Algorithm 1 on a mini-batch', demo: 'batchnorm', query: set(BN, { step: 4 }),
      notice: 'On the mini-batch 1, 2, 3, 4 the mean is μ_B = 2.5 and the variance σ²_B = 1.25 (divided by m, not m − 1). The normalized values are ±0.447 and ±1.342; with γ = 1 and β = 0 the output is x̂ itself.' },
    { id: 'bn-eval', title: 'Test time: model.eval() and batch size 1', demo: 'batchnorm', query: set(BN, { testBatch: 1 }),
      notice: 'In eval mode the BN layer normalizes with the running averages it stored in training, so test accuracy is the same at every test batch size. With the test batch’s own statistics a batch of one normalizes every unit to β: every digit gets the same answer and accuracy collapses.' },
    { id: 'bn-cure', title: 'BN rescues a badly initialized net', demo: 'batchnorm', query: BN,
      notice: 'Press “Train both”. With N(0, 0.01²) weights and tanh, the 6-layer net without BN stays at the loss of guessing, ln 10 ≈ 2.3, and the page says it is not learning; the same net with BN after every dense layer learns.' },
  ]],
  ['Dropout before batch norm: the variance shift', [
    { id: 'dropout-shift', title: 'The variance shift, in theory', demo: 'dropout', query: DROPOUT,
      notice: 'Inverted dropout divides the kept units by 1 − p in training only. For x ~ N(0, 1) at p = 0.5 the variance is 2 in training and 1 at test time: a ratio of 1/(1 − p) = 2, which a BN layer after the dropout stores in its running variance.' },
    { id: 'dropout-before-bn', title: 'Dropout p = 0.5 before BN, measured', demo: 'dropout', query: set(DROPOUT, { steps: 100 }),
      notice: 'Press “Train the 15 nets”. With dropout before the BN layer, the variance of the BN layer’s input is larger in training than in eval mode, and more so at p = 0.5 than at p = 0. Dropout only after the last BN block (remedy 1) shifts it less.' },
  ]],
  ['Why CNNs', [
    { id: 'count-mlp', title: 'A 1000×1000 image into an MLP', demo: 'receptive-field', query: STACK,
      notice: 'A 1000×1000 grey image into a layer of 1000 hidden units needs 10⁹ weights, 10⁶ for each unit. A 3×3 convolution on the same image has 9 weights, whatever the image size.' },
    { id: 'count-cifar', title: 'One neuron on CIFAR-10', demo: 'receptive-field', query: set(STACK, { ch: 32, cw: 32, cc: 3, cu: 1, ck: 5 }),
      notice: 'On CIFAR-10’s 32×32×3 images one fully connected hidden unit has 3,072 weights; one neuron of a 5×5 convolution has 5 · 5 · 3 = 75.' },
    { id: 'count-map', title: 'Parameter sharing: multiplications for one map', demo: 'receptive-field', query: set(STACK, { ch: 320, cw: 280, cu: 1 }),
      notice: 'For one 320×280 output map a fully connected layer does 320·280·320·280 = 8,028,160,000 multiplications; a 3×3 convolution, one kernel shared by every position, does 320·280·9 = 806,400.' },
    { id: 'why-explode', title: 'Dense layers explode with the input', demo: 'why-cnns', query: WHY,
      notice: 'A dense layer with a tenth as many units as inputs has 10¹¹ weights on a 1000×1000 image; ten times the pixels gives 100 times the weights. With a fixed 1,000 units it is 10 times, and a convolution of 16 3×3 filters keeps its 144 weights at any input size.' },
    { id: 'why-curse', title: 'The curse of dimensionality', demo: 'why-cnns', query: set(WHY, { dims: 20 }),
      notice: 'Samples ε = 0.1 apart need 10 points per axis: (1/ε)^d points cover [0, 1]^d, 1,000 for a cube, 10¹⁰ in 10 dimensions and 10²⁰ in 20. An MLP that assumes nothing about images needs its examples to cover the space; a CNN assumes locality and shared weights.' },
    { id: 'sample-complexity', title: 'Sample complexity: an MLP of the same size', demo: 'train', query: set(TRAIN, { preset: 'mlp', layers: 'fl_d26_relu_d10' }),
      notice: 'This MLP (flatten → 26 ReLU units → 10) has 20,680 parameters, the budget of the tiny CNN. “Run MLP vs CNN” trains both afresh on the first 100, 300, 1,000, 3,000 and 8,000 training digits and tests each on the same held-out digits: compare the columns as the training set grows.' },
    { id: 'equivariance-shift', title: 'Convolution is equivariant to shifts', demo: 'equivariance', query: EQUIVARIANCE,
      notice: 'Shift the digit 2 px right and 1 px down and convolve, or convolve and then shift: away from the borders the two maps agree exactly (largest difference 0), though the input vector changed by 0.96 of its norm.' },
    { id: 'invariance-pooling', title: 'Pooling gives invariance, to a degree', demo: 'equivariance', query: set(EQUIVARIANCE, { dx: 3, dy: 0 }),
      notice: 'A 3 px shift changes the raw feature map by 1.62 of its norm, the 2×2 max-pooled map by 1.4, and the global max not at all (0). The more a summary pools, the less it cares where.' },
    { id: 'mlp-shift', title: 'An MLP sees a new vector', demo: 'equivariance', query: set(EQUIVARIANCE, { dx: 1, dy: 0 }),
      notice: 'A 1 px shift changes the 784-number input vector by 0.46 of its norm, and the 64 hidden activations of an MLP’s first layer (50,240 parameters) by 0.52. Hidden units have no positions, so there is no shift that undoes it.' },
    { id: 'rotation', title: 'Not equivariant to rotation', demo: 'equivariance', query: set(EQUIVARIANCE, { dx: 0, dy: 0, angle: 90 }),
      notice: 'Rotate the digit by 90°: convolving the rotated digit with Sobel x is not the rotated feature map. The relative difference is 1.76, where a shift gives 0; a kernel that finds vertical edges does not turn with the image.' },
    { id: 'rf-three-3x3', title: 'Receptive fields grow with depth', demo: 'receptive-field', query: set(STACK, { layers: 'c1k3_c1k3_c1k3', layer: 2, row: 12, col: 12 }),
      notice: 'Each of three stacked 3×3 convolutions looks at 3×3 cells of the map before it, yet a unit of the third sees a 7×7 region of the input.' },
    { id: 'rf-lenet', title: 'LeNet’s receptive fields', demo: 'receptive-field', query: set(STACK, { digit: 1 }),
      notice: 'conv 5×5 → pool 2 → conv 5×5 → pool 2 on a 28×28 digit: the maps are 24, 12, 8 and 4 wide, and a unit of the last one depends on a 16×16 region of the digit; neighbouring units are 4 pixels apart (jump 4).' },
    { id: 'rf-effective', title: 'The effective receptive field', demo: 'network', query: 'preset=cnn&layers=c8k5_relu_mp2_c16k5_relu_mp2_fl_d64_relu_d10&digit=0&seed=1',
      notice: 'The marked unit of the tiny CNN’s second convolution can read a 14×14 square of the digit (5×5, pool 2, 5×5). Its gradient, averaged over 64 test digits, does not fill that square evenly: the effective receptive field, the box holding 95 % of it, is smaller and brightest at the centre. Train, and watch it change.' },
    { id: 'history-lenet', title: 'History: LeCun’s network (1998)', demo: 'train', query: set(TRAIN, { preset: 'lenet', layers: 'c6k5ps_tanh_ap2_c16k5_tanh_ap2_fl_d120_tanh_d84_tanh_d10', lr: 0.001 }),
      notice: 'A LeNet-5-like network: 5×5 convolutions with shared weights, tanh and average pooling, twice, then dense layers of 120, 84 and 10, all trained by gradient descent. Of its 61,706 parameters only 156 + 2,416 = 2,572 are in the two convolution layers.' },
  ]],
  ['Convolution, from signals to 2-D', [
    { id: 'signals-impulses', title: 'A signal is a sum of shifted impulses', demo: 'conv1d', query: SIGNALS,
      notice: 'x = [1, 2, 3, 1, 2] is five scaled, shifted impulses; each answers with the unit-sample response h = [1, 0.5, 0.25], scaled and shifted the same way. The responses add up to y = x ∗ h = [1, 2.5, 4.25, 3, 3.25, 1.25, 0.5].' },
    { id: 'signals-sum', title: 'Flip, slide, multiply, sum', demo: 'conv1d', query: set(SIGNALS, { step: 9 }),
      notice: 'Step 9: h is flipped, slid to n = 2, multiplied with x and summed: y[2] = 1·0.25 + 2·0.5 + 3·1 = 4.25.' },
    { id: 'signals-xcorr', title: 'Cross-correlation: no flip', demo: 'conv1d', query: set(SIGNALS, { mode: 'xcorr' }),
      notice: 'Cross-correlation slides h as it is, without the flip: xcorr(x, h) = [0.25, 1, 2.75, 3.75, 4, 2, 2], the same as convolving x with the flipped h. This is what CNN libraries compute and call convolution.' },
    { id: 'conv2d-lecture', title: 'The lecture’s 5×5 example, step 0', demo: 'conv2d', query: LECTURE_2D,
      notice: 'A 3×3 kernel on a 5×5 input, no padding, stride 1: the output is ⌊(5 − 3)/1⌋ + 1 = 3 by 3. Step forward (→) and the first window gives 3·0 + 3·1 + 2·2 + 0·2 + 0·2 + 1·0 + 3·0 + 1·1 + 2·2 = 12.' },
    { id: 'conv2d-output', title: 'The whole output', demo: 'conv2d', query: set(LECTURE_2D, { step: 9 }),
      notice: 'After all nine windows the output is 12, 12, 17 / 10, 17, 19 / 9, 6, 14, the lecture’s figure. Each cell is Σ I[i+m, j+n]·K[m, n]: cross-correlation.' },
    { id: 'conv2d-true', title: 'True convolution flips the kernel', demo: 'conv2d', query: set(LECTURE_2D, { mode: 'conv', step: 9 }),
      notice: 'With the kernel flipped first (Σ I[i−m, j−n]·K[m, n]) the same input gives 18, 20, 19 / 10, 9, 17 / 11, 8, 14: a different output, and the same as cross-correlating with the flipped kernel.' },
  ]],
  ['What filters do', [
    { id: 'filters-box', title: 'The box filter blurs', demo: 'filters', query: set(FILTERS, { filter: 'box5' }),
      notice: 'Box 5×5 replaces each pixel by the mean of its 5×5 neighbourhood. Its weights sum to 1, so a flat patch keeps its value and only detail is smoothed away.' },
    { id: 'filters-sharpen', title: 'Sharpening', demo: 'filters', query: set(FILTERS, { filter: 'sharpen' }),
      notice: 'Sharpen takes twice the pixel minus the local average. Its weights sum to 1, so constant areas are left untouched, while differences are accentuated: the output goes below 0 and above 1, outside the photo’s grey levels.' },
    { id: 'filters-gaussian', title: 'The Gaussian is separable', demo: 'filters', query: set(FILTERS, { filter: 'gaussian', sigma: 2 }),
      notice: 'The Gaussian with σ = 2 has 13×13 weights. Blurring the rows and then the columns with 13 weights each gives the same picture up to float rounding (below 10⁻⁶) with 1,131,520 multiplications instead of 7,354,880.' },
    { id: 'filters-derivative', title: '[−1 1]: a derivative', demo: 'filters', query: set(FILTERS, { filter: 'derivativeX' }),
      notice: 'The weights of [−1 1] sum to 0: a flat patch gives 0, and only changes of brightness from left to right remain, with a sign that says which way. [−1 1]ᵀ does the same from top to bottom.' },
  ]],
  ['The CNN layer and pooling', [
    { id: 'conv2d-stride', title: 'Stride 2', demo: 'conv2d', query: set(LECTURE_2D, { stride: 2, step: 4 }),
      notice: 'Stride 2 skips every other window: the output is ⌊(5 − 3)/2⌋ + 1 = 2 by 2, and its values 12, 17 / 9, 14 are the corners of the stride-1 output.' },
    { id: 'conv2d-same', title: '“Same” padding', demo: 'conv2d', query: set(LECTURE_2D, { padding: 'same', step: 25 }),
      notice: '“Same” padding adds a border of zeros, one cell on each side for a 3×3 kernel, so the output is 5×5 like the input. The centre 3×3 of the output is the unpadded result.' },
    { id: 'conv2d-dilation', title: 'Dilation', demo: 'conv2d', query: set(LECTURE_2D, { dilation: 2, step: 1 }),
      notice: 'Dilation 2 spreads the 3×3 kernel over a 5×5 window (2·(3 − 1) + 1 = 5): the 5×5 input gives a single output, 14.' },
    { id: 'pooling-map', title: 'Convolution → detector → pooling', demo: 'pooling', query: POOLING,
      notice: 'A test digit, its horizontal edges (Sobel y) and ReLU, then 2×2 pooling with stride 2: the 28×28 map becomes 14×14. In the window at row 3, column 4, max keeps 3.176, the average is 1.548 and the L2 norm 4.38.' },
    { id: 'pooling-by-hand', title: 'Pooling by hand, overlapping windows', demo: 'pooling', query: set(POOLING, { ex: '3s1' }),
      notice: 'On the 4×4 example a 3×3 window with stride 1 gives a 2×2 output from overlapping windows. The first: max 5, average 2, L2 norm 7.746; the Gaussian weights favour the centre (0.204) over the corners (0.075).' },
    { id: 'pooling-gradient', title: 'Where the gradient goes', demo: 'pooling', query: set(POOLING, { grad: 'cell' }),
      notice: 'A gradient of 1 into one pooled cell: max pooling sends it to 1 of the 784 feature cells, the largest of its window; average and Gaussian pooling share it among all 4 cells of the window.' },
  ]],
  ['Volumes', [
    { id: 'conv2d-volume', title: 'Convolution over a volume', demo: 'conv2d', query: set(LECTURE_2D, { volume: 1, ...VOLUME_DATA, step: 1 }),
      notice: 'A 5×5×3 input and 2 filters of 3×3×3: each output cell sums over all three channels and adds the filter’s bias, the first 12 + 11 + 17 + 1 = 41. Two filters give two 3×3 output maps.' },
    { id: 'volume-neuron', title: 'A neuron sees a volume', demo: 'receptive-field', query: set(STACK, { vh: 1024, vw: 1024 }),
      notice: 'A neuron with a 5×5 receptive field on a 1024×1024×3 input is connected to a 5×5×3 volume: 75 weights and a bias, 76 parameters, whatever the input size. Fully connected it would need 3,145,728 weights.' },
    { id: 'cnn-volumes', title: 'The tiny CNN, volume by volume', demo: 'train', query: TRAIN,
      notice: 'The 1×28×28 digit becomes 8×24×24, 8×12×12, 16×8×8 and 16×4×4 volumes. Layer 4 has 16 filters of 8×5×5, each seeing a 5×5 window through all 8 channels: 16·(8·5·5 + 1) = 3,216 parameters.' },
  ]],
];

/** The topics, in the lecture's order. */
export const TOPICS = WEEK.map(([topic]) => topic);

/** Every stop, in order. */
export const PATH = Object.freeze(WEEK.flatMap(([topic, stops]) => stops.map((stop) => Object.freeze({ topic, ...stop }))));

/** The stop with this id, or null. */
export function stopById(id) {
  return PATH.find((s) => s.id === id) ?? null;
}

/** `{ previous, next }` around a stop (null at either end). */
export function neighbours(stop) {
  const i = PATH.indexOf(stop);
  return { previous: PATH[i - 1] ?? null, next: PATH[i + 1] ?? null };
}

/** The stop a demo page's address names (`stop=<id>`), if it is one of `demo`'s stops; else null. */
export function stopOf(search, demo) {
  const stop = stopById(new URLSearchParams(search).get('stop'));
  return stop && stop.demo === demo ? stop : null;
}

/**
 * Path of a stop's page from the site's root: `demos/<demo>.html?<query>&stop=<id>`; `present`
 * adds `&present=1` (presenter mode), `predict` adds `&predict=1` (the demo as a quiz, its first
 * question: teach/predict.js).
 */
export function stopPath(stop, { present = false, predict = false } = {}) {
  const page = DEMOS.find((d) => d.id === stop.demo).path;
  return `${page}?${stop.query}&stop=${stop.id}${present ? '&present=1' : ''}${predict ? '&predict=1' : ''}`;
}

const ROOT = new URL('../../', import.meta.url);

/** Absolute URL of a stop's page (see stopPath). */
export function stopUrl(stop, options) {
  return new URL(stopPath(stop, options), ROOT).href;
}

/** Absolute URL of the path page, at `stop` when given. */
export function pathPageUrl(stop = null) {
  return new URL(`path.html${stop ? `#stop-${stop.id}` : ''}`, ROOT).href;
}
