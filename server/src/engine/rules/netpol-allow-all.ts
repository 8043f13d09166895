import { defineRule } from '../rule';
import { isMap } from '../parse';
import { EVERY_DESTINATION, EVERY_SOURCE, netpolOf, type Direction } from '../workspace/netpol-model';
import { describeSelector } from '../workspace/selectors';

export default defineRule({
  id: 'netpol-allow-all',
  meta: {
    title: 'NetworkPolicy rule that allows every peer',
    description: 'An ingress rule without `from` (or an egress rule without `to`), such as `- {}`, allows traffic from (or to) everything.',
    why: 'NetworkPolicies are allow-lists: once a pod is selected, only what some rule allows gets through. A rule with no `from`/`to`, or an empty one, matches every peer, so the selected pods are as open as if no policy selected them, on every port when the rule has no `ports` either. Such rules are often left over from debugging, or written believing that `{}` means "nothing".',
    how: 'List the peers that need access: `podSelector` for pods of the namespace, `namespaceSelector` (with a `podSelector`) for other namespaces, `ipBlock` for external addresses. The quick fix for an ingress rule allows only the pods of the same namespace.',
    category: 'network-policy',
    severity: 'warning',
    kinds: ['NetworkPolicy'],
    fix: 'suggestion',
    examples: {
      bad: 'spec:\n  podSelector:\n    matchLabels: {app: web}\n  ingress:\n  - {}',
      good: 'spec:\n  podSelector:\n    matchLabels: {app: web}\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels: {app: frontend}',
    },
  },
  check(ctx) {
    const m = netpolOf(ctx.resource);
    // A policy that selects every pod with an allow-all rule is netpol-namespace-allow-all's finding.
    if (!m || m.selectsAll) return;
    const name = ctx.resource.name ? ` ${ctx.resource.name}` : '';
    for (const d of ['ingress', 'egress'] as Direction[]) {
      if (!m[d].isolates) continue;
      for (const r of m[d].rules) {
        if (!r.allPeers) continue;
        const ruleNode = r.node;
        const peers = d === 'ingress' ? `traffic from ${EVERY_SOURCE}` : `connections to ${EVERY_DESTINATION}`;
        const ports = r.allPorts ? 'on every port' : 'on the listed ports';
        const fixes =
          d === 'ingress' && isMap(ruleNode)
            ? () => [
                {
                  title: 'Allow only the pods of the same namespace',
                  edits: [ctx.fix.setIn(ruleNode, ['from'], [{ podSelector: {} }])],
                  safety: 'suggestion' as const,
                  preferred: true,
                },
              ]
            : [];
        ctx.report({
          node: r.node,
          message: `NetworkPolicy${name}: ${d} rule ${r.index + 1} allows ${peers} ${ports}: the pods it selects (${describeSelector(m.podSelector)}) are not isolated for ${d}`,
          severity: r.allPorts ? undefined : 'info',
          fixes,
        });
      }
    }
  },
});
