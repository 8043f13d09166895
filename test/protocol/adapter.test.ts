// The LSP adapter in process, for what the wire cannot reach: the minimal-diff edits (property
// tests), settings normalisation, a rule that throws, and fix-all with a rule whose fix is safe.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CodeActionParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, lint, ruleById, type Edit, type Fix, type Rule } from '../../server/src/engine';
import { codeActions, type EditCapabilities } from '../../server/src/lsp/code-actions';
import { DocumentState, isYamlDocument, reportRuleErrorsOnce } from '../../server/src/lsp/document-state';
import { defaultSettings, normalizeSettings } from '../../server/src/lsp/settings';
import { diffEdits, trimEdit } from '../../server/src/lsp/text-diff';
import { WEB } from './fixtures';
import { applyWorkspaceEdit } from './lsp-client';

function checkEdits(before: string, after: string, edits: Edit[]): void {
  for (let i = 1; i < edits.length; i++) assert.ok(edits[i - 1].end <= edits[i].start, 'sorted and disjoint');
  for (const e of edits) assert.notEqual(before.slice(e.start, e.end), e.text, 'no no-op edit');
  assert.equal(applyEdits(before, edits), after);
}

describe('adapter: minimal edits', () => {
  const line = fc.oneof(fc.constantFrom('a: 1', '  b: 2', '# c', '', '- x', '  ключ: значение', '  emoji: 😀🚀'), fc.string({ maxLength: 12 }));
  const text = fc.array(line, { maxLength: 30 }).chain((ls) => fc.constantFrom('\n', '\r\n').map((eol) => ls.join(eol)));

  it('applying the edits gives the new text (random texts and random line edits)', () => {
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.nat(40), fc.nat(3), fc.array(line, { maxLength: 3 })), { maxLength: 4 }), (before, ops) => {
        const lines = before.split('\n');
        for (const [at, del, ins] of ops) lines.splice(at % (lines.length + 1), del, ...ins);
        const after = lines.join('\n');
        checkEdits(before, after, diffEdits(before, after));
      }),
      { numRuns: 400 },
    );
  });

  it('arbitrary strings, surrogate pairs included, never split a pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 60 }), (a, b) => {
        const edits = diffEdits(a, b);
        checkEdits(a, b, edits);
        for (const e of edits) {
          for (const o of [e.start, e.end]) {
            const prev = a.charCodeAt(o - 1);
            assert.ok(!(o > 0 && o < a.length && prev >= 0xd800 && prev <= 0xdbff), `offset ${o} splits a surrogate pair`);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a changed value next to inserted lines leaves the comment on that line alone', () => {
    const before = 'a:\n  b: true   # keep me\nc: 1\n';
    const after = 'a:\n  b: false   # keep me\n  d: 2\nc: 1\n';
    const edits = diffEdits(before, after);
    checkEdits(before, after, edits);
    for (const e of edits) assert.ok(!before.slice(e.start, e.end).includes('#'), JSON.stringify(edits));
  });

  it('one changed character in a long file is one small edit', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `key${i}: value${i}`);
    const before = lines.join('\n');
    lines[2500] = 'key2500: valuX2500';
    const edits = diffEdits(before, lines.join('\n'));
    assert.equal(edits.length, 1);
    assert.ok(edits[0].end - edits[0].start <= 1 && edits[0].text.length <= 1, JSON.stringify(edits));
  });

  it('trimEdit keeps surrogate pairs whole', () => {
    const text = 'x: 😀a';
    const e = trimEdit(text, { start: 3, end: 6, text: '😁a' });
    assert.deepEqual(e, { start: 3, end: 5, text: '😁' });
    assert.equal(trimEdit(text, { start: 0, end: 1, text: 'x' }), undefined);
  });
});

