import { defineGraphRule } from '../workspace/graph-rule';
import { netpolOf, type Direction } from '../workspace/netpol-model';
import { describeSelector, isEmptySelector, matchesSelector, type Selector } from '../workspace/selectors';

export default defineGraphRule({
  id: 'netpol-peer-selects-nothing',
  meta: {
    title: 'NetworkPolicy peer that selects nothing',
    description: 'The podSelector and namespaceSelector of a `from`/`to` peer should match pods and namespaces that exist.',
    why: "A peer that matches nothing allows nothing: the traffic it was written for is dropped once the policy isolates the pods, or, when a peer was meant to narrow another rule, the intended restriction silently does not exist. A frequent cause is a namespaceSelector on a label such as `name: frontend` that no Namespace carries: Kubernetes only adds `kubernetes.io/metadata.name` by itself.",
    how: "Match the peer to real labels: a workload's pod template labels for podSelector, the Namespace's labels or `kubernetes.io/metadata.name: <namespace>` for namespaceSelector.",
    category: 'network-policy',
    severity: 'info',
    kinds: ['NetworkPolicy'],
    fix: 'none',
    peers: { kubeLinter: ['dangling-networkpolicypeer-podselector'] },
    examples: {
      bad: 'ingress:\n- from:\n  - namespaceSelector:\n      matchLabels: {name: frontend}',
      good: 'ingress:\n- from:\n  - namespaceSelector:\n      matchLabels: {kubernetes.io/metadata.name: frontend}',
    },
  },
  check(ctx) {
    const m = netpolOf(ctx.resource);
    if (!m) return;
    const policyNs = ctx.self.ns ?? '';
    // Only namespaces the workspace knows workloads of can be said to have no matching pods.
    const hasWorkloads = (ns: string) => ctx.graph.workloads(ns).some((w) => ns === '' || w.ns === ns);
    for (const d of ['ingress', 'egress'] as Direction[]) {
      for (const r of m[d].rules) {
        for (const p of r.peers) {
          let namespaces: string[] | undefined;
          const nsSel = p.namespaceSelector;
          if (nsSel && !isEmptySelector(nsSel)) {
            namespaces = namesSelected(nsSel);
            if (!namespaces && !onlyNameLabel(nsSel)) {
              const objects = ctx.graph.objects('Namespace').filter((n) => n.name && matchesSelector(nsSel, ctx.graph.namespaceLabels(n.name)));
              if (objects.length === 0 && p.namespaceSelectorNode) {
                ctx.report({
                  node: p.namespaceSelectorNode,
                  message: `${d} rule ${r.index + 1}: namespaceSelector ${describeSelector(nsSel)} matches no Namespace in ${ctx.scope}; Kubernetes itself only sets the label kubernetes.io/metadata.name, so unless the cluster's Namespaces carry these labels this peer allows nothing`,
                });
                continue;
              }
              namespaces = objects.map((n) => n.name!);
            }
          } else if (nsSel) namespaces = undefined; // every namespace
          else namespaces = [policyNs];
          if (!p.podSelector || isEmptySelector(p.podSelector) || !p.podSelectorNode) continue;
          const scope = namespaces ?? [''];
          if (!scope.every(hasWorkloads)) continue;
          if (scope.some((n) => ctx.graph.podsMatching(n, p.podSelector!).length > 0)) continue;
          const where = !namespaces ? 'any namespace' : namespaces[0] === '' ? "the policy's namespace" : `namespace ${namespaces.join(', ')}`;
          ctx.report({
            node: p.podSelectorNode,
            message: `${d} rule ${r.index + 1}: podSelector ${describeSelector(p.podSelector)} matches no workload of ${where} in ${ctx.scope}: this peer allows nothing`,
          });
        }
      }
    }
  },
});

const NAME_LABEL = 'kubernetes.io/metadata.name';

function onlyNameLabel(sel: Selector): boolean {
  return [...Object.keys(sel.matchLabels), ...sel.matchExpressions.map((e) => e.key)].every((k) => k === NAME_LABEL);
}

/** The namespace names a selector on kubernetes.io/metadata.name alone picks (undefined when it cannot tell). */
function namesSelected(sel: Selector): string[] | undefined {
  if (!onlyNameLabel(sel)) return undefined;
  if (sel.matchLabels[NAME_LABEL] !== undefined) return [sel.matchLabels[NAME_LABEL]];
  const inExpr = sel.matchExpressions.find((e) => e.operator === 'In');
  return inExpr ? inExpr.values : undefined;
}
