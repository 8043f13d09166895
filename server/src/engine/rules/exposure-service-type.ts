import { defineRule } from '../rule';
import { getMap, getPair, getSeq, isScalar, type YNode } from '../parse';

export default defineRule({
  id: 'exposure-service-type',
  meta: {
    title: 'NodePort or LoadBalancer Service',
    description: 'Services of type `NodePort` or `LoadBalancer` expose workloads outside the cluster network.',
    why: 'A `NodePort` Service opens the port on every node\'s addresses, bypassing ingress controllers, their TLS and authentication, and often firewall rules written for the ingress. A `LoadBalancer` Service asks the cloud for a load balancer that is reachable from the internet unless `loadBalancerSourceRanges` or provider annotations restrict it. Either is easy to create by mistake and hard to notice later.',
    how: 'Use `ClusterIP` and publish HTTP(S) through an Ingress or Gateway with TLS and authentication. Where a load balancer is intended, restrict `loadBalancerSourceRanges` (or use an internal load balancer annotation) and suppress this informational finding with a reason. There is no automatic fix: exposure is a deliberate choice.',
    category: 'exposure',
    severity: 'info',
    kinds: ['Service'],
    fix: 'none',
    peers: { kubeLinter: ['exposed-services'], kubeScore: ['service-type'] },
    examples: { bad: 'kind: Service\nspec:\n  type: NodePort', good: 'kind: Service\nspec:\n  type: ClusterIP' },
  },
  check(ctx) {
    const r = ctx.resource;
    if (r.kind !== 'Service' || r.group !== '') return;
    const spec = getMap(r.node, 'spec');
    const type = getPair(spec, 'type')?.value;
    if (!isScalar(type)) return;
    if (type.value === 'NodePort') {
      ctx.report({ node: type as YNode, message: 'type NodePort opens the port on every node\'s addresses, outside any ingress, TLS or authentication layer' });
    } else if (type.value === 'LoadBalancer') {
      const restricted = (getSeq(spec, 'loadBalancerSourceRanges')?.items.length ?? 0) > 0;
      ctx.report({
        node: type as YNode,
        message: restricted
          ? 'type LoadBalancer exposes the Service through an external load balancer (restricted by loadBalancerSourceRanges)'
          : 'type LoadBalancer exposes the Service through an external load balancer, reachable from anywhere: no loadBalancerSourceRanges restrict it',
      });
    }
  },
});
