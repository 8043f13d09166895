import { defineGraphRule } from '../workspace/graph-rule';
import { destinationRuleTlsBlocks, isIstio, istioRootNamespace, spec, str } from '../k8s/istio';
import { effectiveMtls } from '../k8s/istio-mesh';
import { get, getString } from '../parse';

/** The namespace of an in-cluster host: `svc` (the rule's own), `svc.ns`, `svc.ns.svc.cluster.local`. */
export function hostNamespace(host: string, own: string | undefined): string | undefined {
  if (!host || host.includes('*')) return undefined;
  const parts = host.split('.');
  if (parts.length === 1) return own;
  if (parts.length === 2) return parts[1];
  if (parts[2] === 'svc') return parts[1];
  return undefined;
}

export default defineGraphRule({
  id: 'istio-dr-tls-disable-strict',
  meta: {
    title: 'DestinationRule sends plaintext to a STRICT namespace',
    description: 'A DestinationRule sets `tls.mode: DISABLE` (top level, port or subset) for a host whose namespace requires mutual TLS through a STRICT PeerAuthentication.',
    why: 'DISABLE makes the client sidecar send plaintext. A server in STRICT mode refuses it, so every request fails; the usual emergency fix is to relax the server to PERMISSIVE, which removes mutual TLS for every caller. Traffic between sidecars should use ISTIO_MUTUAL (or no tls setting: auto mTLS picks it).',
    how: 'Set `tls.mode: ISTIO_MUTUAL` or remove the `tls` block so that auto mTLS applies. The check uses the PeerAuthentications of the files being linted (the workspace graph).',
    category: 'istio',
    severity: 'warning',
    kinds: ['DestinationRule'],
    standards: { istio: ['Security Best Practices: Mutual TLS'] },
    fix: 'suggestion',
    peers: {},
    examples: {
      bad: 'spec:\n  host: payments.shop.svc.cluster.local\n  trafficPolicy:\n    tls:\n      mode: DISABLE',
      good: 'spec:\n  host: payments.shop.svc.cluster.local\n  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL',
    },
  },
  check(ctx) {
    if (!isIstio(ctx.resource, 'DestinationRule')) return;
    const host = getString(spec(ctx.resource), 'host') ?? '';
    const ns = hostNamespace(host, ctx.resource.namespace);
    if (!ns) return;
    const decision = effectiveMtls(ctx.graph, ns, undefined, istioRootNamespace(ctx.settings));
    if (decision.mode !== 'STRICT' || !decision.source) return;
    for (const block of destinationRuleTlsBlocks(ctx.resource)) {
      const mode = get(block.tls, 'mode');
      if (str(mode) !== 'DISABLE') continue;
      ctx.report({
        node: mode,
        message: `${block.where} mode DISABLE sends plaintext to "${host}", but namespace "${ns}" requires mutual TLS (${ctx.describe(decision.source)}): requests fail, and relaxing the server to PERMISSIVE would drop mTLS for every caller`,
        related: [ctx.related(decision.source, 'STRICT PeerAuthentication')],
        fixes: [{ title: 'Set the mode to ISTIO_MUTUAL', edits: [ctx.fix.replaceValue(mode!, 'ISTIO_MUTUAL')], safety: 'suggestion', preferred: true }],
      });
    }
  },
});
