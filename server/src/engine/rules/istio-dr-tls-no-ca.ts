import { defineRule } from '../rule';
import { destinationRuleTlsBlocks, isInMeshHost, isIstio, istioMinor, spec, str, type TlsBlock } from '../k8s/istio';
import { get, getString, isScalar } from '../parse';
import type { Fix } from '../types';
import type { RuleContext } from '../rule';

/** Fields that Istio refuses next to ISTIO_MUTUAL (the mesh supplies certificates itself). */
const NOT_WITH_ISTIO_MUTUAL = ['clientCertificate', 'privateKey', 'caCertificates', 'credentialName', 'caCrl'];
export const CA_PLACEHOLDER = '/etc/ssl/certs/REPLACE-WITH-CA-BUNDLE.pem';

export default defineRule({
  id: 'istio-dr-tls-no-ca',
  meta: {
    title: 'DestinationRule TLS without a CA to verify the server',
    description: 'A DestinationRule originates TLS (`tls.mode: SIMPLE` or `MUTUAL`) at the top level, per port or in a subset, without `caCertificates` or `credentialName`.',
    why: 'When a sidecar or gateway originates TLS, `caCertificates` (or the `cacert` in the `credentialName` secret) decides which CA may sign the server certificate. Without it, Istio before 1.21 does not verify the server certificate at all: anyone who can intercept the connection can present any certificate and read or change the traffic. From 1.21 (VERIFY_CERT_AT_CLIENT) the proxy falls back to the operating system CA bundle, so any publicly trusted certificate for any name is accepted unless `subjectAltNames` pins the name. istioctl reports the same as IST0128 (destination level) and IST0129 (port level) but misses subsets and `credentialName`.',
    how: 'Set `caCertificates` to the CA bundle that signs the server (or `credentialName` to a secret holding `cacert`; at sidecars that needs a `workloadSelector`) and `subjectAltNames` to the names the certificate must carry. For services inside the mesh, use `mode: ISTIO_MUTUAL`, which uses and verifies the mesh certificates. Set the Istio release you run (`istio.version` in .kubeward.yaml, `kubeward.istio.version` in VS Code, `--istio-version` on the command line) to describe an older one.',
    category: 'istio',
    severity: 'warning',
    kinds: ['DestinationRule'],
    standards: { istio: ['Security Best Practices: Configure TLS verification in Destination Rule when using TLS origination'] },
    fix: 'suggestion',
    peers: { istioctl: ['IST0128', 'IST0129'] },
    examples: {
      bad: 'trafficPolicy:\n  tls:\n    mode: SIMPLE',
      good: 'trafficPolicy:\n  tls:\n    mode: SIMPLE\n    caCertificates: /etc/ssl/certs/ca-certificates.crt\n    subjectAltNames: ["api.example.com"]',
    },
  },
  check(ctx) {
    if (!isIstio(ctx.resource, 'DestinationRule')) return;
    const host = getString(spec(ctx.resource), 'host') ?? '';
    const modern = istioMinor(ctx.settings) >= 21;
    for (const block of destinationRuleTlsBlocks(ctx.resource)) {
      const mode = str(get(block.tls, 'mode'));
      if (mode !== 'SIMPLE' && mode !== 'MUTUAL') continue;
      if (hasValue(block, 'caCertificates') || hasValue(block, 'credentialName')) continue;
      const skip = get(block.tls, 'insecureSkipVerify');
      if (isScalar(skip) && skip.value === true) continue; // reported by istio-dr-tls-insecure-skip-verify
      const consequence = modern
        ? 'the server certificate is only checked against the OS CA bundle, so any publicly trusted certificate is accepted (before Istio 1.21 it is not verified at all)'
        : 'the server certificate is not verified, so anyone who can intercept the connection can impersonate the server';
      ctx.report({
        node: block.key,
        message: `${block.where} mode ${mode} to "${host}" without caCertificates or credentialName: ${consequence}`,
        fixes: () => fixes(ctx, block, host),
      });
    }
  },
});

function hasValue(block: TlsBlock, key: string): boolean {
  const v = get(block.tls, key);
  return v !== undefined && v !== null && !(isScalar(v) && (v.value === null || v.value === ''));
}

function fixes(ctx: RuleContext, block: TlsBlock, host: string): Fix[] {
  const out: Fix[] = [];
  const modeNode = get(block.tls, 'mode')!;
  if (isInMeshHost(host)) {
    const edits = [ctx.fix.replaceValue(modeNode, 'ISTIO_MUTUAL')];
    for (const k of NOT_WITH_ISTIO_MUTUAL) {
      const e = ctx.fix.removePair(block.tls, k);
      if (e) edits.push(e);
    }
    out.push({ title: 'Use ISTIO_MUTUAL (the mesh certificates, verified by the mesh CA)', edits, safety: 'suggestion', preferred: true });
  }
  const add: Record<string, string | string[]> = { caCertificates: CA_PLACEHOLDER };
  if (!hasValue(block, 'subjectAltNames')) add.subjectAltNames = [host && !host.includes('*') ? host : 'REPLACE-WITH-SERVER-NAME'];
  out.push({
    title: `Add caCertificates${add.subjectAltNames ? ' and subjectAltNames' : ''} (placeholders: fill in the CA bundle path${add.subjectAltNames ? ' and check the server name' : ''})`,
    edits: [ctx.fix.insertIntoMap(block.tls, add)],
    safety: 'suggestion',
    preferred: out.length === 0,
  });
  return out;
}
