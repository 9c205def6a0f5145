// The layers of the receptive-field demo are the core's LayerConfig objects, written in the URL
// in the core's one layer code (core.parseLayers / core.printLayers; old links such as
// `c5s1d1pv.p2s2d1pv` are translated by the core on read). This module holds the presets, the
// new layers the editor adds, the padding choices and the short words for a layer.

/** At most this many layers are drawn. */
export const MAX_LAYERS = 8;

/** Layer kinds whose output is still a map; the page draws stacks of these. */
export const MAP_KINDS = ['conv2d', 'pool', 'activation', 'batchNorm', 'dropout'];

/** [id, button text, layer code]. */
export const PRESETS = [
  ['three3', 'Three 3×3 convs', 'c1k3_c1k3_c1k3'],
  ['lenet', 'LeNet: conv5-pool2-conv5-pool2', 'c1k5_mp2_c1k5_mp2'],
  ['dilated', 'Dilated 3×3 (1, 2, 4)', 'c1k3_c1k3d2_c1k3d4'],
  ['strided', 'Strided 3×3 convs, "same"', 'c1k3s2ps_c1k3s2ps_c1k3s2ps'],
];

/** The layer the "+ conv layer" and "+ pool layer" buttons add. */
export const NEW_LAYER = {
  conv2d: () => ({ kind: 'conv2d', outChannels: 1, kernel: 3 }),
  pool: () => ({ kind: 'pool', pool: { kind: 'max' }, size: 2 }),
};

/** Padding choices as [select value, text, padding object]. */
export const PADDINGS = [
  ['valid', 'valid', { kind: 'valid' }],
  ['same', 'same', { kind: 'same' }],
  ['full', 'full', { kind: 'full' }],
  ...[1, 2, 3].map((n) => [`pad${n}`, `pad ${n}`, { kind: 'explicit', y: n, x: n }]),
];

/** The select value of a padding object (explicit amounts not in PADDINGS get their own). */
export function paddingKey(padding) {
  if (padding.kind !== 'explicit') return padding.kind;
  return padding.y === padding.x ? `pad${padding.y}` : `pad${padding.y}x${padding.x}`;
}

/** Text for a padding object: "same", "pad 2", "pad 1×2". */
export function paddingText(padding) {
  if (padding.kind !== 'explicit') return padding.kind;
  return padding.y === padding.x ? `pad ${padding.y}` : `pad ${padding.y}×${padding.x}`;
}

/** The window of a conv2d or pool layer: `{ kernel, stride, dilation, padding }`; null for others. */
export function windowOf(layer) {
  if (layer.kind === 'conv2d') return { kernel: layer.kernel, stride: layer.stride, dilation: layer.dilation, padding: layer.padding };
  if (layer.kind === 'pool') return { kernel: layer.size, stride: layer.stride ?? layer.size, dilation: layer.dilation, padding: layer.padding };
  return null;
}

/** A layer with its window edited: `key` one of kernel, stride, dilation, padding. */
export function withWindow(layer, key, value) {
  if (layer.kind === 'pool' && key === 'kernel') return { ...layer, size: value };
  return { ...layer, [key]: value };
}

/** The same window as a layer of the other kind (conv2d ↔ max pool). */
export function switchKind(layer, kind) {
  const w = windowOf(layer);
  if (kind === 'conv2d') return { kind, outChannels: 1, kernel: w.kernel, stride: w.stride, dilation: w.dilation, padding: w.padding };
  return { kind: 'pool', pool: { kind: 'max' }, size: w.kernel, stride: w.stride, dilation: w.dilation, padding: w.padding };
}

const POOL_NAMES = { max: 'pool', average: 'avg pool', l2: 'L2 pool', gaussian: 'Gaussian pool' };
const OTHER_NAMES = { activation: (l) => l.activation.kind, batchNorm: () => 'batch norm', dropout: () => 'dropout' };

/** Short words for a layer: "conv 5×5", "pool 2×2 /2", "conv 3×3 dil 2, same", "conv 5×5, 8 filters", "relu". */
export function describe(layer) {
  const w = windowOf(layer);
  if (!w) return (OTHER_NAMES[layer.kind] ?? (() => layer.kind))(layer);
  const name = layer.kind === 'conv2d' ? 'conv' : POOL_NAMES[layer.pool.kind] ?? 'pool';
  let text = `${name} ${w.kernel}×${w.kernel}`;
  if (w.stride !== 1) text += ` /${w.stride}`;
  if (w.dilation !== 1) text += ` dil ${w.dilation}`;
  if (w.padding.kind !== 'valid') text += `, ${paddingText(w.padding)}`;
  if (layer.kind === 'conv2d' && layer.outChannels > 1) text += `, ${layer.outChannels} filters`;
  return text;
}
