import { defineRule } from '../rule';
import { get, getPair, seqItems, type YNode } from '../parse';
import { isRole } from '../workspace/rbac-model';
import { describeSelector, parseSelector } from '../workspace/selectors';

export default defineRule({
  id: 'rbac-aggregation-rule',
  meta: {
    title: 'Aggregated ClusterRoles',
    description: 'A ClusterRole with an `aggregationRule` takes its permissions from every ClusterRole whose labels match; review who can create such ClusterRoles.',
    why: 'The rules of an aggregated ClusterRole are not written in it: the controller manager fills them with the rules of every ClusterRole that carries the selected labels, now and in the future. Its permissions grow whenever someone installs or labels a ClusterRole, and anyone allowed to create ClusterRoles can extend every subject bound to it.',
    how: 'Prefer a ClusterRole with explicit rules. Where aggregation is wanted (extending admin/edit/view for CRDs), use specific labels and keep ClusterRole creation limited to cluster administrators.',
    category: 'rbac',
    severity: 'info',
    kinds: ['ClusterRole'],
    fix: 'none',
    examples: {
      bad: 'aggregationRule:\n  clusterRoleSelectors:\n  - matchLabels:\n      rbac.example.com/aggregate-to-monitoring: "true"',
      good: 'rules:\n- apiGroups: ["monitoring.coreos.com"]\n  resources: ["servicemonitors"]\n  verbs: ["get", "list", "watch"]',
    },
  },
  check(ctx) {
    if (ctx.resource.kind !== 'ClusterRole' || !isRole(ctx.resource)) return;
    const pair = getPair(ctx.resource.node, 'aggregationRule');
    if (!pair) return;
    const selectors = seqItems(get(pair.value, 'clusterRoleSelectors'))
      .map((s) => parseSelector(s))
      .filter((s) => !!s)
      .map((s) => describeSelector(s!));
    const labelled = selectors.length ? `labelled ${selectors.join(' or ')}` : 'its selectors match';
    ctx.report({
      node: pair.key as YNode,
      message: `ClusterRole${ctx.resource.name ? ` "${ctx.resource.name}"` : ''} aggregates the rules of every ClusterRole ${labelled}: its permissions grow whenever such a ClusterRole is created or labelled`,
    });
  },
});
