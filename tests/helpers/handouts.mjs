// The hand-outs every test checks: one configuration per kind and variant of the core's pytorch()
// export, as the demos build them (the lecture's example, every pooling kind, batch norm, both
// dropout variants, init schemes, the training page's presets, the 2-D page's groups section and the
// signals page's causal stack as their "Copy as PyTorch" makes them), and a helper that runs Python.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { handout as conv2d } from '../../www/js/teach/exports/conv2d.js';
import { handout as conv1d } from '../../www/js/teach/exports/conv1d.js';
import { CAUSAL_INPUT } from '../../www/js/demos/conv1d/causal-state.js';

const LECTURE_INPUT = [3, 3, 2, 1, 0, 0, 0, 1, 3, 1, 3, 1, 2, 2, 3, 2, 0, 0, 2, 2, 2, 0, 0, 0, 1];
const LECTURE_KERNEL = [0, 1, 2, 2, 2, 0, 0, 1, 2];
const EXAMPLE = [1, 3, 2, 0, 4, 2, 1, 1, 0, 0, 5, 6, 1, 2, 7, 8];
const conv = (extra = {}) => ({ kind: 'conv2d', input: LECTURE_INPUT, inputShape: [1, 5, 5], kernel: LECTURE_KERNEL, kernelShape: [1, 1, 3, 3], ...extra });
const pool = (p, extra = {}) => ({ kind: 'pool', input: EXAMPLE, inputShape: [1, 4, 4], pool: p, size: 2, ...extra });

export const HANDOUTS = {
  'conv2d-lecture': conv(),
  'conv2d-true-same-stride2': conv({ mode: 'convolution', stride: 2, padding: { kind: 'same' } }),
  'conv2d-uneven-padding': conv({ kernel: [1, -1, 2, 0], kernelShape: [1, 1, 2, 2], padding: { kind: 'same' } }),
  'conv2d-dilated-full': conv({ dilation: 2, padding: { kind: 'full' } }),
  'conv2d-volume-bias': { kind: 'conv2d', input: Array.from({ length: 27 }, (_, i) => i % 4), inputShape: [3, 3, 3], kernel: Array.from({ length: 24 }, (_, i) => (i % 3) - 1), kernelShape: [2, 3, 2, 2], bias: [1, -0.5] },
  'conv-transpose2d-stride2-outpad': { kind: 'convTranspose2d', input: [1, 2, 3, 4], inputShape: [1, 2, 2], kernel: [1, 2, 3, 4, 5, 6, 7, 8, 9], kernelShape: [1, 1, 3, 3], stride: 2, padding: 1, outputPadding: 1 },
  'conv-transpose2d-dilated-bias': { kind: 'convTranspose2d', input: [1, -2, 0.5, 3, 1, 2], inputShape: [2, 1, 3], kernel: Array.from({ length: 16 }, (_, i) => (i % 5) - 2), kernelShape: [2, 2, 2, 2], bias: [0.5, -1], padding: 1, outputPadding: 1, dilation: 2 },
  'conv2d-grouped-two': { kind: 'conv2dGrouped', input: [1, 2, 3, 4, 5, 6, 7, 8], inputShape: [2, 2, 2], kernel: [2, -1], kernelShape: [2, 1, 1, 1], groups: 2 },
  'conv2d-grouped-uneven-strided': { kind: 'conv2dGrouped', input: Array.from({ length: 98 }, (_, i) => i % 5), inputShape: [2, 7, 7], kernel: Array.from({ length: 16 }, (_, i) => (i % 3) - 1), kernelShape: [4, 1, 2, 2], bias: [1, 2, 3, 4], groups: 2, stride: 2, padding: { kind: 'same' } },
  'pool-max': pool({ kind: 'max' }),
  'pool-average': pool({ kind: 'average' }),
  'pool-l2': pool({ kind: 'l2' }),
  'pool-gaussian': pool({ kind: 'gaussian', sigma: 1 }, { size: 3, stride: 1 }),
  'pool-max-same': pool({ kind: 'max' }, { size: 3, stride: 2, padding: { kind: 'same' } }),
  'pool-gaussian-padded': pool({ kind: 'gaussian', sigma: 0.5 }, { padding: { kind: 'explicit', y: 1, x: 1 } }),
  'batchnorm': { kind: 'batchNorm', values: [1, 2, 3, 4], gamma: 1, beta: 0, eps: 0.00001 },
  'batchnorm-scaled': { kind: 'batchNorm', values: [10, -2, 3.5, 0, 7], gamma: 2, beta: -1, eps: 0.1, momentum: 0.5 },
  'batchnorm-one': { kind: 'batchNorm', values: [3] },
  'dropout-inverted': { kind: 'dropout', dropout: { kind: 'inverted', p: 0.5 }, seed: 1 },
  'dropout-uniform': { kind: 'dropout', dropout: { kind: 'uniformNoise', beta: 0.8 }, seed: 2 },
  'init-standard-tanh': { kind: 'init', init: { kind: 'standard' }, activation: { kind: 'tanh' }, depth: 10, width: 64, seed: 1 },
  'init-he-relu': { kind: 'init', init: { kind: 'heNormal' }, activation: { kind: 'relu' }, depth: 5, width: 128, seed: 1 },
  'init-xavier-uniform': { kind: 'init', init: { kind: 'xavierUniform' }, activation: { kind: 'sigmoid' }, depth: 3, width: 64 },
  'init-lecun-uniform': { kind: 'init', init: { kind: 'lecunUniform' }, activation: { kind: 'leakyRelu', slope: 0.01 }, depth: 3, width: 64 },
  'init-small-normal': { kind: 'init', init: { kind: 'normal', std: 0.01 }, activation: { kind: 'tanh' }, depth: 5, width: 64 },
};

