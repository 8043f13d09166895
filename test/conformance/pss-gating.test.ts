// How the engine decides which PSS rules run on a workload: the level and policy version from
// settings, a Namespace's enforce labels (read as admission reads them), and the override of a
// baseline check by the restricted check that replaces it (so one violation is reported once).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, lint, RULES, type LintOptions } from '../../server/src/engine';
import { y } from '../helpers/rule-tester';

const PSS = RULES.filter((r) => r.meta.standards?.pss).map((r) => r.id);

function ruleIds(text: string, options: LintOptions = {}): string[] {
  return [...new Set(lint(text, { only: PSS, ...options }).findings.map((f) => f.ruleId))].sort();
}

const pod = (name: string, namespace: string | undefined, ...spec: string[]) =>
  y('apiVersion: v1', 'kind: Pod', `metadata: {name: ${name}${namespace ? `, namespace: ${namespace}` : ''}}`, 'spec:', ...spec);

/** Compliant with restricted at every version, apart from the lines given. */
const good = (...extra: string[]) => [
  '  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}',
  '  containers:',
  '  - name: a',
  '    image: a:1',
  '    securityContext:',
  '      allowPrivilegeEscalation: false',
  '      capabilities: {drop: [ALL]}',
  ...extra,
];

describe('PSS gating: overrides', () => {
  const hostPath = pod('p', undefined, ...good(), '  volumes: [{name: h, hostPath: {path: /data}}]');
  it('restricted reports a hostPath volume once, as a volume type', () => {
    assert.deepEqual(ruleIds(hostPath), ['pss-restricted-volumes']);
  });
  it('baseline reports it as a hostPath volume', () => {
    assert.deepEqual(ruleIds(hostPath, { pss: { level: 'baseline' } }), ['pss-host-path-volumes']);
  });
  it('turning the overriding rule off brings the baseline rule back', () => {
    assert.deepEqual(ruleIds(hostPath, { rules: { 'pss-restricted-volumes': 'off' } }), ['pss-host-path-volumes']);
  });

  const sysAdmin = pod('p', undefined, ...good().map((l) => l.replace('{drop: [ALL]}', '{drop: [ALL], add: [SYS_ADMIN]}')));
  it('capabilities: restricted from v1.22, the baseline allow-list before', () => {
    assert.deepEqual(ruleIds(sysAdmin), ['pss-capabilities-restricted']);
    assert.deepEqual(ruleIds(sysAdmin, { pss: { version: 'v1.21' } }), ['pss-capabilities-baseline']);
  });

  it('seccomp: the restricted field check from v1.19, the baseline annotation check before', () => {
    const unconfined = pod('p', undefined, '  securityContext: {runAsNonRoot: true, seccompProfile: {type: Unconfined}}', ...good().slice(1));
    assert.deepEqual(ruleIds(unconfined), ['pss-seccomp-restricted']);
    assert.deepEqual(ruleIds(unconfined, { pss: { level: 'baseline' } }), ['pss-seccomp-baseline']);
    const annotated = y(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      '  annotations: {seccomp.security.alpha.kubernetes.io/pod: unconfined}',
      'spec:',
      ...good(),
    );
    assert.deepEqual(ruleIds(annotated, { pss: { version: 'v1.18' } }), ['pss-seccomp-baseline']);
    assert.deepEqual(ruleIds(annotated, { pss: { version: 'v1.19' } }), []);
  });

  it('procMount: the restricted check from v1.35, without the user-namespace relaxation', () => {
    const unmasked = pod('p', undefined, '  hostUsers: false', ...good('      procMount: Unmasked'));
    assert.deepEqual(ruleIds(unmasked), ['pss-proc-mount-restricted']);
    assert.deepEqual(ruleIds(unmasked, { pss: { level: 'baseline' } }), []);
    assert.deepEqual(ruleIds(unmasked, { pss: { version: 'v1.34' } }), ['pss-proc-mount']);
  });
});

describe('PSS gating: levels and versions from settings', () => {
  const bare = pod('p', undefined, '  containers: [{name: a, image: a:1}]');
  it('defaults to restricted, latest', () => {
    assert.deepEqual(ruleIds(bare), ['pss-allow-privilege-escalation', 'pss-capabilities-restricted', 'pss-run-as-non-root', 'pss-seccomp-restricted']);
  });
  it('privileged runs nothing, baseline nothing here', () => {
    assert.deepEqual(ruleIds(bare, { pss: { level: 'privileged' } }), []);
    assert.deepEqual(ruleIds(bare, { pss: { level: 'baseline' } }), []);
  });
  it('v1.0 restricted only requires runAsNonRoot', () => {
    assert.deepEqual(ruleIds(bare, { pss: { version: 'v1.0' } }), ['pss-run-as-non-root']);
  });
  it('a version newer than the engine knows is the latest', () => {
    assert.deepEqual(ruleIds(bare, { pss: { version: 'v1.99' } }), ruleIds(bare));
  });
  it('messages name the level of the control', () => {
    const text = pod('p', undefined, '  hostPID: true', '  containers: [{name: a, image: a:1}]');
    for (const f of lint(text, { only: PSS }).findings) {
      const level = RULES.find((r) => r.id === f.ruleId)!.meta.standards!.pss!.level;
      assert.ok(f.message.startsWith(`${level}: `), f.message);
    }
  });
});

