import { podSpecOf, resourceAnchor, WORKLOAD_KINDS } from '../k8s/resource';
import { getScalar } from '../parse';
import { factsOf } from '../workspace/extractor';
import { defineGraphRule } from '../workspace/graph-rule';
import { netpolFacts } from '../workspace/k8s-facts';
import { defaultDenyFixes } from '../workspace/netpol-fixes';
import { describeLabels, describeSelector, matchesSelector } from '../workspace/selectors';

export default defineGraphRule({
  id: 'netpol-not-isolated',
  meta: {
    title: 'Workload selected by no NetworkPolicy',
    description: 'Every workload should be selected by at least one NetworkPolicy (a namespace default-deny policy selects them all).',
    why: 'A pod that no NetworkPolicy selects is not isolated: it accepts connections from every pod of every namespace and can open connections to anything, the cloud metadata endpoint and the internet included. One compromised pod anywhere in the cluster can then reach it, and it can reach everything.',
    how: 'Add a default-deny NetworkPolicy to the namespace (`podSelector: {}`, `policyTypes: [Ingress, Egress]`, no rules), then policies that allow the traffic the workload needs. The quick fixes append a default-deny policy, alone or with one that allows DNS egress.',
    category: 'network-policy',
    severity: 'warning',
    kinds: WORKLOAD_KINDS.filter((k) => k !== 'PodTemplate'),
    standards: { cis: ['5.3.2'] },
    fix: 'suggestion',
    peers: {
      checkov: ['CKV2_K8S_6'],
      kubeLinter: ['non-isolated-pod'],
      polaris: ['missingNetworkPolicy'],
      kubescape: ['C-0260'],
      kubeScore: ['pod-networkpolicy'],
    },
    examples: {
      bad: 'kind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n# and no NetworkPolicy in namespace shop selects app=web',
      good: 'kind: NetworkPolicy\nmetadata:\n  name: default-deny-all\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]',
    },
  },
  check(ctx) {
    const w = ctx.self;
    if (!w.pod || w.kind === 'PodTemplate') return;
    // NetworkPolicies do not apply to pods on the host network.
    if (getScalar(podSpecOf(ctx.resource)?.spec, 'hostNetwork') === true) return;
    const policies = ctx.graph.objects('NetworkPolicy', w.ns ?? '');
    const labels = w.pod.labels;
    if (policies.some((p) => { const f = factsOf(p, netpolFacts); return !!f && matchesSelector(f.podSelector, labels); })) return;
    const others = policies.filter((p) => p.ns === w.ns).slice(0, 3);
    const ns = w.namespace ? ` in namespace ${w.namespace}` : '';
    const also = others.length ? `; the NetworkPolicies${ns} select other pods` : '';
    ctx.report({
      node: resourceAnchor(ctx.resource),
      message: `${w.kind} ${w.name ?? ''} is not selected by any NetworkPolicy in ${ctx.scope}: its pods${Object.keys(labels).length ? ` (${describeLabels(labels)})` : ''} accept connections from every pod of the cluster and can connect anywhere${also}`.replace(`${w.kind}  is`, `${w.kind} is`),
      related: others.map((p) => ctx.related(p, `NetworkPolicy ${p.name ?? ''} selects ${describeSelector(factsOf(p, netpolFacts)!.podSelector)}`, factsOf(p, netpolFacts)!.podSelectorLoc)),
      fixes: defaultDenyFixes(ctx, w.namespace),
    });
  },
});
