import { defineRule } from '../rule';
import { destinationRuleTlsBlocks, isIstio, spec } from '../k8s/istio';
import { get, getString, isScalar } from '../parse';

export default defineRule({
  id: 'istio-dr-tls-insecure-skip-verify',
  meta: {
    title: 'DestinationRule skips server certificate verification',
    description: 'A DestinationRule sets `tls.insecureSkipVerify: true` at the top level, per port or in a subset.',
    why: '`insecureSkipVerify` tells the proxy not to check the CA signature or the subject alternative names of the server certificate. The connection is encrypted but not authenticated: anyone who can intercept it (DNS spoofing, a compromised network hop, a rogue egress) can present any certificate and read or change the traffic, including credentials the application sends.',
    how: 'Remove `insecureSkipVerify` (or set it to `false`) and give the proxy the CA that signs the server (`caCertificates` or `credentialName`) and the names to expect (`subjectAltNames`).',
    category: 'istio',
    severity: 'error',
    kinds: ['DestinationRule'],
    standards: { istio: ['Security Best Practices: Configure TLS verification in Destination Rule when using TLS origination'] },
    fix: 'suggestion',
    peers: {},
    examples: {
      bad: 'tls:\n  mode: SIMPLE\n  insecureSkipVerify: true',
      good: 'tls:\n  mode: SIMPLE\n  caCertificates: /etc/ssl/certs/ca-certificates.crt\n  subjectAltNames: ["api.example.com"]',
    },
  },
  check(ctx) {
    if (!isIstio(ctx.resource, 'DestinationRule')) return;
    const host = getString(spec(ctx.resource), 'host') ?? '';
    for (const block of destinationRuleTlsBlocks(ctx.resource)) {
      const v = get(block.tls, 'insecureSkipVerify');
      if (!isScalar(v) || v.value !== true) continue;
      ctx.report({
        node: v,
        message: `${block.where} to "${host}" skips server certificate verification: the connection is encrypted but anyone who can intercept it can impersonate the server`,
        fixes: () => [{ title: 'Set insecureSkipVerify: false (verify the server certificate)', edits: [ctx.fix.replaceValue(v, false)], safety: 'suggestion', preferred: true }],
      });
    }
  },
});
