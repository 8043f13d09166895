// Fix safety as a property. For every fixable finding in every fixture (examples/, test/fixtures/,
// built-in manifests), in generated workloads and in mutated manifests that are still valid YAML,
// each fix applied alone:
//   - leaves YAML that parses with no new error (and no error at all when there was none),
//   - removes that finding (rule, resource and message),
//   - adds no finding that was not there,
//   - changes no other YAML document of the file (a fix may append a new document at the end).
// And for every file: fix-all (safe fixes) applied twice gives the text of applying it once, and
// "harden file" (every suggestion) reaches a fixed point: applying it again changes nothing.
// Violations are collected and reported together, grouped by rule and fix.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyEdits, applyFixes, isValidYamlChange, Linter, type Finding, type Fix, type LintResult } from '../../server/src/engine';
import { splitDocuments } from '../../server/src/engine/parse';
import { allRulesOn, count, seedManifests, type Manifest } from './corpus';
import { workloadArb } from './generate';
import { mutate, mutationArb } from './mutations';

const SEED = Number(process.env.KUBEWARD_FUZZ_SEED ?? 20250101);
const OPTIONS = allRulesOn({ fileName: 'fix-safety.yaml' });

const groupOf = (f: Finding): string => `${f.ruleId} | ${f.resource?.kind ?? ''}/${f.resource?.namespace ?? ''}/${f.resource?.name ?? ''}`;
const keyOf = (f: Finding): string => `${groupOf(f)} | ${f.message}`;

function counts(r: LintResult, key: (f: Finding) => string = keyOf): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of r.findings) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
  return m;
}

/**
 * Findings a fix brings to light on purpose, by fixed rule -> new rule. Anything else new is a
 * violation. Printed with their counts, so they stay visible.
 */
const CONSEQUENCES: Record<string, string> = {
  'pss-host-namespaces -> netpol-not-isolated': 'NetworkPolicy does not apply to host-network pods; with hostNetwork off, the missing policy shows',
  'sa-default-service-account -> ref-missing-service-account': 'the fix names a ServiceAccount it does not create; its title says "create it first"',
  'secret-hardcoded-env -> ref-missing-secret': 'the fix reads from a Secret it does not create; its title says "create the Secret first"',
  'secret-hardcoded-args -> ref-missing-secret': 'the fix reads from a Secret it does not create; its title says "create the Secret first"',
  'secret-hardcoded-env -> secret-env-var': 'a Secret passed as an environment variable is what the info-level secret-env-var prefers as a file; the fix still removes the literal',
  'secret-hardcoded-args -> secret-env-var': 'a Secret passed as an environment variable is what the info-level secret-env-var prefers as a file; the fix still removes the literal',
  'pss-run-as-user -> workload-low-uid-gid': 'workload-low-uid-gid (off by default) leaves runAsUser: 0 to pss-run-as-user; once it is removed, the image decides the user, which it reports',
  'istio-authz-identity-without-mtls -> istio-policy-selector-no-workload': 'the PeerAuthentication the fix adds selects what the AuthorizationPolicy selects; when no such workload is in the file, it selects nothing too',
  'istio-authz-no-default-deny -> istio-authz-no-rules': 'the allow-nothing policy the fix adds is what istio-authz-no-rules points out (info)',
};
const consequencesSeen = new Map<string, number>();

/** Multiset difference: how many of each key `a` has more than `b`. */
function extra(a: Map<string, number>, b: Map<string, number>): number {
  let n = 0;
  for (const [k, x] of a) n += Math.max(0, x - (b.get(k) ?? 0));
  return n;
}

const errorCount = (r: LintResult) => r.parseErrors.filter((e) => e.severity === 'error').length;

interface Violation {
  group: string;
  detail: string;
}

const stats = { files: 0, fixes: 0, findings: 0, fixAll: 0, harden: 0 };
const violations: Violation[] = [];

