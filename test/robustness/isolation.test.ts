// A rule that throws is reported once and skipped for that document, while every other rule still
// runs: in the engine, in the language server's document state (which logs it), and in the CLI
// (which warns on standard error). The throwing rule is injected through LinterHooks.rules, or by
// replacing a registered rule's check for the duration of a test; it is never added to the registry.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Linter, RULES, ruleById, type Rule, type RuleFailure } from '../../server/src/engine';
import { defineRule } from '../../server/src/engine/rule';
import { main } from '../../server/src/cli/main';
import { DocumentState, reportRuleErrorsOnce } from '../../server/src/lsp/document-state';
import { defaultSettings } from '../../server/src/lsp/settings';
import { allRulesOn } from './corpus';
import { PRIVILEGED_POD } from './hostile-inputs';

/** Reports a finding on every Pod, then throws on the second one it sees in a document. */
function boomRule(): Rule & { calls: number } {
  let seen = 0;
  const rule = defineRule({
    id: 'test-boom',
    meta: { title: 'Throws', description: 'A rule that throws.', why: 'Tests isolation.', how: 'Nothing.', category: 'workload', severity: 'error', kinds: ['Pod'], fix: 'none' },
    check(ctx) {
      (rule as Rule & { calls: number }).calls++;
      ctx.report({ node: ctx.resource.node, message: 'partial finding before the throw' });
      if (++seen % 2 === 0) throw new TypeError('boom: cannot read properties of undefined');
    },
  }) as Rule & { calls: number };
  rule.calls = 0;
  return rule;
}

const TWO_PODS = `${PRIVILEGED_POD}---\n${PRIVILEGED_POD.replace('name: web', 'name: api')}`;

describe('isolation: a rule that throws', () => {
  it('engine: reported once per linter, skipped for the document (its partial findings dropped), every other rule unaffected', () => {
    const failures: RuleFailure[] = [];
    const boom = boomRule();
    const withBoom = new Linter({ onRuleError: (f) => failures.push(f), rules: [...RULES, boom] });
    const reference = new Linter();
    // One file of two documents with a Pod each, linted three times with edits in between. The
    // rule throws on every second Pod it is run on: api (1st lint); web is re-checked alone (2nd,
    // no throw); both are re-checked (3rd: web throws, api does not). Where it threw, nothing of it
    // is left; where it did not, its finding stays.
    const expectedDocs = [[0], [0], [1]];
    for (const [k, text] of [TWO_PODS, `# edited\n${TWO_PODS}`, `${TWO_PODS}# edited again\n`].entries()) {
      const r = withBoom.lint(text, allRulesOn());
      const expected = reference.lint(text, allRulesOn());
      const own = r.findings.filter((f) => f.ruleId === 'test-boom');
      assert.deepEqual(
        r.findings.filter((f) => f.ruleId !== 'test-boom'),
        expected.findings,
        'the other rules report exactly what they report without it',
      );
      assert.deepEqual(own.map((f) => f.docIndex), expectedDocs[k], `lint ${k + 1}`);
      assert.deepEqual(r.parseErrors, expected.parseErrors);
    }
    assert.equal(failures.length, 1, failures.map((f) => f.message).join('\n'));
    assert.equal(failures[0].ruleId, 'test-boom');
    assert.match(failures[0].message, /^boom: cannot read properties of undefined\n/);
    assert.ok(boom.calls >= 2);
  });

  it('engine: in a document of a List with two Pods, the rule throws on the second and reports nothing for that document', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n${[PRIVILEGED_POD, PRIVILEGED_POD.replace('name: web', 'name: api')].map((p) => `- ${p.trimEnd().replace(/\n/g, '\n  ')}`).join('\n')}\n`;
    const failures: RuleFailure[] = [];
    const r = new Linter({ onRuleError: (f) => failures.push(f), rules: [...RULES, boomRule()] }).lint(list, allRulesOn());
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'test-boom'), [], 'the finding it made before throwing is dropped');
    assert.equal(r.findings.filter((f) => f.ruleId === 'pss-privileged').length, 2);
    assert.equal(failures.length, 1);
  });

  it('language server: logged once for the session, over every document and version; diagnostics of the other rules still published', () => {
    const log: string[] = [];
    const hooks = { ...reportRuleErrorsOnce((m) => log.push(m)), rules: [...RULES, boomRule()] };
    for (const uri of ['file:///a.yaml', 'file:///b.yaml']) {
      const state = new DocumentState(hooks);
      for (let v = 1; v <= 3; v++) {
        const snap = state.lint(TextDocument.create(uri, 'yaml', v, `${'#'.repeat(v)}\n${TWO_PODS}`), defaultSettings());
        assert.equal(snap.diagnostics.filter((d) => d.code === 'pss-privileged').length, 2);
      }
    }
    assert.equal(log.length, 1, log.join('\n'));
    assert.match(log[0], /^Rule test-boom failed and was skipped: boom/);
  });

  it('CLI: a warning on standard error naming the rule and the file, the findings of the other rules, the usual exit status', async () => {
    const rule = ruleById('pss-host-namespaces')!;
    const original = rule.check;
    rule.check = () => {
      throw new Error('boom');
    };
    const out: string[] = [];
    const err: string[] = [];
    let code: number;
    try {
      code = await main(['lint', '-', '--stdin-filename', 'pod.yaml'], {
        cwd: process.cwd(),
        stdout: (s) => out.push(s),
        stderr: (s) => err.push(s),
        readStdin: async () => Buffer.from(PRIVILEGED_POD.replace('spec:\n', 'spec:\n  hostPID: true\n')),
        version: 'test',
      });
    } finally {
      rule.check = original;
    }
    assert.equal(code, 1, 'findings, not an internal error');
    assert.match(err.join(''), /^kubeward: warning: rule pss-host-namespaces failed on pod\.yaml and was skipped: boom \(please report this\)\n$/);
    assert.match(out.join(''), /pss-privileged/);
    assert.doesNotMatch(out.join(''), /pss-host-namespaces/);
  });
});
