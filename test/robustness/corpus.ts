// Inputs and checks shared by the robustness tests: the manifests the fuzzers start from (every
// YAML file under examples/ and test/fixtures/, plus a few written here in styles the fixtures
// lack), options that turn every rule on, and the invariants every lint result must keep.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES, type LintOptions, type LintResult, type SeveritySetting } from '../../server/src/engine';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Every rule on, the ones that are off by default included, at their own severity. */
export function allRulesOn(extra: LintOptions = {}): LintOptions {
  const rules: Record<string, SeveritySetting> = {};
  for (const r of RULES) rules[r.id] = r.meta.severity;
  return { ...extra, rules: { ...rules, ...extra.rules } };
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const ent of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) yamlFiles(p, out);
    else if (ent.isFile() && /\.ya?ml$/i.test(ent.name)) out.push(p);
  }
  return out;
}

export interface Manifest {
  name: string;
  text: string;
}

/** Manifests in styles the fixtures lack: flow maps, indentless sequences, CRLF, comments, anchors. */
export const BUILT_IN: Manifest[] = [
  {
    name: 'built-in/flow-pod.yaml',
    text: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: flow, namespace: default, labels: {app: flow}}',
      'spec: {hostNetwork: true, containers: [{name: c, image: "nginx", securityContext: {privileged: true, capabilities: {add: [SYS_ADMIN]}}}]}',
      '',
    ].join('\n'),
  },
  {
    name: 'built-in/indentless-deployment.yaml',
    text: [
      '# indentless sequences and comments everywhere',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web # trailing comment',
      'spec:',
      '  selector: {matchLabels: {app: web}}',
      '  template:',
      '    metadata: {labels: {app: web}}',
      '    spec:',
      '      containers:',
      '      - name: app',
      '        image: registry.example.com/web:latest',
      '        ports:',
      '        - containerPort: 80',
      '          hostPort: 80',
      '        env:',
      '        - name: DB_PASSWORD',
      '          value: hunter2',
      '        securityContext:',
      '          allowPrivilegeEscalation: true',
      '          runAsUser: 0',
      '      volumes:',
      '      - name: root',
      '        hostPath: {path: /}',
      '',
    ].join('\n'),
  },
  {
    name: 'built-in/crlf-cronjob.yaml',
    text: [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      '  name: backup',
      'spec:',
      '  schedule: "0 1 * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: OnFailure',
      '          hostPID: true',
      '          containers:',
      '            - name: backup',
      '              image: "backup:1.0"',
      '              securityContext:',
      '                capabilities:',
      '                  add: ["NET_ADMIN", "SYS_PTRACE"]',
      '',
    ].join('\r\n'),
  },
  {
    name: 'built-in/anchors-and-list.yaml',
    text: [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: v1',
      '  kind: Pod',
      '  metadata: {name: a}',
      '  spec:',
      '    securityContext: &psc',
      '      runAsUser: 0',
      '    containers:',
      '    - &c',
      '      name: a',
      '      image: busybox',
      '      securityContext: {privileged: true}',
      '- apiVersion: v1',
      '  kind: Pod',
      '  metadata: {name: b}',
      '  spec:',
      '    securityContext: *psc',
      '    containers: [*c]',
      '---',
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRoleBinding',
      'metadata: {name: admin}',
      'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}',
      'subjects:',
      '- {kind: ServiceAccount, name: default, namespace: default}',
      '---',
      'apiVersion: security.istio.io/v1',
      'kind: PeerAuthentication',
      'metadata: {name: default, namespace: istio-system}',
      'spec:',
      '  mtls:',
      '    mode: PERMISSIVE',
      '',
    ].join('\n'),
  },
];

/** examples/*.yaml, test/fixtures/**.yaml (hostile inputs aside) and the built-in manifests. */
export function seedManifests(): Manifest[] {
  const files = [...yamlFiles(path.join(ROOT, 'examples')), ...yamlFiles(path.join(ROOT, 'test', 'fixtures')).filter((f) => !f.includes(`${path.sep}hostile${path.sep}`))];
  const out = files.map((f) => ({ name: path.relative(ROOT, f), text: fs.readFileSync(f, 'utf8') }));
  assert.ok(out.length >= 10, `expected the example and fixture manifests, found ${out.length}`);
  return [...out, ...BUILT_IN];
}

/** Every finding, fix edit, related location and parse error lies inside the text. */
export function assertInside(text: string, r: LintResult, what: string): void {
  const n = text.length;
  const ok = (s: number, e: number) => Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s <= e && e <= n;
  for (const p of r.parseErrors) assert.ok(ok(p.start, p.end), `${what}: parse error [${p.start}, ${p.end}) outside 0..${n}: ${p.message}`);
  for (const f of r.findings) {
    assert.ok(ok(f.start, f.end), `${what}: ${f.ruleId} [${f.start}, ${f.end}) outside 0..${n}`);
    assert.equal(typeof f.message, 'string');
    for (const fix of f.fixes) for (const e of fix.edits) assert.ok(ok(e.start, e.end), `${what}: ${f.ruleId} fix "${fix.title}" edit [${e.start}, ${e.end}) outside 0..${n}`);
    for (const rel of f.related ?? []) if (rel.file === undefined) assert.ok(ok(rel.start, rel.end), `${what}: ${f.ruleId} related [${rel.start}, ${rel.end}) outside 0..${n}`);
  }
}

/** 1234567 -> "1,234,567" */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** A deterministic pseudo-random generator (xorshift32), for inputs built without fast-check. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}
