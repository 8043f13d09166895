import { defineRule } from '../rule';
import { authzAction, isIstio, keyNode, spec, specAnchor, str } from '../k8s/istio';
import { get, getMap } from '../parse';

export default defineRule({
  id: 'istio-authz-custom-provider',
  meta: {
    title: 'CUSTOM AuthorizationPolicy without a provider',
    description: 'An AuthorizationPolicy with `action: CUSTOM` has no `provider.name`, or a `provider` is set on a policy whose action is not CUSTOM.',
    why: 'A CUSTOM policy delegates the decision to an external authorizer named by `provider.name`, which must be one of the extension providers declared in MeshConfig. Without a provider Istio rejects the policy (or an older control plane ignores it), so the external check you meant to enforce does not happen. A `provider` on an ALLOW or DENY policy is rejected by Istio\'s validation as well, and usually means `action: CUSTOM` was forgotten.',
    how: 'Set `provider: {name: <extensionProviders name from MeshConfig>}` on CUSTOM policies, and `action: CUSTOM` on policies that name a provider.',
    category: 'istio',
    severity: 'error',
    kinds: ['AuthorizationPolicy'],
    standards: { istio: ['AuthorizationPolicy reference: Action CUSTOM and provider'] },
    fix: 'none',
    peers: {},
    examples: {
      bad: 'spec:\n  action: CUSTOM\n  rules:\n  - to:\n    - operation:\n        paths: ["/admin/*"]',
      good: 'spec:\n  action: CUSTOM\n  provider:\n    name: my-ext-authz\n  rules:\n  - to:\n    - operation:\n        paths: ["/admin/*"]',
    },
  },
  check(ctx) {
    if (!isIstio(ctx.resource, 'AuthorizationPolicy')) return;
    const s = spec(ctx.resource);
    const { action, node } = authzAction(ctx.resource);
    const provider = getMap(s, 'provider');
    const name = str(get(provider, 'name'));
    if (action === 'CUSTOM' && !name) {
      ctx.report({
        node: provider ? keyNode(s, 'provider') : node,
        message: 'CUSTOM policy without provider.name: there is no external authorizer to ask, so Istio rejects the policy and the check does not happen',
      });
    } else if (action !== 'CUSTOM' && get(s, 'provider') !== undefined) {
      ctx.report({
        node: keyNode(s, 'provider') ?? specAnchor(ctx.resource),
        message: `provider is only valid with action CUSTOM: Istio's validation rejects it on this ${action} policy (was action: CUSTOM meant?)`,
      });
    }
  },
});
