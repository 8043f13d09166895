// The built language server over stdio with hostile documents and traffic the protocol tests in
// test/protocol do not send: a 50 MB file (one notice, the server keeps serving), alias bombs
// and deep nesting (one clear diagnostic), odd characters with exact UTF-16 positions, Helm
// templates and Kustomize patches (one info notice, no false YAML errors), and documents opened
// twice, changed after closing, closed twice or changed with lone surrogates.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { LspTestClient } from '../protocol/lsp-client';
import { ROOT } from './corpus';
import { billionLaughs, deepFlowSeqs, PRIVILEGED_POD } from './hostile-inputs';

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => String(d.code));
const privileged = (p: PublishDiagnosticsParams): Diagnostic | undefined => p.diagnostics.find((d) => d.code === 'pss-privileged');
const HOSTILE = path.join(ROOT, 'test', 'fixtures', 'hostile');

describe('server: hostile documents', { timeout: 120_000 }, () => {
  let c: LspTestClient;
  let n = 0;
  const uri = (name = 'doc.yaml') => `file:///robust/${++n}-${name}`;
  before(async () => {
    c = await LspTestClient.start();
  });
  after(async () => {
    assert.ok(c.alive, 'the server survived all of it');
    await c?.stop();
  });

  /** The server still lints a fresh document correctly. */
  async function healthy(): Promise<void> {
    const p = await c.open(uri('probe.yaml'), PRIVILEGED_POD);
    assert.deepEqual(privileged(p)?.range.start, { line: 9, character: 18 });
  }

  it('a 50 MB file: one notice on the first line naming kubeward.maxFileSize, nothing else; the server keeps serving', async () => {
    let text = '';
    const doc = `${PRIVILEGED_POD}---\n`;
    text = doc.repeat(Math.ceil((50 * 1024 * 1024) / doc.length));
    const p = await c.open(uri('huge.yaml'), text);
    assert.equal(p.diagnostics.length, 1, codes(p).slice(0, 5).join(', '));
    const [d] = p.diagnostics;
    assert.equal(d.code, 'file-too-large');
    assert.equal(d.severity, 3);
    assert.equal(d.range.start.line, 0);
    assert.match(String(d.message), /^Kubeward did not check this file: it is 50\.0 MB, more than kubeward\.maxFileSize \(5\.0 MB\)\. Raise the setting to check it\.$/);
    await healthy();
  });

  it('an alias bomb: one too-many-aliases error at the alias, the server answers at once', async () => {
    const text = billionLaughs();
    const p = await c.open(uri('bomb.yaml'), text);
    assert.deepEqual(codes(p), ['too-many-aliases']);
    assert.equal(p.diagnostics[0].severity, 1);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('*l4'));
    assert.deepEqual(p.diagnostics[0].range, { start: { line, character: lines[line].indexOf('*l4') }, end: { line, character: lines[line].indexOf('*l4') + 3 } });
    await healthy();
  });

  it('10,000 levels of nesting: one nesting-too-deep error, no stack overflow in the server', async () => {
    const p = await c.open(uri('deep.yaml'), deepFlowSeqs(10_000));
    assert.deepEqual(codes(p), ['nesting-too-deep']);
    assert.deepEqual(p.diagnostics[0].range.start, { line: 0, character: 500 });
    assert.doesNotMatch(c.serverLog(), /call stack|Unexpected error/);
    await healthy();
  });

  it('a BOM, CRLF, NUL bytes, lone surrogates and emoji: the finding at its exact UTF-16 position', async () => {
    const variants: [string, string][] = [
      ['bom', `\ufeff${PRIVILEGED_POD}`],
      ['crlf', PRIVILEGED_POD.replace(/\n/g, '\r\n')],
      ['nul', PRIVILEGED_POD.replace('name: web', 'name: "w\\0eb"').replace('image: nginx:1.25', 'image: "nginx:1.25\u0000"')],
      ['surrogates', PRIVILEGED_POD.replace('name: web', 'name: "w\ud800b\udfff"')],
      ['emoji', PRIVILEGED_POD.replace('privileged: true', 'privileged: true # 😀😀')],
    ];
    for (const [name, text] of variants) {
      const p = await c.open(uri(`${name}.yaml`), text);
      assert.deepEqual(privileged(p)?.range, { start: { line: 9, character: 18 }, end: { line: 9, character: 22 } }, name);
    }
  });

  it('a Helm template: one info notice, no YAML syntax errors', async () => {
    const file = path.join(HOSTILE, 'helm', 'web', 'templates', 'service.yaml');
    const p = await c.open(pathToFileURL(file).href, fs.readFileSync(file, 'utf8'));
    assert.deepEqual(codes(p), ['helm-template']);
    assert.equal(p.diagnostics[0].severity, 3);
    assert.match(String(p.diagnostics[0].message), /helm template <chart-dir> \| kubeward lint -/);
  });

  it('a Kustomize patch its kustomization lists, opened from disk: one info notice instead of findings', async () => {
    const file = path.join(HOSTILE, 'kustomize', 'overlay', 'replicas-patch.yaml');
    const p = await c.open(pathToFileURL(file).href, fs.readFileSync(file, 'utf8'));
    assert.deepEqual(codes(p), ['kustomize-patch']);
    assert.deepEqual(p.diagnostics[0].range.start, { line: 2, character: 0 });
  });
});

