import { defineRule } from '../rule';
import { isIstio, spec, stringItems } from '../k8s/istio';
import { get } from '../parse';

/** Why an address covers too much, or undefined. Broad: shorter than /8 (IPv4) or /16 (IPv6). */
export function broadAddress(addr: string): string | undefined {
  const m = /^(.+)\/(\d+)$/.exec(addr.trim());
  if (!m) return undefined;
  const bits = Number(m[2]);
  const v6 = m[1].includes(':');
  if (bits === 0) return 'every address';
  if (!v6 && bits < 8) return `${2 ** (32 - bits)} addresses (more than a /8)`;
  if (v6 && bits < 16) return 'more than a /16 of the IPv6 space';
  return undefined;
}

export default defineRule({
  id: 'istio-service-entry-broad',
  meta: {
    title: 'ServiceEntry for every host or a huge address range',
    description: 'A ServiceEntry lists the host `"*"`, a wildcard over a whole top-level domain (`*.com`), or an address range such as `0.0.0.0/0` (anything shorter than /8 for IPv4 or /16 for IPv6).',
    why: 'A ServiceEntry adds destinations to the mesh registry. With `outboundTrafficPolicy: REGISTRY_ONLY` the registry is the egress allow-list, so an entry for every host or every address re-opens egress to the whole internet. Since `exportTo` defaults to all namespaces, one such entry affects every workload in the mesh.',
    how: 'List the external hosts that are needed (`api.example.com`, or `*.example.com` for one domain) and the narrowest address ranges, and restrict `exportTo` to the namespaces that need them. Route egress through an egress gateway with NetworkPolicy if it must be enforced.',
    category: 'istio',
    severity: 'warning',
    kinds: ['ServiceEntry'],
    standards: { istio: ['Security Best Practices: Securing egress traffic'] },
    fix: 'none',
    peers: {},
    examples: {
      bad: 'spec:\n  hosts: ["*"]\n  addresses: ["0.0.0.0/0"]\n  location: MESH_EXTERNAL',
      good: 'spec:\n  hosts: ["api.example.com"]\n  location: MESH_EXTERNAL\n  exportTo: ["."]',
    },
  },
  check(ctx) {
    if (!isIstio(ctx.resource, 'ServiceEntry')) return;
    const s = spec(ctx.resource);
    for (const host of stringItems(get(s, 'hosts'))) {
      const broad = host.value === '*' ? 'every host' : /^\*\.[^.]+\.?$/.test(host.value) ? `every host under the top-level domain "${host.value.slice(2)}"` : undefined;
      if (!broad) continue;
      ctx.report({ node: host.node, message: `ServiceEntry host "${host.value}" registers ${broad}: egress restricted to the registry (REGISTRY_ONLY) is open to all of it` });
    }
    for (const addr of stringItems(get(s, 'addresses'))) {
      const broad = broadAddress(addr.value);
      if (!broad) continue;
      ctx.report({ node: addr.node, message: `ServiceEntry address "${addr.value}" covers ${broad}: egress restricted to the registry is open to all of it` });
    }
  },
});
