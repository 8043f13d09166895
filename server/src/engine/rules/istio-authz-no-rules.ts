import { defineRule } from '../rule';
import { authzAction, isIstio, keyNode, policyScope, spec, specAnchor } from '../k8s/istio';
import { get, isSeq } from '../parse';

export default defineRule({
  id: 'istio-authz-no-rules',
  meta: {
    title: 'AuthorizationPolicy without rules',
    description: 'An AuthorizationPolicy has no `rules` (an empty `spec: {}` or `rules: []`). With `ALLOW` it allows nothing, so it denies every request to its workloads (reported as information); with `DENY`, `AUDIT` or `CUSTOM` it never matches and has no effect.',
    why: 'A rule list that is missing never matches. For an ALLOW policy this is the recommended default-deny ("allow-nothing") pattern: every request to the selected workloads is denied unless another ALLOW policy matches it, which surprises people who expected an empty policy to do nothing. For DENY, AUDIT and CUSTOM policies nothing matches, so the policy silently does nothing: the deny, the audit or the external check you meant to add is not there.',
    how: 'For ALLOW: keep it if default-deny is what you want and add ALLOW policies for the traffic that must pass. For DENY/AUDIT/CUSTOM: add the `rules` that should match (a rule `{}` matches every request).',
    category: 'istio',
    severity: 'info',
    kinds: ['AuthorizationPolicy'],
    standards: { istio: ['Security Best Practices: Apply default-deny authorization policies'] },
    fix: 'none',
    peers: { istioctl: [] },
    examples: {
      bad: 'spec:\n  action: DENY',
      good: 'spec:\n  action: DENY\n  rules:\n  - to:\n    - operation:\n        notPaths: ["/api/*"]',
    },
  },
  check(ctx) {
    if (!isIstio(ctx.resource, 'AuthorizationPolicy')) return;
    const s = spec(ctx.resource);
    const rules = get(s, 'rules');
    if (isSeq(rules) && rules.items.length > 0) return;
    const { action } = authzAction(ctx.resource);
    const scope = policyScope(ctx.resource, ctx.settings);
    const node = keyNode(s, 'rules') ?? specAnchor(ctx.resource);
    if (action === 'ALLOW') {
      ctx.report({ node, message: `ALLOW policy without rules allows nothing: every request ${scope.text} is denied unless another ALLOW policy matches it` });
    } else {
      ctx.report({ node, severity: 'warning', message: `${action} policy without rules never matches: it has no effect ${scope.text}` });
    }
  },
});