/** The training page's presets as model hand-outs (layer codes read by the core). */
export function modelHandouts(core, presets) {
  const out = {};
  for (const [id, p] of Object.entries(presets)) {
    const optimizer = p.optimizer === 'adam' ? { kind: 'adam', lr: p.lr, weightDecay: p.wd ?? 0 } : { kind: 'sgd', lr: p.lr, momentum: p.optimizer === 'momentum' ? 0.9 : 0, weightDecay: p.wd ?? 0 };
    out[`model-${id}`] = { kind: 'model', model: { input: [1, 28, 28], seed: 1, layers: core.parseLayers(p.layers) }, optimizer, batchSize: p.batch };
  }
  out['model-every-layer'] = { kind: 'model', batchSize: 16, optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9 }, model: { input: [1, 28, 28], seed: 3, layers: core.parseLayers('c4k3ps_bn_lrelu_mp2_c4k2s2ps_gp2_lp2_do30_fl_d16_bn_relu_d10') } };
  return out;
}

/** The hand-outs of the signal, filter, equivariance and architecture pages (layer codes read by the core). */
export function pageHandouts(core) {
  const blob = Array.from({ length: 28 * 28 }, (_, i) => (Math.abs((i % 28) - 13) < 4 && Math.abs(Math.floor(i / 28) - 12) < 7 ? 0.25 * (1 + ((i * 7) % 4)) : 0));
  const picture = Array.from({ length: 40 * 30 }, (_, i) => ((i * 37) % 11) / 10);
  const sobel = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
  const net = (layers) => ({ input: [1, 28, 28], seed: 1, layers: core.parseLayers(layers) });
  return {
    'conv1d-page': { kind: 'conv1d', x: [1, 2, 3, 1, 2], h: [1, 0.5, 0.25] },
    'conv1d-xcorr': { kind: 'conv1d', x: [0, 0, 1, 1, 1, 1, 1, 1], h: [1, 1, 1, 1, 1], mode: 'crossCorrelation' },
    ...sectionHandouts(core),
    'filter-sobel': { kind: 'filter', image: picture, imageShape: [40, 30], kernel: sobel, kernelShape: [3, 3], at: [20, 0] },
    'filter-true-5x5': { kind: 'filter', image: picture, imageShape: [40, 30], kernel: Array.from({ length: 25 }, (_, i) => (i % 7) - 3), kernelShape: [5, 5], mode: 'convolution' },
    'shift-sobel': { kind: 'shift', image: blob, imageShape: [28, 28], kernel: sobel, kernelShape: [3, 3], dy: 1, dx: 2 },
    'shift-far': { kind: 'shift', image: blob, imageShape: [28, 28], kernel: [0, 1, 0, 1, -4, 1, 0, 1, 0], kernelShape: [3, 3], dy: -10, dx: 9 },
    'receptive-field-default': { kind: 'receptiveField', input: [1, 32, 32], layers: core.parseLayers('c8k3_relu_mp2_c16k3s2ps_gp2_lp2_bn_do30') },
    'receptive-field-dilated': { kind: 'receptiveField', input: [1, 28, 28], layers: core.parseLayers('c4k3d2ps_ap2_c4k2s2ps') },
    'receptive-field-blur-pool': { kind: 'receptiveField', input: [2, 13, 11], layers: core.parseLayers('c4k3ps_mp3s2psb_ap2b_gp2b') },
    'model-blur-pool': { kind: 'model', batchSize: 8, optimizer: { kind: 'adam', lr: 0.001 }, model: net('c4k3ps_relu_mp2b_c4k3_mp3s2psb_fl_d10') },
    'models-why-cnns': { kind: 'models', models: [net('c10k5ps_relu_mp2_c20k5ps_relu_mp2_mp7_fl_d10'), net('fl_d7_relu_d10')] },
  };
}

