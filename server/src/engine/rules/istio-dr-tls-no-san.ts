import { defineRule } from '../rule';
import { destinationRuleTlsBlocks, isIstio, istioMinor, spec, str } from '../k8s/istio';
import { get, getString, isScalar, isSeq } from '../parse';
import type { YValue } from '../fix';
import type { Fix } from '../types';

export default defineRule({
  id: 'istio-dr-tls-no-san',
  meta: {
    title: 'DestinationRule TLS without subjectAltNames or sni',
    description: 'A DestinationRule originates TLS (`SIMPLE` or `MUTUAL`) without `subjectAltNames` (the names the server certificate must carry) or without `sni` (the name sent in the handshake).',
    why: 'A CA bundle alone accepts any certificate that CA signed, for any name; `subjectAltNames` pins the server identity. From Istio 1.21 the proxy sets SNI and checks the certificate name from the HTTP Host header when these fields are empty, but only for HTTP traffic: TCP and TLS traffic gets no SNI (many servers then present a default certificate or refuse the handshake) and no name check. Before 1.21 there is no automatic name check at all.',
    how: 'Set `subjectAltNames` to the DNS names (or SPIFFE ids) the server certificate carries and `sni` to the name the server expects. The quick fix fills both with the rule\'s `host` when it is a concrete name.',
    category: 'istio',
    severity: 'info',
    kinds: ['DestinationRule'],
    standards: { istio: ['Security Best Practices: Configure TLS verification in Destination Rule when using TLS origination', 'DestinationRule reference: ClientTLSSettings.subjectAltNames, sni'] },
    fix: 'suggestion',
    peers: {},
    examples: {
      bad: 'tls:\n  mode: SIMPLE\n  caCertificates: /etc/ssl/certs/ca-certificates.crt',
      good: 'tls:\n  mode: SIMPLE\n  caCertificates: /etc/ssl/certs/ca-certificates.crt\n  subjectAltNames: ["api.example.com"]\n  sni: api.example.com',
    },
  },
  check(ctx) {
    if (!isIstio(ctx.resource, 'DestinationRule')) return;
    const host = getString(spec(ctx.resource), 'host') ?? '';
    const modern = istioMinor(ctx.settings) >= 21;
    for (const block of destinationRuleTlsBlocks(ctx.resource)) {
      const mode = str(get(block.tls, 'mode'));
      if (mode !== 'SIMPLE' && mode !== 'MUTUAL') continue;
      const san = get(block.tls, 'subjectAltNames');
      const sni = get(block.tls, 'sni');
      const missing: string[] = [];
      if (!isSeq(san) || san.items.length === 0) missing.push('subjectAltNames');
      if (!isScalar(sni) || sni.value === null || sni.value === '') missing.push('sni');
      if (missing.length === 0) continue;
      const auto = modern ? 'Istio derives them from the HTTP Host header for HTTP traffic only' : 'before Istio 1.21 nothing fills them in';
      const consequence = missing.includes('subjectAltNames') ? 'any certificate the CA signed is accepted for this server' : 'the server may present a default certificate';
      const concrete = host !== '' && !host.includes('*') && host.includes('.');
      ctx.report({
        node: block.key,
        message: `${block.where} mode ${mode} to "${host}" has no ${missing.join(' or ')}: ${auto}, so for other traffic ${consequence}`,
        fixes: concrete
          ? (): Fix[] => {
              const add: Record<string, YValue> = {};
              if (missing.includes('subjectAltNames')) add.subjectAltNames = [host];
              if (missing.includes('sni')) add.sni = host;
              return [{ title: `Set ${missing.join(' and ')} to "${host}"`, edits: [ctx.fix.insertIntoMap(block.tls, add)], safety: 'suggestion', preferred: true }];
            }
          : [],
      });
    }
  },
});
