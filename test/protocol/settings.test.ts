// Settings: pulled per document with workspace/configuration (section kubeward, scopeUri = the
// document) and re-pulled on didChangeConfiguration, which re-lints every open document; clients
// without the pull model use initializationOptions and the settings they push.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { BASELINE, RESTRICTED_ONLY, WEB } from './fixtures';
import { codes, LspTestClient, y } from './lsp-client';
import { normalizeSettings } from '../../server/src/lsp/settings';
import { PERMISSIVE_IN_MESH_ROOT } from '../helpers/istio-fixtures';

const has = (p: PublishDiagnosticsParams, code: string): boolean => p.diagnostics.some((d) => d.code === code);
const pssCodes = (p: PublishDiagnosticsParams): string[] => [...new Set(codes(p.diagnostics).filter((c) => c.startsWith('pss-')))];

describe('protocol: settings with workspace/configuration', () => {
  let c: LspTestClient;
  const uri = 'file:///ws/settings.yaml';
  const other = 'file:///ws/other.yaml';
  before(async () => {
    c = await LspTestClient.start({ settings: {} });
    await c.open(uri, WEB);
    await c.open(other, WEB);
  });
  after(async () => {
    await c?.stop();
  });

  it('asks for the kubeward section scoped to the document and registers for changes', () => {
    assert.ok(c.configurationRequests.some((r) => r.section === 'kubeward' && r.scopeUri === uri), JSON.stringify(c.configurationRequests));
    assert.ok(
      c.registrations.some((r) => (r as { method?: string }).method === 'workspace/didChangeConfiguration'),
      'registers workspace/didChangeConfiguration dynamically',
    );
  });

  it('a rule turned off disappears from every open document; other rules stay', async () => {
    const before = c.lastDiagnostics(uri)!;
    assert.ok(has(before, 'pss-privileged'));
    const otherUpdated = c.nextDiagnostics(other, (p) => !has(p, 'pss-privileged'), 'the other open document re-linted');
    const p = await c.configurationChanged({ rules: { 'pss-privileged': 'off' } }, uri, (x) => !has(x, 'pss-privileged'));
    await otherUpdated;
    assert.deepEqual(codes(p.diagnostics), codes(before.diagnostics.filter((d) => d.code !== 'pss-privileged')));
  });

  it('a severity override changes the diagnostic severity', async () => {
    const p = await c.configurationChanged({ rules: { 'pss-privileged': 'info' } }, uri, (x) => has(x, 'pss-privileged'));
    assert.equal(p.diagnostics.find((d) => d.code === 'pss-privileged')?.severity, 3);
  });

  it('pss.level baseline: the Restricted-only findings go, the Baseline ones stay', async () => {
    const p = await c.configurationChanged({ pss: { level: 'baseline' } }, uri, (x) => !has(x, 'pss-run-as-non-root'));
    for (const code of RESTRICTED_ONLY) assert.ok(!has(p, code), `${code} is Restricted only`);
    for (const code of BASELINE) assert.ok(has(p, code), `${code} is Baseline`);
    const back = await c.configurationChanged({ pss: { level: 'restricted' } }, uri, (x) => has(x, 'pss-run-as-non-root'));
    for (const code of [...RESTRICTED_ONLY, ...BASELINE]) assert.ok(has(back, code), code);
  });

  it('pss.level privileged: no Pod Security Standards findings at all, other rules still run', async () => {
    const p = await c.configurationChanged({ pss: { level: 'privileged' } }, uri, (x) => !has(x, 'pss-privileged'));
    assert.deepEqual(pssCodes(p), []);
  });

  it('enable false publishes nothing; true brings the findings back', async () => {
    const off = await c.configurationChanged({ enable: false }, uri, () => true);
    assert.deepEqual(off.diagnostics, []);
    const on = await c.configurationChanged({ enable: true }, uri, (x) => x.diagnostics.length > 0);
    assert.ok(has(on, 'pss-privileged'));
  });

  it('invalid values fall back to the defaults with a warning in the log, and nothing breaks', async () => {
    const p = await c.configurationChanged(
      { enable: 'yes', rules: { 'pss-privileged': 'loud', 'pss-host-namespaces': 'off' }, pss: { level: 'extreme', version: 'v2' }, maxFileSize: -1 },
      uri,
      (x) => !has(x, 'pss-host-namespaces'),
    );
    assert.ok(has(p, 'pss-privileged'), 'the invalid severity is ignored, the rule keeps its default');
    assert.ok(has(p, 'pss-run-as-non-root'), 'the invalid level falls back to restricted');
    const log = c.serverLog();
    assert.match(log, /kubeward\.pss\.level must be privileged, baseline or restricted, not "extreme"/);
    assert.match(log, /kubeward\.rules\["pss-privileged"\]/);
  });

  it('maxFileSize: a larger file gets one notice instead of findings', async () => {
    const p = await c.configurationChanged({ maxFileSize: 100 }, uri, (x) => x.diagnostics.length === 1);
    const d = p.diagnostics[0];
    assert.equal(d.code, 'file-too-large');
    assert.equal(d.severity, 3);
    assert.match(String(d.message), /kubeward\.maxFileSize/);
    assert.deepEqual(d.range.start, { line: 0, character: 0 });
    await c.configurationChanged({}, uri, (x) => has(x, 'pss-privileged'));
  });

  it('settings are resolved per document (a folder can turn a rule off for its files only)', async () => {
    const a = 'file:///ws/team-a/app.yaml';
    const b = 'file:///ws/team-b/app.yaml';
    c.settingsFor = (scopeUri) => (scopeUri?.includes('/team-a/') ? { rules: { 'pss-privileged': 'off' } } : undefined);
    try {
      const pa = await c.open(a, WEB);
      const pb = await c.open(b, WEB);
      assert.ok(!has(pa, 'pss-privileged'));
      assert.ok(has(pb, 'pss-privileged'));
    } finally {
      c.settingsFor = undefined;
    }
  });
});

