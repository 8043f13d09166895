// Pod Security Standards conformance: every fixture of the official Pod Security Admission test
// data (../shared/conformance/pss, copied from kubernetes/pod-security-admission test/testdata),
// in every level and policy-version folder, must get the verdict admission gives it. A fail
// fixture must be reported by the rule of its check (or of the restricted check that overrides
// it, index.json `reportedBy`), and then not also by the overridden baseline rule.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { lint, RULES, type PssLevel } from '../../server/src/engine';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PSS_DIR = path.resolve(ROOT, '..', 'shared', 'conformance', 'pss');

interface Fixture {
  file: string;
  level: 'baseline' | 'restricted';
  version: string;
  expect: 'pass' | 'fail';
  check: string;
  checkLevel?: string;
  reportedBy?: string;
}

const PSS_RULES = RULES.filter((r) => r.meta.standards?.pss);
const RULE_OF_CHECK = new Map(PSS_RULES.map((r) => [r.meta.standards!.pss!.check, r.id]));

function yamlFilesUnder(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) yamlFilesUnder(p, out);
    else if (name.endsWith('.yaml')) out.push(p);
  }
  return out;
}

test('PSS conformance: official admission fixtures, every level and policy version', (t) => {
  const indexFile = path.join(PSS_DIR, 'index.json');
  if (!fs.existsSync(indexFile)) {
    t.skip(`${PSS_DIR} is absent: the PSS conformance test did NOT run (CI always has ../shared)`);
    return;
  }
  const fixtures = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as Fixture[];

  // The index must describe every fixture on disk, and nothing else.
  const onDisk = yamlFilesUnder(path.join(PSS_DIR, 'testdata')).map((f) => path.relative(PSS_DIR, f).split(path.sep).join('/')).sort();
  assert.deepEqual(fixtures.map((f) => f.file).sort(), onDisk, 'index.json and testdata/ disagree');

  const only = PSS_RULES.map((r) => r.id);
  const counts = new Map<string, { agree: number; total: number }>();
  const disagreements: string[] = [];
  let extraRules = 0;
  for (const fx of fixtures) {
    const text = fs.readFileSync(path.join(PSS_DIR, fx.file), 'utf8');
    const findings = lint(text, { only, pss: { level: fx.level as PssLevel, version: fx.version } }).findings;
    const key = `${fx.level} ${fx.expect}`;
    const c = counts.get(key) ?? { agree: 0, total: 0 };
    c.total++;
    counts.set(key, c);
    const ids = [...new Set(findings.map((f) => f.ruleId))];
    let problem: string | undefined;
    if (fx.expect === 'pass') {
      if (findings.length > 0) problem = `expected no finding, got ${findings.map((f) => `${f.ruleId}: ${f.message}`).join(' | ')}`;
    } else {
      const expectedRule = RULE_OF_CHECK.get(fx.reportedBy ?? fx.check);
      const overridden = fx.reportedBy ? RULE_OF_CHECK.get(fx.check) : undefined;
      if (!expectedRule) problem = `no rule implements check ${fx.reportedBy ?? fx.check}`;
      else if (!ids.includes(expectedRule)) problem = `expected a finding of ${expectedRule}, got [${ids.join(', ')}]`;
      else if (overridden && ids.includes(overridden)) problem = `${overridden} reported a violation that ${expectedRule} overrides`;
      else {
        const level = PSS_RULES.find((r) => r.id === expectedRule)!.meta.standards!.pss!.level;
        const bad = findings.find((f) => f.ruleId === expectedRule && !f.message.startsWith(`${level}: `));
        if (bad) problem = `message does not name the level: ${bad.message}`;
      }
      if (ids.length > 1) extraRules++;
    }
    if (problem) disagreements.push(`${fx.file}: ${problem}`);
    else c.agree++;
  }

  const total = fixtures.length;
  const agree = total - disagreements.length;
  const part = (k: string) => `${k.split(' ')[1]} ${counts.get(k)?.agree ?? 0}/${counts.get(k)?.total ?? 0}`;
  console.log(
    `pss conformance: ${total} fixtures, ${agree} agree (baseline ${part('baseline pass')}, ${part('baseline fail')}; ` +
      `restricted ${part('restricted pass')}, ${part('restricted fail')}); ` +
      `${extraRules} fail fixtures also trip a second control, as upstream's do (e.g. hostProcess needs hostNetwork)`,
  );
  assert.deepEqual(disagreements.slice(0, 50), [], `${disagreements.length} fixtures disagree`);
  assert.equal(agree, total);
});

test('PSS conformance: every upstream check id has exactly one rule', (t) => {
  const indexFile = path.join(PSS_DIR, 'index.json');
  if (!fs.existsSync(indexFile)) {
    t.skip(`${PSS_DIR} is absent: the PSS conformance test did NOT run (CI always has ../shared)`);
    return;
  }
  const fixtures = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as Fixture[];
  const checks = new Set(fixtures.map((f) => f.check).filter((c) => !c.startsWith('base')));
  assert.deepEqual([...checks].filter((c) => !RULE_OF_CHECK.has(c)), [], 'checks without a rule');
  assert.equal(RULE_OF_CHECK.size, PSS_RULES.length, 'two rules claim the same check');
  assert.deepEqual([...RULE_OF_CHECK.keys()].filter((c) => !checks.has(c)).sort(), [], 'rules for checks upstream does not have');
});
