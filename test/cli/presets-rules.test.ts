// --preset, --pss-level, --pss-version and --rule; `kubeward rules`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { json, kubeward, PRIVILEGED_POD, spans, tempDir, y } from './helpers';

interface RuleInfo {
  id: string;
  title: string;
  category: string;
  severity: string;
  fix: string;
  enabledByDefault: boolean;
  standards: { pss?: { level: string; check: string; since?: string } };
  peers: Record<string, string[]>;
}

const rules: RuleInfo[] = JSON.parse(kubeward(['rules', '--format', 'json']).stdout).rules;
const pssIds = (level: 'baseline' | 'restricted') =>
  new Set(rules.filter((r) => r.standards.pss && (r.standards.pss.level === 'baseline' || level === 'restricted')).map((r) => r.id));

/** A Deployment with a baseline violation (hostNetwork), restricted ones, and non-PSS ones (:latest image). */
const DEPLOYMENT = y(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: api',
  '  namespace: prod',
  'spec:',
  '  selector:',
  '    matchLabels: {app: api}',
  '  template:',
  '    metadata:',
  '      labels: {app: api}',
  '    spec:',
  '      hostNetwork: true',
  '      containers:',
  '      - name: api',
  '        image: example/api:latest',
  '        securityContext:',
  '          allowPrivilegeEscalation: true',
);

const dir = tempDir({ 'deploy.yaml': DEPLOYMENT, 'pod.yaml': PRIVILEGED_POD });

