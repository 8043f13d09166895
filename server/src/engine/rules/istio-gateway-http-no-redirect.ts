import { defineRule } from '../rule';
import { gatewayServers, isEgressGateway, isIstio } from '../k8s/istio';
import { get, isScalar } from '../parse';

export default defineRule({
  id: 'istio-gateway-http-no-redirect',
  meta: {
    title: 'Gateway serves plain HTTP without redirecting to HTTPS',
    description: 'A Gateway server with `port.protocol: HTTP` does not set `tls.httpsRedirect: true`. Egress gateways (selector `istio: egressgateway`), which receive plain HTTP from sidecars to originate TLS, are not checked.',
    why: 'A plain HTTP server on a gateway carries requests, cookies and tokens unencrypted over the network in front of the mesh. Clients that start on `http://` (typed URLs, old links) stay on plaintext unless the gateway answers with a redirect to HTTPS.',
    how: 'Set `tls.httpsRedirect: true` on HTTP servers so they answer 301 to `https://`, and serve the content from an HTTPS server. Keep a plain HTTP server only for what needs it (ACME HTTP-01 challenges), with hosts limited to that.',
    category: 'istio',
    severity: 'warning',
    kinds: ['Gateway'],
    standards: { istio: ['Gateway reference: ServerTLSSettings.httpsRedirect'] },
    fix: 'suggestion',
    peers: {},
    examples: {
      bad: '- port: {number: 80, name: http, protocol: HTTP}\n  hosts: ["shop.example.com"]',
      good: '- port: {number: 80, name: http, protocol: HTTP}\n  hosts: ["shop.example.com"]\n  tls:\n    httpsRedirect: true',
    },
  },
  check(ctx) {
    if (!isIstio(ctx.resource, 'Gateway')) return;
    // Egress gateways take plain HTTP from sidecars and originate TLS themselves (DestinationRule).
    if (isEgressGateway(ctx.resource)) return;
    for (const server of gatewayServers(ctx.resource)) {
      if (server.protocol !== 'HTTP' || !server.protocolNode) continue;
      const redirect = get(server.tls, 'httpsRedirect');
      if (isScalar(redirect) && redirect.value === true) continue;
      ctx.report({
        node: server.protocolNode,
        message: `${server.label} serves plain HTTP without tls.httpsRedirect: requests and credentials travel unencrypted and clients are not sent to HTTPS`,
        fixes: () => [{ title: 'Set tls.httpsRedirect: true (answer with a redirect to HTTPS)', edits: [ctx.fix.setIn(server.node, ['tls', 'httpsRedirect'], true)], safety: 'suggestion', preferred: true }],
      });
    }
  },
});
