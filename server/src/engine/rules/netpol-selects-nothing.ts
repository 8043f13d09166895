import { resourceAnchor } from '../k8s/resource';
import { factsOf } from '../workspace/extractor';
import { defineGraphRule } from '../workspace/graph-rule';
import { netpolFacts } from '../workspace/k8s-facts';
import { netpolOf } from '../workspace/netpol-model';
import { describeLabels, describeSelector } from '../workspace/selectors';

export default defineGraphRule({
  id: 'netpol-selects-nothing',
  meta: {
    title: 'NetworkPolicy that selects no workload',
    description: "A NetworkPolicy's podSelector should match the pod labels of some workload in its namespace.",
    why: 'A policy whose podSelector matches no pod protects nothing. It usually means a typo or a label that was renamed on the workload: the workload the policy was written for runs unprotected while the policy suggests otherwise.',
    how: "Fix the selector to match the workload's pod template labels (spec.template.metadata.labels), or delete the policy. The finding only considers the workloads of the workspace; a policy for workloads deployed from elsewhere can be suppressed.",
    category: 'network-policy',
    severity: 'info',
    kinds: ['NetworkPolicy'],
    fix: 'none',
    peers: { kubeLinter: ['dangling-networkpolicy'], kubescape: ['C-0299'], kubeScore: ['networkpolicy-targets-pod'] },
    examples: {
      bad: 'spec:\n  podSelector:\n    matchLabels: {app: backnd}',
      good: 'spec:\n  podSelector:\n    matchLabels: {app: backend}',
    },
  },
  check(ctx) {
    const f = factsOf(ctx.self, netpolFacts);
    if (!f || f.selectsAll) return;
    const ns = ctx.self.ns ?? '';
    if (ctx.graph.podsMatching(ns, f.podSelector).length > 0) return;
    // Without any workload of the namespace in the workspace there is nothing to compare with.
    const there = ctx.graph.workloads(ns).filter((w) => ns === '' || w.ns === ns);
    if (there.length === 0) return;
    const carried = [...new Set(there.map((w) => describeLabels(w.pod!.labels)))].slice(0, 4);
    const hint = carried.length ? ` (pods there carry ${carried.join('; ')})` : '';
    const where = ctx.self.namespace ? ` of namespace ${ctx.self.namespace}` : '';
    ctx.report({
      node: netpolOf(ctx.resource)?.podSelectorNode ?? resourceAnchor(ctx.resource),
      message: `NetworkPolicy ${ctx.self.name ?? ''} selects ${describeSelector(f.podSelector)}, but no workload${where} in ${ctx.scope} has those pod labels${hint}: the policy protects nothing`,
    });
  },
});
