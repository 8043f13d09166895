import { resourceAnchor } from '../k8s/resource';
import { get, getMap } from '../parse';
import { factsOf } from '../workspace/extractor';
import { defineGraphRule } from '../workspace/graph-rule';
import { serviceFacts } from '../workspace/k8s-facts';
import { describeLabels, matchesMap } from '../workspace/selectors';

export default defineGraphRule({
  id: 'ref-service-selects-nothing',
  meta: {
    title: 'Service whose selector matches no workload',
    description: "A Service's selector should match the pod labels of some workload in its namespace.",
    why: 'A Service that selects no pods has no endpoints: clients get connection errors, and the label mismatch often hides a security mistake, such as a NetworkPolicy or an AuthorizationPolicy written against the labels the Service was meant to use, that now protects nothing. A Service that later matches pods by accident exposes them.',
    how: "Make the selector match the workload's pod template labels. The finding only considers the workloads of the workspace.",
    category: 'exposure',
    severity: 'info',
    kinds: ['Service'],
    fix: 'none',
    peers: { kubeLinter: ['dangling-service'], kubescape: ['C-0293'], kubeScore: ['service-targets-pod'] },
    examples: {
      bad: 'kind: Service\nspec:\n  selector:\n    app: fronend',
      good: 'kind: Service\nspec:\n  selector:\n    app: frontend',
    },
  },
  check(ctx) {
    const f = factsOf(ctx.self, serviceFacts);
    if (!f?.selector || f.type === 'ExternalName') return;
    const ns = ctx.self.ns ?? '';
    const workloads = ctx.graph.workloads(ns).filter((w) => w.kind !== 'PodTemplate' && (ns === '' || w.ns === ns || w.ns === ''));
    // Without any workload of the namespace in the workspace there is nothing to compare with.
    if (workloads.length === 0) return;
    if (workloads.some((w) => matchesMap(f.selector!, w.pod!.labels))) return;
    const carried = [...new Set(workloads.map((w) => describeLabels(w.pod!.labels)))].slice(0, 4);
    ctx.report({
      node: get(getMap(ctx.resource.node, 'spec'), 'selector') ?? resourceAnchor(ctx.resource),
      message: `Service ${ctx.self.name ?? ''} selects ${describeLabels(f.selector)}, but no workload${ctx.self.namespace ? ` of namespace ${ctx.self.namespace}` : ''} in ${ctx.scope} has those pod labels (they carry ${carried.join('; ')}): the Service has no endpoints`,
    });
  },
});
