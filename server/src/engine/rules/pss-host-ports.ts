import { defineRule } from '../rule';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { isUnset, suggestion } from '../k8s/security-context';
import { get, isMap, scalarValue, seqItems } from '../parse';

export default defineRule({
  id: 'pss-host-ports',
  meta: {
    title: 'Host ports (hostPort)',
    description: 'Containers must not bind `ports[*].hostPort` (any value other than 0).',
    why: 'A hostPort opens the port on every address of the node the pod runs on, bypassing Services and most NetworkPolicy implementations, and ties the pod to nodes where the port is free. It exposes the workload outside the cluster network without anyone noticing in the Service list.',
    how: 'Remove `hostPort` and expose the container through a Service (ClusterIP, or NodePort/LoadBalancer when it must be reachable from outside).',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'baseline', check: 'hostPorts' }, cis: ['5.2.12'] },
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_26'],
      polaris: ['hostPortSet'],
      kubescape: ['C-0044', 'C-0204'],
      trivy: ['KSV-0024'],
    },
    examples: {
      bad: 'ports:\n- containerPort: 8080\n  hostPort: 8080',
      good: 'ports:\n- containerPort: 8080',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    for (const c of containersOf(pod)) {
      for (const port of seqItems(get(c.node, 'ports'))) {
        if (!isMap(port)) continue;
        const node = get(port, 'hostPort');
        if (isUnset(node) || scalarValue(node) === 0) continue;
        ctx.report({
          node,
          message: `baseline: host ports are not allowed: ${describeContainer(c)} binds hostPort ${String(scalarValue(node) ?? '')} on the node's network interfaces`,
          fixes: () => {
            const edit = ctx.fix.removePair(port, 'hostPort');
            return edit ? [suggestion('Remove hostPort (expose the port through a Service)', [edit])] : [];
          },
        });
      }
    }
  },
});
