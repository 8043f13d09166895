// Effective permissions through ServiceAccount → binding → role, and the hover text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkspaceGraph } from '../../server/src/engine/workspace';
import { capabilities, describePermissions, grantsFor, serviceAccountHover } from '../../server/src/engine/workspace/permissions';
import { y } from '../helpers/rule-tester';

const RBAC = y(
  'apiVersion: rbac.authorization.k8s.io/v1',
  'kind: Role',
  'metadata: {name: secret-reader, namespace: production}',
  'rules:',
  '- {apiGroups: [""], resources: [secrets], verbs: [get, list, watch]}',
  '---',
  'apiVersion: rbac.authorization.k8s.io/v1',
  'kind: RoleBinding',
  'metadata: {name: read-all, namespace: production}',
  'subjects: [{kind: ServiceAccount, name: app-sa}]',
  'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-reader}',
  '---',
  'apiVersion: rbac.authorization.k8s.io/v1',
  'kind: ClusterRole',
  'metadata: {name: monitoring}',
  'aggregationRule:',
  '  clusterRoleSelectors: [{matchLabels: {aggregate-to-monitoring: "true"}}]',
  'rules: []',
  '---',
  'apiVersion: rbac.authorization.k8s.io/v1',
  'kind: ClusterRole',
  'metadata: {name: monitoring-exec, labels: {aggregate-to-monitoring: "true"}}',
  'rules:',
  '- {apiGroups: [""], resources: [pods/exec], verbs: [create]}',
  '---',
  'apiVersion: rbac.authorization.k8s.io/v1',
  'kind: ClusterRoleBinding',
  'metadata: {name: all-accounts-monitor}',
  'subjects: [{kind: Group, name: "system:serviceaccounts:production", apiGroup: rbac.authorization.k8s.io}]',
  'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}',
);

const APP = y(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: app, namespace: production}',
  'spec:',
  '  selector: {matchLabels: {app: app}}',
  '  template:',
  '    metadata: {labels: {app: app}}',
  '    spec:',
  '      serviceAccountName: app-sa',
  '      containers: [{name: app, image: app:1}]',
);

describe('effective permissions', () => {
  const g = new WorkspaceGraph();
  g.setFile('/w/rbac.yaml', RBAC);
  g.setFile('/w/app.yaml', APP);

  it('follows bindings to the account, to its namespace group, and through aggregation', () => {
    const grants = grantsFor(g, 'production', 'app-sa');
    assert.deepEqual(grants.map((x) => `${x.binding.kind}/${x.binding.name} -> ${x.roleKind}/${x.roleName}`), [
      'RoleBinding/read-all -> Role/secret-reader',
      'ClusterRoleBinding/all-accounts-monitor -> ClusterRole/monitoring',
    ]);
    assert.deepEqual(grants[1].rules.map((r) => r.resources), [['pods/exec']], 'rules of the aggregated ClusterRole');
    assert.deepEqual(grantsFor(g, 'staging', 'app-sa').map((x) => x.binding.name), [], 'another namespace gets nothing');
    const lines = describePermissions(g, 'production', 'app-sa').map((l) => l.text);
    assert.deepEqual(lines, [
      'can read all secrets in namespace production, via RoleBinding read-all -> Role secret-reader (rbac.yaml:3)',
      'can exec into and attach to pods in every namespace, via ClusterRoleBinding all-accounts-monitor -> ClusterRole monitoring (rbac.yaml:15)',
    ]);
  });

  it('reads rules as capabilities, with built-in roles and resourceNames', () => {
    const rule = (resources: string[], verbs: string[], resourceNames: string[] = []) => ({ apiGroups: [''], resources, verbs, resourceNames, nonResourceURLs: [], loc: { start: 0, end: 0, line: 0, character: 0, endLine: 0, endCharacter: 0 } });
    assert.deepEqual(capabilities([rule(['secrets'], ['get'], ['tls'])]).map((c) => c.text), ['can read the secrets tls']);
    assert.deepEqual(capabilities([rule(['pods'], ['get', 'list'])]).map((c) => [c.text, c.dangerous]), [['can get and list pods', false]]);
    assert.equal(capabilities([{ ...rule(['*'], ['*']), apiGroups: ['*'] }])[0].id, 'all');
  });

  it('hover on serviceAccountName says what the pods can do and where it comes from', () => {
    const offset = APP.indexOf('app-sa') + 2;
    const md = serviceAccountHover(g, '/w/app.yaml', offset)!;
    assert.ok(md.startsWith('**ServiceAccount `app-sa`** in namespace `production`'));
    assert.match(md, /Not defined in this workspace\./);
    assert.match(md, /Its token is mounted into the pods \(the default\)\./);
    assert.match(md, /- \*\*can read all secrets in namespace production, via RoleBinding read-all -> Role secret-reader \(rbac\.yaml:3\)\*\*/);
    assert.equal(serviceAccountHover(g, '/w/app.yaml', APP.indexOf('containers')), undefined);
  });
});
