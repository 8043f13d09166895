import { defineRule } from '../rule';
import { inScope, placeOf, schemaIssues, schemaSettingsOf } from '../schema';

export default defineRule({
  id: 'schema-missing-required',
  meta: {
    title: 'Missing required fields',
    description: 'An object without a field its schema requires, such as a container without `name` or a RoleBinding without `roleRef`.',
    why: 'The API server refuses an object that lacks a required field, so nothing in it is applied: a RoleBinding, a NetworkPolicy or an AuthorizationPolicy that fails to apply leaves the cluster without the protection it describes, often unnoticed in a pipeline that ignores one failed object.',
    how: 'Add the field. The finding sits on the key of the object that lacks it.',
    category: 'schema',
    severity: 'warning',
    kinds: ['*'],
    fix: 'none',
    peers: { kubeLinter: ['schema-validation'], istioctl: ['IST0106'] },
    examples: {
      bad: 'kind: RoleBinding\nsubjects:\n- kind: ServiceAccount\n  name: app',
      good: 'kind: RoleBinding\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: reader\nsubjects:\n- kind: ServiceAccount\n  name: app',
    },
  },
  check(ctx) {
    const settings = schemaSettingsOf(ctx);
    if (!settings) return;
    const issues = schemaIssues(ctx.resource, settings);
    if (!issues) return;
    for (const issue of issues) {
      if (issue.kind !== 'required' || !inScope(settings, issue)) continue;
      ctx.report({
        node: issue.node,
        message: `Missing required field "${issue.missing}" in ${placeOf(issue.path, ctx.resource.kind)}: the API server rejects the object, so none of it is applied.`,
      });
    }
  },
});
