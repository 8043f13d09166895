import { defineGraphRule } from '../workspace/graph-rule';
import { isIstio, istioRootNamespace, workloadSelector } from '../k8s/istio';
import { requestPrincipalPolicyFor, requireJwtDoc } from '../k8s/istio-mesh';
import { get, getMap } from '../parse';
import { resourceAnchor } from '../k8s/resource';

export default defineGraphRule({
  id: 'istio-request-authn-no-authz',
  meta: {
    title: 'RequestAuthentication without a policy that requires a token',
    description: 'A RequestAuthentication is not paired with an AuthorizationPolicy that rejects requests without a request principal (ALLOW with `requestPrincipals`, or DENY with `notRequestPrincipals: ["*"]`) for the same workloads.',
    why: 'RequestAuthentication only validates the JWTs that requests carry: a request with an invalid token is rejected, but a request with no token at all is let through with no request principal. Requiring authentication takes an AuthorizationPolicy on `requestPrincipals`; without one the "protected" API is open to anonymous callers.',
    how: 'Add an AuthorizationPolicy for the same workloads that denies requests without a principal (DENY with `notRequestPrincipals: ["*"]`, which the quick fix appends), or ALLOW rules that list `requestPrincipals`. The check uses the objects of the files being linted (the workspace graph).',
    category: 'istio',
    severity: 'warning',
    kinds: ['RequestAuthentication'],
    standards: { istio: ['RequestAuthentication reference: a request without a token is accepted; use AuthorizationPolicy to require one'] },
    fix: 'suggestion',
    peers: {},
    examples: {
      bad: 'kind: RequestAuthentication\nspec:\n  selector: {matchLabels: {app: api}}\n  jwtRules:\n  - issuer: https://issuer.example.com',
      good: 'kind: AuthorizationPolicy\nspec:\n  selector: {matchLabels: {app: api}}\n  action: DENY\n  rules:\n  - from:\n    - source:\n        notRequestPrincipals: ["*"]',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (!isIstio(r, 'RequestAuthentication')) return;
    const sel = workloadSelector(r);
    const selector = sel ? Object.fromEntries(sel) : undefined;
    const ns = r.namespace ?? '';
    if (requestPrincipalPolicyFor(ctx.graph, ns, selector, istioRootNamespace(ctx.settings))) return;
    const apiVersion = r.apiVersion;
    ctx.report({
      node: get(getMap(r.node, 'metadata'), 'name') ?? resourceAnchor(r),
      message: `RequestAuthentication "${r.name ?? ''}" validates tokens but no AuthorizationPolicy in ${ctx.scope} requires one: requests without a JWT are let through`,
      fixes: [
        {
          title: 'Add an AuthorizationPolicy that denies requests without a valid JWT (DENY notRequestPrincipals ["*"])',
          edits: [ctx.appendDocumentToFile(requireJwtDoc(apiVersion, r.namespace, selector, `require-jwt${r.name ? `-${r.name}` : ''}`))],
          safety: 'suggestion',
          preferred: true,
        },
      ],
    });
  },
});
