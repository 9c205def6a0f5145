// The "Groups" section's state and every number it shows, asked of the core: a C-channel 5×5
// volume (channel 1 the lecture's input, the others the core's seeded whole numbers), F filters
// of C/g channels each, the grouped convolution (core.conv2dGrouped, "same" padding) and the
// counts from standard to depthwise-separable (core.convolutionCounts). No DOM.
import { LECTURE } from './state.js';

export { GROUPS_SCHEMA } from './groups-state.js';

/** Side of each input channel (the lecture's 5×5). */
export const SIDE = 5;
const STREAM = { input: 21, kernel: 22 };
const OPTIONS = { padding: { kind: 'same' } };

/** Sizes of a state: channels C, filters F, kernel side k. */
export function groupDims(state) {
  const C = Number(state.gch);
  return { C, F: C * Number(state.gmul), k: Number(state.gk) };
}

/** The C-channel input: channel 1 is the lecture's 5×5 input, the others seeded 0…3. */
export function groupInput(core, state) {
  const { C } = groupDims(state);
  const rest = core.seededInts(state.seed, STREAM.input, (C - 1) * SIDE * SIDE, 0, 3);
  return Float32Array.from([...LECTURE.input, ...rest]);
}

/** The core's counts at `groups` (throws the core's Error if g does not divide C and F). */
export function groupCounts(core, state, groups = state.groups) {
  const { C, F, k } = groupDims(state);
  return core.convolutionCounts({ channels: C, filters: F, kernel: k, height: SIDE, width: SIDE, groups, bias: true }, OPTIONS);
}

/**
 * Everything the section shows for `state`: `{ d, counts, input, weight, output }` — the input
 * `[1, C, 5, 5]`, the seeded weights `[F, C/g, k, k]` (−1…1), and the output `[1, F, 5, 5]`.
 */
export function computeGroups(core, state) {
  const d = groupDims(state);
  const counts = groupCounts(core, state);
  const cg = counts.channelsPerGroup;
  const input = groupInput(core, state);
  const weight = Float32Array.from(core.seededInts(state.seed, STREAM.kernel, d.F * cg * d.k * d.k, -1, 1));
  const bias = new Float32Array(d.F);
  const output = core.conv2dGrouped(input, new Uint32Array([1, d.C, SIDE, SIDE]), weight, new Uint32Array([d.F, cg, d.k, d.k]), bias, OPTIONS, state.groups);
  return { d, counts, input, weight, output };
}

/**
 * Make `state.groups` and `state.gf` valid for the channels and filters: a group count the core
 * refuses becomes 1 (with a notice in `problems`), a filter past the last becomes 0.
 */
export function checkGroups(core, state, problems) {
  try {
    groupCounts(core, state);
  } catch (err) {
    problems.push(`Setting "groups" is ${state.groups}: ${err.message}; using 1.`);
    state.groups = 1;
  }
  const { F } = groupDims(state);
  if (state.gf >= F) {
    problems.push(`Setting "gf" is ${state.gf}, but there are ${F} filters; using the first.`);
    state.gf = 0;
  }
}

/** What a setting is called, from the core's counts. */
export function settingName(counts, k) {
  if (counts.groups === 1) return k === 1 ? 'standard 1×1 (pointwise)' : 'standard';
  if (counts.channelsPerGroup === 1) {
    return counts.filtersPerGroup === 1 ? 'depthwise' : `depthwise, ${counts.filtersPerGroup} filters per channel`;
  }
  return 'grouped';
}
