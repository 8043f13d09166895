// A Linter that keeps its caches between edits (per-document findings, graph findings reused while
// the positions they show still hold, objects refreshed in place in the workspace graph) must give
// exactly what a fresh Linter gives for the same text. Edits as an editor makes them, on a
// generated manifest with workloads, RBAC, NetworkPolicies and Istio objects. Likewise the LSP's
// diagnostics built with a DiagnosticCache equal those built without one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { manifest, rng } from '../../bench/generate';
import { Linter, type LintOptions } from '../../server/src/engine';
import { WorkspaceGraph } from '../../server/src/engine/workspace/graph';
import { DiagnosticCache, documentDiagnostics, findingKeys, CACHED_JSON, publishParams, toDiagnostics, type DocumentDiagnostics } from '../../server/src/lsp/diagnostics';
import { documentFindings } from '../../server/src/engine/lint';
import { messageJson } from '../../server/src/lsp/publish-encoder';
import { PullReports } from '../../server/src/lsp/pull-diagnostics';
import type { Snapshot } from '../../server/src/lsp/document-state';
import { TextDocument } from 'vscode-languageserver-textdocument';

type Edit = (text: string, r: () => number) => string;

/** After a random point, the first place matching `pattern`, edited by `apply` (unchanged when none). */
function at(pattern: RegExp, apply: (text: string, index: number, match: string) => string): Edit {
  return (text, r) => {
    const re = new RegExp(pattern.source, 'g');
    re.lastIndex = Math.floor(r() * text.length);
    const m = re.exec(text) ?? new RegExp(pattern.source, 'g').exec(text);
    return m ? apply(text, m.index, m[0]) : text;
  };
}

const EDITS: Record<string, Edit> = {
  'type in a value no fact reads': at(/value: json/, (t, i, m) => `${t.slice(0, i + m.length)}x${t.slice(i + m.length)}`),
  'type in an image': at(/image: \S+/, (t, i, m) => `${t.slice(0, i + m.length)}1${t.slice(i + m.length)}`),
  'type in a pod label (a fact)': at(/\n {6}app: \S+/, (t, i, m) => `${t.slice(0, i + m.length)}z${t.slice(i + m.length)}`),
  'type in a service account name': at(/serviceAccountName: \S+/, (t, i, m) => `${t.slice(0, i + m.length)}q${t.slice(i + m.length)}`),
  'add a blank line': at(/\n/, (t, i) => `${t.slice(0, i + 1)}\n${t.slice(i + 1)}`),
  'add a comment line': at(/\n {2}[a-z]/, (t, i) => `${t.slice(0, i + 1)}  # note\n${t.slice(i + 1)}`),
  'remove a blank line': at(/\n\n/, (t, i) => t.slice(0, i) + t.slice(i + 1)),
  'delete a character': at(/[a-z]{4}/, (t, i) => t.slice(0, i) + t.slice(i + 1)),
  'join two documents': at(/\n---\n/, (t, i) => t.slice(0, i + 1) + t.slice(i + 5)),
  'split a document': at(/\nspec:\n/, (t, i) => `${t.slice(0, i + 1)}---\n${t.slice(i + 1)}`),
  'break the YAML': at(/: /, (t, i) => `${t.slice(0, i)}:: [${t.slice(i + 2)}`),
};

function edits(text: string, steps: number, seed: number, names = Object.keys(EDITS)): string[] {
  const r = rng(seed);
  const out: string[] = [];
  let t = text;
  for (let i = 0; i < steps; i++) {
    t = EDITS[names[Math.floor(r() * names.length)]](t, r);
    out.push(t);
  }
  return out;
}

