import { defineRule } from '../rule';
import { resourceAnchor } from '../k8s/resource';
import { getMap, getSeq, type YNode } from '../parse';

export default defineRule({
  id: 'workload-naked-pod',
  meta: {
    title: 'Naked pod',
    description: 'Pods should be created by a controller (Deployment, StatefulSet, DaemonSet, Job...), not as bare `kind: Pod` objects.',
    why: 'A bare Pod is not rescheduled when its node fails or is drained, is not replaced when it crashes for good, and cannot be updated in place: security patches to its image or settings require deleting and recreating it by hand, so bare pods tend to keep running old, vulnerable images. They also escape the policies and reviews applied to controllers\' templates.',
    how: 'Wrap the pod spec in a Deployment (or a StatefulSet, DaemonSet or Job, depending on the workload) and move the labels to its template. Pods that are deliberately one-off (debugging, static pods) can suppress the finding.',
    category: 'workload',
    severity: 'info',
    kinds: ['Pod'],
    fix: 'none',
    peers: { kubescape: ['C-0073'] },
    examples: { bad: 'kind: Pod\nmetadata:\n  name: web', good: 'kind: Deployment\nmetadata:\n  name: web\nspec:\n  template: ...' },
  },
  check(ctx) {
    const r = ctx.resource;
    if (r.kind !== 'Pod' || r.group !== '') return;
    if ((getSeq(getMap(r.node, 'metadata'), 'ownerReferences')?.items.length ?? 0) > 0) return;
    ctx.report({
      node: resourceAnchor(r) as YNode,
      message: 'a Pod that no controller manages is not rescheduled or replaced, and is never updated: use a Deployment, StatefulSet, DaemonSet or Job',
    });
  },
});
