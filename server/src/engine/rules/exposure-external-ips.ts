import { defineRule } from '../rule';
import { getMap, getPair, scalarValue, seqItems, type YNode } from '../parse';

export default defineRule({
  id: 'exposure-external-ips',
  meta: {
    title: 'Service externalIPs',
    description: 'Services should not set `spec.externalIPs`.',
    why: 'kube-proxy routes traffic for every address in `externalIPs` to the Service, on every node, without checking who owns the address. A Service can therefore capture traffic meant for another IP (CVE-2020-8554, unfixable in Kubernetes itself), and a legitimate one exposes the workload on addresses no ingress or firewall rule accounts for. Many clusters block the field with the `DenyServiceExternalIPs` admission plugin.',
    how: 'Use a `LoadBalancer` Service or an Ingress/Gateway to receive external traffic. If `externalIPs` is required, restrict who may set it (an admission policy) and suppress this finding with a reason. There is no automatic fix.',
    category: 'exposure',
    severity: 'info',
    kinds: ['Service'],
    fix: 'none',
    peers: { trivy: ['KSV108'] },
    examples: { bad: 'kind: Service\nspec:\n  externalIPs: [203.0.113.10]', good: 'kind: Service\nspec:\n  type: LoadBalancer' },
  },
  check(ctx) {
    const r = ctx.resource;
    if (r.kind !== 'Service' || r.group !== '') return;
    const pair = getPair(getMap(r.node, 'spec'), 'externalIPs');
    const ips = seqItems(pair?.value).map(scalarValue).filter((v) => typeof v === 'string');
    if (!pair || ips.length === 0) return;
    ctx.report({
      node: pair.key as YNode,
      message: `externalIPs (${ips.join(', ')}) makes every node route traffic for these addresses to the Service, whoever owns them (CVE-2020-8554)`,
    });
  },
});