describe('incremental linting', () => {
  const base = manifest(600, 42);
  const options: LintOptions = { fileName: '/w/app.yaml' };

  for (const [name, seed] of [
    ['typing that moves positions only', 1],
    ['a mix of edits', 2],
  ] as const) {
    it(`gives what a fresh Linter gives, edit after edit: ${name}`, () => {
      const names = seed === 1 ? ['type in a value no fact reads', 'type in an image', 'add a blank line', 'add a comment line', 'remove a blank line'] : undefined;
      const linter = new Linter();
      linter.lint(base, options);
      for (const [i, text] of edits(base, 40, seed, names).entries()) {
        assert.deepEqual(linter.lint(text, options), new Linter().lint(text, options), `after edit ${i + 1}`);
      }
    });
  }

  it('keeps cross-file findings exact in a shared workspace graph (related locations into an edited file)', () => {
    const cut = base.indexOf('\n---\n', base.length >> 1) + 1;
    const b = base.slice(cut);
    const graph = new WorkspaceGraph();
    const la = new Linter({ workspace: graph });
    const lb = new Linter({ workspace: graph });
    lb.lint(b, { fileName: '/w/b.yaml' });
    la.lint(base.slice(0, cut), { fileName: '/w/a.yaml' });
    for (const [i, a] of edits(base.slice(0, cut), 30, 3).entries()) {
      const incA = la.lint(a, { fileName: '/w/a.yaml' });
      const incB = lb.lint(b, { fileName: '/w/b.yaml' });
      // A fresh graph indexed in the same order (b, then a), so queries list objects alike.
      const fresh = new WorkspaceGraph();
      fresh.setFile('/w/b.yaml', b);
      const fa = new Linter({ workspace: fresh });
      assert.deepEqual(incA, fa.lint(a, { fileName: '/w/a.yaml' }), `a.yaml after edit ${i + 1}`);
      assert.deepEqual(incB, new Linter({ workspace: fresh }).lint(b, { fileName: '/w/b.yaml' }), `b.yaml after edit ${i + 1}`);
    }
  });

  it('re-indexes a file whose edit only moved positions without changing the facts revision', () => {
    const graph = new WorkspaceGraph();
    const linter = new Linter({ workspace: graph });
    linter.lint(base, options);
    const before = graph.factsRevision;
    const typed = EDITS['type in a value no fact reads'](base, rng(5));
    assert.notEqual(typed, base);
    linter.lint(typed, options);
    assert.equal(graph.factsRevision, before);
    const relabelled = EDITS['type in a pod label (a fact)'](typed, rng(5));
    linter.lint(relabelled, options);
    assert.ok(graph.factsRevision > before, 'a changed label is a changed fact');
  });
});

