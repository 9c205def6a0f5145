// Every number of the 2-D demo, asked of the core: geometry, the whole output, traces.
// Nothing here does arithmetic on the data; it only packs arguments and indexes results.
import { dims } from './state.js';

/** The core's options object for a state. */
export function convOptions(state) {
  const padding = state.padding === 'explicit' ? { kind: 'explicit', y: state.pad, x: state.pad } : { kind: state.padding };
  return {
    stride: state.stride,
    padding,
    dilation: state.dilation,
    mode: state.mode === 'conv' ? 'convolution' : 'crossCorrelation',
  };
}

/**
 * Everything the views need for one setting, computed by the core. Throws the core's Error
 * (message naming the argument) when the setting is impossible.
 *
 * Returns `{ d, options, geometry, output, count, perMap, data, position(i), trace(i), sliding }`:
 * `count` output positions over all filters (the player's steps), `position(i)` the filter, row
 * and column of position i, `trace(i)` the core's trace of it, `sliding[o]` the trace of filter
 * o's first window (its terms give each kernel tap's weight as the kernel sits on the input, i.e.
 * flipped in convolution mode).
 */
export function computeModel(core, state) {
  const d = dims(state);
  const options = convOptions(state);
  const geometry = core.convGeometry(d.H, d.W, d.KH, d.KW, options);
  const data = { input: [...state.input], kernel: [...state.kernel], bias: [...state.bias] };
  const args = [
    new Float32Array(data.input),
    new Uint32Array([1, d.C, d.H, d.W]),
    new Float32Array(data.kernel),
    new Uint32Array([d.F, d.C, d.KH, d.KW]),
    state.volume ? new Float32Array(data.bias) : undefined,
    options,
  ];
  const output = core.conv2d(...args);
  const [, maps, outH, outW] = output.shape;
  const perMap = outH * outW;
  const count = maps * perMap;

  const position = (i) => ({ o: Math.floor(i / perMap), r: Math.floor((i % perMap) / outW), c: i % outW });
  const cache = new Map();
  const trace = (i) => {
    if (!cache.has(i)) {
      const { o, r, c } = position(i);
      cache.set(i, core.conv2dTrace(...args, 0, o, r, c));
    }
    return cache.get(i);
  };
  const sliding = Array.from({ length: maps }, (_, o) => trace(o * perMap));
  return { d, options, geometry, output, outH, outW, count, perMap, data, position, trace, sliding, volume: state.volume, mode: state.mode };
}

/** Flat index of kernel value (filter o, channel ch, row r, column c). */
export function kernelIndex(d, o, ch, r, c) {
  return ((o * d.C + ch) * d.KH + r) * d.KW + c;
}

/** Flat index of input value (channel ch, row r, column c). */
export function inputIndex(d, ch, r, c) {
  return (ch * d.H + r) * d.W + c;
}
