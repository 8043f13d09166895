import { defineRule } from '../rule';
import type { Fix } from '../types';
import type { YValue } from '../fix';
import { describeTypes, describeValue, inScope, placeOf, schemaIssues, schemaSettingsOf } from '../schema';
import { formatScalar, isMap, isScalar, isSeq, type YNode } from '../parse';

export default defineRule({
  id: 'schema-wrong-type',
  meta: {
    title: 'Values of the wrong type',
    description: 'A value whose type the schema does not allow, such as `privileged: "false"` (a string) or `runAsUser: "1000"`, with the value that was meant.',
    why: 'The API server refuses an object with a value of the wrong type, so none of it is applied; a quoted boolean or number is the usual cause (`"false"` is a string, not false). Tools that convert values loosely may instead apply a setting other than the one written.',
    how: 'Write the value with its proper type: `false` rather than `"false"`, `1000` rather than `"1000"`, and quote strings that look like numbers (`"1.10"`). The quick fix converts the value when the conversion is exact.',
    category: 'schema',
    severity: 'error',
    kinds: ['*'],
    fix: 'suggestion',
    peers: { kubeLinter: ['schema-validation'], istioctl: ['IST0106'] },
    examples: {
      bad: 'securityContext:\n  privileged: "false"\n  runAsUser: "1000"',
      good: 'securityContext:\n  privileged: false\n  runAsUser: 1000',
    },
  },
  check(ctx) {
    const settings = schemaSettingsOf(ctx);
    if (!settings) return;
    const issues = schemaIssues(ctx.resource, settings);
    if (!issues) return;
    for (const issue of issues) {
      if (issue.kind !== 'type' || !inScope(settings, issue)) continue;
      const suggested = convert(ctx.text, issue.node, issue.expected);
      const field = issue.field ?? placeOf(issue.path, ctx.resource.kind);
      let message = `${field} must be ${describeTypes(issue.expected)}, not ${describeValue(issue.node)}: the API server rejects the object, so none of it is applied.`;
      let fixes: Fix[] | (() => Fix[]) = [];
      if (suggested !== undefined) {
        const rendered = renderValue(suggested);
        message += ` Write ${rendered}.`;
        // An exact conversion cannot change what was meant, but on a security field it makes the
        // setting take effect, so there it waits for a person to choose it.
        fixes = () => [{ title: `Change to ${rendered}`, edits: [ctx.fix.replaceValue(issue.node, suggested)], safety: issue.security ? 'suggestion' : 'safe', preferred: true }];
      }
      ctx.report({ node: issue.node, message, fixes, severity: issue.security ? undefined : 'warning' });
    }
  },
});

/** The value that was meant, when the conversion is exact; undefined otherwise. */
function convert(text: string, node: YNode, expected: readonly string[]): YValue | undefined {
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'string') {
      const s = v.trim();
      if (expected.includes('boolean') && /^(true|false)$/i.test(s)) return s.toLowerCase() === 'true';
      if ((expected.includes('integer') || expected.includes('number')) && /^[+-]?\d{1,15}$/.test(s)) return Number(s);
      if (expected.includes('number') && /^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
      if (expected.includes('array')) return [v];
      return undefined;
    }
    if ((typeof v === 'number' || typeof v === 'boolean') && expected.includes('string')) {
      // The text as written: 1.10 stays "1.10", not "1.1".
      return text.slice(node.range![0], node.range![1]);
    }
    if ((typeof v === 'number' || typeof v === 'boolean') && expected.includes('array')) return [v];
    return undefined;
  }
  if (isMap(node) && expected.includes('array')) return undefined;
  if (isSeq(node)) return undefined;
  return undefined;
}

function renderValue(v: YValue): string {
  if (Array.isArray(v)) return `[${v.map((x) => renderValue(x)).join(', ')}]`;
  if (typeof v === 'string') return formatScalar(v);
  return String(v);
}