/** Lints with every rule on; pass the file's linter so each variant re-parses only the document it changed. */
function lintText(text: string, linter = new Linter()): LintResult {
  return linter.lint(text, OPTIONS);
}

function violation(f: Finding, fix: Fix | undefined, what: string, name: string, detail: string): void {
  violations.push({ group: `${f.ruleId}: ${what}`, detail: `${name}: fix "${fix?.title}": ${detail}` });
}

/** The index of the document holding `offset`. */
function docAt(docs: { offset: number; text: string }[], offset: number): number {
  let i = 0;
  while (i + 1 < docs.length && docs[i + 1].offset <= offset) i++;
  return i;
}

function checkFile(m: Manifest): void {
  stats.files++;
  const linter = new Linter();
  const before = lintText(m.text);
  const beforeCounts = counts(before);
  const beforeGroups = counts(before, groupOf);
  const beforeErrors = errorCount(before);
  const docsBefore = splitDocuments(m.text);
  for (const f of before.findings) {
    if (f.fixes.length > 0) stats.findings++;
    for (const fix of f.fixes) {
      stats.fixes++;
      let after: string;
      try {
        after = applyEdits(m.text, fix.edits);
      } catch (err) {
        violation(f, fix, 'edits overlap', m.name, String(err));
        continue;
      }
      if (after === m.text) {
        violation(f, fix, 'changes nothing', m.name, keyOf(f));
        continue;
      }
      const r = lintText(after, linter);
      if (!isValidYamlChange(m.text, after) || errorCount(r) > beforeErrors) {
        violation(f, fix, 'breaks the YAML', m.name, `${r.parseErrors.map((e) => e.message).join('; ')}\n${excerpt(after, fix)}`);
        continue;
      }
      const afterCounts = counts(r);
      if ((afterCounts.get(keyOf(f)) ?? 0) >= (beforeCounts.get(keyOf(f)) ?? 0)) violation(f, fix, 'leaves its finding', m.name, `${keyOf(f)}\n${excerpt(after, fix)}`);
      else if ((counts(r, groupOf).get(groupOf(f)) ?? 0) >= (beforeGroups.get(groupOf(f)) ?? 0)) violation(f, fix, 'rewords its finding instead of removing it', m.name, `${keyOf(f)}\n${excerpt(after, fix)}`);
      // New findings, per rule and resource: a finding reworded in place (same rule and resource,
      // one message gone and another come: "runAsUser is 0" -> "runAsUser is not set") is not new.
      const byGroup = (x: Map<string, number>) => {
        const g = new Map<string, Map<string, number>>();
        for (const [k, n] of x) {
          const grp = k.split(' | ').slice(0, 2).join(' | ');
          if (!g.has(grp)) g.set(grp, new Map());
          g.get(grp)!.set(k, n);
        }
        return g;
      };
      const beforeByGroup = byGroup(beforeCounts);
      for (const [grp, msgs] of byGroup(afterCounts)) {
        const prior = beforeByGroup.get(grp) ?? new Map<string, number>();
        const added = extra(msgs, prior);
        let removed = extra(prior, msgs);
        if (grp === groupOf(f)) removed--; // the fixed finding itself is meant to go
        if (added <= removed) continue;
        const newRule = grp.split(' | ')[0];
        const pair = `${f.ruleId} -> ${newRule}`;
        if (CONSEQUENCES[pair]) consequencesSeen.set(pair, (consequencesSeen.get(pair) ?? 0) + 1);
        else violation(f, fix, `adds ${newRule}`, m.name, `${[...msgs.keys()].filter((k) => !prior.has(k)).join('\n')}\n${excerpt(after, fix)}`);
      }
      // Other documents stay byte-identical; new ones may only be appended.
      const docsAfter = splitDocuments(after);
      const own = docAt(docsBefore, f.start);
      const appended = after.startsWith(m.text) && docsAfter.length > docsBefore.length;
      if (!appended) {
        if (docsAfter.length !== docsBefore.length) violation(f, fix, 'splits or merges documents', m.name, excerpt(after, fix));
        else docsBefore.forEach((d, i) => i !== own && d.text !== docsAfter[i].text && violation(f, fix, 'changes another document', m.name, `document ${i}`));
      }
    }
  }

  // fix-all (safe) is idempotent; harden (every suggestion) reaches a fixed point.
  const once = applyFixes(m.text, OPTIONS, { safety: 'safe' }).text;
  const twice = applyFixes(once, OPTIONS, { safety: 'safe' }).text;
  stats.fixAll++;
  if (once !== twice) violations.push({ group: 'fix-all twice differs from once', detail: `${m.name}\n${firstDiff(once, twice)}` });
  const hardened = applyFixes(m.text, OPTIONS, { safety: 'suggestion' });
  const again = applyFixes(hardened.text, OPTIONS, { safety: 'suggestion' });
  stats.harden++;
  if (again.text !== hardened.text) {
    violations.push({ group: `harden is not a fixed point (${again.applied.map((a) => `${a.ruleId} "${a.title}"`).join(', ')})`, detail: `${m.name}\n${firstDiff(hardened.text, again.text)}` });
  }
  if (errorCount(lintText(hardened.text)) > beforeErrors) violations.push({ group: 'harden breaks the YAML', detail: m.name });
}

