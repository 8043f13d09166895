// Incremental text sync and positions: after each didChange the server's diagnostics equal what
// the engine finds in the text the client holds; ranges count UTF-16 code units, as LSP requires,
// through CRLF line ends, a byte order mark and non-ASCII text (CJK, emoji).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint } from '../../server/src/engine';
import { WEB, WEB_PRIVILEGED } from './fixtures';
import { applyWorkspaceEdit, codes, LspTestClient, rangeOf, textEditsOf, y } from './lsp-client';

/** The engine's findings as the client's positions: [code@line:char-line:char], sorted. */
function expectedView(text: string): string[] {
  const doc = TextDocument.create('file:///x.yaml', 'yaml', 0, text);
  const { findings, parseErrors } = lint(text, {});
  const out = findings.map((f) => {
    const s = doc.positionAt(f.start);
    const e = doc.positionAt(f.end);
    return `${f.ruleId}@${s.line}:${s.character}-${e.line}:${e.character}`;
  });
  for (const p of parseErrors) {
    const s = doc.positionAt(p.start);
    out.push(`yaml-syntax@${s.line}:${s.character}`);
  }
  return out.sort();
}

function view(ds: readonly Diagnostic[]): string[] {
  return ds
    .map((d) =>
      d.code === 'yaml-syntax'
        ? `yaml-syntax@${d.range.start.line}:${d.range.start.character}`
        : `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`,
    )
    .sort();
}

const at = (line: number, character: number) => ({ line, character });

describe('protocol: incremental sync', () => {
  let c: LspTestClient;
  before(async () => {
    c = await LspTestClient.start();
  });
  after(async () => {
    await c?.stop();
  });

  it('keeps diagnostics equal to the engine on the client text through range edits', async () => {
    const uri = 'file:///ws/sync.yaml';
    const mirror = TextDocument.create(uri, 'yaml', 1, WEB);
    let p = await c.open(uri, WEB);
    assert.deepEqual(view(p.diagnostics), expectedView(WEB));
    let version = 1;
    const step = async (changes: TextDocumentContentChangeEvent[], what: string): Promise<Diagnostic[]> => {
      version++;
      TextDocument.update(mirror, changes, version);
      p = await c.change(uri, version, changes);
      assert.equal(p.version, version);
      assert.deepEqual(view(p.diagnostics), expectedView(mirror.getText()), what);
      return p.diagnostics;
    };

    let ds = await step([{ range: { start: at(0, 0), end: at(0, 0) }, text: '# a new first line\n' }], 'a line inserted above');
    assert.deepEqual(rangeOf(ds.find((d) => d.code === 'pss-privileged')!), [14, 24, 14, 28], 'the finding moved down one line');

    ds = await step([{ range: { start: at(14, 24), end: at(14, 28) }, text: 'false' }], 'the value fixed in place');
    assert.ok(!ds.some((d) => d.code === 'pss-privileged'));

    await step(
      [
        { range: { start: at(9, 19), end: at(9, 23) }, text: 'false' },
        { range: { start: at(5, 0), end: at(5, 0) }, text: '  labels: {app: web}\n' },
      ],
      'two changes in one notification, applied in order',
    );

    ds = await step([{ range: { start: at(14, 0), end: at(15, 0) }, text: '' }], 'a line deleted');

    const appended = y('---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - {name: c, image: c, securityContext: {privileged: true}}');
    const end = mirror.positionAt(mirror.getText().length);
    ds = await step([{ range: { start: end, end }, text: appended }], 'a second document appended');
    const second = ds.find((d) => d.code === 'pss-privileged');
    assert.ok(second, codes(ds).join(', '));
    assert.equal((second.data as { key: string }).key, '1/0', 'the finding of the second YAML document');
  });

  it('a burst of keystrokes ends with the diagnostics of the last version', async () => {
    const uri = 'file:///ws/typing.yaml';
    const mirror = TextDocument.create(uri, 'yaml', 1, WEB);
    await c.open(uri, WEB);
    // Type "false" over "true" one character at a time, without waiting in between.
    const keys: TextDocumentContentChangeEvent[] = [{ range: { start: at(13, 24), end: at(13, 28) }, text: '' }];
    for (const [i, ch] of [...'false'].entries()) keys.push({ range: { start: at(13, 24 + i), end: at(13, 24 + i) }, text: ch });
    let version = 1;
    const last = 1 + keys.length;
    const final = c.nextDiagnostics(uri, (p) => p.version === last, 'diagnostics of the last keystroke');
    for (const k of keys) {
      version++;
      TextDocument.update(mirror, [k], version);
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [k] });
    }
    const p = await final;
    assert.equal(mirror.getText(), WEB.replace('privileged: true', 'privileged: false'));
    assert.deepEqual(view(p.diagnostics), expectedView(mirror.getText()));
  });
});

