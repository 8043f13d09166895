// Pull diagnostics (LSP 3.17 textDocument/diagnostic), which Kubeward's VS Code client asks for with
// initializationOptions.pullDiagnostics: the server announces a diagnosticProvider, pushes nothing
// for YAML documents, answers `unchanged` while an edit leaves a document's diagnostics as the
// client holds them, and asks the client to pull again (workspace/diagnostic/refresh) when settings
// or another file change them. Clients that do not ask keep publishDiagnostics.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { ClientCapabilities, Diagnostic, DocumentDiagnosticReport, FullDocumentDiagnosticReport } from 'vscode-languageserver';
import { SHOP_DEFAULT_DENY, SHOP_WEB } from '../helpers/shop-fixtures';
import { tempFolders } from '../helpers/temp-folder';
import { WEB } from './fixtures';
import { codes, LspTestClient, vscodeLikeCapabilities, y } from './lsp-client';

function pullCapabilities(): ClientCapabilities {
  const c = vscodeLikeCapabilities();
  c.textDocument = { ...c.textDocument, diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } };
  c.workspace = { ...c.workspace, diagnostics: { refreshSupport: true } };
  return c;
}

const PULL = { capabilities: pullCapabilities(), initializationOptions: { pullDiagnostics: true } };

function full(r: DocumentDiagnosticReport, what: string): FullDocumentDiagnosticReport {
  assert.equal(r.kind, 'full', `${what}: ${JSON.stringify(r).slice(0, 300)}`);
  return r as FullDocumentDiagnosticReport;
}

const at = (line: number, character: number) => ({ line, character });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function open(c: LspTestClient, uri: string, text: string, version = 1): Promise<void> {
  await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
}

async function type(c: LspTestClient, uri: string, version: number, line: number, character: number, text: string, end = at(line, character)): Promise<void> {
  await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at(line, character), end }, text }] });
}

describe('protocol: pull diagnostics', () => {
  let c: LspTestClient;
  let push: LspTestClient;
  before(async () => {
    [c, push] = await Promise.all([LspTestClient.start(PULL), LspTestClient.start()]);
  });
  after(async () => {
    await Promise.all([c?.stop(), push?.stop()]);
  });

  it('announces a diagnostic provider with inter-file dependencies, and reports what push publishes', async () => {
    assert.deepEqual(c.initializeResult?.capabilities.diagnosticProvider, { identifier: 'kubeward', interFileDependencies: true, workspaceDiagnostics: false });
    assert.equal(push.initializeResult?.capabilities.diagnosticProvider, undefined, 'a client that did not ask gets push only');
    const uri = 'file:///ws/pulled.yaml';
    await open(c, uri, WEB);
    const report = full(await c.pull(uri), 'first pull');
    assert.ok(report.resultId, 'a full report has a result id');
    const pushed = await push.open(uri, WEB);
    assert.deepEqual(report.items, pushed.diagnostics);
    assert.ok(codes(report.items).includes('pss-privileged') && codes(report.items).includes('pss-host-namespaces'), codes(report.items).join(', '));
    // Nothing is published for a document the client pulls.
    await sleep(300);
    assert.equal(c.lastDiagnostics(uri), undefined);
  });

  it('answers unchanged while edits leave the diagnostics as they were, and a full report when they change', async () => {
    const uri = 'file:///ws/typing.yaml';
    await open(c, uri, WEB);
    const first = full(await c.pull(uri), 'open');
    let version = 1;
    // Typing in the comment on line 4 changes no diagnostic: same id, no items.
    for (const [i, ch] of [...'abc'].entries()) {
      await type(c, uri, ++version, 4, 28 + i, ch);
      assert.deepEqual(await c.pull(uri, first.resultId), { kind: 'unchanged', resultId: first.resultId }, `keystroke ${i + 1}`);
    }
    // A line inserted above moves every finding: a new report.
    await type(c, uri, ++version, 0, 0, '# top\n');
    const moved = full(await c.pull(uri, first.resultId), 'a line inserted above');
    assert.notEqual(moved.resultId, first.resultId);
    const privileged = (ds: Diagnostic[]) => ds.find((d) => d.code === 'pss-privileged');
    assert.equal(privileged(moved.items)!.range.start.line, privileged(first.items)!.range.start.line + 1);
    // Fixing the privileged container drops its finding.
    await type(c, uri, ++version, 14, 24, 'false', at(14, 28));
    const fixed = full(await c.pull(uri, moved.resultId), 'privileged: false');
    assert.equal(privileged(fixed.items), undefined, codes(fixed.items).join(', '));
    // A client that lost what it held (no previous id) gets the full list, under the same id.
    const again = full(await c.pull(uri), 'no previous id');
    assert.deepEqual(again, fixed);
    // An id the client made up, or one from another document, is not taken for the current one.
    full(await c.pull(uri, 'not-an-id'), 'unknown id');
  });

  it('a settings change asks the client to pull again; the next report has the new settings', async () => {
    const uri = 'file:///ws/settings.yaml';
    await open(c, uri, WEB);
    const before = full(await c.pull(uri), 'open');
    assert.ok(codes(before.items).includes('pss-privileged'));
    const refresh = c.nextRefresh('a refresh after the settings change');
    c.settings = { rules: { 'pss-privileged': 'off' } };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refresh;
    const after = full(await c.pull(uri, before.resultId), 'after the settings change');
    assert.ok(!codes(after.items).includes('pss-privileged'), codes(after.items).join(', '));
    c.settings = {};
    const back = c.nextRefresh('a refresh after the settings went back');
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await back;
  });

  it('a closed document is not published to; reopened, it is reported in full', async () => {
    const uri = 'file:///ws/closed.yaml';
    await open(c, uri, WEB);
    const first = full(await c.pull(uri), 'open');
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await open(c, uri, WEB, 5);
    const reopened = await c.pull(uri);
    assert.deepEqual(full(reopened, 'reopened').items, first.items);
    await sleep(200);
    assert.equal(c.lastDiagnostics(uri), undefined, 'no publishDiagnostics, not even an empty one on close');
  });

  it('YAML syntax errors are reported and kept while unchanged', async () => {
    const uri = 'file:///ws/broken.yaml';
    const text = y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p', 'spec: {}');
    await open(c, uri, text);
    const first = full(await c.pull(uri), 'broken');
    assert.ok(codes(first.items).includes('yaml-syntax'), codes(first.items).join(', '));
    await type(c, uri, 2, 3, 8, ' ');
    const second = await c.pull(uri, first.resultId);
    if (second.kind === 'full') assert.notDeepEqual(second.items, first.items, 'a new id only for new diagnostics');
    await type(c, uri, 3, 2, 18, '}');
    const fixed = full(await c.pull(uri, second.resultId), 'fixed');
    assert.ok(!codes(fixed.items).includes('yaml-syntax'), codes(fixed.items).join(', '));
  });
});