function excerpt(after: string, fix: Fix): string {
  const at = Math.min(...fix.edits.map((e) => e.start));
  const from = after.lastIndexOf('\n', Math.max(0, at - 120)) + 1;
  return after.slice(from, from + 400);
}

function firstDiff(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = a.lastIndexOf('\n', Math.max(0, i - 200)) + 1;
  return `--- first\n${a.slice(from, i + 200)}\n--- second\n${b.slice(from, i + 200)}`;
}

describe('fix safety', { timeout: 300_000 }, () => {
  it('every fix of every fixture finding', () => {
    for (const m of seedManifests()) checkFile(m);
  });

  it('generated workloads (every pod-spec kind, many styles)', () => {
    fc.assert(
      fc.property(workloadArb, (text) => {
        checkFile({ name: `generated:\n${text}`, text });
      }),
      { seed: SEED, numRuns: 20 },
    );
  });

  it('mutated manifests that are still valid YAML', () => {
    const seeds = seedManifests();
    const arb = fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 2 }));
    let checked = 0;
    fc.assert(
      fc.property(arb, ([i, ms]) => {
        let text = seeds[i].text;
        for (const m of ms) text = mutate(text, m);
        if (errorCount(lintText(text)) > 0) return;
        checked++;
        checkFile({ name: `mutated ${seeds[i].name} ${JSON.stringify(ms)}`, text });
      }),
      { seed: SEED + 3, numRuns: 40 },
    );
    assert.ok(checked > 10, `only ${checked} mutated manifests were valid YAML`);
  });

  it('no violations (and prints the counts)', () => {
    const groups = new Map<string, string[]>();
    for (const v of violations) groups.set(v.group, [...(groups.get(v.group) ?? []), v.detail]);
    const report = [...groups].map(([g, ds]) => `${ds.length} x ${g}\n    e.g. ${ds[0].replace(/\n/g, '\n    ')}`).join('\n');
    console.log(
      `fix safety: ${count(stats.files)} files, ${count(stats.findings)} fixable findings, ${count(stats.fixes)} fixes applied one by one, ` +
        `fix-all twice on ${stats.fixAll} files, harden to a fixed point on ${stats.harden} files; ${violations.length} violations`,
    );
    for (const [pair, n] of consequencesSeen) console.log(`  expected consequence, ${n} x ${pair}: ${CONSEQUENCES[pair]}`);
    assert.equal(violations.length, 0, `\n${report}`);
  });
});
