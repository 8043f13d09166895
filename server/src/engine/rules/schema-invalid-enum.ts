import { defineRule } from '../rule';
import type { Fix } from '../types';
import { inScope, schemaIssues, schemaSettingsOf } from '../schema';
import { isScalar } from '../parse';

export default defineRule({
  id: 'schema-invalid-enum',
  meta: {
    title: 'Values outside the allowed set',
    description: 'A value that is not one of those the schema allows, such as an Istio `mode: STRCT` or a seccomp `type: RuntimeDefualt`, with the closest allowed value.',
    why: 'A misspelt mode or profile type is refused by the API server, so the policy or the workload it belongs to is not applied at all; a PeerAuthentication meant to enforce STRICT mutual TLS never takes effect and plain text keeps flowing.',
    how: 'Use one of the allowed values, spelled exactly (they are case-sensitive). The quick fix offers the closest one when a single value is close enough.',
    category: 'schema',
    severity: 'error',
    kinds: ['*'],
    fix: 'suggestion',
    peers: { kubeLinter: ['schema-validation'], istioctl: ['IST0106'] },
    examples: {
      bad: 'spec:\n  mtls:\n    mode: STRCT',
      good: 'spec:\n  mtls:\n    mode: STRICT',
    },
  },
  check(ctx) {
    const settings = schemaSettingsOf(ctx);
    if (!settings) return;
    const issues = schemaIssues(ctx.resource, settings);
    if (!issues) return;
    for (const issue of issues) {
      if (issue.kind !== 'enum' || !inScope(settings, issue)) continue;
      const value = isScalar(issue.node) ? issue.node.value : undefined;
      const shown = issue.allowed.slice(0, 12).map((a) => String(a)).join(', ') + (issue.allowed.length > 12 ? ', …' : '');
      let message = `${JSON.stringify(value)} is not a valid ${issue.field ?? 'value'} (allowed: ${shown}): the API server rejects the object, so none of it is applied.`;
      const sugg = issue.suggestion?.value;
      if (sugg !== undefined) message += ` Did you mean "${sugg}"?`;
      const fixes = sugg !== undefined ? (): Fix[] => [{ title: `Change to "${sugg}"`, edits: [ctx.fix.replaceValue(issue.node, sugg)], safety: 'suggestion', preferred: true }] : [];
      ctx.report({ node: issue.node, message, fixes, severity: issue.security ? undefined : 'warning' });
    }
  },
});
