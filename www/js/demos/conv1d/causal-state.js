// The URL state of the signals page's "Causal and dilated" section (causal.js): the section's own
// input signal, the kernel every layer applies, the number of layers, the dilations (doubling as
// in WaveNet, all 1 or all 2), causal or centred layers, and the output sample traced. No imports.

/** Longest input signal of the section. */
export const CAUSAL_LENGTH = 32;

/** The default input: a step at n = 8 back to 0 at 16, and a spike of 2 at n = 22. */
export const CAUSAL_INPUT = Array.from({ length: CAUSAL_LENGTH }, (_, n) => (n === 22 ? 2 : n >= 8 && n < 16 ? 1 : 0));

export const CAUSAL_SCHEMA = {
  wx: { type: 'floatList', minLength: 2, maxLength: CAUSAL_LENGTH, min: -9, max: 9, default: CAUSAL_INPUT },
  wh: { type: 'floatList', minLength: 1, maxLength: 4, min: -9, max: 9, default: [0.5, 0.5] },
  wl: { type: 'int', min: 1, max: 5, default: 4 },
  wdil: { type: 'enum', values: ['double', 'one', 'two'], default: 'double' },
  wc: { type: 'bool', default: true },
  wat: { type: 'int', min: 0, max: CAUSAL_LENGTH - 1, default: CAUSAL_LENGTH - 1 },
};
