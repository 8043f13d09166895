// The workspace graph over the protocol: the server indexes the workspace folder in the background,
// a change in one file re-publishes the diagnostics of another, files deleted and created on disk
// (workspace/didChangeWatchedFiles) count, related information points into other files, and the
// hover on serviceAccountName tells what the pods can do.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { SHOP_DEFAULT_DENY } from '../helpers/shop-fixtures';
import { LspTestClient, vscodeLikeCapabilities, y } from './lsp-client';

const APP = y(
  'apiVersion: apps/v1', //                 0
  'kind: Deployment', //                    1
  'metadata:', //                           2
  '  name: web', //                         3
  '  namespace: shop', //                   4
  'spec:', //                               5
  '  selector:', //                         6
  '    matchLabels: {app: web}', //         7
  '  template:', //                         8
  '    metadata:', //                       9
  '      labels: {app: web}', //            10
  '    spec:', //                           11
  '      serviceAccountName: web-sa', //    12 `web-sa` at 26..32
  '      containers:', //                   13
  '      - {name: web, image: web:1.0, envFrom: [{configMapRef: {name: web-config}}]}', // 14
);

const POLICY = SHOP_DEFAULT_DENY;

const RBAC = y(
  'apiVersion: v1', //                                                                      0
  'kind: ServiceAccount', //                                                                1
  'metadata: {name: web-sa, namespace: shop}', //                                           2
  '---', //                                                                                 3
  'apiVersion: rbac.authorization.k8s.io/v1', //                                            4
  'kind: Role', //                                                                          5
  'metadata: {name: secret-reader, namespace: shop}', //                                    6 name at 17..30
  'rules:', //                                                                              7
  '- {apiGroups: [""], resources: [secrets], verbs: [get, list]}', //                       8
  '---', //                                                                                 9
  'apiVersion: rbac.authorization.k8s.io/v1', //                                            10
  'kind: RoleBinding', //                                                                   11
  'metadata: {name: read-all, namespace: shop}', //                                         12
  'subjects: [{kind: ServiceAccount, name: web-sa}]', //                                    13
  'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-reader}', //     14 name at 65..78
);

const has = (p: PublishDiagnosticsParams, code: string) => p.diagnostics.some((d) => d.code === code);

