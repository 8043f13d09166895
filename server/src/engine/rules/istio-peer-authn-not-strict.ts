import { defineRule } from '../rule';
import { isIstio, policyScope, spec, str } from '../k8s/istio';
import { get, getMap, mapPairs, scalarValue, type YNode } from '../parse';

const CONSEQUENCE: Record<string, string> = {
  PERMISSIVE: 'plaintext is accepted next to mutual TLS, so a client without a sidecar connects unauthenticated and unencrypted, and AuthorizationPolicy principals/namespaces conditions never match it',
  DISABLE: 'mutual TLS is off, so traffic is plaintext and peers carry no identity for AuthorizationPolicy to check',
};

export default defineRule({
  id: 'istio-peer-authn-not-strict',
  meta: {
    title: 'PeerAuthentication that accepts plaintext',
    description: 'A PeerAuthentication sets `mtls.mode` or a `portLevelMtls` mode to `PERMISSIVE` or `DISABLE`.',
    why: 'Istio sidecars run in PERMISSIVE mode unless a policy says STRICT: they accept plaintext as well as mutual TLS. Any pod without a sidecar (or any process that reaches the pod IP) can then call the workload without a certificate, unencrypted, and authorization conditions on peer identity (`principals`, `namespaces`) cannot match such calls. DISABLE turns mutual TLS off entirely. PERMISSIVE is meant for a migration window, not as a steady state. A mesh-wide policy (in the root namespace) affects every workload; a namespace-wide one every workload in its namespace; a selector narrows it to the labelled workloads. `UNSET` (or no mode) inherits from the parent policy and is not reported.',
    how: 'Set `mtls.mode: STRICT` (and the same in `portLevelMtls`) once every client of the workload has a sidecar. If a port must accept plaintext (a health check from outside the mesh), keep the exception on that port only, with a selector.',
    category: 'istio',
    severity: 'warning',
    kinds: ['PeerAuthentication'],
    standards: { istio: ['Security Best Practices: Mutual TLS (migrate to STRICT)'] },
    fix: 'suggestion',
    peers: {},
    examples: {
      bad: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: PERMISSIVE',
      good: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: STRICT',
    },
  },
  check(ctx) {
    if (!isIstio(ctx.resource, 'PeerAuthentication')) return;
    const scope = policyScope(ctx.resource, ctx.settings);
    const s = spec(ctx.resource);
    const report = (node: YNode, where: string) => {
      const mode = str(node)!;
      ctx.report({
        node,
        message: `PeerAuthentication ${where}mode ${mode} ${scope.text}: ${CONSEQUENCE[mode]}`,
        fixes: () => [{ title: 'Set the mode to STRICT', edits: [ctx.fix.replaceValue(node, 'STRICT')], safety: 'suggestion', preferred: true }],
      });
    };
    const mode = get(getMap(s, 'mtls'), 'mode');
    if (mode && CONSEQUENCE[str(mode) ?? '']) report(mode, '');
    for (const p of mapPairs(getMap(s, 'portLevelMtls'))) {
      const portMode = get(p.value, 'mode');
      if (portMode && CONSEQUENCE[str(portMode) ?? '']) report(portMode, `port ${String(scalarValue(p.key))} `);
    }
  },
});