describe('incremental diagnostics', () => {
  it('a DiagnosticCache gives the diagnostics toDiagnostics gives without one, edit after edit', () => {
    const base = manifest(600, 43);
    const uri = 'file:///w/app.yaml';
    const linter = new Linter();
    const cache = new DiagnosticCache();
    let version = 1;
    for (const text of [base, ...edits(base, 40, 4)]) {
      const lines = TextDocument.create(uri, 'yaml', ++version, text);
      const result = linter.lint(text, { fileName: uri });
      const keys = findingKeys(result.findings);
      assert.deepEqual(toDiagnostics(uri, lines, result, keys, cache), toDiagnostics(uri, lines, result, keys), `version ${version}`);
    }
  });

  it('diagnostics made from each document\'s own findings (what the server publishes) equal those made from result.findings', () => {
    const base = manifest(600, 44);
    const uri = 'file:///w/app.yaml';
    const linter = new Linter();
    const cache = new DiagnosticCache();
    let version = 1;
    let moved = 0;
    let reused = 0;
    let previous = new Set<DocumentDiagnostics>();
    for (const text of [base, ...edits(base, 40, 5)]) {
      const lines = TextDocument.create(uri, 'yaml', ++version, text);
      const result = linter.lint(text, { fileName: uri });
      const docs = documentFindings(result);
      assert.ok(docs, 'a Linter result has its documents');
      if (docs.some((d) => d.offset > 0 && d.findings.length > 0)) moved++;
      // Before result.findings is first read, as in the server.
      const byDocument = documentDiagnostics(uri, lines, result, docs, cache);
      const keys = findingKeys(result.findings);
      assert.deepEqual(byDocument.keys, keys, `version ${version}`);
      assert.deepEqual(byDocument.diagnostics, toDiagnostics(uri, lines, result, keys), `version ${version}`);
      assert.equal(result.findings.length, docs.reduce((n, d) => n + d.findings.length, 0));
      // The JSON the stdio transport writes, assembled from each document's cached JSON, is the
      // JSON of the params, character for character.
      const params = publishParams(uri, version, byDocument.diagnostics, byDocument);
      assert.equal(Buffer.concat(params[CACHED_JSON]!()).toString('utf8'), JSON.stringify(params), `version ${version}`);
      // And the stdio encoder writes the whole message as JSON.stringify would.
      const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params };
      assert.equal(messageJson(message), JSON.stringify(message), `version ${version}`);
      reused += byDocument.documents.filter((d) => previous.has(d)).length;
      previous = new Set(byDocument.documents);
    }
    assert.ok(moved > 30, 'documents after the first carry findings');
    assert.ok(reused > 40, `unchanged documents keep their diagnostics from one edit to the next (${reused} reused)`);
  });

  it('pulled reports: the resultId changes exactly when the diagnostics do; a full report is written as JSON.stringify writes it', () => {
    const base = manifest(400, 45);
    const uri = 'file:///w/app.yaml';
    const linter = new Linter();
    const cache = new DiagnosticCache();
    const reports = new PullReports();
    let version = 1;
    let last: { json: string; resultId: string } | undefined;
    const seen = { unchanged: 0, changed: 0 };
    // Edits that change findings, and edits of values no rule reads (the diagnostics stay the same).
    const same = 'type in a value no fact reads';
    for (const text of [base, ...edits(base, 40, 6, [...Object.keys(EDITS), same, same])]) {
      const lines = TextDocument.create(uri, 'yaml', ++version, text);
      const result = linter.lint(text, { fileName: uri });
      const byDocument = documentDiagnostics(uri, lines, result, documentFindings(result)!, cache);
      const snap = { uri, version, diagnostics: byDocument.diagnostics, parts: byDocument } as unknown as Snapshot;
      const report = reports.report(snap, last?.resultId);
      const json = JSON.stringify(byDocument.diagnostics);
      if (last && last.json === json) {
        seen.unchanged++;
        assert.deepEqual(report, { kind: 'unchanged', resultId: last.resultId }, `version ${version}: same diagnostics`);
        continue;
      }
      seen.changed++;
      assert.equal(report.kind, 'full', `version ${version}`);
      assert.notEqual(report.resultId, last?.resultId, `version ${version}: new diagnostics, new id`);
      assert.deepEqual((report as { items: unknown[] }).items, byDocument.diagnostics);
      const message = { jsonrpc: '2.0', id: version, result: report };
      assert.equal(messageJson(message), JSON.stringify(message), `version ${version}`);
      // A client that lost its report (no previous id) gets the whole list again, same id.
      const again = reports.report(snap, undefined);
      assert.equal(again.kind, 'full');
      assert.equal(again.resultId, report.resultId);
      last = { json, resultId: report.resultId! };
    }
    assert.ok(seen.unchanged >= 5 && seen.changed >= 10, JSON.stringify(seen));
  });
});

describe('the stdio encoder', () => {
  it('writes other messages, and publishes without cached JSON or with other fields, as JSON.stringify does', () => {
    const diagnostics = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'm "quoted" \u2028', code: 'x', source: 'kubeward', data: { key: '0/0' } }];
    const cached = publishParams('file:///a b.yaml', 3, diagnostics, { parseErrors: [], documents: [] });
    const messages = [
      { jsonrpc: '2.0', id: 1, result: { capabilities: {} } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: publishParams('file:///x.yaml', 2, diagnostics) },
      // Cached JSON that says no diagnostics, but an extra field: the message is stringified whole.
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: cached, extra: 1 },
    ];
    // A response with a report carrying cached JSON, and extra fields or an id JSON cannot take.
    const report = { kind: 'full', resultId: 'r1', items: diagnostics };
    Object.defineProperty(report, CACHED_JSON, { enumerable: false, value: () => [Buffer.from('{"kind":"full","resultId":"r1","items":[]}')] });
    messages.push({ jsonrpc: '2.0', id: 7, result: report, extra: 1 } as never, { jsonrpc: '2.0', id: undefined, result: report } as never);
    for (const m of messages) assert.equal(messageJson(m), JSON.stringify(m));
    assert.equal(messageJson({ jsonrpc: '2.0', id: 'a"b', result: report }), '{"jsonrpc":"2.0","id":"a\\"b","result":{"kind":"full","resultId":"r1","items":[]}}');
    // The cached JSON is what is written when the message has exactly its three fields.
    assert.equal(messageJson({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: cached }), '{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///a b.yaml","version":3,"diagnostics":[]}}');
  });
});
