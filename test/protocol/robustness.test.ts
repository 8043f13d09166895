// Bad input never takes the server down: broken or odd YAML gives yaml-syntax diagnostics at the
// right place (or nothing), and malformed protocol traffic is answered or ignored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint } from '../../server/src/engine';
import { API, WEB } from './fixtures';
import { codes, LspTestClient, rangeOf, y } from './lsp-client';

const syntax = (p: PublishDiagnosticsParams): Diagnostic[] => p.diagnostics.filter((d) => d.code === 'yaml-syntax');

/** Deterministic "binary" text: bytes 0..255 read as Latin-1, plus lone surrogates and NULs. */
function garbage(n: number): string {
  let x = 0x2545f491;
  let s = '';
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    s += String.fromCharCode((x >>> 0) & 0xff);
    if (i % 97 === 0) s += '\ud800\u0000\udfff';
  }
  return s;
}

describe('protocol: bad YAML', () => {
  let c: LspTestClient;
  let n = 0;
  const open = (text: string, languageId = 'yaml', ext = 'yaml'): Promise<PublishDiagnosticsParams> => c.open(`file:///ws/bad-${++n}.${ext}`, text, 1, languageId);
  before(async () => {
    c = await LspTestClient.start();
  });
  after(async () => {
    assert.ok(c.alive, 'the server is still running after all of it');
    await c?.stop();
  });

  it('an empty file, a file of comments, a scalar, a list and plain YAML give nothing', async () => {
    for (const text of ['', '\n\n', '# only a comment\n# and another\n', 'hello\n', '- a\n- b\n', 'foo: bar\nlist: [1, 2]\n', '---\n---\n...\n']) {
      const p = await open(text);
      assert.deepEqual(p.diagnostics, [], JSON.stringify(text));
    }
  });

  it('an unknown kind is not a workload', async () => {
    const p = await open(y('apiVersion: example.com/v1', 'kind: Widget', 'metadata: {name: w}', 'spec:', '  privileged: true', '  hostNetwork: true'));
    assert.deepEqual(codes(p.diagnostics).filter((x) => x.startsWith('pss-')), []);
  });

  it('an unclosed quote is reported at the quote, not at the end of the file', async () => {
    const p = await open(y('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: "p', 'spec:', '  containers: []'));
    const [d, ...rest] = syntax(p);
    assert.ok(d, codes(p.diagnostics).join(', '));
    assert.deepEqual(rest, []);
    assert.deepEqual(rangeOf(d), [3, 8, 3, 10]);
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'kubeward');
    assert.match(String(d.message), /quote/);
  });

  it('a tab used as indentation is reported on its line', async () => {
    const p = await open('apiVersion: v1\nkind: Pod\nspec:\n\tcontainers: []\n');
    const ds = syntax(p);
    assert.ok(ds.length > 0);
    assert.deepEqual(ds[0].range.start, { line: 3, character: 0 });
    assert.match(String(ds[0].message), /[Tt]ab/);
  });

  it('bad indentation is reported where the engine finds it', async () => {
    const text = y('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '   bad: x');
    const p = await open(text);
    const doc = TextDocument.create('file:///x', 'yaml', 1, text);
    const expected = lint(text, {}).parseErrors.map((e) => [doc.positionAt(e.start).line, doc.positionAt(e.start).character]);
    assert.ok(expected.length > 0);
    assert.deepEqual(syntax(p).map((d) => [d.range.start.line, d.range.start.character]), expected);
  });

  it('one broken document does not hide the findings of the others', async () => {
    const text = y('apiVersion: v1', 'kind: ConfigMap', 'data: {a: "unclosed}') + API;
    const p = await open(text);
    const [d] = syntax(p);
    assert.ok(d);
    assert.equal(d.range.start.line, 2);
    assert.ok(p.diagnostics.some((x) => x.code === 'pss-privileged' && x.range.start.line === 3 + 11), codes(p.diagnostics).join(', '));
  });

  it('binary garbage: no crash, and every diagnostic lies inside the text', async () => {
    const text = garbage(4000);
    const p = await open(text);
    const doc = TextDocument.create('file:///x', 'yaml', 1, text);
    const endLine = doc.lineCount - 1;
    for (const d of p.diagnostics) {
      assert.ok(d.range.start.line >= 0 && d.range.end.line <= endLine, JSON.stringify(d.range));
      assert.ok(doc.offsetAt(d.range.start) <= doc.offsetAt(d.range.end));
    }
  });

  it('non-YAML documents are not linted', async () => {
    const p = await open('{"apiVersion": "v1", "kind": "Pod", "spec": {"hostNetwork": true}}', 'json', 'json');
    assert.deepEqual(p.diagnostics, []);
  });

  it('a file above kubeward.maxFileSize (5 MB by default) gets one notice, not a crash', async () => {
    let text = '';
    while (text.length <= 5.2 * 1024 * 1024) text += WEB;
    const p = await open(text);
    assert.equal(p.diagnostics.length, 1);
    assert.equal(p.diagnostics[0].code, 'file-too-large');
    assert.match(String(p.diagnostics[0].message), /5\.\d MB, more than kubeward\.maxFileSize \(5\.0 MB\)/);
  });

  it('a large file under the limit is linted completely', async () => {
    let text = '';
    while (text.length < 600 * 1024) text += `---\n${WEB}`;
    const copies = text.split('---\n').length - 1;
    const p = await open(text);
    assert.equal(p.diagnostics.filter((d) => d.code === 'pss-privileged').length, copies);
  });
});