describe('cli: presets', () => {
  it('pss-baseline runs exactly the baseline PSS rules', () => {
    const out = json(kubeward(['lint', '.', '--preset', 'pss-baseline', '--format', 'json'], { cwd: dir }));
    const allowed = pssIds('baseline');
    assert.ok(out.findings.length > 0);
    for (const f of out.findings) assert.ok(allowed.has(f.ruleId), `${f.ruleId} is not a baseline PSS rule`);
    assert.deepEqual(
      out.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`),
      ['deploy.yaml:13:20 pss-host-namespaces', 'pod.yaml:6:12 pss-host-namespaces', 'pod.yaml:11:19 pss-privileged'],
    );
  });

  it('pss-restricted runs the baseline and restricted PSS rules and nothing else', () => {
    const out = json(kubeward(['lint', '.', '--preset', 'pss-restricted', '--format', 'json'], { cwd: dir }));
    const allowed = pssIds('restricted');
    for (const f of out.findings) assert.ok(allowed.has(f.ruleId), `${f.ruleId} is not a PSS rule`);
    const ids = new Set(out.findings.map((f) => f.ruleId));
    for (const id of ['pss-host-namespaces', 'pss-privileged', 'pss-allow-privilege-escalation', 'pss-run-as-non-root']) assert.ok(ids.has(id), id);
    assert.deepEqual(spans(out, 'pss-allow-privilege-escalation', 'deploy.yaml'), [[18, 37, 18, 41]]);
    assert.ok(out.findings.every((f) => f.message.startsWith('baseline: ') || f.message.startsWith('restricted: ')), 'messages name the level');
  });

  it('without a preset, rules outside PSS run too', () => {
    const out = json(kubeward(['lint', 'deploy.yaml', '--format', 'json'], { cwd: dir }));
    assert.ok(out.findings.some((f) => !f.ruleId.startsWith('pss-')));
  });

  it('--pss-level baseline skips the restricted controls; privileged skips them all', () => {
    const baseline = json(kubeward(['lint', '.', '--pss-level', 'baseline', '--format', 'json'], { cwd: dir }));
    const restrictedOnly = [...pssIds('restricted')].filter((id) => !pssIds('baseline').has(id));
    assert.ok(!baseline.findings.some((f) => restrictedOnly.includes(f.ruleId)));
    assert.ok(baseline.findings.some((f) => f.ruleId === 'pss-privileged'));
    const privileged = json(kubeward(['lint', '.', '--pss-level', 'privileged', '--format', 'json'], { cwd: dir }));
    assert.ok(!privileged.findings.some((f) => f.ruleId.startsWith('pss-')));
  });

  it('--pss-version selects the policy version: restricted seccomp exists from v1.19', () => {
    const seccomp = rules.find((r) => r.id === 'pss-seccomp-restricted');
    assert.equal(seccomp?.standards.pss?.since, 'v1.19');
    const run = (v: string) => json(kubeward(['lint', 'pod.yaml', '--preset', 'pss-restricted', '--pss-version', v, '--format', 'json'], { cwd: dir }));
    assert.ok(!run('v1.18').findings.some((f) => f.ruleId === 'pss-seccomp-restricted'));
    assert.ok(run('v1.19').findings.some((f) => f.ruleId === 'pss-seccomp-restricted'));
    assert.ok(run('latest').findings.some((f) => f.ruleId === 'pss-seccomp-restricted'));
  });

  it('--rule changes a severity, turns a rule off, and adds a rule to a preset', () => {
    const out = json(
      kubeward(['lint', 'pod.yaml', '--preset', 'pss-baseline', '--rule', 'pss-privileged=info', '--rule', 'pss-host-namespaces=off', '--rule', 'image-no-digest=warning', '--format', 'json'], { cwd: dir }),
    );
    assert.deepEqual(
      out.findings.map((f) => [f.ruleId, f.severity]),
      [
        ['image-no-digest', 'warning'],
        ['pss-privileged', 'info'],
      ],
    );
  });

  it('--rule yaml-syntax=off silences syntax errors', () => {
    const d = tempDir({ 'bad.yaml': 'a: "unclosed\n' });
    assert.equal(json(kubeward(['lint', 'bad.yaml', '--format', 'json'], { cwd: d })).findings[0].ruleId, 'yaml-syntax');
    const r = kubeward(['lint', 'bad.yaml', '--rule', 'yaml-syntax=off', '--format', 'json'], { cwd: d });
    assert.equal(r.code, 0);
    assert.deepEqual(json(r).findings, []);
  });

  it('a contradicting --pss-level is a usage error', () => {
    const r = kubeward(['lint', 'pod.yaml', '--preset', 'pss-baseline', '--pss-level', 'restricted'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--pss-level restricted contradicts --preset pss-baseline/);
  });
});

describe('cli: kubeward rules', () => {
  it('lists every rule with its metadata as JSON, sorted by id', () => {
    assert.ok(rules.length >= 5);
    assert.deepEqual(rules.map((r) => r.id), [...rules.map((r) => r.id)].sort());
    for (const r of rules) {
      assert.match(r.id, /^[a-z]+(-[a-z0-9]+)+$/);
      assert.ok(r.title.length > 0, `${r.id}: title`);
      assert.ok(['error', 'warning', 'info'].includes(r.severity), `${r.id}: severity`);
      assert.ok(['safe', 'suggestion', 'none'].includes(r.fix), `${r.id}: fix`);
      assert.equal(typeof r.category, 'string');
      assert.equal(typeof r.standards, 'object');
      assert.equal(typeof r.peers, 'object');
    }
    const priv = rules.find((r) => r.id === 'pss-privileged');
    assert.deepEqual(priv?.standards.pss, { level: 'baseline', check: 'privileged' });
    assert.ok(priv?.peers.checkov?.includes('CKV_K8S_16'));
  });

  it('prints a table with one line per rule', () => {
    const r = kubeward(['rules']);
    assert.equal(r.code, 0);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^RULE\s+SEVERITY\s+CATEGORY\s+FIX\s+STANDARD\s+TITLE$/);
    assert.match(r.stdout, /\npss-privileged\s+error\s+pod-security\s+suggestion\s+pss-baseline\s+Privileged containers\n/);
    assert.equal(lines.length, rules.length + 3);
  });

  it('rejects arguments it does not take', () => {
    const r = kubeward(['rules', '--format', 'sarif']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /invalid value 'sarif' for --format: expected text, json/);
  });
});
