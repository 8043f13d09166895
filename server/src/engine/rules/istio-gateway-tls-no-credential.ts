import { defineRule } from '../rule';
import { gatewayServers, isIstio, keyNode, str } from '../k8s/istio';
import { get, isScalar, isSeq } from '../parse';

const NEEDS_CERT = new Set(['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL']);

export default defineRule({
  id: 'istio-gateway-tls-no-credential',
  meta: {
    title: 'Gateway TLS server without a certificate',
    description: 'A Gateway server with `tls.mode` `SIMPLE`, `MUTUAL` or `OPTIONAL_MUTUAL` has neither `credentialName` (or `credentialNames`, `tlsCertificates`) nor both `serverCertificate` and `privateKey`.',
    why: 'A server that terminates TLS needs a certificate and key to present. Without one Istio rejects the configuration or the gateway listener cannot start, so the HTTPS endpoint is down, and a common "fix" under pressure is to fall back to plain HTTP or PASSTHROUGH.',
    how: 'Set `credentialName` to a Kubernetes TLS secret in the gateway\'s namespace (preferred: rotated without restarts), or mount files and set `serverCertificate` and `privateKey`.',
    category: 'istio',
    severity: 'error',
    kinds: ['Gateway'],
    standards: { istio: ['Gateway reference: ServerTLSSettings.credentialName'] },
    fix: 'none',
    peers: { istioctl: [] },
    examples: {
      bad: 'tls:\n  mode: SIMPLE',
      good: 'tls:\n  mode: SIMPLE\n  credentialName: shop-example-com-cert',
    },
  },
  check(ctx) {
    if (!isIstio(ctx.resource, 'Gateway')) return;
    for (const server of gatewayServers(ctx.resource)) {
      const mode = str(get(server.tls, 'mode'));
      if (!server.tls || !mode || !NEEDS_CERT.has(mode)) continue;
      const has = (k: string) => {
        const v = get(server.tls, k);
        return isSeq(v) ? v.items.length > 0 : isScalar(v) && v.value !== null && v.value !== '';
      };
      if (has('credentialName') || has('credentialNames') || has('tlsCertificates') || (has('serverCertificate') && has('privateKey'))) continue;
      ctx.report({
        node: keyNode(server.node, 'tls'),
        message: `${server.label} terminates TLS (${mode}) without credentialName or serverCertificate and privateKey: there is no certificate to present, so the listener is rejected`,
      });
    }
  },
});