describe('protocol: Istio settings', () => {
  const message = (p: PublishDiagnosticsParams) => String(p.diagnostics.find((d) => d.code === 'istio-peer-authn-not-strict')?.message);

  it('normalizeSettings: kubeward.istio.rootNamespace and kubeward.istio.version, empty by default, invalid values reported', () => {
    assert.deepEqual(normalizeSettings({}).settings.istio, { rootNamespace: '', version: '' });
    assert.deepEqual(normalizeSettings({ istio: { rootNamespace: ' mesh-root ', version: 'v1.21' } }).settings.istio, { rootNamespace: 'mesh-root', version: '1.21' });
    assert.deepEqual(normalizeSettings({ 'istio.rootNamespace': 'istio-config' }).settings.istio.rootNamespace, 'istio-config');
    const bad = normalizeSettings({ istio: { rootNamespace: 'Mesh_Root', version: 1.21 } });
    assert.deepEqual(bad.settings.istio, { rootNamespace: '', version: '' });
    assert.deepEqual(bad.problems, [
      'kubeward.istio.rootNamespace must be a namespace name (lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters) or empty, not "Mesh_Root"',
      'kubeward.istio.version must be an Istio minor version "1.N" or "v1.N" (for example "1.21") or empty, not 1.21',
    ]);
  });

  it('kubeward.istio.rootNamespace makes a PERMISSIVE policy in that namespace mesh-wide; unset, it is namespace-wide', async () => {
    const c = await LspTestClient.start({ settings: {} });
    try {
      const uri = 'file:///ws/mesh-root/peer-authentication.yaml';
      const before = await c.open(uri, PERMISSIVE_IN_MESH_ROOT);
      assert.match(message(before), /^PeerAuthentication mode PERMISSIVE namespace-wide for every workload in "mesh-root": /);
      const mesh = await c.configurationChanged({ istio: { rootNamespace: 'mesh-root', version: '' } }, uri, (p) => message(p).includes('mesh-wide'));
      assert.match(message(mesh), /^PeerAuthentication mode PERMISSIVE mesh-wide \(root namespace mesh-root\): plaintext is accepted/);
      const invalid = await c.configurationChanged({ istio: { rootNamespace: 'Mesh Root' } }, uri, (p) => message(p).includes('namespace-wide'));
      assert.match(message(invalid), /namespace-wide for every workload in "mesh-root"/, 'an invalid value falls back to istio-system');
      assert.match(c.serverLog(), /kubeward\.istio\.rootNamespace must be a namespace name .*not "Mesh Root"/);
    } finally {
      await c.stop();
    }
  });
});

