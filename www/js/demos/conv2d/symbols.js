// What the 2-D stage writes in its cells: numbers, or — in the symbolic mode — letters, as in
// Goodfellow et al.'s figure (a 3×4 input a…l, a 2×2 kernel w x / y z, first output
// aw + bx + ey + fz). Which input letter meets which kernel letter is read from the core's traces
// (each term's input row and column, and the weight's row and column as stored); nothing here
// works an index out. Also the index formula of the current mode, written from a trace.
import { MINUS } from '../../lib/format.js';
import { equationLines, inputIndex, kernelIndex } from './model.js';

const LATIN = 'abcdefghijklmnopqrstuvwxyz';
const GREEK = 'αβγδεζηθικλμνξοπρστυφχψω';
const GOODFELLOW_KERNEL = 'wxyz';
const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
const MAX_WRITTEN_TERMS = 12;

const subscript = (n) => String(n).replace(/\d/g, (d) => SUBSCRIPTS[d]);
/** Letter `i` of `alphabet`, then the alphabet again with subscripts ₂, ₃, …. */
const letter = (alphabet, i) => alphabet[i % alphabet.length] + (i >= alphabet.length ? subscript(Math.floor(i / alphabet.length) + 1) : '');

/**
 * The texts of a model's cells. `input(ch, r, c)` and `kernel(o, ch, r, c)` are the stored values
 * (numbers) or their letters; `factor(term, o)` the weight a term multiplies by; `product(term, o)`
 * and `lines(trace, o)` the products and the equation of a trace; `output(i)` output i.
 */
export function cellTexts(model) {
  const { d } = model;
  if (!model.symbolic) {
    return {
      input: (ch, r, c) => model.data.input[inputIndex(d, ch, r, c)],
      kernel: (o, ch, r, c) => model.data.kernel[kernelIndex(d, o, ch, r, c)],
      factor: (term) => term.weight,
      product: (term) => term.product,
      lines: (trace) => equationLines(trace, { withBias: model.volume }),
      output: (i) => model.output.data[i],
    };
  }
  const taps = d.F * d.C * d.KH * d.KW;
  const input = (ch, r, c) => letter(LATIN, inputIndex(d, ch, r, c));
  const kernel = (o, ch, r, c) => (taps <= GOODFELLOW_KERNEL.length ? GOODFELLOW_KERNEL[kernelIndex(d, o, ch, r, c)] : letter(GREEK, kernelIndex(d, o, ch, r, c)));
  const factor = (term, o) => kernel(o, term.channel, term.kernelRow, term.kernelCol);
  const product = (term, o) => (term.inside ? `${input(term.channel, term.inputRow, term.inputCol)}${factor(term, o)}` : '0');
  const sum = (trace, o) => {
    const inside = trace.terms.filter((t) => t.inside).map((t) => product(t, o));
    const terms = inside.length ? inside.join(' + ') : '0';
    return model.volume ? `${terms} + b${subscript(o + 1)}` : terms;
  };
  return {
    input,
    kernel,
    factor,
    product,
    lines: (trace, o) => [sum(trace, o)],
    output: (i) => sum(model.trace(i), model.position(i).o),
  };
}

const signed = (n) => (n < 0 ? `${MINUS}${-n}` : String(n));
const step = (d, v) => (d === 1 ? v : `${d}${v}`);

/** The index formula of the model's mode (the lecture's, with the dilation when it is not 1). */
export function formulaOf(model) {
  const g = model.geometry;
  const conv = model.mode === 'conv';
  const op = conv ? MINUS : '+';
  const c = model.volume ? 'c, ' : '';
  const lhs = model.volume ? 's[o, i, j] = b[o] + Σ_c Σₘ Σₙ' : 's[i, j] = Σₘ Σₙ';
  const k = model.volume ? 'K[o, c, m, n]' : 'K[m, n]';
  const name = conv ? 'True convolution' : 'Cross-correlation';
  return `${name}: ${lhs} I[${c}i ${op} ${step(g.dY, 'm')}, j ${op} ${step(g.dX, 'n')}]·${k}`;
}

/**
 * The formula at one step: which (i, j) the output is, and its terms with their indices, as the
 * core's trace names them (indexRow, indexCol; each term's input and weight indices).
 */
export function formulaAt(model, trace, pos) {
  const c = (t) => (model.volume ? `${t.channel}, ` : '');
  // Each index pair kept on one line (a no-break space after its commas).
  const terms = trace.terms.map((t) =>
    `I[${c(t)}${signed(t.inputRow)}, ${signed(t.inputCol)}]·K[${model.volume ? `${pos.o}, ` : ''}${c(t)}${t.kernelRow}, ${t.kernelCol}]`.replaceAll(', ', ',\u00a0'),
  );
  const written = terms.length <= MAX_WRITTEN_TERMS ? terms.join(' + ') : `${terms.slice(0, MAX_WRITTEN_TERMS).join(' + ')} + … (${terms.length} terms)`;
  const at = `${model.volume ? `${pos.o}, ` : ''}${signed(trace.indexRow)}, ${signed(trace.indexCol)}`;
  const where = `Output row ${pos.r}, column ${pos.c} is s[${at}]`;
  const padded = trace.terms.some((t) => !t.inside) ? ' (indices outside the input are zero padding)' : '';
  return [`${where}${padded}:`, `s[${at}] = ${written}`];
}