describe('protocol: positions in UTF-16 code units', () => {
  let c: LspTestClient;
  before(async () => {
    c = await LspTestClient.start();
  });
  after(async () => {
    await c?.stop();
  });

  it('CRLF line ends: same ranges, and fixes keep CRLF', async () => {
    const uri = 'file:///ws/crlf.yaml';
    const text = WEB.replace(/\n/g, '\r\n');
    const p = await c.open(uri, text);
    assert.deepEqual(view(p.diagnostics), expectedView(text));
    const priv = p.diagnostics.find((d) => d.code === 'pss-privileged')!;
    assert.deepEqual(rangeOf(priv), WEB_PRIVILEGED);
    const actions = await c.codeActions(uri, priv.range, [priv]);
    const fix = actions.find((a) => a.title === 'Set privileged: false')!;
    assert.equal(applyWorkspaceEdit(text, fix.edit, uri), text.replace('privileged: true', 'privileged: false'));
    const disable = actions.find((a) => a.title.startsWith('Disable pss-privileged'))!;
    const disabled = applyWorkspaceEdit(text, disable.edit, uri);
    assert.ok(disabled.includes('\r\n            # kubeward-disable-next-line pss-privileged -- TODO explain why this is acceptable\r\n            privileged: true'));
    const harden = actions.find((a) => a.title.startsWith('Harden this workload'))!;
    const hardened = applyWorkspaceEdit(text, harden.edit, uri);
    assert.notEqual(hardened, text);
    assert.ok(!/[^\r]\n/.test(hardened), 'every inserted line ends with CRLF');
    const next = await c.change(uri, 2, [{ text: disabled }]);
    assert.ok(!next.diagnostics.some((d) => d.code === 'pss-privileged'));
  });

  it('a byte order mark counts as one code unit on the first line only', async () => {
    const uri = 'file:///ws/bom.yaml';
    const line0 = '{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: a, image: a, securityContext: {privileged: true}}]}}';
    const text = `\uFEFF${line0}\n`;
    const p = await c.open(uri, text);
    const priv = p.diagnostics.find((d) => d.code === 'pss-privileged');
    assert.ok(priv, codes(p.diagnostics).join(', '));
    const col = line0.indexOf('true') + 1;
    assert.deepEqual(rangeOf(priv), [0, col, 0, col + 4]);
    assert.deepEqual(view(p.diagnostics), expectedView(text));
    const actions = await c.codeActions(uri, priv.range, [priv]);
    const fix = actions.find((a) => a.title === 'Set privileged: false')!;
    assert.equal(applyWorkspaceEdit(text, fix.edit, uri), text.replace('privileged: true', 'privileged: false'));
    // The comment goes after the byte order mark; it is offered only when the engine honours it
    // there, and then it silences the finding.
    const disable = actions.find((a) => a.title.startsWith('Disable pss-privileged'));
    if (disable) {
      const disabled = applyWorkspaceEdit(text, disable.edit, uri);
      assert.ok(disabled.startsWith('\uFEFF# kubeward-disable-next-line pss-privileged -- '), 'after the byte order mark');
      const next = await c.change(uri, 2, [{ text: disabled }]);
      assert.ok(!next.diagnostics.some((d) => d.code === 'pss-privileged'), codes(next.diagnostics).join(', '));
    } else {
      const withComment = `\uFEFF# kubeward-disable-next-line pss-privileged -- why\n${line0}\n`;
      const next = await c.change(uri, 2, [{ text: withComment }]);
      assert.ok(next.diagnostics.some((d) => d.code === 'pss-privileged'), 'not offered because the engine does not honour it there');
    }
  });

  it('CJK text and emoji before a finding on its line shift it by UTF-16 code units', async () => {
    const uri = 'file:///ws/unicode.yaml';
    const line = '  - {name: "😀🚀应用", image: a, securityContext: {privileged: true}}   # 注释 👍';
    const text = y('# 前端服务 🚀 部署', 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: "应用-🚀"   # 名字', '  annotations: {说明: "特权 😀 容器"}', 'spec:', '  containers:', line);
    const p = await c.open(uri, text);
    const priv = p.diagnostics.find((d) => d.code === 'pss-privileged');
    assert.ok(priv, codes(p.diagnostics).join(', '));
    const col = line.indexOf('true');
    assert.notEqual(col, [...line.slice(0, col)].length, 'the fixture has characters outside the BMP before the finding');
    assert.deepEqual(rangeOf(priv), [8, col, 8, col + 4]);
    assert.deepEqual(view(p.diagnostics), expectedView(text));
    const actions = await c.codeActions(uri, priv.range, [priv]);
    const fix = actions.find((a) => a.title === 'Set privileged: false')!;
    assert.equal(applyWorkspaceEdit(text, fix.edit, uri), text.replace('privileged: true', 'privileged: false'));
    const hover = await c.hover(uri, { line: 8, character: col + 1 });
    assert.ok(hover?.range);
    assert.deepEqual(rangeOf({ range: hover.range }), [8, col, 8, col + 4]);
    // An edit in the middle of a surrogate-heavy line, sent incrementally.
    const emojiAt = line.indexOf('🚀');
    const next = await c.change(uri, 2, [{ range: { start: at(8, emojiAt), end: at(8, emojiAt + 2) }, text: '' }]);
    const moved = next.diagnostics.find((d) => d.code === 'pss-privileged')!;
    assert.deepEqual(rangeOf(moved), [8, col - 2, 8, col + 2]);
    for (const e of textEditsOf(fix.edit, uri)) assert.equal(e.range.start.line, 8);
  });
});
