// Property-based tests: random texts and mutated manifests go through the engine with every rule
// on. For each: lint never throws, no rule fails, every range (findings, fix edits, related
// locations, parse errors) lies inside the text, and a Linter that reuses its cache across edits
// gives the same result as a fresh one. The runs are seeded (KUBEWARD_FUZZ_SEED to explore others);
// the counts and the slowest case are printed. The whole run is bounded by the test's timeout.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Linter, type LintResult, type RuleFailure } from '../../server/src/engine';
import { allRulesOn, assertInside, count, seedManifests } from './corpus';
import { anyText, mutate, mutationArb } from './mutations';

const SEED = Number(process.env.KUBEWARD_FUZZ_SEED ?? 20250101);
const OPTIONS = allRulesOn({ fileName: 'fuzz.yaml' });

interface Stats {
  cases: number;
  crashes: number;
  findings: number;
  parseErrors: number;
  slowestMs: number;
  slowest?: string;
  ruleFailures: number;
}

const stats: Stats = { cases: 0, crashes: 0, findings: 0, parseErrors: 0, slowestMs: 0, ruleFailures: 0 };

/** A linter that records its rule failures in `failures`. */
function recordingLinter(failures: RuleFailure[] = []): { linter: Linter; failures: RuleFailure[] } {
  return { linter: new Linter({ onRuleError: (f) => failures.push(f) }), failures };
}

/** One checked lint: no throw, no rule failure, every range inside the text. */
function check(text: string, { linter, failures } = recordingLinter()): LintResult {
  const t0 = process.hrtime.bigint();
  stats.cases++;
  let r: LintResult;
  try {
    r = linter.lint(text, OPTIONS);
  } catch (err) {
    stats.crashes++;
    throw new Error(`lint threw on ${JSON.stringify(text.slice(0, 400))}: ${err instanceof Error ? err.stack : String(err)}`);
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (ms > stats.slowestMs) [stats.slowestMs, stats.slowest] = [ms, JSON.stringify(text.slice(0, 60))];
  stats.findings += r.findings.length;
  stats.parseErrors += r.parseErrors.length;
  stats.ruleFailures += failures.length;
  assert.deepEqual(failures.splice(0), [], `a rule failed on ${JSON.stringify(text.slice(0, 400))}`);
  assertInside(text, r, JSON.stringify(text.slice(0, 200)));
  return r;
}

/** Findings and errors in a comparable form (fixes included). */
function shape(r: LintResult): string {
  return JSON.stringify({ f: r.findings, p: r.parseErrors });
}

describe('fuzz: the engine never crashes and keeps every range inside the text', { timeout: 240_000 }, () => {
  const seeds = seedManifests();
  const runs = { random: 2500, mutated: 1600, incremental: 120 };

  it(`random text (${count(runs.random)} cases)`, () => {
    fc.assert(fc.property(anyText, (text) => void check(text)), { seed: SEED, numRuns: runs.random });
  });

  it(`mutated manifests (${count(runs.mutated)} cases from ${seeds.length} manifests)`, () => {
    const arb = fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 }));
    fc.assert(
      fc.property(arb, ([i, ms]) => {
        let text = seeds[i].text;
        for (const m of ms) text = mutate(text, m);
        check(text);
      }),
      { seed: SEED + 1, numRuns: runs.mutated },
    );
  });

  it(`a linter reused across edits agrees with a fresh one (${count(runs.incremental)} edit sequences)`, () => {
    const arb = fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutationArb, { minLength: 2, maxLength: 5 }));
    fc.assert(
      fc.property(arb, ([i, ms]) => {
        const reused = recordingLinter();
        let text = seeds[i].text;
        check(text, reused);
        for (const m of ms) {
          text = mutate(text, m);
          const incremental = check(text, reused);
          assert.equal(shape(incremental), shape(check(text)), `cached and fresh results differ for ${JSON.stringify(text.slice(0, 300))}`);
        }
      }),
      { seed: SEED + 2, numRuns: runs.incremental },
    );
  });

  it('prints the counts', () => {
    console.log(
      `fuzz: ${count(stats.cases)} cases, ${stats.crashes} crashes, ${stats.ruleFailures} rule failures; ` +
        `${count(stats.findings)} findings and ${count(stats.parseErrors)} parse errors checked in range; ` +
        `slowest case ${stats.slowestMs.toFixed(0)} ms (${stats.slowest}); seed ${SEED}`,
    );
    assert.equal(stats.crashes, 0);
    assert.equal(stats.ruleFailures, 0);
    assert.ok(stats.cases >= runs.random + runs.mutated, `ran ${stats.cases} cases`);
  });
});
