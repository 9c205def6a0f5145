// The core's property-based fuzz suite (issue 12): for every export and class method of the built
// core (www/pkg), calls with random and adversarial arguments — wrong types, empty, huge, negative,
// fractional and non-finite sizes, unknown keys and NaN inside options, absurd geometries — plus a
// sweep of every small geometry and each reproduction the issue lists. Each call must return or
// throw an Error with a message, within a time bound, and never trap; after every segment the
// module must still compute the lecture's example. Fixed seed and fixed counts: the same calls on
// every run. The plan is in tests/helpers/fuzz/ (targets.mjs: one entry per export).
//
//   FUZZ_ONLY=conv2d node --test tests/unit/fuzz-core.test.mjs   # only segments whose name has it
//   FUZZ_TIMEOUT_MS=10000 (the bound per call), FUZZ_LANES=2 (workers at once),
//   FUZZ_PKG=path/to/pkg (another build of the core instead of www/pkg)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportNames, TARGETS } from '../helpers/fuzz/targets.mjs';
import { formatGroups, groupFailures, loadBuild, runCampaign, summaryLine } from '../helpers/fuzz/campaign.mjs';

const core = await loadBuild();
const only = process.env.FUZZ_ONLY || undefined;

test('fuzz: every export and class method of the core has its arbitraries, and every arbitrary its export', () => {
  const names = exportNames(core);
  const missing = names.filter((n) => !(n in TARGETS));
  const stale = Object.keys(TARGETS).filter((n) => !names.includes(n));
  assert.deepEqual(missing, [], `exports with no arbitraries in tests/helpers/fuzz/targets.mjs: ${missing.join(', ')}`);
  assert.deepEqual(stale, [], `arbitraries for exports the core does not have: ${stale.join(', ')}`);
});

test('fuzz: hostile calls to every export return or throw an Error, never trap or hang, and the module keeps working', async (t) => {
  const r = await runCampaign({
    only,
    timeoutMs: Number(process.env.FUZZ_TIMEOUT_MS) || 10_000,
    lanes: Number(process.env.FUZZ_LANES) || undefined,
    log: (m) => t.diagnostic(m),
  });
  const line = summaryLine(r);
  console.log(line);
  t.diagnostic(line);
  const of = (...kinds) => r.failures.filter((f) => kinds.includes(f.kind));
  const report = (fs, what) => `${fs.length} ${what}:\n${formatGroups(groupFailures(fs))}`;

  await t.test('the whole plan ran: at least 4,000 generated calls, the sweep and every reproduction', { skip: only && 'FUZZ_ONLY' }, () => {
    assert.ok(r.generated >= 4000, `${r.generated} generated calls`);
    assert.ok(r.swept > 0 && r.cases > 0);
    assert.equal(r.totals.calls + r.totals.skipped, r.plan.total, 'every planned call was made or skipped after a failed step');
    assert.deepEqual(of('harness'), [], report(of('harness'), 'faults of the fuzz harness itself'));
  });
  await t.test('no call traps (RuntimeError, "unreachable", "memory access out of bounds", a borrowed or null handle)', () => {
    const traps = of('trap');
    assert.equal(traps.length, 0, report(traps, 'calls trapped'));
  });
  await t.test(`no call takes more than ${r.timeoutMs / 1000} s`, () => {
    const hangs = of('hang');
    assert.equal(hangs.length, 0, report(hangs, 'calls hung'));
  });
  await t.test('every throw is an Error with a message', () => {
    assert.equal(of('badThrow').length, 0, report(of('badThrow'), 'throws that were no Error or had no message'));
  });
  await t.test("the explicit cases (every reproduction in issue 12, and more) answer as due, and the module keeps working after them", () => {
    const cases = of('accepted', 'refused').filter((f) => f.label && f.label !== 'sweep');
    assert.equal(cases.length, 0, report(cases, 'reproductions answered wrongly (accepted: returned where an Error is due; refused: an Error where the module should keep working)'));
  });
  await t.test('an unknown key (tagged objects too) or NaN or ±∞ anywhere in a configuration is an Error', () => {
    const ruled = r.failures.filter((f) => f.rule && f.kind === 'accepted');
    assert.equal(ruled.length, 0, report(ruled, 'configurations accepted'));
  });
  await t.test('the geometry sweep: an output of the documented size where the formula gives one, an Error where it gives none', () => {
    const sweep = r.failures.filter((f) => f.label === 'sweep' && ['accepted', 'refused', 'wrong'].includes(f.kind));
    assert.equal(sweep.length, 0, report(sweep, 'sweep calls disagreed with the formula'));
  });
  await t.test("after every segment the module still computes the lecture's example and its handles answer", () => {
    assert.equal(of('poisoned').length, 0, report(of('poisoned'), 'checks failed'));
  });
});
