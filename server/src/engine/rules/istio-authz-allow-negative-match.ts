import { defineRule } from '../rule';
import { authzAction, authzRules, isIstio, NEGATIVE_OPERATION_FIELDS, NEGATIVE_SOURCE_FIELDS, policyScope, spec, type AuthzRule } from '../k8s/istio';
import { get, getPair, isMap, isSeq, seqItems, type YNode } from '../parse';
import type { Fix } from '../types';
import type { RuleContext } from '../rule';

const NEGATIVE = new Set([...NEGATIVE_SOURCE_FIELDS, ...NEGATIVE_OPERATION_FIELDS, 'notValues']);

export default defineRule({
  id: 'istio-authz-allow-negative-match',
  meta: {
    title: 'ALLOW policy with a negative match',
    description: 'An `ALLOW` AuthorizationPolicy (the default action) uses a `not*` field: `notPaths`, `notMethods`, `notPorts`, `notHosts`, `notPrincipals`, `notRequestPrincipals`, `notNamespaces`, `notServiceAccounts`, `notIpBlocks`, `notRemoteIpBlocks` or `notValues`.',
    why: 'An ALLOW rule with a negative match allows everything except what it lists. Whatever the list misses, by a path normalisation variant (`/admin/`, `//admin`, `/ADMIN`, `%2Fadmin`), a host with a port, or a value nobody thought of, is allowed: a mismatch becomes an authorization bypass. Istio\'s security best practices recommend ALLOW only with positive matching, so that a mismatch fails closed with a 403.',
    how: 'List what is allowed (`paths`, `methods`, `principals`...) instead of what is not. To block a few things on an otherwise open workload, use a DENY policy; with paths, DENY with `notPaths` around an allow-list is the safe form. The quick fix rewrites an ALLOW policy whose only rule has a single `notPaths` condition into the DENY policy that blocks exactly those paths; it is equivalent while no other ALLOW policy selects the same workloads.',
    category: 'istio',
    severity: 'warning',
    kinds: ['AuthorizationPolicy'],
    standards: { istio: ['Security Best Practices: Use ALLOW-with-positive-matching and DENY-with-negative-match patterns'] },
    fix: 'suggestion',
    peers: {},
    examples: {
      bad: 'spec:\n  action: ALLOW\n  rules:\n  - to:\n    - operation:\n        notPaths: ["/admin*"]',
      good: 'spec:\n  action: ALLOW\n  rules:\n  - to:\n    - operation:\n        paths: ["/api/*", "/healthz"]',
    },
  },
  check(ctx) {
    if (!isIstio(ctx.resource, 'AuthorizationPolicy')) return;
    if (authzAction(ctx.resource).action !== 'ALLOW') return;
    const scope = policyScope(ctx.resource, ctx.settings);
    const rules = authzRules(ctx.resource);
    for (const rule of rules) {
      for (const f of rule.fields) {
        if (!NEGATIVE.has(f.name) || !isSeq(f.value) || f.value.items.length === 0) continue;
        ctx.report({
          node: f.key,
          message: `ALLOW policy ${scope.text} uses ${f.name}: it allows every request except the listed ones, so any variant the list misses is allowed (use ALLOW with positive matches, or DENY)`,
          fixes:
            rules.length === 1 && f.name === 'notPaths'
              ? () => {
                  const fix = rewriteAsDeny(ctx, rule, f.key);
                  return fix ? [fix] : [];
                }
              : [],
        });
      }
    }
  },
});

/**
 * ALLOW `notPaths: X` as the policy's only rule, with no other condition, allows every path but X;
 * DENY `paths: X` denies X and leaves the rest to the other policies. Both deny X and allow the
 * rest while this is the only ALLOW policy on the workloads. The DENY form also keeps X denied
 * when someone later adds an ALLOW policy (DENY is evaluated first).
 */
function rewriteAsDeny(ctx: RuleContext, rule: AuthzRule, notPathsKey: YNode): Fix | undefined {
  if (!isMap(rule.node) || rule.node.items.length !== 1) return undefined;
  const to = seqItems(get(rule.node, 'to'));
  if (to.length !== 1 || !isMap(to[0]) || to[0].items.length !== 1) return undefined;
  const op = get(to[0], 'operation');
  if (!isMap(op) || op.items.length !== 1) return undefined;
  const s = spec(ctx.resource)!;
  const action = getPair(s, 'action');
  const actionEdit = action && action.value ? ctx.fix.replaceValue(action.value as YNode, 'DENY') : ctx.fix.setIn(s, ['action'], 'DENY');
  return {
    title: 'Rewrite as DENY with paths (equivalent while no other ALLOW policy selects these workloads: both deny the listed paths and allow the rest)',
    edits: [actionEdit, ctx.fix.replace(notPathsKey, 'paths')],
    safety: 'suggestion',
    preferred: true,
  };
}
