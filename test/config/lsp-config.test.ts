// The language server applies the .kubeward.yaml above each document: with the settings the user
// set explicitly on top, config errors shown in the config file itself (and the config then not
// applied), live edits of an open config, excludes, and workspace trust.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { codes, LspTestClient, y } from '../protocol/lsp-client';
import { PRIVILEGED_POD } from '../cli/helpers';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): { root: string; uri: (p: string) => string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-lsp-config-'));
  dirs.push(root);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return { root, uri: (p) => pathToFileURL(path.join(root, p)).href };
}

const CONFIG = y('pss:', '  level: baseline', 'rules:', '  pss-privileged: warning', '  pss-host-namespaces: "off"', 'exclude: [legacy]');
/** VS Code sends every setting with its default; `$explicit` says which the user set. */
const vscodeSettings = (explicit: string[], overrides: Record<string, unknown> = {}) => ({
  enable: true,
  rules: {},
  pss: { level: 'restricted', version: 'latest' },
  schema: { enable: true, scope: 'security', customSchemas: [] },
  suppressions: { requireReason: false, kubeLinterAnnotations: false, checkovAnnotations: false },
  ...overrides,
  $explicit: explicit,
  $workspaceTrusted: true,
});

const sev = (p: { diagnostics: { code?: unknown; severity?: number }[] }, code: string) => p.diagnostics.find((d) => d.code === code)?.severity;
const pss = (p: { diagnostics: { code?: unknown }[] }) => codes(p.diagnostics as never).filter((c) => c.startsWith('pss-'));