describe('PSS gating: Namespace enforce labels', () => {
  const ns = (name: string, ...labels: string[]) => y('apiVersion: v1', 'kind: Namespace', 'metadata:', `  name: ${name}`, '  labels:', ...labels.map((l) => `    ${l}`));
  const workload = (namespace: string) => pod(namespace, namespace, '  hostPID: true', '  containers: [{name: a, image: a:1}]');

  it('a Namespace document sets level and version for its workloads only', () => {
    const text = [
      ns('legacy', 'pod-security.kubernetes.io/enforce: baseline', 'pod-security.kubernetes.io/enforce-version: v1.20'),
      workload('legacy'),
      workload('other'),
    ].join('---\n');
    const findings = lint(text, { only: PSS }).findings;
    const legacy = [...new Set(findings.filter((f) => f.resource?.namespace === 'legacy').map((f) => f.ruleId))].sort();
    const other = [...new Set(findings.filter((f) => f.resource?.namespace === 'other').map((f) => f.ruleId))].sort();
    assert.deepEqual(legacy, ['pss-host-namespaces']);
    assert.deepEqual(other, ['pss-allow-privilege-escalation', 'pss-capabilities-restricted', 'pss-host-namespaces', 'pss-run-as-non-root', 'pss-seccomp-restricted']);
  });

  it('the version label pins the policy version (v1.21: no capabilities_restricted yet)', () => {
    const text = [ns('old', 'pod-security.kubernetes.io/enforce: restricted', 'pod-security.kubernetes.io/enforce-version: v1.21'), workload('old')].join('---\n');
    assert.deepEqual(ruleIds(text), ['pss-allow-privilege-escalation', 'pss-host-namespaces', 'pss-run-as-non-root', 'pss-seccomp-restricted']);
  });

  it('a missing label keeps the setting; a version label alone pins only the version', () => {
    const text = [ns('pinned', 'pod-security.kubernetes.io/enforce-version: v1.21'), workload('pinned')].join('---\n');
    assert.deepEqual(ruleIds(text, { pss: { level: 'baseline' } }), ['pss-host-namespaces']);
    assert.deepEqual(ruleIds(text), ['pss-allow-privilege-escalation', 'pss-host-namespaces', 'pss-run-as-non-root', 'pss-seccomp-restricted']);
  });

  it('invalid labels fail closed as admission does: restricted, latest', () => {
    const text = [ns('typo', 'pod-security.kubernetes.io/enforce: Baseline', 'pod-security.kubernetes.io/enforce-version: "1.21"'), workload('typo')].join('---\n');
    assert.deepEqual(ruleIds(text, { pss: { level: 'baseline' } }), ruleIds(workload('typo'), { pss: { level: 'restricted' } }));
  });

  it('enforce: privileged silences PSS rules in that namespace', () => {
    const text = [ns('system', 'pod-security.kubernetes.io/enforce: privileged'), workload('system')].join('---\n');
    assert.deepEqual(ruleIds(text), []);
  });

  it('audit and warn labels do not change what is enforced', () => {
    const text = [ns('w', 'pod-security.kubernetes.io/warn: privileged', 'pod-security.kubernetes.io/audit: privileged'), workload('w')].join('---\n');
    assert.deepEqual(ruleIds(text), ruleIds(workload('w')));
  });

  it('Namespaces from other files (the workspace) apply too, and a Namespace in the file wins', () => {
    const linter = new Linter();
    const fromWorkspace = new Map([['legacy', { level: 'baseline' as const, version: 'v1.20' }]]);
    const ids = (text: string) => [...new Set(linter.lint(text, { only: PSS }, fromWorkspace).findings.map((f) => f.ruleId))].sort();
    assert.deepEqual(ids(workload('legacy')), ['pss-host-namespaces']);
    assert.deepEqual(ids([ns('legacy', 'pod-security.kubernetes.io/enforce: privileged'), workload('legacy')].join('---\n')), []);
  });

  it('editing the Namespace re-checks the workloads of the cached documents', () => {
    const linter = new Linter();
    const w = workload('team');
    const before = linter.lint([ns('team', 'pod-security.kubernetes.io/enforce: baseline'), w].join('---\n'), { only: PSS }).findings.length;
    const after = linter.lint([ns('team', 'pod-security.kubernetes.io/enforce: restricted'), w].join('---\n'), { only: PSS }).findings.length;
    assert.equal(before, 1);
    assert.ok(after > before);
  });
});

describe('PSS gating: Windows pods', () => {
  it('get no fix that inserts a Linux-only field (policy v1.24, before the exemption)', () => {
    const text = pod('w', undefined, '  os: {name: windows}', '  containers:', '  - name: a', '    image: a:1');
    const findings = lint(text, { only: PSS, pss: { version: 'v1.24' } }).findings;
    assert.deepEqual([...new Set(findings.map((f) => f.ruleId))].sort(), ['pss-allow-privilege-escalation', 'pss-capabilities-restricted', 'pss-run-as-non-root', 'pss-seccomp-restricted']);
    for (const f of findings) {
      for (const fix of f.fixes) for (const e of fix.edits) assert.doesNotMatch(e.text, /seccompProfile|capabilities|allowPrivilegeEscalation|seLinuxOptions|appArmorProfile|procMount/, `${f.ruleId}: ${fix.title}`);
    }
    assert.ok(findings.find((f) => f.ruleId === 'pss-run-as-non-root')!.fixes.length > 0, 'runAsNonRoot is valid on Windows and keeps its fix');
  });
  it('are exempt from the Linux-only restricted checks from v1.25', () => {
    const text = pod('w', undefined, '  os: {name: windows}', '  securityContext: {runAsNonRoot: true}', '  containers: [{name: a, image: a:1}]');
    assert.deepEqual(ruleIds(text, { pss: { version: 'v1.25' } }), []);
  });
});
