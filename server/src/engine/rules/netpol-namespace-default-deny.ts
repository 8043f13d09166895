import { resourceAnchor } from '../k8s/resource';
import { get, getMap } from '../parse';
import { factsOf } from '../workspace/extractor';
import type { ObjectFacts } from '../workspace/facts';
import { compareByPlace } from '../workspace/graph';
import { defineGraphRule } from '../workspace/graph-rule';
import { netpolFacts } from '../workspace/k8s-facts';
import { defaultDenyFixes, describeNamespace } from '../workspace/netpol-fixes';
import { joinWords } from '../workspace/rbac-model';
import type { Direction } from '../workspace/netpol-model';

/** Namespaces the platform manages; their policies are not the manifest author's to write. */
const SYSTEM = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export default defineGraphRule({
  id: 'netpol-namespace-default-deny',
  meta: {
    title: 'Namespace without a default-deny NetworkPolicy',
    description: 'Each namespace should have a NetworkPolicy that selects every pod and allows nothing, for ingress and for egress.',
    why: 'Without a default-deny policy, every pod that no other policy happens to select is open in both directions, including pods added later by someone who did not think about network policy. Default-deny makes isolation the default and every allowed flow an explicit rule. Egress matters as much as ingress: it is how a compromised pod reaches the cloud metadata endpoint, other namespaces and the internet.',
    how: 'Add `podSelector: {}` with `policyTypes: [Ingress, Egress]` and no rules, then allow what each workload needs, starting with DNS egress. The quick fixes append a default-deny policy for the namespace, alone or with an allow-DNS policy. The finding is reported on the Namespace object when the workspace has one, otherwise on the first workload of the namespace.',
    category: 'network-policy',
    severity: 'warning',
    kinds: ['Namespace', 'Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'Job', 'CronJob', 'ReplicaSet', 'ReplicationController'],
    standards: { cis: ['5.3.2'] },
    fix: 'suggestion',
    peers: { kubescape: ['C-0206', 'C-0054'] },
    examples: {
      bad: 'kind: Namespace\nmetadata:\n  name: shop\n# and no default-deny NetworkPolicy in shop',
      good: 'kind: NetworkPolicy\nmetadata:\n  name: default-deny-all\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]',
    },
  },
  check(ctx) {
    const o = ctx.self;
    let ns: string;
    let node;
    if (o.kind === 'Namespace' && o.group === '') {
      if (!o.name) return;
      ns = o.name;
      node = get(getMap(ctx.resource.node, 'metadata'), 'name') ?? resourceAnchor(ctx.resource);
    } else if (o.pod && o.kind !== 'PodTemplate') {
      ns = o.ns ?? '';
      // One finding per namespace: on its Namespace object, or else on its first workload.
      if (ns && ctx.graph.namespaceObject(ns)) return;
      // Linear scans, no sort: this runs for each workload of the edited file on every keystroke.
      const isCarrier = (w: ObjectFacts) => w.ns === o.ns && w.kind !== 'PodTemplate' && w.pod !== undefined;
      if (ctx.graph.objectsIn(o.doc.file).some((w) => w !== o && isCarrier(w) && compareByPlace(w, o) < 0)) return;
      if (ctx.graph.workloads(ns).some((w) => w !== o && isCarrier(w) && compareByPlace(w, o) < 0)) return;
      node = resourceAnchor(ctx.resource);
    } else return;
    if (SYSTEM.has(ns)) return;
    const policies = ctx.graph.objects('NetworkPolicy', ns).map((p) => factsOf(p, netpolFacts)).filter((f) => !!f);
    const denies = (d: Direction) => policies.some((f) => f!.selectsAll && f![d].isolates && f![d].rules.length === 0);
    const missing = (['ingress', 'egress'] as Direction[]).filter((d) => !denies(d));
    if (missing.length === 0) return;
    const where = describeNamespace(ns || undefined);
    const open = missing.length === 2 ? 'accept connections from anywhere and connect anywhere' : missing[0] === 'ingress' ? 'accept connections from anywhere' : 'connect anywhere, the cloud metadata endpoint and the internet included';
    ctx.report({
      node,
      message: `${where} has no default-deny NetworkPolicy for ${joinWords(missing)} in ${ctx.scope}: its pods that no other policy selects ${open}`,
      fixes: defaultDenyFixes(ctx, ns || undefined, missing),
    });
  },
});
