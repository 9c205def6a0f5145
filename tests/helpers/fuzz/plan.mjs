// The fuzz campaign as an ordered list of segments, the same in every thread that builds it: one
// segment of generated calls per export or method (fast-check, fixed seed, fixed count), the sweep
// of small geometries, and the reproductions (one segment each, run as a whole). Calls are
// numbered across segments, so a worker that replaces a dead one starts at the next call.
import fc from 'fast-check';
import { CASES } from './cases.mjs';
import { hostileCalls } from './mutate.mjs';
import { ref } from './values.mjs';
import { sweepSegments } from './sweep.mjs';
import { DEFAULT_RUNS, TARGETS } from './targets.mjs';

/** The campaign's seed: the same calls on every run and every machine. */
export const SEED = 0x0c0_12;

function seedOf(name) {
  let h = SEED;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

function fuzzSegment(target) {
  const spec = TARGETS[target];
  const count = spec.runs ?? DEFAULT_RUNS;
  return {
    name: `fuzz ${target}`,
    kind: 'fuzz',
    count,
    calls: () => fc.sample(hostileCalls(spec.valid, spec.slots), { seed: seedOf(target), numRuns: count })
      .map(({ args, rule }) => ({ target, self: spec.self && ref(spec.self), args, rule, expect: rule ? 'error' : undefined })),
  };
}

function caseSegment(c) {
  return { name: `case ${c.name}`, kind: 'case', atomic: true, count: c.steps.length, calls: () => c.steps.map((s) => ({ ...s, label: c.name })) };
}

/** All segments with their first call's number; `total` calls in all. */
export function buildPlan({ only } = {}) {
  const segments = [
    ...Object.keys(TARGETS).sort().map(fuzzSegment),
    ...sweepSegments(),
    ...CASES.map(caseSegment),
  ].filter((s) => !only || s.name.includes(only));
  let start = 0;
  for (const s of segments) {
    s.start = start;
    start += s.count;
  }
  return { segments, total: start };
}

/** The segment holding call number `i`. */
export function segmentAt(plan, i) {
  return plan.segments.find((s) => i >= s.start && i < s.start + s.count);
}
