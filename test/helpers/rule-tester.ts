// Table-driven rule tests, in the spirit of eslint's RuleTester. Each invalid case lists the exact
// 1-based ranges of its findings; `output` is the text after applying the preferred fix of every
// finding of the rule (in passes, as the editor's "fix all of this rule" would). The tester checks
// that the output parses, that the rule no longer fires on it, and that it equals the expectation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes, isFixValid, LineIndex, lint, ruleById, type LintOptions } from '../../server/src/engine';
import { parseChunk, splitDocuments } from '../../server/src/engine/parse';

export interface ValidCase {
  name: string;
  code: string;
  options?: LintOptions;
}

export interface ExpectedFinding {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** A substring the message must contain. */
  message?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** Text after applying every finding's preferred fix; omit when the rule offers no fix here. */
  output?: string;
}

export function ruleTester(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const rule = ruleById(ruleId);
  describe(`rule ${ruleId}`, () => {
    it('is registered', () => assert.ok(rule, `${ruleId} is not in the registry`));
    const opts = (o?: LintOptions): LintOptions => ({ ...o, only: [ruleId], rules: { ...o?.rules } });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        assertParses(c.code);
        const found = lint(c.code, opts(c.options)).findings.filter((f) => f.ruleId === ruleId);
        assert.deepEqual(found.map((f) => f.message), [], 'expected no findings');
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        assertParses(c.code);
        const index = new LineIndex(c.code);
        const found = lint(c.code, opts(c.options)).findings.filter((f) => f.ruleId === ruleId);
        const actual = found.map((f) => {
          const s = index.positionAt(f.start);
          const e = index.positionAt(f.end);
          return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, message: f.message };
        });
        assert.equal(actual.length, c.errors.length, `expected ${c.errors.length} findings, got ${JSON.stringify(actual, null, 1)}`);
        c.errors.forEach((exp, i) => {
          const act = actual[i];
          assert.equal(act.line, exp.line, `finding ${i} line: ${act.message}`);
          assert.equal(act.column, exp.column, `finding ${i} column: ${act.message}`);
          if (exp.endLine !== undefined) assert.equal(act.endLine, exp.endLine, `finding ${i} endLine`);
          if (exp.endColumn !== undefined) assert.equal(act.endColumn, exp.endColumn, `finding ${i} endColumn`);
          if (exp.message !== undefined) assert.ok(act.message.includes(exp.message), `message "${act.message}" lacks "${exp.message}"`);
        });
        for (const f of found) for (const fix of f.fixes) assert.ok(isFixValid(c.code, fix), `fix "${fix.title}" would leave invalid YAML`);
        if (c.output !== undefined) {
          const fixed = applyFixes(c.code, opts(c.options), { safety: 'suggestion', filter: (f) => f.ruleId === ruleId }).text;
          assert.equal(fixed, c.output);
          assertParses(fixed);
          const after = lint(fixed, opts(c.options)).findings.filter((f) => f.ruleId === ruleId);
          assert.deepEqual(after.map((f) => f.message), [], 'the fix did not remove the finding');
        }
      });
    }
  });
}

export function assertParses(text: string): void {
  for (const chunk of splitDocuments(text)) {
    const errors = parseChunk(chunk.text).errors.filter((e) => !e.warning);
    assert.deepEqual(errors.map((e) => e.message), [], 'fixture YAML must parse');
  }
}

/** Joins lines with \n and a final newline: keeps fixtures readable in test tables. */
export function y(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