describe('protocol: workspace graph', () => {
  let c: LspTestClient;
  let dir: string;
  let uri: (name: string) => string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-ws-'));
    fs.mkdirSync(path.join(dir, 'apps'));
    fs.mkdirSync(path.join(dir, 'policies'));
    fs.writeFileSync(path.join(dir, 'apps', 'app.yaml'), APP);
    fs.writeFileSync(path.join(dir, 'policies', 'netpol.yaml'), POLICY);
    fs.writeFileSync(path.join(dir, 'rbac.yaml'), RBAC);
    fs.writeFileSync(path.join(dir, 'README.yaml'), 'title: not a manifest\n');
    uri = (name) => pathToFileURL(path.join(dir, name)).href;
    const capabilities = vscodeLikeCapabilities();
    capabilities.window = { workDoneProgress: true };
    capabilities.workspace = { ...capabilities.workspace, didChangeWatchedFiles: { dynamicRegistration: true } };
    c = await LspTestClient.start({ workspaceFolders: [pathToFileURL(dir).href], capabilities });
  });

  after(async () => {
    await c?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('indexes the folder in the background and then reports what other files grant, with related locations', async () => {
    // ref-missing-configmap waits for the whole folder to be indexed (it reports an absence).
    const p = c.nextDiagnostics(uri('apps/app.yaml'), (x) => has(x, 'rbac-workload-permissions') && has(x, 'ref-missing-configmap'), 'diagnostics of app.yaml after indexing');
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('apps/app.yaml'), languageId: 'yaml', version: 1, text: APP } });
    const diag = (await p).diagnostics;
    assert.equal(has({ uri: '', diagnostics: diag }, 'netpol-not-isolated'), false, 'the default-deny in policies/ selects it');
    assert.equal(has({ uri: '', diagnostics: diag }, 'ref-missing-service-account'), false, 'web-sa is in rbac.yaml');
    const perm = diag.find((d) => d.code === 'rbac-workload-permissions')!;
    assert.deepEqual(perm.range, { start: { line: 12, character: 26 }, end: { line: 12, character: 32 } });
    assert.match(String(perm.message), /can read all secrets in namespace shop, via RoleBinding read-all -> Role secret-reader \(rbac\.yaml:7\)/);
    assert.deepEqual(
      perm.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.location.range.start.character, r.message]),
      [
        [uri('rbac.yaml'), 14, 65, 'RoleBinding read-all binds Role secret-reader'],
        [uri('rbac.yaml'), 6, 17, 'Role secret-reader'],
      ],
    );
    assert.ok(
      c.registrations.some((r) => (r as { method?: string }).method === 'workspace/didChangeWatchedFiles'),
      'the server asks the client to watch YAML files',
    );
    assert.match(c.serverLog(), /Indexed 3 YAML files/);
  });

  it('a change in one open file re-publishes the diagnostics of another', async () => {
    const policyUri = uri('policies/netpol.yaml');
    await c.open(policyUri, POLICY);
    const broken = POLICY.replace('podSelector: {}', 'podSelector: {matchLabels: {app: other}}');
    const appAfter = c.nextDiagnostics(uri('apps/app.yaml'), (x) => has(x, 'netpol-not-isolated'), 'netpol-not-isolated on app.yaml after the policy stopped selecting it');
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: policyUri, version: 2 }, contentChanges: [{ text: broken }] });
    const p = await appAfter;
    assert.equal(p.version, 1, 'app.yaml itself did not change');
    const restored = c.nextDiagnostics(uri('apps/app.yaml'), (x) => !has(x, 'netpol-not-isolated'), 'app.yaml isolated again');
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: policyUri, version: 3 }, contentChanges: [{ text: POLICY }] });
    await restored;
  });

  it('closing a document returns the graph to the disk content', async () => {
    const policyUri = uri('policies/netpol.yaml');
    const broken = POLICY.replace('podSelector: {}', 'podSelector: {matchLabels: {app: other}}');
    const gone = c.nextDiagnostics(uri('apps/app.yaml'), (x) => has(x, 'netpol-not-isolated'), 'unsaved edit seen');
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: policyUri, version: 4 }, contentChanges: [{ text: broken }] });
    await gone;
    const back = c.nextDiagnostics(uri('apps/app.yaml'), (x) => !has(x, 'netpol-not-isolated'), 'the disk content counts after close');
    await c.close(policyUri);
    await back;
  });

  it('a NetworkPolicy deleted on disk brings "not isolated" back; a new file takes it away', async () => {
    const file = path.join(dir, 'policies', 'netpol.yaml');
    fs.rmSync(file);
    const back = c.nextDiagnostics(uri('apps/app.yaml'), (x) => has(x, 'netpol-not-isolated') && has(x, 'netpol-namespace-default-deny'), 'not isolated after the delete');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('policies/netpol.yaml'), type: 3 }] });
    const p = await back;
    const d = p.diagnostics.find((x) => x.code === 'netpol-not-isolated')!;
    assert.match(String(d.message), /is not selected by any NetworkPolicy in this workspace/);

    fs.writeFileSync(path.join(dir, 'policies', 'renamed.yaml'), POLICY);
    const isolated = c.nextDiagnostics(uri('apps/app.yaml'), (x) => !has(x, 'netpol-not-isolated'), 'isolated after the create');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('policies/renamed.yaml'), type: 1 }] });
    await isolated;
  });

  it('a deleted folder takes its files out of the graph', async () => {
    fs.rmSync(path.join(dir, 'policies'), { recursive: true });
    const back = c.nextDiagnostics(uri('apps/app.yaml'), (x) => has(x, 'netpol-not-isolated'), 'not isolated after the folder delete');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('policies'), type: 3 }] });
    await back;
  });

  it('hover on serviceAccountName says what the pods can do', async () => {
    const h = await c.hover(uri('apps/app.yaml'), { line: 12, character: 28 });
    const value = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    assert.match(value, /\*\*ServiceAccount `web-sa`\*\* in namespace `shop`/);
    assert.match(value, /Defined at rbac\.yaml:3\./);
    assert.match(value, /can read all secrets in namespace shop, via RoleBinding read-all -> Role secret-reader \(rbac\.yaml:7\)/);
  });

  it('a document outside the workspace folders is linted on its own', async () => {
    const outside = 'file:///elsewhere/app.yaml';
    const p = await c.open(outside, APP);
    const d = p.diagnostics.find((x) => x.code === 'ref-missing-service-account');
    assert.ok(d, 'web-sa is not in this file');
    assert.match(String(d.message), /in this file/);
    await c.close(outside);
  });
});