describe('protocol: malformed traffic', () => {
  let c: LspTestClient;
  const uri = 'file:///ws/traffic.yaml';
  before(async () => {
    c = await LspTestClient.start();
  });
  after(async () => {
    await c?.stop();
  });

  /** The server still answers and lints correctly. */
  async function healthy(): Promise<void> {
    const probe = `file:///ws/probe-${Date.now()}-${Math.random()}.yaml`;
    const p = await c.open(probe, WEB);
    assert.ok(p.diagnostics.some((d) => d.code === 'pss-privileged'));
    assert.ok(c.alive);
  }

  it('changes to a document that was never opened are ignored', async () => {
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///ws/never.yaml', version: 2 }, contentChanges: [{ text: WEB }] });
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///ws/never-opened.yaml' } });
    assert.equal(await c.hover('file:///ws/never.yaml', { line: 13, character: 25 }), null);
    assert.deepEqual(await c.codeActions('file:///ws/never.yaml', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []), []);
    await healthy();
  });

  it('out-of-order versions: the server lints the text it was given and keeps going', async () => {
    await c.open(uri, WEB, 5);
    const fixed = WEB.replace('privileged: true', 'privileged: false');
    const p3 = await c.change(uri, 3, [{ text: fixed }]);
    assert.ok(!p3.diagnostics.some((d) => d.code === 'pss-privileged'));
    const p4 = await c.change(uri, 4, [{ text: WEB }]);
    assert.ok(p4.diagnostics.some((d) => d.code === 'pss-privileged'));
    await healthy();
  });

  it('requests with missing or wrong parameters get an empty answer or an error, never a crash', async () => {
    const attempts: [string, unknown][] = [
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: { uri }, position: { line: 9999, character: 9999 } }],
      ['textDocument/hover', { textDocument: { uri: 42 }, position: null }],
      ['textDocument/codeAction', {}],
      ['textDocument/codeAction', { textDocument: { uri }, range: null, context: {} }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [{ source: 'kubeward', code: 5, data: 'x', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [{ source: 'kubeward', code: 'pss-privileged', data: { ruleId: 'pss-privileged', version: 'x' }, range: { start: { line: -1, character: -5 }, end: { line: 1e9, character: 0 } } }] } }],
      ['codeAction/resolve', { title: 'x', data: { uri, action: 'hardenWorkload' } }],
      ['codeAction/resolve', { title: 'x', data: { uri: 'file:///ws/closed.yaml', action: 'fixAll' } }],
      ['kubeward/noSuchMethod', { a: 1 }],
    ];
    for (const [method, params] of attempts) {
      try {
        await c.within(c.conn.sendRequest(method, params), method);
      } catch (err) {
        // An error response is a fine answer; a dead server is not.
        assert.ok(c.alive, `${method}: ${String(err)}`);
        assert.doesNotMatch(String(err), /timed out|exited/, method);
      }
    }
    await healthy();
  });

  it('malformed notifications and raw garbage on the wire', async () => {
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///ws/no-text.yaml' } });
    await c.conn.sendNotification('textDocument/didOpen', {});
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri }, contentChanges: null });
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 9 }, contentChanges: [{ range: { start: { line: 500, character: 0 }, end: { line: -3, character: 2 } }, text: 'x' }] });
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: 'not an object' });
    const body = '{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {this is not JSON';
    c.proc.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await healthy();
  });
});
