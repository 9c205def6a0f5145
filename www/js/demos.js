// The demos listed on the landing page, in reading order. One line per demo:
// id (also the file name), title, path (relative to the site root), one-line blurb, topic.
export const DEMOS = [
  { id: 'conv2d', title: 'Convolution in 2D', path: 'demos/conv2d.html', blurb: "The sliding kernel in 2D — the lecture's 5×5 example, step by step", topic: 'Convolution' },
];