describe('language server: .kubeward.yaml', () => {
  it('applies the config; explicitly set settings win, defaults do not', async () => {
    const ws = workspace({ '.git/HEAD': '', '.kubeward.yaml': CONFIG, 'apps/pod.yaml': PRIVILEGED_POD });
    const c = await LspTestClient.start({ workspaceFolders: [pathToFileURL(ws.root).href], settings: vscodeSettings([]) });
    try {
      const uri = ws.uri('apps/pod.yaml');
      const p = await c.open(uri, PRIVILEGED_POD);
      // baseline level from the config (restricted rules silent), host namespaces off, privileged a warning
      assert.deepEqual(pss(p), ['pss-privileged']);
      assert.equal(sev(p, 'pss-privileged'), 2);

      // The user set kubeward.rules and kubeward.pss.level: those win over the config, per key.
      const q = await c.configurationChanged(
        vscodeSettings(['rules', 'pss.level'], { rules: { 'pss-privileged': 'error' }, pss: { level: 'restricted', version: 'latest' } }),
        uri,
        (d) => d.diagnostics.some((x) => x.code === 'pss-run-as-non-root'),
      );
      assert.equal(sev(q, 'pss-privileged'), 1);
      assert.ok(!pss(q).includes('pss-host-namespaces'), 'the config still turns it off: the settings did not name it');
    } finally {
      await c.stop();
    }
  });

  it('clients without $explicit: what they send is explicit (Neovim, Helix)', async () => {
    const ws = workspace({ '.git/HEAD': '', '.kubeward.yaml': CONFIG, 'pod.yaml': PRIVILEGED_POD });
    const c = await LspTestClient.start({ workspaceFolders: [pathToFileURL(ws.root).href], settings: { pss: { level: 'restricted' } } });
    try {
      const p = await c.open(ws.uri('pod.yaml'), PRIVILEGED_POD);
      assert.ok(pss(p).includes('pss-run-as-non-root'), 'restricted, as sent');
      assert.ok(!pss(p).includes('pss-host-namespaces'), 'the config turns it off');
    } finally {
      await c.stop();
    }
  });

  it('istio in the config sets the root namespace; kubeward.istio.rootNamespace, when set, wins', async () => {
    const pa = y('apiVersion: security.istio.io/v1', 'kind: PeerAuthentication', 'metadata: {name: default, namespace: mesh-root}', 'spec:', '  mtls: {mode: PERMISSIVE}');
    const ws = workspace({ '.git/HEAD': '', '.kubeward.yaml': 'istio: {rootNamespace: mesh-root, version: "1.21"}\n', 'mesh/pa.yaml': pa });
    // VS Code sends the empty defaults of the istio settings: they leave the config in charge.
    const empty = { istio: { rootNamespace: '', version: '' } };
    const c = await LspTestClient.start({ workspaceFolders: [pathToFileURL(ws.root).href], settings: vscodeSettings([], empty) });
    const message = (p: { diagnostics: { code?: unknown; message: unknown }[] }) => String(p.diagnostics.find((d) => d.code === 'istio-peer-authn-not-strict')?.message ?? '');
    try {
      const uri = ws.uri('mesh/pa.yaml');
      const p = await c.open(uri, pa);
      assert.match(message(p), /mode PERMISSIVE mesh-wide \(root namespace mesh-root\)/);
      const q = await c.configurationChanged(vscodeSettings(['istio.rootNamespace'], { istio: { rootNamespace: 'istio-system', version: '' } }), uri, (d) => message(d).includes('namespace-wide'));
      assert.match(message(q), /mode PERMISSIVE namespace-wide for every workload in "mesh-root"/);
    } finally {
      await c.stop();
    }
  });

  it('excluded files get no diagnostics', async () => {
    const ws = workspace({ '.git/HEAD': '', '.kubeward.yaml': CONFIG, 'legacy/pod.yaml': PRIVILEGED_POD });
    const c = await LspTestClient.start({ workspaceFolders: [pathToFileURL(ws.root).href], settings: vscodeSettings([]) });
    try {
      const p = await c.open(ws.uri('legacy/pod.yaml'), PRIVILEGED_POD);
      assert.deepEqual(p.diagnostics, []);
    } finally {
      await c.stop();
    }
  });

  it('an invalid config: an error at the bad key in the config file, and the config is not applied; fixing it applies it', async () => {
    const bad = y('pss:', '  level: baseline', 'rules:', '  pss-privilegd: warning');
    const ws = workspace({ '.git/HEAD': '', '.kubeward.yaml': bad, 'pod.yaml': PRIVILEGED_POD });
    const c = await LspTestClient.start({ workspaceFolders: [pathToFileURL(ws.root).href], settings: vscodeSettings([]) });
    try {
      const configUri = ws.uri('.kubeward.yaml');
      const published = c.nextDiagnostics(configUri, (d) => d.diagnostics.length > 0, 'the config file errors (not open)');
      const p = await c.open(ws.uri('pod.yaml'), PRIVILEGED_POD);
      assert.ok(pss(p).includes('pss-run-as-non-root'), 'defaults: restricted');
      const fromDisk = await published;
      assert.deepEqual(fromDisk.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character, d.severity]), [['config-invalid', 3, 2, 15, 1]]);
      assert.match(String(fromDisk.diagnostics[0].message), /unknown rule "pss-privilegd" in rules \(did you mean pss-privileged\?\).*not applied until it is fixed/);

      // Open the config and fix it in the editor, unsaved: the manifest follows at once.
      const opened = await c.open(configUri, bad);
      assert.equal(opened.diagnostics[0]?.code, 'config-invalid');
      const relinted = c.nextDiagnostics(ws.uri('pod.yaml'), (d) => !d.diagnostics.some((x) => x.code === 'pss-run-as-non-root'), 'the manifest with the fixed config');
      const fixed = await c.change(configUri, 2, [{ text: bad.replace('pss-privilegd', 'pss-privileged') }]);
      assert.deepEqual(fixed.diagnostics, []);
      const after = await relinted;
      assert.equal(sev(after, 'pss-privileged'), 2);
    } finally {
      await c.stop();
    }
  });

  it('an untrusted workspace: a config that turns rules off is not applied, and says so', async () => {
    const ws = workspace({ '.git/HEAD': '', '.kubeward.yaml': CONFIG, 'pod.yaml': PRIVILEGED_POD });
    const c = await LspTestClient.start({
      workspaceFolders: [pathToFileURL(ws.root).href],
      initializationOptions: { workspaceTrusted: false },
      settings: { ...vscodeSettings([]), $workspaceTrusted: false },
    });
    try {
      const notice = c.nextDiagnostics(ws.uri('.kubeward.yaml'), (d) => d.diagnostics.length > 0, 'the not-applied notice');
      const p = await c.open(ws.uri('pod.yaml'), PRIVILEGED_POD);
      assert.ok(pss(p).includes('pss-host-namespaces') && pss(p).includes('pss-run-as-non-root'), 'defaults apply');
      const n = await notice;
      assert.equal(n.diagnostics[0].code, 'config-not-applied');
      assert.match(String(n.diagnostics[0].message), /not trusted and it turns pss-host-namespaces off/);
    } finally {
      await c.stop();
    }
  });

  it('an untrusted workspace still applies a config that only adds checks', async () => {
    const ws = workspace({ '.git/HEAD': '', '.kubeward.yaml': 'requiredLabels: [team]\n', 'pod.yaml': PRIVILEGED_POD });
    const c = await LspTestClient.start({ workspaceFolders: [pathToFileURL(ws.root).href], initializationOptions: { workspaceTrusted: false }, settings: null });
    try {
      const p = await c.open(ws.uri('pod.yaml'), PRIVILEGED_POD);
      assert.ok(codes(p.diagnostics).includes('workload-required-labels'));
    } finally {
      await c.stop();
    }
  });
});
