import { defineRule } from '../rule';
import type { Fix } from '../types';
import { consequenceOf, inScope, misplacements, placeOf, removeField, schemaIssues, schemaSettingsOf } from '../schema';
import { ownPair } from '../schema/data';
import type { YNode } from '../parse';

export default defineRule({
  id: 'schema-unknown-field',
  meta: {
    title: 'Unknown fields',
    description: 'A field the schema of the kind does not define, usually a misspelt one (`runAsNonroot`), with the closest valid name.',
    why: 'The API server drops fields it does not know (only kubectl\'s strict validation refuses them; Helm, Argo CD and most controllers do not). A misspelt security field therefore vanishes without a word: `runAsNonroot: true` leaves the container free to run as root while the manifest looks hardened.',
    how: 'Rename the field to the one the schema defines (the quick fix offers the closest name: same letters in another case, or one or two edits away), or remove it. With `kubeward.schema.scope` set to `security` (the default), only fields on security-relevant paths are reported.',
    category: 'schema',
    severity: 'error',
    kinds: ['*'],
    fix: 'suggestion',
    peers: { kubeLinter: ['schema-validation'], istioctl: ['IST0106'] },
    examples: {
      bad: 'securityContext:\n  runAsNonroot: true',
      good: 'securityContext:\n  runAsNonRoot: true',
    },
  },
  check(ctx) {
    const settings = schemaSettingsOf(ctx);
    if (!settings) return;
    const issues = schemaIssues(ctx.resource, settings);
    if (!issues) return;
    // Misplaced security fields have their own rule, with a fix that moves them.
    const misplaced = new Set(misplacements(ctx.resource).map((m) => m.pair.key));
    for (const issue of issues) {
      if (issue.kind !== 'unknown' || !inScope(settings, issue) || misplaced.has(issue.pair.key)) continue;
      const sugg = issue.suggestion?.value;
      const taken = sugg !== undefined && ownPair(issue.map, sugg) !== undefined;
      const consequence = consequenceOf(sugg ?? issue.key);
      let message = `Unknown field "${issue.key}" in ${placeOf(issue.path, ctx.resource.kind)}: Kubernetes drops it, so ${consequence}.`;
      if (sugg !== undefined) message += taken ? ` "${sugg}" is already set here.` : ` Did you mean "${sugg}"?`;
      const fixes = (): Fix[] => {
        const out: Fix[] = [];
        if (sugg !== undefined && !taken) {
          const keyNode = issue.pair.key as YNode;
          const quote = ctx.text[keyNode.range![0]];
          const text = quote === '"' || quote === "'" ? `${quote}${sugg}${quote}` : sugg;
          out.push({ title: `Rename "${issue.key}" to "${sugg}"`, edits: [ctx.fix.replace(keyNode, text)], safety: 'suggestion', preferred: true });
        }
        const removal = removeField(ctx.text, ctx.resource, issue.map, issue.key);
        if (removal) out.push({ title: `Remove the unknown field "${issue.key}"`, edits: [removal], safety: 'suggestion', preferred: out.length === 0 });
        return out;
      };
      ctx.report({ node: issue.node, message, fixes, severity: issue.security ? undefined : 'warning' });
    }
  },
});