describe('protocol: pull diagnostics, who gets them', () => {
  for (const [name, options] of [
    ['a client that supports pull but did not ask', { capabilities: pullCapabilities() }],
    ['a client that asks without supporting pull', { initializationOptions: { pullDiagnostics: true } }],
    ['a client that asks and pulls but cannot be asked to pull again (no refresh support)', { initializationOptions: { pullDiagnostics: true }, capabilities: { ...pullCapabilities(), workspace: { ...pullCapabilities().workspace, diagnostics: { refreshSupport: false } } } }],
  ] as const) {
    it(`${name} is published to`, async () => {
      const c = await LspTestClient.start(options);
      try {
        assert.equal(c.initializeResult?.capabilities.diagnosticProvider, undefined);
        const p = await c.open('file:///ws/push.yaml', WEB);
        assert.ok(codes(p.diagnostics).includes('pss-privileged'));
      } finally {
        await c.stop();
      }
    });
  }
});

describe('protocol: pull diagnostics across files', () => {
  const folder = tempFolders('kubeward-pull-');
  const APP = SHOP_WEB;
  const POLICY = SHOP_DEFAULT_DENY;

  it('an edit of one file that changes another open file\'s findings asks the client to pull again', async () => {
    const dir = folder({ 'app.yaml': APP, 'netpol.yaml': POLICY });
    const uri = (n: string) => pathToFileURL(path.join(dir, n)).href;
    const c = await LspTestClient.start({ ...PULL, workspaceFolders: [pathToFileURL(dir).href] });
    try {
      await open(c, uri('app.yaml'), fs.readFileSync(path.join(dir, 'app.yaml'), 'utf8'));
      // The folder is indexed in the background; once it is, the app is isolated by the policy.
      let report = full(await c.pull(uri('app.yaml')), 'open');
      await open(c, uri('netpol.yaml'), POLICY);
      const isolated = (ds: Diagnostic[]) => !codes(ds).includes('netpol-not-isolated');
      // The policy stops selecting the app: the app is no longer isolated.
      const broken = POLICY.replace('podSelector: {}', 'podSelector: {matchLabels: {app: other}}');
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri('netpol.yaml'), version: 2 }, contentChanges: [{ text: broken }] });
      let last: DocumentDiagnosticReport = report;
      for (let i = 0; i < 5 && isolated(report.items); i++) {
        await c.nextRefresh(`a refresh after the policy moved (${i + 1})`);
        last = await c.pull(uri('app.yaml'), report.resultId);
        if (last.kind === 'full') report = last;
      }
      assert.ok(!isolated(report.items), `after the refreshes: ${codes(report.items).join(', ')}`);
      assert.ok(c.refreshes >= 1);
      assert.equal(c.lastDiagnostics(uri('app.yaml')), undefined, 'nothing published');
    } finally {
      await c.stop();
    }
  });
});
