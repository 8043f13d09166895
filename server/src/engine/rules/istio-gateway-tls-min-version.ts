import { defineRule } from '../rule';
import { gatewayServers, isIstio, istioMinor, keyNode, str } from '../k8s/istio';
import { get } from '../parse';
import type { Fix } from '../types';

const TERMINATING = new Set(['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL']);
const WEAK = new Set(['TLSV1_0', 'TLSV1_1']);

export default defineRule({
  id: 'istio-gateway-tls-min-version',
  meta: {
    title: 'Gateway TLS allows versions below 1.2',
    description: 'A Gateway server that terminates TLS (`SIMPLE`, `MUTUAL`, `OPTIONAL_MUTUAL`) sets `minProtocolVersion` to `TLSV1_0` or `TLSV1_1`, or leaves it to the proxy default (`TLS_AUTO` or unset), which is reported as information.',
    why: 'TLS 1.0 and 1.1 are deprecated (RFC 8996): they rely on weak hash and cipher constructions and are the target of downgrade attacks. Envoy\'s server default is TLS 1.2 since Envoy 1.22 (Istio 1.14); older proxies accept TLS 1.0, so a gateway that relies on the default changes behaviour with the proxy version.',
    how: 'Set `tls.minProtocolVersion: TLSV1_2` (or `TLSV1_3` when every client supports it).',
    category: 'istio',
    severity: 'warning',
    kinds: ['Gateway'],
    standards: { istio: ['Gateway reference: ServerTLSSettings.minProtocolVersion'] },
    fix: 'suggestion',
    peers: {},
    examples: {
      bad: 'tls:\n  mode: SIMPLE\n  credentialName: shop-cert\n  minProtocolVersion: TLSV1_0',
      good: 'tls:\n  mode: SIMPLE\n  credentialName: shop-cert\n  minProtocolVersion: TLSV1_2',
    },
  },
  check(ctx) {
    if (!isIstio(ctx.resource, 'Gateway')) return;
    const oldProxy = istioMinor(ctx.settings) < 14;
    for (const server of gatewayServers(ctx.resource)) {
      const mode = str(get(server.tls, 'mode'));
      if (!server.tls || !mode || !TERMINATING.has(mode)) continue;
      const minNode = get(server.tls, 'minProtocolVersion');
      const min = str(minNode);
      const tls = server.tls;
      const fixes = (): Fix[] => [{ title: 'Set minProtocolVersion: TLSV1_2', edits: [ctx.fix.setIn(tls, ['minProtocolVersion'], 'TLSV1_2')], safety: 'suggestion', preferred: true }];
      if (min && WEAK.has(min)) {
        ctx.report({ node: minNode, message: `${server.label} accepts ${min.replace('TLSV1_', 'TLS 1.')}: deprecated protocol versions open the gateway to downgrade attacks`, fixes });
      } else if (!min || min === 'TLS_AUTO') {
        ctx.report({
          node: minNode ?? keyNode(server.node, 'tls'),
          severity: oldProxy ? undefined : 'info',
          message: `${server.label} does not set minProtocolVersion: the minimum is the proxy default (TLS 1.2 from Istio 1.14, TLS 1.0 before)`,
          fixes,
        });
      }
    }
  },
});
