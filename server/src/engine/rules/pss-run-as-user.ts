import { defineRule, type RuleContext } from '../rule';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { containerSecurityContext, isUserNamespaceRelaxed, podSecurityContext, removeField, suggestion } from '../k8s/security-context';
import { get, scalarValue, type YAMLMap, type YNode } from '../parse';

export default defineRule({
  id: 'pss-run-as-user',
  meta: {
    title: 'Running as non-root user',
    description: 'Pods and containers must not set `runAsUser: 0` (from policy v1.23; from v1.35 pods with `hostUsers: false` may).',
    why: 'UID 0 is root. A process running as root in the container is root on the node for every resource the container can reach (mounted volumes, the kernel, a container escape), unless the pod runs in a user namespace.',
    how: 'Remove `runAsUser: 0` and let the image\'s non-root user apply (with `runAsNonRoot: true` the kubelet refuses to start a root image), or set a non-zero UID such as 10001.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'restricted', check: 'runAsUser', since: 'v1.23' }, cis: ['5.2.7'] },
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_23'],
      kubeLinter: ['run-as-non-root'],
      kubescape: ['C-0013'],
      trivy: ['KSV-0105'],
    },
    examples: {
      bad: 'securityContext:\n  runAsUser: 0',
      good: 'securityContext:\n  runAsUser: 10001\n  runAsNonRoot: true',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    // v1.35+: in a user namespace UID 0 in the container maps to an unprivileged UID on the node.
    if (isUserNamespaceRelaxed(pod, ctx.settings.pss.minor)) return;
    check(ctx, pod.spec, podSecurityContext(pod), 'the pod');
    for (const c of containersOf(pod)) check(ctx, c.node, containerSecurityContext(c), describeContainer(c));
  },
});

function check(ctx: RuleContext, owner: YAMLMap, sc: YAMLMap | undefined, where: string): void {
  const node = get(sc, 'runAsUser');
  if (scalarValue(node) !== 0) return;
  ctx.report({
    node: node as YNode,
    message: `restricted: ${where} must not set runAsUser: 0 (root)`,
    fixes: () => {
      const edit = removeField(ctx.fix, owner, 'securityContext', sc!, 'runAsUser');
      return edit ? [suggestion('Remove runAsUser: 0 (use the image\'s non-root user)', [edit])] : [];
    },
  });
}
