import { defineRule } from '../rule';
import { gatewayServers, isIstio, stringItems } from '../k8s/istio';
import { get } from '../parse';

export default defineRule({
  id: 'istio-gateway-wildcard-host',
  meta: {
    title: 'Gateway server exposes every host',
    description: 'A Gateway server lists `"*"` or `"*/*"` in `hosts`.',
    why: 'A Gateway\'s `hosts` decide which VirtualServices may bind to it. `"*"` (any host, from any namespace) lets every VirtualService in the cluster that names this gateway publish any domain through it, so a team that can create a VirtualService can expose an internal service on the edge or take over another team\'s hostname. Istio\'s security best practices recommend specific domains or `namespace/host` entries.',
    how: 'List the domains the gateway serves (`shop.example.com`), or restrict by namespace (`shop/*`, `shop/shop.example.com`). Keep Gateway creation to cluster administrators with RBAC.',
    category: 'istio',
    severity: 'warning',
    kinds: ['Gateway'],
    standards: { istio: ['Security Best Practices: Avoid overly broad hosts configurations'] },
    fix: 'none',
    peers: {},
    examples: {
      bad: 'servers:\n- port: {number: 80, name: http, protocol: HTTP}\n  hosts: ["*"]',
      good: 'servers:\n- port: {number: 80, name: http, protocol: HTTP}\n  hosts: ["shop/shop.example.com"]',
    },
  },
  check(ctx) {
    if (!isIstio(ctx.resource, 'Gateway')) return;
    for (const server of gatewayServers(ctx.resource)) {
      for (const host of stringItems(get(server.node, 'hosts'))) {
        if (host.value !== '*' && host.value !== '*/*') continue;
        ctx.report({
          node: host.node,
          message: `${server.label} accepts host "${host.value}": any VirtualService${host.value === '*/*' ? ' in any namespace' : ''} can bind to this gateway and expose any domain through it`,
        });
      }
    }
  },
});
