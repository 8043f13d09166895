import { defineRule } from '../rule';
import { WORKLOAD_KINDS } from '../k8s/resource';
import { get, getMap, getPair, getString, type YNode } from '../parse';

/** The option this rule reads: `requiredLabels: string[]` under the rule options (`requiredLabels` in .kubeward.yaml). */
export function requiredLabels(options: Record<string, unknown>): string[] {
  const v = options.requiredLabels;
  return Array.isArray(v) ? v.filter((e): e is string => typeof e === 'string' && e.trim() !== '').map((e) => e.trim()) : [];
}

export default defineRule({
  id: 'workload-required-labels',
  meta: {
    title: 'Workload without a required label',
    description: 'Workloads must carry every label listed in the `requiredLabels` option (for example `app.kubernetes.io/name` or `team`), with a non-empty value. The rule does nothing until that option is set.',
    why: 'Ownership and application labels are how incidents are routed, how NetworkPolicies and PodDisruptionBudgets select pods, and how cost and access are attributed. A workload without them is an orphan: nobody is paged for it, and policies written against the labels silently miss it.',
    how: 'Add the missing labels under `metadata.labels`. Set the list in `.kubeward.yaml` as `requiredLabels: [app.kubernetes.io/name, team]` (the rule option `ruleOptions.requiredLabels`). There is no automatic fix: the values are yours to choose.',
    category: 'workload',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    fix: 'none',
    peers: {
      kubeLinter: ['required-label-owner'],
    },
    examples: {
      bad: '# requiredLabels: [team]\nmetadata:\n  name: web\n  labels:\n    app: web',
      good: '# requiredLabels: [team]\nmetadata:\n  name: web\n  labels:\n    app: web\n    team: payments',
    },
  },
  check(ctx) {
    const required = requiredLabels(ctx.settings.ruleOptions);
    if (required.length === 0 || !WORKLOAD_KINDS.includes(ctx.resource.kind)) return;
    const metaPair = getPair(ctx.resource.node, 'metadata');
    const meta = getMap(ctx.resource.node, 'metadata');
    const labelsPair = getPair(meta, 'labels');
    const labels = getMap(meta, 'labels');
    const missing = required.filter((k) => {
      const v = getString(labels, k);
      return v === undefined || v.trim() === '';
    });
    if (missing.length === 0) return;
    // The most specific node: an empty value, else the labels key, else metadata, else kind.
    const empty = missing.length === 1 ? get(labels, missing[0]) : undefined;
    const node = (empty && getString(labels, missing[0]) !== undefined ? empty : undefined) ?? labelsPair?.key ?? metaPair?.key ?? get(ctx.resource.node, 'kind');
    const list = missing.map((k) => `"${k}"`).join(', ');
    ctx.report({
      node: node as YNode,
      message: `${ctx.resource.kind}${ctx.resource.name ? ` "${ctx.resource.name}"` : ''} has no ${list} label${missing.length === 1 ? '' : 's'} (required by requiredLabels): nobody can tell who owns it, and policies that select on ${missing.length === 1 ? 'it' : 'them'} miss it`,
    });
  },
});
