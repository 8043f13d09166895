// The engine reports this rule while matching suppressions; more cases in test/suppress/.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, lint, type LintOptions } from '..';
import { y } from '../../../../test/helpers/rule-tester';

const options: LintOptions = { only: ['pss-privileged', 'suppression-invalid'], suppressions: { today: '2026-06-15', requireReason: true } };
const pod = (...lines: string[]) => y('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:', '  - name: app', '    image: nginx:1.27.2', '    securityContext:', ...lines, '      privileged: true');

function found(text: string, o: LintOptions = options): string[] {
  const index = new LineIndex(text);
  return lint(text, o).findings.map((f) => {
    const s = index.positionAt(f.start);
    const e = index.positionAt(f.end);
    return `${f.ruleId} ${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1}`;
  });
}

describe('rule suppression-invalid', () => {
  it('valid: a suppression with a reason and a real date', () => {
    assert.deepEqual(found(pod('      # kubeward-disable-next-line pss-privileged -- until 2026-12-31: CNI')), []);
  });

  it('invalid: no reason while reasons are required; the finding stays', () => {
    assert.deepEqual(found(pod('      # kubeward-disable-next-line pss-privileged')), ['pss-privileged 11:19-11:23', 'suppression-invalid 10:7-10:50']);
  });

  it('invalid: an expiry that is not a date', () => {
    assert.deepEqual(found(pod('      # kubeward-disable-next-line pss-privileged -- until 31/12/2026: CNI'), { ...options, suppressions: { today: '2026-06-15' } }), ['pss-privileged 11:19-11:23', 'suppression-invalid 10:7-10:75']);
  });

  it('invalid: no rule named', () => {
    assert.deepEqual(found(pod('      # kubeward-disable-next-line -- CNI'), { ...options, suppressions: { today: '2026-06-15' } }), ['pss-privileged 11:19-11:23', 'suppression-invalid 10:7-10:42']);
  });
});
