// The engine reports this rule (a rule cannot see the others' findings), so the cases run with the
// rules whose suppressions they test. More cases in test/suppress/.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes, LineIndex, lint, type LintOptions } from '..';
import { assertParses, y } from '../../../../test/helpers/rule-tester';

const options: LintOptions = { only: ['pss-privileged', 'suppression-unused'], suppressions: { today: '2026-06-15' } };
const pod = (...lines: string[]) => y('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:', '  - name: app', '    image: nginx:1.27.2', '    securityContext:', ...lines);

function spans(text: string): string[] {
  const index = new LineIndex(text);
  return lint(text, options)
    .findings.filter((f) => f.ruleId === 'suppression-unused')
    .map((f) => {
      const s = index.positionAt(f.start);
      const e = index.positionAt(f.end);
      return `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1}`;
    });
}

describe('rule suppression-unused', () => {
  it('valid: a suppression that silences a finding', () => {
    const text = pod('      # kubeward-disable-next-line pss-privileged -- CNI', '      privileged: true');
    assertParses(text);
    assert.deepEqual(spans(text), []);
  });

  it('invalid: nothing to silence on the next line; the fix removes the comment line', () => {
    const text = pod('      # kubeward-disable-next-line pss-privileged -- CNI', '      privileged: false');
    assert.deepEqual(spans(text), ['10:36-10:50']);
    const fixed = applyFixes(text, options, { safety: 'safe' }).text;
    assert.equal(fixed, pod('      privileged: false'));
    assertParses(fixed);
    assert.deepEqual(spans(fixed), []);
  });

  it('invalid: an annotation on an object without that finding; the fix removes the annotations', () => {
    const text = y('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', '  annotations:', '    kubeward.io/ignore: pss-privileged', 'spec:', '  containers:', '  - name: app', '    image: nginx:1.27.2');
    assert.deepEqual(spans(text), ['6:25-6:39']);
    const fixed = applyFixes(text, options, { safety: 'safe' }).text;
    assert.equal(fixed, y('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:', '  - name: app', '    image: nginx:1.27.2'));
  });
});
