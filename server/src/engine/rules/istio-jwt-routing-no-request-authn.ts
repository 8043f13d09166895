import { defineGraphRule } from '../workspace/graph-rule';
import { isIstio, istioRootNamespace, spec, stringItems } from '../k8s/istio';
import { requestAuthnIn } from '../k8s/istio-mesh';
import { get, getMap, mapPairs, scalarValue, seqItems, type YNode } from '../parse';

export default defineGraphRule({
  id: 'istio-jwt-routing-no-request-authn',
  meta: {
    title: 'Routing on JWT claims without RequestAuthentication',
    description: 'A VirtualService matches `headers` or `withoutHeaders` on `@request.auth.claims.*` while no RequestAuthentication exists in its namespace, its gateways\' namespaces or the root namespace.',
    why: 'JWT claims are only available after a RequestAuthentication has validated the token. Without one the claims are never set: a route that requires a claim never matches, and a `withoutHeaders` route on a claim matches every request, so traffic meant for authenticated users goes elsewhere. istioctl reports this as IST0149.',
    how: 'Add a RequestAuthentication (with the issuer and JWKS) that applies to the gateway serving this route, and an AuthorizationPolicy that requires a request principal.',
    category: 'istio',
    severity: 'error',
    kinds: ['VirtualService'],
    standards: { istio: ['IST0149 JwtClaimBasedRoutingWithoutRequestAuthN'] },
    fix: 'none',
    peers: { istioctl: ['IST0149'] },
    examples: {
      bad: 'http:\n- match:\n  - headers:\n      "@request.auth.claims.groups":\n        exact: admin\n  route: [...]',
      good: '# plus, on the ingress gateway:\nkind: RequestAuthentication\nspec:\n  selector: {matchLabels: {istio: ingressgateway}}\n  jwtRules:\n  - issuer: https://issuer.example.com',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (!isIstio(r, 'VirtualService')) return;
    const claims: YNode[] = [];
    for (const route of seqItems(get(spec(r), 'http'))) {
      for (const match of seqItems(get(route, 'match'))) {
        for (const key of ['headers', 'withoutHeaders']) {
          for (const p of mapPairs(getMap(match, key))) {
            const name = scalarValue(p.key);
            if (typeof name === 'string' && name.startsWith('@request.auth.claims')) claims.push(p.key as YNode);
          }
        }
      }
    }
    if (claims.length === 0) return;
    const ns = r.namespace ?? '';
    const namespaces = new Set([istioRootNamespace(ctx.settings), ns]);
    for (const g of stringItems(get(spec(r), 'gateways'))) if (g.value.includes('/')) namespaces.add(g.value.split('/')[0]);
    if (requestAuthnIn(ctx.graph, [...namespaces])) return;
    for (const node of claims) {
      ctx.report({
        node,
        message: `route matches ${String(scalarValue(node))} but no RequestAuthentication in ${ctx.scope} applies (namespaces ${[...namespaces].map((n) => `"${n}"`).join(', ')}): the claim is never set, so this match never sees it`,
      });
    }
  },
});