describe('adapter: settings', () => {
  it('defaults, VS Code\'s nested shape, dotted keys and a wrapper object', () => {
    assert.deepEqual(normalizeSettings(undefined).settings, defaultSettings());
    assert.deepEqual(normalizeSettings(null).settings, defaultSettings());
    assert.equal(normalizeSettings({ pss: { level: 'baseline', version: 'v1.30' } }).settings.pss.version, 'v1.30');
    assert.equal(normalizeSettings({ 'pss.level': 'privileged' }).settings.pss.level, 'privileged');
    assert.deepEqual(normalizeSettings({ kubeward: { rules: { 'pss-privileged': 'off' } } }).settings.rules, { 'pss-privileged': 'off' });
    assert.equal(normalizeSettings({ maxFileSize: 1024.7 }).settings.maxFileSize, 1024);
    assert.deepEqual(normalizeSettings({ schema: { enable: false, scope: 'all', customSchemas: ['crds/', ' '] } }).settings.schema, { enable: false, scope: 'all', customSchemas: ['crds/'] });
  });

  it('invalid values are reported and replaced by defaults', () => {
    const { settings, problems } = normalizeSettings({ enable: 'no', rules: [1], pss: { level: 7, version: 'v2.0' }, maxFileSize: 'big' });
    assert.deepEqual(settings, defaultSettings());
    assert.equal(problems.length, 5, problems.join('\n'));
  });

  it('YAML documents by language id or by file name, but not Helm templates', () => {
    assert.ok(isYamlDocument('untitled:Untitled-1', 'yaml'));
    assert.ok(isYamlDocument('file:///a/b.YML', 'plaintext'));
    assert.ok(isYamlDocument('file:///a/b.yaml?x=1', 'unknown'));
    assert.ok(!isYamlDocument('file:///chart/templates/deploy.yaml', 'helm'));
    assert.ok(!isYamlDocument('file:///a/b.json', 'json'));
  });
});

/** Runs `body` with a rule's check replaced, restoring it even when the body fails. */
function withCheck(id: string, check: Rule['check'], body: () => void): void {
  const rule = ruleById(id);
  assert.ok(rule, id);
  const original = rule.check;
  rule.check = check;
  try {
    body();
  } finally {
    rule.check = original;
  }
}

const caps: EditCapabilities = { documentChanges: false, snippetEdits: false, resolveEdit: false };

function params(uri: string, only?: string[]): CodeActionParams {
  return { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only } };
}

describe('adapter: rules that throw, and fix-all', () => {
  it('a rule that throws is reported once for the session and skipped; the other rules still report', () => {
    const messages: string[] = [];
    const hooks = reportRuleErrorsOnce((m) => messages.push(m));
    withCheck('pss-host-namespaces', () => {
      throw new Error('boom');
    }, () => {
      for (const uri of ['file:///a.yaml', 'file:///b.yaml']) {
        const state = new DocumentState(hooks);
        for (let v = 1; v <= 2; v++) {
          const snap = state.lint(TextDocument.create(uri, 'yaml', v, `${'#'.repeat(v)}\n${WEB}`), defaultSettings());
          const found = snap.diagnostics.map((d) => d.code);
          assert.ok(!found.includes('pss-host-namespaces'));
          assert.ok(found.includes('pss-privileged'), 'other rules are unaffected');
        }
      }
    });
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.match(messages[0], /^Rule pss-host-namespaces failed and was skipped: boom/);
  });

  it('fix-all applies a safe fix and leaves the suggestions alone', () => {
    const rule = ruleById('pss-privileged')!;
    const original = rule.check;
    // The same check, with its fix declared safe, so fix-all has something to apply.
    withCheck('pss-privileged', (ctx) => {
      original.call(rule, {
        ...ctx,
        resource: ctx.resource,
        text: ctx.text,
        fix: ctx.fix,
        settings: ctx.settings,
        report: (input) => {
          const fixes = typeof input.fixes === 'function' ? input.fixes() : input.fixes;
          ctx.report({ ...input, fixes: fixes?.map((f): Fix => ({ ...f, safety: 'safe' })) });
        },
      });
    }, () => {
      const uri = 'file:///fix-all.yaml';
      const state = new DocumentState({});
      const snap = state.lint(TextDocument.create(uri, 'yaml', 1, WEB), defaultSettings());
      const actions = codeActions(snap, params(uri, ['source.fixAll']), caps);
      assert.equal(actions.length, 1);
      assert.equal(actions[0].kind, 'source.fixAll.kubeward');
      const fixed = applyWorkspaceEdit(WEB, actions[0].edit, uri);
      assert.equal(fixed, WEB.replace('privileged: true', 'privileged: false'), 'only the safe fix, byte-identical elsewhere');
      const left = lint(fixed, {}).findings.map((f) => f.ruleId);
      assert.ok(left.includes('pss-host-namespaces') && left.includes('pss-run-as-non-root'), 'suggestions are not applied');
    });
  });
});
