import { resourceAnchor } from '../k8s/resource';
import { getPair, type YNode } from '../parse';
import { factsOf } from '../workspace/extractor';
import { defineGraphRule } from '../workspace/graph-rule';
import { netpolFacts } from '../workspace/k8s-facts';
import { DNS_EGRESS_RULE, netpolOf } from '../workspace/netpol-model';
import { describeSelector, matchesSelector } from '../workspace/selectors';
import type { Edit, Fix } from '../types';

export default defineGraphRule({
  id: 'netpol-egress-unrestricted',
  meta: {
    title: 'NetworkPolicy without Egress, and no other policy restricts egress',
    description: 'A NetworkPolicy whose policyTypes leave out Egress restricts only ingress; some policy should restrict the egress of the same pods.',
    why: 'Without `Egress` in policyTypes (explicit, or implied by egress rules) a policy does not touch outgoing traffic: the pods it selects can still reach the cloud metadata endpoint, every other namespace and the internet, which is how a compromised pod exfiltrates data or moves on. Egress rules written under a policyTypes that lacks Egress are ignored altogether.',
    how: 'Add `Egress` to policyTypes with the egress the pods need (DNS at least), or rely on a namespace default-deny policy that covers egress. The quick fix adds Egress with a rule that allows only DNS.',
    category: 'network-policy',
    severity: 'info',
    kinds: ['NetworkPolicy'],
    fix: 'suggestion',
    peers: { kubescape: ['C-0030'] },
    examples: {
      bad: 'spec:\n  podSelector:\n    matchLabels: {app: web}\n  policyTypes: [Ingress]',
      good: 'spec:\n  podSelector:\n    matchLabels: {app: web}\n  policyTypes: [Ingress, Egress]\n  egress:\n  - to:\n    - namespaceSelector: {}\n      podSelector:\n        matchLabels: {k8s-app: kube-dns}\n    ports:\n    - {protocol: UDP, port: 53}',
    },
  },
  check(ctx) {
    const m = netpolOf(ctx.resource);
    const f = factsOf(ctx.self, netpolFacts);
    if (!m || !f || m.egress.isolates || !m.spec) return;
    const ignored = m.egress.rules.length > 0;
    if (!ignored) {
      // Covered when another policy of the namespace restricts egress for every pod this one selects.
      const egressPolicies = ctx.graph
        .objects('NetworkPolicy', ctx.self.ns ?? '')
        .map((p) => factsOf(p, netpolFacts))
        .filter((p) => !!p && p.egress.isolates);
      const selected = ctx.graph.podsMatching(ctx.self.ns ?? '', f.podSelector);
      const same = JSON.stringify(f.podSelector);
      const covered = egressPolicies.some(
        (p) => p!.selectsAll || JSON.stringify(p!.podSelector) === same || (selected.length > 0 && selected.every((w) => matchesSelector(p!.podSelector, w.pod!.labels))),
      );
      if (covered) return;
    }
    const typesPair = getPair(m.spec, 'policyTypes');
    const node = (typesPair?.value ?? getPair(m.spec, 'podSelector')?.key ?? resourceAnchor(ctx.resource)) as YNode;
    const fixes: Fix[] = [];
    const edits: Edit[] = [];
    if (m.policyTypesNode) {
      edits.push(ctx.fix.appendToSeq(m.policyTypesNode, 'Egress'));
      if (!ignored) edits.push(ctx.fix.insertIntoMap(m.spec, { egress: [DNS_EGRESS_RULE] }));
    } else if (!ignored) {
      edits.push(ctx.fix.insertIntoMap(m.spec, { policyTypes: ['Ingress', 'Egress'], egress: [DNS_EGRESS_RULE] }));
    }
    if (edits.length) fixes.push({ title: ignored ? 'Add Egress to policyTypes so the egress rules apply' : 'Restrict egress to DNS only', edits: mergeSameOffset(edits), safety: 'suggestion', preferred: true });
    const name = ctx.self.name ? ` ${ctx.self.name}` : '';
    ctx.report({
      node,
      message: ignored
        ? `NetworkPolicy${name} has egress rules, but policyTypes leaves out Egress: the rules are ignored and the selected pods (${describeSelector(f.podSelector)}) can connect anywhere`
        : `NetworkPolicy${name} restricts only ingress, and no NetworkPolicy in ${ctx.scope} restricts the egress of the pods it selects (${describeSelector(f.podSelector)}): they can connect anywhere, the cloud metadata endpoint and the internet included`,
      fixes,
    });
  },
});

/** Insertions at the same offset become one edit, in order (applyEdits would reverse them). */
function mergeSameOffset(edits: Edit[]): Edit[] {
  if (edits.length === 2 && edits[0].start === edits[1].start && edits[0].end === edits[0].start && edits[1].end === edits[1].start) {
    return [{ start: edits[0].start, end: edits[0].end, text: edits[0].text + edits[1].text }];
  }
  return edits;
}