describe('server: documents in odd states', { timeout: 60_000 }, () => {
  let c: LspTestClient;
  before(async () => {
    c = await LspTestClient.start();
  });
  after(async () => {
    assert.ok(c.alive);
    await c?.stop();
  });

  it('opened twice: the second text wins', async () => {
    const u = 'file:///odd/twice.yaml';
    await c.open(u, PRIVILEGED_POD);
    const p = await c.open(u, PRIVILEGED_POD.replace('privileged: true', 'privileged: false'), 2);
    assert.equal(privileged(p), undefined);
  });

  it('changed after it was closed, closed twice: ignored, nothing published for it, the server keeps serving', async () => {
    const u = 'file:///odd/closed.yaml';
    await c.open(u, PRIVILEGED_POD);
    await c.close(u);
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 5 }, contentChanges: [{ text: PRIVILEGED_POD }] });
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
    const probe = 'file:///odd/probe.yaml';
    const p = await c.open(probe, PRIVILEGED_POD);
    assert.ok(privileged(p));
    assert.deepEqual(c.lastDiagnostics(u)?.diagnostics, [], 'the closed document keeps its cleared diagnostics');
  });

  it('incremental changes that insert lone surrogates, NULs and CRs, and a range past the end: no crash, diagnostics follow the text', async () => {
    const u = 'file:///odd/edits.yaml';
    await c.open(u, PRIVILEGED_POD);
    let v = 1;
    for (const text of ['\ud800', '\u0000', '\r', '\udfff\ud83d', '😀']) {
      await c.change(u, ++v, [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 8 } }, text }]);
    }
    const p = await c.change(u, ++v, [{ range: { start: { line: 400, character: 0 }, end: { line: 400, character: 0 } }, text: '# appended\n' }]);
    assert.ok(privileged(p), JSON.stringify(codes(p)));
  });

  it('notifications and requests it does not handle, and cancelling an unknown request', async () => {
    await c.conn.sendNotification('$/cancelRequest', { id: 987654 });
    await c.conn.sendNotification('textDocument/didSave', { textDocument: { uri: 'file:///odd/none.yaml' } });
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///odd/x.yaml', type: 2 }] });
    await assert.rejects(c.within(c.conn.sendRequest('textDocument/definition', { textDocument: { uri: 'file:///odd/x.yaml' }, position: { line: 0, character: 0 } }), 'definition'), /Unhandled method|not found|unknown/i);
    const p = await c.open('file:///odd/after.yaml', PRIVILEGED_POD);
    assert.ok(privileged(p));
  });
});
