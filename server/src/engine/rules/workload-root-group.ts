import { defineRule } from '../rule';
import { describeContainers, groupByEffective } from '../k8s/effective';
import { describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { isWindowsPod, podSecurityContext, usesUserNamespace } from '../k8s/security-context';
import { getPair, getSeq, isScalar } from '../parse';

function isZero(v: unknown): boolean {
  return v === 0 || v === '0';
}

export default defineRule({
  id: 'workload-root-group',
  meta: {
    title: 'Root group (GID 0)',
    description: 'Pods and containers should not run with group 0: `runAsGroup: 0`, `fsGroup: 0` or 0 in `supplementalGroups`.',
    why: 'Group 0 is root\'s group. On the node and in most images it owns system files and directories that are group-writable or group-readable for root only; a process in that group that escapes its container, or reaches a hostPath or shared volume, gets root\'s group access to them. Running as a non-root user does not help if the group is still root. (Pod Security Standards dropped their "non-root groups" control in 2020, so admission does not catch this.)',
    how: 'Use a non-zero group: set `runAsGroup` (pod or container level) and `fsGroup` to a dedicated GID and remove 0 from `supplementalGroups` (the quick fix does this last part; check the image does not rely on group 0). A container value overrides the pod value. Windows pods and pods in a user namespace (`hostUsers: false`, where GID 0 in the container is not GID 0 on the node) are not checked.',
    category: 'workload',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    standards: { nsa: ['1.6'] },
    fix: 'suggestion',
    peers: {
      kubeLinter: ['run-as-non-root'],
      kubescape: ['C-0211'],
      trivy: ['KSV116'],
    },
    examples: {
      bad: 'securityContext:\n  runAsGroup: 0\n  fsGroup: 0\n  supplementalGroups: [0]',
      good: 'securityContext:\n  runAsGroup: 10001\n  fsGroup: 10001',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod || isWindowsPod(pod) || usesUserNamespace(pod)) return;
    for (const g of groupByEffective(pod, ['runAsGroup']).decided) {
      if (!isZero(g.value)) continue;
      const who = g.from === 'pod' ? `the pod's runAsGroup: 0 puts ${describeContainers(g.containers, describeContainer)}` : `${describeContainer(g.containers[0])} runs`;
      ctx.report({ node: g.node, message: `${who} in the root group (GID 0), which owns system files on the node and in the image` });
    }
    const psc = podSecurityContext(pod);
    const fsGroup = getPair(psc, 'fsGroup')?.value;
    if (isScalar(fsGroup) && isZero(fsGroup.value)) {
      ctx.report({ node: fsGroup, message: 'fsGroup: 0 gives every container the root group (GID 0) and makes the pod\'s volumes owned by it' });
    }
    const supplemental = getSeq(psc, 'supplementalGroups');
    supplemental?.items.forEach((item, i) => {
      if (!isScalar(item) || !isZero(item.value)) return;
      ctx.report({
        node: item,
        message: 'supplementalGroups contains 0: every container also runs in the root group (GID 0)',
        fixes: () => [{ title: 'Remove group 0 from supplementalGroups', edits: [ctx.fix.removeSeqItem(supplemental, i)], safety: 'suggestion', preferred: true }],
      });
    });
  },
});
