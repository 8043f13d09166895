// The CLI builds the workspace graph over the paths it is given, so cross-file findings appear, and
// the examples' Role, RoleBinding, ServiceAccount and ClusterRole take part in them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { EXAMPLES, kubeward, tempDir, y } from '../cli/helpers';
import { SHOP_DEFAULT_DENY, SHOP_SECRET_READER, SHOP_WEB } from '../helpers/shop-fixtures';

interface Found {
  file: string;
  ruleId: string;
  line: number;
  message: string;
  related: { file?: string; line?: number; message: string }[];
}

interface SarifLocation {
  physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number } };
  message?: { text: string };
}

/** Runs the CLI with SARIF output (the format that carries related locations) and flattens it. */
function lintSarif(args: string[], cwd: string): Found[] {
  const r = kubeward(['lint', ...args, '--format', 'sarif', '--fail-on', 'never'], { cwd });
  assert.equal(r.code, 0, r.stderr);
  const sarif = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; message: { text: string }; locations: SarifLocation[]; relatedLocations?: SarifLocation[] }[] }[] };
  return sarif.runs[0].results.map((x) => ({
    file: x.locations[0].physicalLocation!.artifactLocation.uri,
    ruleId: x.ruleId,
    line: x.locations[0].physicalLocation!.region!.startLine,
    message: x.message.text,
    related: (x.relatedLocations ?? []).map((l) => ({ file: l.physicalLocation?.artifactLocation.uri, line: l.physicalLocation?.region?.startLine, message: l.message!.text })),
  }));
}

function findingsOf(found: Found[], file: string, prefix: string): Found[] {
  return found.filter((x) => x.file.endsWith(file) && x.ruleId.startsWith(prefix));
}

const APP = SHOP_WEB;

const POLICIES = SHOP_DEFAULT_DENY;

const RBAC = y(
  'apiVersion: v1',
  'kind: ServiceAccount',
  'metadata: {name: web-sa, namespace: shop}',
  'automountServiceAccountToken: false',
  '---',
) + SHOP_SECRET_READER;

describe('CLI over a directory: cross-file findings', () => {
  const dir = tempDir({ 'app/deploy.yaml': APP, 'policies/netpol.yaml': POLICIES, 'rbac/rbac.yaml': RBAC });

  it('sees the policy, the account and the binding of other files', () => {
    const report = lintSarif(['.'], dir);
    assert.deepEqual(findingsOf(report, 'app/deploy.yaml', 'netpol-'), [], 'the default-deny in policies/ selects the Deployment');
    assert.deepEqual(findingsOf(report, 'app/deploy.yaml', 'ref-'), [], 'web-sa is defined in rbac/');
    const [perm] = findingsOf(report, 'app/deploy.yaml', 'rbac-workload-permissions');
    assert.equal(perm.line, 11);
    assert.match(perm.message, /ServiceAccount shop\/web-sa, which can read all secrets in namespace shop, via RoleBinding read-all -> Role secret-reader \(rbac\.yaml:8\)/);
    assert.deepEqual(
      perm.related.map((r) => [r.file, r.line, r.message]),
      [
        ['rbac/rbac.yaml', 18, 'RoleBinding read-all binds Role secret-reader.'],
        ['rbac/rbac.yaml', 8, 'Role secret-reader.'],
      ],
    );
  });

  it('only the paths given make up the graph', () => {
    const report = lintSarif(['app/deploy.yaml'], dir);
    const ids = findingsOf(report, 'app/deploy.yaml', '').map((f) => f.ruleId);
    for (const id of ['netpol-not-isolated', 'netpol-namespace-default-deny', 'ref-missing-service-account']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
    const [missing] = findingsOf(report, 'app/deploy.yaml', 'ref-missing-service-account');
    assert.match(missing.message, /ServiceAccount web-sa is not defined in namespace shop in the linted files/);
  });

  it('text output names the file and line of each cross-file finding', () => {
    const r = kubeward(['lint', 'app', 'rbac', '--fail-on', 'never'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    // info: web-sa sets automountServiceAccountToken: false, so its token is not in the pods.
    assert.match(r.stdout, /app[\\/]deploy\.yaml:11:27 +info +rbac-workload-permissions .*\(rbac\.yaml:8\) \(its token is not mounted/);
    assert.match(r.stdout, /app[\\/]deploy\.yaml:2:7 +warning +netpol-not-isolated /);
  });
});

describe("CLI over examples/: the seed's RBAC objects take part in the graph", () => {
  // The examples plus one file that uses them: a binding of the examples' ClusterRole and Role.
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(EXAMPLES).filter((n) => n.endsWith('.yaml'))) files[`examples/${f}`] = fs.readFileSync(path.join(EXAMPLES, f), 'utf8');
  files['extra/uses-examples.yaml'] = y(
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: RoleBinding',
    'metadata: {name: pods-for-ci, namespace: production}',
    'subjects: [{kind: ServiceAccount, name: app-sa}]',
    'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}',
    '---',
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: ClusterRoleBinding',
    'metadata: {name: app-cluster-read}',
    'subjects: [{kind: ServiceAccount, name: app-sa, namespace: production}]',
    'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: app-cluster-role}',
  );
  const dir = tempDir(files);

  it('evaluates the examples\' Role, RoleBinding, ServiceAccount and ClusterRole', () => {
    const report = lintSarif(['.'], dir);
    // The RoleBinding read-pods binds the Role pod-reader defined next to it: nothing dangling.
    assert.ok(report.some((f) => f.file.startsWith('examples/')), 'the examples are linted');
    assert.deepEqual(findingsOf(report, 'examples/rbac-pod-reader.yaml', 'ref-').map((f) => f.message), []);
    // The ClusterRole app-cluster-role is read-only: no RBAC finding.
    assert.deepEqual(findingsOf(report, 'examples/service-account-rbac.yaml', 'rbac-').map((f) => f.ruleId), []);
    // The ServiceAccount app-sa is evaluated: legacy secrets list.
    assert.deepEqual(findingsOf(report, 'examples/service-account-rbac.yaml', 'sa-legacy-secrets').length, 1);
    const extra = findingsOf(report, 'extra/uses-examples.yaml', 'ref-missing-role');
    assert.equal(extra.length, 1, 'pod-reader is a Role in the examples, not a ClusterRole');
    assert.match(extra[0].message, /ClusterRole pod-reader is not defined in the linted files.*a Role pod-reader exists: did you mean kind: Role\?/);
    assert.deepEqual(extra[0].related.map((r) => [r.file, r.message]), [['examples/rbac-pod-reader.yaml', 'Role pod-reader.']]);
    assert.deepEqual(findingsOf(report, 'extra/uses-examples.yaml', 'ref-').length, 1, 'app-cluster-role resolves to the examples');
  });
});