/** Write `texts` ({ name: script }) into a fresh folder; returns the folder. */
export function writeScripts(texts) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convplay-pytorch-'));
  for (const [name, text] of Object.entries(texts)) fs.writeFileSync(path.join(dir, `${name}.py`), text);
  return dir;
}

/** Run `python` with `args`: `{ status, stdout, stderr }` (status null when it is not there). */
export function python(args, { python: exe = 'python3', env = {}, timeout = 600000 } = {}) {
  const r = spawnSync(exe, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout });
  return { status: r.error ? null : r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

/** The expected lines of a script and its tolerance (relative, or null: to four decimals). */
export function expectedOf(text) {
  const m = /^# Expected output(?:, to within ([\d.]+)%)?:\n((?:#   .*\n?)+)/m.exec(text);
  if (!m) return null;
  return { within: m[1] ? Number(m[1]) / 100 : null, lines: m[2].trimEnd().split('\n').map((l) => l.slice(4)) };
}

/** Whether `got` (a printed line) matches `want`: the same words, numbers within the tolerance. */
export function sameLine(got, want, within) {
  const a = got.trim().split(/\s+/);
  const b = want.trim().split(/\s+/);
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const [u, v] = [Number(x), Number(b[i])];
    if (Number.isNaN(u) || Number.isNaN(v)) return x === b[i];
    return Math.abs(u - v) <= (within ? within * Math.abs(v) : 0) + 1e-4 * Math.max(1, Math.abs(v));
  });
}

/** The 2-D page's transposed mode and groups section and the signals page's causal stack, as their "Copy as PyTorch" makes them. */
function sectionHandouts(core) {
  const groups = (g) => conv2d({ core, state: { op: 'direct', grp: true, seed: 1, ...g } });
  const shown = { querySelector: () => ({ closest: () => null }) }; // the section on the page, not hidden
  const signals = (w) => conv1d({ root: shown, state: { x: [1, 2, 3, 1, 2], h: [1, 0.5, 0.25], mode: 'conv', wx: CAUSAL_INPUT, wh: [0.5, 0.5], wl: 4, wdil: 'double', wc: true, wat: 31, ...w } });
  return {
    'conv2d-transposed-page': conv2d({ core, state: { op: 'transposed', trows: 3, tcols: 2, tin: [1, 2, 3, 4, 5, 6], tk: 2, tw: [1, -1, 2, 0.5], ts: 3, tpad: 1, tout: 2, tdil: 2 } }),
    'conv2d-groups-page': groups({ gch: '4', gmul: '1', gk: '3', groups: 1 }),
    'conv2d-groups-depthwise': groups({ gch: '6', gmul: '2', gk: '5', groups: 6 }),
    'conv2d-groups-pointwise': groups({ gch: '4', gmul: '2', gk: '1', groups: 2 }),
    'conv1d-causal-page': signals({}),
    'conv1d-causal-centred': signals({ mode: 'xcorr', wh: [0.5, -1, 2], wl: 2, wdil: 'two', wc: false, wat: 10 }),
  };
}
