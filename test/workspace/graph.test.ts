// The workspace graph over several files: queries, incremental updates, cross-file rules through
// the Linter, related locations, readiness, settings and suppressions on graph findings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, Linter, type Finding, type LintOptions } from '../../server/src/engine';
import { factsOf, indexTexts, netpolFacts, WorkspaceGraph } from '../../server/src/engine/workspace';
import { y } from '../helpers/rule-tester';

const deployment = (name: string, ns: string, labels: string, extra: string[] = []) =>
  y(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ns}`,
    'spec:',
    `  selector: {matchLabels: ${labels}}`,
    '  template:',
    `    metadata: {labels: ${labels}}`,
    '    spec:',
    ...extra,
    '      containers:',
    `      - {name: ${name}, image: ${name}:1}`,
  );

const policy = (name: string, ns: string, selector: string) =>
  y('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata:', `  name: ${name}`, `  namespace: ${ns}`, 'spec:', `  podSelector: ${selector}`, '  policyTypes: [Ingress, Egress]');

function lintIn(graph: WorkspaceGraph, file: string, text: string, options: LintOptions = {}): Finding[] {
  return new Linter({ workspace: graph }).lint(text, { ...options, fileName: file }).findings;
}

const ids = (fs: Finding[], prefix = '') => fs.map((f) => f.ruleId).filter((id) => id.startsWith(prefix)).sort();

describe('WorkspaceGraph', () => {
  it('indexes objects of several files and answers queries by kind, name and namespace', () => {
    const g = new WorkspaceGraph();
    g.setFile('/w/app.yaml', deployment('web', 'shop', '{app: web}') + '---\n' + deployment('api', 'shop', '{app: api}'));
    g.setFile('/w/other.yaml', deployment('worker', 'jobs', '{app: worker}'));
    g.setFile('/w/implicit.yaml', y('apiVersion: v1', 'kind: ServiceAccount', 'metadata: {name: runner}'));
    g.setFile('/w/notes.yaml', y('title: not a manifest', 'items: [1, 2]'));
    assert.equal(g.fileCount, 4);
    assert.deepEqual(g.workloads('shop').map((w) => w.name).sort(), ['api', 'web']);
    assert.deepEqual(g.workloads().map((w) => w.name).sort(), ['api', 'web', 'worker']);
    // A namespaced object without metadata.namespace matches every namespace.
    assert.equal(g.named('ServiceAccount', 'runner', 'jobs').length, 1);
    assert.equal(g.named('ServiceAccount', 'runner', 'shop')[0].ns, '');
    assert.deepEqual(g.namespaces(), ['jobs', 'shop']);
    assert.deepEqual([...(g.podLabels('shop').get('app') ?? [])].sort(), ['api', 'web']);
    assert.equal(g.objectsIn('/w/notes.yaml').length, 0);
    const web = g.objectAt('/w/app.yaml', 0)!;
    assert.equal(web.name, 'web');
    const api = g.objectAt('/w/app.yaml', 1)!;
    const loc = g.location(api);
    assert.equal(loc.file, '/w/app.yaml');
    assert.equal(loc.line, 16, 'metadata.name of the second document is on line 17');
  });

  it('re-indexes only the documents whose text changed and reports what changed', () => {
    const g = new WorkspaceGraph();
    const a = deployment('web', 'shop', '{app: web}');
    const b = policy('deny', 'shop', '{}');
    g.setFile('/w/f.yaml', a + '---\n' + b);
    const before = g.objectAt('/w/f.yaml', 1)!;
    const rev = g.revision;
    assert.equal(g.setFile('/w/f.yaml', a + '---\n' + b).changed, false, 'same text: no change');
    assert.equal(g.revision, rev);
    const change = g.setFile('/w/f.yaml', a.replace('web:1', 'web:2.0.1') + '---\n' + b);
    assert.equal(change.changed, true);
    assert.deepEqual([...change.namespaces], ['shop']);
    const after = g.objectAt('/w/f.yaml', 1)!;
    assert.equal(after, before, 'the unchanged policy keeps its facts object');
    assert.equal(after.doc.offset, a.length + 4, 'and moves with the edit above it (a document starts at its --- line)');
    assert.ok(g.isAffected('/w/f.yaml', change));
    g.setFile('/w/other.yaml', deployment('x', 'other', '{app: x}'));
    assert.equal(g.isAffected('/w/other.yaml', change), false, 'a file in another namespace is not affected');
    g.renameFile('/w/f.yaml', '/w/g.yaml');
    assert.equal(g.objectsIn('/w/f.yaml').length, 0);
    assert.equal(g.objectAt('/w/g.yaml', 1)!.doc.file, '/w/g.yaml');
    const removed = g.removeFile('/w/g.yaml');
    assert.equal(removed.changed, true);
    assert.equal(g.objects('NetworkPolicy').length, 0);
  });

  it('keeps facts of a document with a YAML error out without breaking the rest of the file', () => {
    const g = new WorkspaceGraph();
    g.setFile('/w/mixed.yaml', policy('deny', 'shop', '{}') + '---\nkind: [unclosed\n---\n' + deployment('web', 'shop', '{app: web}'));
    assert.deepEqual(g.objectsIn('/w/mixed.yaml').map((o) => o.kind), ['NetworkPolicy', 'Deployment']);
    assert.equal(factsOf(g.objectsIn('/w/mixed.yaml')[0], netpolFacts)!.selectsAll, true);
  });

  it('indexTexts, the benchmark hook, indexes many files and counts them', () => {
    const files = Array.from({ length: 50 }, (_, i) => ({ file: `/w/${i}.yaml`, text: deployment(`d${i}`, `ns${i % 5}`, `{app: d${i}}`) }));
    const m = indexTexts(files);
    assert.equal(m.files, 50);
    assert.equal(m.objects, 50);
    assert.equal(m.graph.workloads('ns3').length, 10);
  });
});

describe('graph rules through the Linter', () => {
  it('a NetworkPolicy in another file isolates a Deployment; deleting it brings the finding back', () => {
    const g = new WorkspaceGraph();
    const app = deployment('web', 'shop', '{app: web}');
    g.setFile('/w/policy.yaml', policy('default-deny-all', 'shop', '{}'));
    assert.deepEqual(ids(lintIn(g, '/w/app.yaml', app), 'netpol-'), []);
    g.removeFile('/w/policy.yaml');
    const found = lintIn(g, '/w/app.yaml', app);
    assert.deepEqual(ids(found, 'netpol-'), ['netpol-namespace-default-deny', 'netpol-not-isolated']);
    assert.match(found.find((f) => f.ruleId === 'netpol-not-isolated')!.message, /in this workspace/);
  });

  it('names the objects of other files in related, with file and line', () => {
    const g = new WorkspaceGraph();
    g.setFile(
      '/w/rbac.yaml',
      y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: Role',
        'metadata: {name: secret-reader, namespace: production}',
        'rules:',
        '- {apiGroups: [""], resources: [secrets], verbs: [get, list]}',
        '---',
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: RoleBinding',
        'metadata: {name: read-all, namespace: production}',
        'subjects: [{kind: ServiceAccount, name: app-sa}]',
        'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-reader}',
      ),
    );
    const found = lintIn(g, '/w/app.yaml', deployment('app', 'production', '{app: app}', ['      serviceAccountName: app-sa']), { only: ['rbac-workload-permissions'] });
    assert.equal(found.length, 1);
    assert.match(found[0].message, /can read all secrets in namespace production, via RoleBinding read-all -> Role secret-reader \(rbac\.yaml:3\)/);
    assert.deepEqual(
      found[0].related!.map((r) => [r.file, r.line, r.character, r.message]),
      [
        ['/w/rbac.yaml', 10, 65, 'RoleBinding read-all binds Role secret-reader'],
        ['/w/rbac.yaml', 2, 17, 'Role secret-reader'],
      ],
    );
  });

  it('applies severity settings and suppressions to graph findings', () => {
    const g = new WorkspaceGraph();
    const app = deployment('web', 'shop', '{app: web}');
    const [f] = lintIn(g, '/w/a.yaml', app, { only: ['netpol-not-isolated'], rules: { 'netpol-not-isolated': 'error' } });
    assert.equal(f.severity, 'error');
    assert.deepEqual(lintIn(g, '/w/a.yaml', app, { rules: { 'netpol-not-isolated': 'off' } }).filter((x) => x.ruleId === 'netpol-not-isolated'), []);
    const suppressed = app.replace('kind: Deployment', '# kubeward-disable-next-line netpol-not-isolated -- isolated by the CNI\nkind: Deployment');
    assert.deepEqual(lintIn(g, '/w/a.yaml', suppressed, { only: ['netpol-not-isolated'] }), []);
  });

  it('waits for a complete graph before reporting absences, but reports grants at once', () => {
    const g = new WorkspaceGraph();
    g.ready = false;
    g.setFile(
      '/w/rbac.yaml',
      y('apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRoleBinding', 'metadata: {name: b}', 'subjects: [{kind: ServiceAccount, name: default, namespace: shop}]', 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}'),
    );
    const found = lintIn(g, '/w/app.yaml', deployment('web', 'shop', '{app: web}'));
    assert.deepEqual(ids(found, 'netpol-'), []);
    assert.deepEqual(ids(found, 'rbac-workload'), ['rbac-workload-permissions']);
    g.ready = true;
    assert.deepEqual(ids(lintIn(g, '/w/app.yaml', deployment('web', 'shop', '{app: web}')), 'netpol-'), ['netpol-namespace-default-deny', 'netpol-not-isolated']);
  });

  it('the default-deny fix with DNS egress appends two policies that end the finding', () => {
    const g = new WorkspaceGraph();
    const app = deployment('web', 'shop', '{app: web}');
    const [f] = lintIn(g, '/w/a.yaml', app, { only: ['netpol-namespace-default-deny'] });
    assert.equal(f.fixes.length, 2);
    assert.match(f.fixes[1].title, /allows DNS egress/);
    const fixed = applyEdits(app, f.fixes[1].edits);
    assert.ok(fixed.startsWith(app + '---\n'));
    assert.match(fixed, /name: default-deny-all\n {2}namespace: shop/);
    assert.match(fixed, /name: allow-dns-egress[\s\S]*k8s-app: kube-dns[\s\S]*port: 53\n$/);
    const after = lintIn(g, '/w/a.yaml', fixed);
    assert.deepEqual(ids(after, 'netpol-'), []);
  });

  it('a one-file lint without a workspace still runs graph rules, scoped to "this file"', () => {
    const text = deployment('web', 'shop', '{app: web}', ['      serviceAccountName: web-sa']);
    const found = new Linter().lint(text, { only: ['ref-missing-service-account'] }).findings;
    assert.equal(found.length, 1);
    assert.match(found[0].message, /is not defined in namespace shop in this file/);
  });
});
