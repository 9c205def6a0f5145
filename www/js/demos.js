// The demos listed on the landing page, in reading order. One line per demo:
// id (also the file name), title, path (relative to the site root), one-line blurb, topic.
export const DEMOS = [
  { id: 'conv1d', title: 'Convolution of signals', path: 'demos/conv1d.html', blurb: 'Flip, slide, multiply, sum: y[n] = Σ x[k]·h[n−k], step by step', topic: 'Convolution' },
  { id: 'conv2d', title: 'Convolution in 2D', path: 'demos/conv2d.html', blurb: "The sliding kernel in 2D — the lecture's 5×5 example, step by step", topic: 'Convolution' },
  { id: 'filters', title: 'What filters do', path: 'demos/filters.html', blurb: 'Blur, sharpen and find edges in real photos — one output pixel worked out, and the Gaussian as two 1-D passes', topic: 'Convolution' },
  { id: 'pooling', title: 'Pooling', path: 'demos/pooling.html', blurb: 'Max, average, L2 and Gaussian pooling of a real feature map side by side — one window traced, the gradient followed back', topic: 'Pooling' },
  { id: 'equivariance', title: 'Equivariance and invariance', path: 'demos/equivariance.html', blurb: 'Shift a real digit: the feature map moves with it, pooling forgets where, stride and rotation break the rule, and an MLP sees a new vector', topic: 'CNN principles' },
  { id: 'why-cnns', title: 'Why CNNs', path: 'demos/why-cnns.html', blurb: 'Move a digit through a trained CNN and MLP of the same size, watch dense layers explode and (1/ε)^d grow, and meet the Neocognitron and LeNet', topic: 'CNN principles' },
  { id: 'receptive-field', title: 'Receptive fields and parameter counts', path: 'demos/receptive-field.html', blurb: "Stack conv and pool layers, trace a unit's receptive field back to the input, and count MLP vs CNN weights with the lecture's numbers", topic: 'CNN principles' },
  { id: 'init', title: 'Weight initialization', path: 'demos/init.html', blurb: 'Zero, small, standard, Xavier, He: per-layer histograms and Var(s) = n·Var(w)·Var(x) in a deep net on real digits', topic: 'Training deep networks' },
  { id: 'batchnorm', title: 'Batch normalization', path: 'demos/batchnorm.html', blurb: 'Algorithm 1 step by step, train vs eval mode with running statistics, and BN rescuing a deep net', topic: 'Training deep networks' },
  { id: 'dropout', title: 'Dropout and batch norm', path: 'demos/dropout.html', blurb: 'The variance shift of Li et al. (2018), measured as p grows, and its two remedies', topic: 'Training deep networks' },
  { id: 'train', title: 'Train a tiny CNN', path: 'demos/train.html', blurb: 'Train a CNN in this tab on 8,000 real handwritten digits: edit the layers, watch the filters learn, look inside, draw your own digit, or teach it classes of your own', topic: 'Training' },
  { id: 'network', title: 'The whole network', path: 'demos/network.html', blurb: 'Every layer of a trained CNN for one digit at once — click a unit for its theoretical and effective receptive fields, a filter for the digits that excite it most', topic: 'Training' },
];
