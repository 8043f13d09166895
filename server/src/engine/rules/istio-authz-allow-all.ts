import { defineRule } from '../rule';
import { authzAction, authzRules, isIstio, policyScope, spec } from '../k8s/istio';
import { getSeq } from '../parse';

export default defineRule({
  id: 'istio-authz-allow-all',
  meta: {
    title: 'ALLOW policy that matches every request',
    description: 'An `ALLOW` AuthorizationPolicy has a rule that matches everything: `rules: [{}]`, or a rule whose `from`, `to` and `when` are empty.',
    why: 'An empty rule always matches, so the policy allows every request to the workloads it selects, from any source, to any path. Because a request is allowed as soon as one ALLOW policy matches, it also cancels every default-deny (allow-nothing) policy and every narrower ALLOW policy on the same workloads. It is the documented way to write "allow-all", and it is rarely what a security policy means.',
    how: 'Replace the empty rule with the sources and operations that should be allowed (`from.source.principals`, `to.operation.methods/paths`). If allow-all is really intended (a public endpoint), scope it with a selector to that workload only and say so in a comment or a suppression.',
    category: 'istio',
    severity: 'warning',
    kinds: ['AuthorizationPolicy'],
    standards: { istio: ['Security Best Practices: Apply default-deny authorization policies'] },
    fix: 'suggestion',
    peers: {},
    examples: {
      bad: 'spec:\n  rules:\n  - {}',
      good: 'spec:\n  rules:\n  - from:\n    - source:\n        principals: ["cluster.local/ns/frontend/sa/web"]',
    },
  },
  check(ctx) {
    if (!isIstio(ctx.resource, 'AuthorizationPolicy')) return;
    if (authzAction(ctx.resource).action !== 'ALLOW') return;
    const rules = authzRules(ctx.resource);
    const seq = getSeq(spec(ctx.resource), 'rules');
    if (!seq) return;
    const scope = policyScope(ctx.resource, ctx.settings);
    const nonEmpty = rules.filter((r) => !r.empty).length;
    for (const rule of rules) {
      if (!rule.empty) continue;
      ctx.report({
        node: rule.node,
        message: `ALLOW rule #${rule.index + 1} is empty and matches every request: the policy allows all traffic ${scope.text}, overriding any default-deny policy`,
        // Removing the rule keeps the policy's other rules; when it is the only rule the policy
        // would turn into allow-nothing (deny all), which is too drastic to offer.
        fixes: nonEmpty > 0 ? () => [{ title: 'Remove the match-everything rule (the policy then allows only what its other rules match)', edits: [ctx.fix.removeSeqItem(seq, rule.index)], safety: 'suggestion', preferred: true }] : [],
      });
    }
  },
});
