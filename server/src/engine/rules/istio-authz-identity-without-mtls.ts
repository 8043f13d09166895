import { defineGraphRule } from '../workspace/graph-rule';
import { authzAction, authzRules, isIstio, istioMinor, istioRootNamespace, workloadSelector } from '../k8s/istio';
import { effectiveMtls, securityApiVersion, strictPeerAuthenticationDoc } from '../k8s/istio-mesh';
import { isSeq } from '../parse';
import type { Fix } from '../types';

const IDENTITY = new Set(['principals', 'notPrincipals', 'namespaces', 'notNamespaces', 'serviceAccounts', 'notServiceAccounts']);

export default defineGraphRule({
  id: 'istio-authz-identity-without-mtls',
  meta: {
    title: 'Peer identity condition without STRICT mutual TLS',
    description: 'An AuthorizationPolicy matches on peer identity (`principals`, `namespaces`, `serviceAccounts` or their `not*` forms) for workloads that no PeerAuthentication puts in STRICT mode.',
    why: 'Peer identity comes from the client\'s mTLS certificate. In PERMISSIVE mode (Istio\'s default) a plaintext caller has no identity, so identity conditions never match it: a DENY on `principals` does not stop it, and an ALLOW on `notPrincipals` lets it in, which makes the policy bypassable by simply not using mTLS. An ALLOW on `principals` fails closed but depends on an mTLS mode nothing enforces.',
    how: 'Make mutual TLS STRICT for the workloads the policy protects (the quick fix appends a PeerAuthentication with the policy\'s selector), or mesh-wide in the root namespace. The check uses the objects of the files being linted (the workspace graph).',
    category: 'istio',
    severity: 'warning',
    kinds: ['AuthorizationPolicy'],
    standards: { istio: ['AuthorizationPolicy reference: Source.principals requires mTLS', 'Security Best Practices: Mutual TLS'] },
    fix: 'suggestion',
    peers: {},
    examples: {
      bad: '# no STRICT PeerAuthentication\nkind: AuthorizationPolicy\nspec:\n  action: DENY\n  rules:\n  - from:\n    - source:\n        principals: ["cluster.local/ns/dev/sa/tester"]',
      good: 'kind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: STRICT',
    },
  },
  check(ctx) {
    if (!isIstio(ctx.resource, 'AuthorizationPolicy')) return;
    const ns = ctx.resource.namespace;
    if (ns === undefined) return;
    const root = istioRootNamespace(ctx.settings);
    const sel = workloadSelector(ctx.resource);
    const labels = sel ? Object.fromEntries(sel) : undefined;
    const decision = effectiveMtls(ctx.graph, ns, labels, root);
    if (decision.mode === 'STRICT') return;
    const { action } = authzAction(ctx.resource);
    const where = decision.source ? `${ctx.describe(decision.source)} sets ${decision.mode}` : `no PeerAuthentication in ${ctx.scope} makes it STRICT (Istio defaults to PERMISSIVE)`;
    // A new namespace-wide policy would clash with an existing namespace-wide one; a selector-scoped one cannot.
    const canFix = !(decision.level === 'namespace' && !labels);
    for (const rule of authzRules(ctx.resource)) {
      for (const f of rule.fields) {
        if (f.section !== 'source' || !IDENTITY.has(f.name) || !isSeq(f.value) || f.value.items.length === 0) continue;
        const negative = f.name.startsWith('not');
        const outcome =
          action === 'DENY'
            ? negative
              ? 'plaintext callers are denied, but the policy relies on mTLS that nothing enforces'
              : 'a plaintext caller carries no identity, so it is not denied'
            : action === 'ALLOW'
              ? negative
                ? 'a plaintext caller carries no identity, so it is allowed'
                : 'plaintext callers never match and are denied, but the policy relies on mTLS that nothing enforces'
              : 'plaintext callers carry no identity and never match';
        const fixes: Fix[] = canFix
          ? [{
              title: labels ? 'Add a STRICT PeerAuthentication for the workloads this policy selects' : `Add a STRICT PeerAuthentication for namespace "${ns}"`,
              edits: [ctx.appendDocumentToFile(strictPeerAuthenticationDoc(securityApiVersion(istioMinor(ctx.settings)), ns, labels, labels ? `${ctx.resource.name ?? 'policy'}-strict` : 'default'))],
              safety: 'suggestion',
              preferred: true,
            }]
          : [];
        ctx.report({
          node: f.key,
          message: `${f.name} needs mutual TLS, but ${where}: ${outcome}`,
          related: decision.source ? [ctx.related(decision.source, `PeerAuthentication with mode ${decision.mode}`)] : undefined,
          fixes,
        });
      }
    }
  },
});