describe('protocol: schema settings', () => {
  const CRD = y(
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata: {name: widgets.example.com}',
    'spec:',
    '  group: example.com',
    '  names: {kind: Widget, plural: widgets}',
    '  scope: Namespaced',
    '  versions:',
    '  - name: v1',
    '    served: true',
    '    storage: true',
    '    schema:',
    '      openAPIV3Schema:',
    '        type: object',
    '        properties:',
    '          spec:',
    '            type: object',
    '            properties:',
    '              replicas: {type: integer}',
  );
  const WIDGET = y('apiVersion: example.com/v1', 'kind: Widget', 'metadata: {name: w}', 'spec:', '  replicas: many');
  const TYPO = y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  securityContext: {runAsNonroot: true}', '  containers: [{name: a, image: a}]');

  it('kubeward.schema.enable, and customSchemas relative to the workspace folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-ws-'));
    mkdirSync(join(dir, 'crds'));
    writeFileSync(join(dir, 'crds', 'widget.yaml'), CRD);
    const folder = pathToFileURL(dir).href;
    const c = await LspTestClient.start({ settings: {}, workspaceFolders: [folder] });
    try {
      const typo = `${folder}/pod.yaml`;
      const widget = `${folder}/apps/widget.yaml`;
      assert.ok(has(await c.open(typo, TYPO), 'schema-unknown-field'), 'schema checks run by default');
      assert.ok(!has(await c.open(widget, WIDGET), 'schema-wrong-type'), 'no schema for Widget yet');
      const withCrd = c.nextDiagnostics(widget, (p) => has(p, 'schema-wrong-type'), 'the Widget checked against its CRD');
      await c.configurationChanged({ schema: { scope: 'all', customSchemas: ['crds/widget.yaml', 'crds/missing.yaml'] } }, typo, () => true);
      const p = await withCrd;
      assert.equal(p.diagnostics.find((d) => d.code === 'schema-wrong-type')?.range.start.line, 4);
      assert.match(c.serverLog(), /customSchemas: .*missing\.yaml/, 'a missing file is reported in the log');
      const off = await c.configurationChanged({ schema: { enable: false } }, typo, (x) => !has(x, 'schema-unknown-field'));
      assert.ok(has(off, 'pss-run-as-non-root') || off.diagnostics.length > 0, 'other rules still run');
    } finally {
      await c.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('protocol: settings without workspace/configuration', () => {
  it('uses initializationOptions, then what the client pushes with didChangeConfiguration', async () => {
    const c = await LspTestClient.start({ pullConfiguration: false, initializationOptions: { rules: { 'pss-privileged': 'off' } } });
    try {
      const uri = 'file:///ws/push.yaml';
      const p = await c.open(uri, WEB);
      assert.ok(!has(p, 'pss-privileged'), 'initializationOptions apply');
      assert.ok(has(p, 'pss-run-as-non-root'));
      assert.equal(c.configurationRequests.length, 0, 'no workspace/configuration request to a client without it');
      const pushed = await c.configurationChanged({}, uri, (x) => has(x, 'pss-privileged'), { kubeward: { pss: { level: 'baseline' } } });
      assert.ok(!has(pushed, 'pss-run-as-non-root'), 'the pushed level applies');
      assert.ok(has(pushed, 'pss-privileged'), 'pushed settings replace the initial ones');
    } finally {
      await c.stop();
    }
  });

  it('a pulling client with no kubeward section (null) keeps the initializationOptions', async () => {
    const c = await LspTestClient.start({ settings: null, initializationOptions: { kubeward: { rules: { 'pss-privileged': 'off' } } } });
    try {
      const p = await c.open('file:///ws/null-section.yaml', WEB);
      assert.ok(c.configurationRequests.length > 0, 'it did ask');
      assert.ok(!has(p, 'pss-privileged'));
      assert.ok(has(p, 'pss-host-namespaces'));
    } finally {
      await c.stop();
    }
  });

  it('accepts dotted keys as some clients send them', async () => {
    const c = await LspTestClient.start({ pullConfiguration: false, initializationOptions: { kubeward: { 'pss.level': 'baseline' } } });
    try {
      const p = await c.open('file:///ws/dotted.yaml', WEB);
      assert.ok(!has(p, 'pss-run-as-non-root'));
      assert.ok(has(p, 'pss-privileged'));
    } finally {
      await c.stop();
    }
  });
});
