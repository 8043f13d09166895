import { defineGraphRule } from '../workspace/graph-rule';
import { removeKeyKeepingMap } from '../k8s/istio';
import { injectionLabel } from '../k8s/istio-mesh';
import { podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { getMap, getPair, scalarValue } from '../parse';

const INJECT = 'sidecar.istio.io/inject';

export default defineGraphRule({
  id: 'istio-sidecar-injection-disabled',
  // Reports what is present (an opt-out, a Namespace label), so it need not wait for a complete index.
  needsCompleteGraph: false,
  meta: {
    title: 'Workload opts out of the sidecar in a meshed namespace',
    description: 'A pod template sets `sidecar.istio.io/inject: "false"` (label or annotation) in a namespace whose Namespace object turns injection on (`istio-injection: enabled` or `istio.io/rev`).',
    why: 'The workload runs without a sidecar inside a namespace everyone assumes is meshed: its traffic is plaintext, it has no mesh identity, no AuthorizationPolicy protects it, and it can call other workloads as an anonymous plaintext client wherever they are PERMISSIVE. istioctl only notices at run time (IST0103, pod missing proxy).',
    how: 'Remove the opt-out so the pods get a sidecar. If the workload must stay out of the mesh (a job that cannot run with a sidecar), run it in a namespace outside the mesh, cover it with a NetworkPolicy, and suppress the finding with a reason.',
    category: 'istio',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    standards: { istio: ['Security Best Practices: Understand traffic capture limitations'] },
    fix: 'suggestion',
    peers: {},
    examples: {
      bad: 'template:\n  metadata:\n    labels:\n      sidecar.istio.io/inject: "false"',
      good: 'template:\n  metadata:\n    labels:\n      app: web',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    const ns = ctx.resource.namespace;
    if (!pod || !ns) return;
    if (!ctx.graph.namespaceObject(ns)) return;
    const injection = injectionLabel(ctx.graph.namespaceLabels(ns));
    if (!injection) return;
    for (const where of ['labels', 'annotations'] as const) {
      const map = getMap(pod.podMeta, where);
      const pair = getPair(map, INJECT);
      const v = scalarValue(pair?.value);
      if (!pair || !(v === false || v === 'false')) continue;
      const edit = removeKeyKeepingMap(ctx.fix, pod.podMeta, where, map!, INJECT);
      const nsObj = ctx.graph.namespaceObject(ns)!;
      ctx.report({
        node: pair.value,
        message: `${INJECT}: "false" (${where === 'labels' ? 'label' : 'annotation'}) takes this workload out of the mesh in namespace "${ns}" (${injection}): no mTLS, no mesh identity, no AuthorizationPolicy`,
        related: [ctx.related(nsObj, `namespace with ${injection}`)],
        fixes: edit ? [{ title: `Remove the ${INJECT} ${where === 'labels' ? 'label' : 'annotation'} (inject the sidecar)`, edits: [edit], safety: 'suggestion', preferred: true }] : [],
      });
    }
  },
});
