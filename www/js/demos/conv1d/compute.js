// Every number of the 1-D demo, from the core: the output, its length, traces of each output,
// each impulse's response, and both sides of conv(x, h) = xcorr(x, flip h).
// Only arguments are built here (typed arrays, a one-impulse signal, h reversed).

/** The core's options: full padding (the default: every overlap), convolution or correlation. */
export function options(mode) {
  return { mode: mode === 'xcorr' ? 'crossCorrelation' : 'convolution' };
}

/**
 * Compute a state. Throws the core's Error for impossible input. Returns
 * `{ x, h, mode, length, y, trace(n), kMin, kMax, components, identity }`:
 * - `trace(n)`: the core's trace of output n; its terms give k (inputCol), h's index
 *   (kernelCol), x[k], h value and product;
 * - `kMin…kMax`: every k the sliding h visits (from the first and last traces);
 * - `components[i]`: `{ k, value, response }`, the response to the impulse x[k]·δ[n−k] alone;
 * - `identity`: `{ flipped, conv, xcorrFlipped, xcorr, convFlipped }` outputs of the core.
 */
export function computeSignals(core, state) {
  const x = new Float32Array(state.x);
  const h = new Float32Array(state.h);
  const opts = options(state.mode);
  const length = core.conv1dOutputLength(x.length, h.length, opts);
  const y = core.conv1d(x, h, opts);

  const cache = new Map();
  const trace = (n) => {
    if (!cache.has(n)) cache.set(n, core.conv1dTrace(x, h, opts, n));
    return cache.get(n);
  };
  const ks = [...trace(0).terms, ...trace(length - 1).terms].map((t) => t.inputCol);

  const components = [];
  for (let k = 0; k < x.length; k += 1) {
    if (x[k] === 0) continue;
    const impulse = new Float32Array(x.length);
    impulse[k] = x[k];
    components.push({ k, value: x[k], response: core.conv1d(impulse, h, opts) });
  }

  const flipped = Float32Array.from(h).reverse();
  const conv = { mode: 'convolution' };
  const xcorr = { mode: 'crossCorrelation' };
  const identity = {
    flipped,
    conv: core.conv1d(x, h, conv),
    xcorrFlipped: core.conv1d(x, flipped, xcorr),
    xcorr: core.conv1d(x, h, xcorr),
    convFlipped: core.conv1d(x, flipped, conv),
  };

  return {
    x: Array.from(x),
    h: Array.from(h),
    mode: state.mode,
    length,
    y,
    trace,
    kMin: Math.min(...ks),
    kMax: Math.max(...ks),
    components,
    identity,
  };
}
