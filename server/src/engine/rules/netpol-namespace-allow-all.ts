import { defineRule } from '../rule';
import { isMap } from '../parse';
import { EVERY_DESTINATION, EVERY_SOURCE, netpolOf, type Direction } from '../workspace/netpol-model';

export default defineRule({
  id: 'netpol-namespace-allow-all',
  meta: {
    title: 'NetworkPolicy that opens every pod of its namespace',
    description: 'A NetworkPolicy with `podSelector: {}` and a rule without peers allows all traffic to (or from) every pod of the namespace.',
    why: 'Policies add up: a pod accepts whatever any policy that selects it allows. A policy that selects every pod (`podSelector: {}`) and has a rule matching every peer therefore undoes every other policy of the namespace for that direction, default-deny included, for all pods present and future. One such policy turns the namespace\'s network isolation off.',
    how: 'Delete the policy, or give its rule the peers that need access. The quick fix for an ingress rule allows only the pods of the same namespace.',
    category: 'network-policy',
    severity: 'warning',
    kinds: ['NetworkPolicy'],
    fix: 'suggestion',
    examples: {
      bad: 'spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n  - {}',
      good: 'spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - podSelector: {}',
    },
  },
  check(ctx) {
    const m = netpolOf(ctx.resource);
    if (!m || !m.selectsAll) return;
    const name = ctx.resource.name ? ` ${ctx.resource.name}` : '';
    const ns = ctx.resource.namespace ? `namespace ${ctx.resource.namespace}` : 'its namespace';
    for (const d of ['ingress', 'egress'] as Direction[]) {
      if (!m[d].isolates) continue;
      for (const r of m[d].rules) {
        if (!r.allPeers) continue;
        const ruleNode = r.node;
        const peers = d === 'ingress' ? `traffic from ${EVERY_SOURCE}` : `connections to ${EVERY_DESTINATION}`;
        const ports = r.allPorts ? 'on every port' : 'on the listed ports';
        ctx.report({
          node: r.node,
          message: `NetworkPolicy${name} selects every pod of ${ns} and its ${d} rule ${r.index + 1} allows ${peers} ${ports}: this cancels every ${d} restriction in the namespace, default-deny included`,
          fixes:
            d === 'ingress' && isMap(ruleNode)
              ? () => [{ title: 'Allow only the pods of the same namespace', edits: [ctx.fix.setIn(ruleNode, ['from'], [{ podSelector: {} }])], safety: 'suggestion', preferred: true }]
              : [],
        });
      }
    }
  },
});
