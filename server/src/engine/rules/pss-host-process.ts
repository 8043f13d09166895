import { defineRule } from '../rule';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { containerSecurityContext, isTrue, podSecurityContext, suggestion } from '../k8s/security-context';
import { getPath } from '../parse';

export default defineRule({
  id: 'pss-host-process',
  meta: {
    title: 'Windows HostProcess containers',
    description: 'Pods and containers must not set `securityContext.windowsOptions.hostProcess: true`.',
    why: 'A Windows HostProcess container runs directly on the node as a host process, with the privileges of the node\'s accounts and access to its filesystem, network and devices. It is the Windows counterpart of a privileged container and escapes every isolation boundary.',
    how: 'Remove `windowsOptions.hostProcess` or set it to `false` in the pod and container `securityContext`. Node agents that need host access belong in a namespace with the `privileged` Pod Security level.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'baseline', check: 'windowsHostProcess' }, cis: ['5.2.10'] },
    fix: 'suggestion',
    peers: {
      polaris: ['hostProcess'],
      kubescape: ['C-0202', 'C-0211'],
      trivy: ['KSV-0103'],
    },
    examples: {
      bad: 'securityContext:\n  windowsOptions:\n    hostProcess: true',
      good: 'securityContext:\n  windowsOptions:\n    hostProcess: false',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    const fix = (node: NonNullable<ReturnType<typeof getPath>>) => () => [suggestion('Set hostProcess: false', [ctx.fix.replaceValue(node, false)])];
    const podNode = getPath(podSecurityContext(pod), ['windowsOptions', 'hostProcess']);
    if (podNode && isTrue(podNode)) {
      ctx.report({
        node: podNode,
        message: 'baseline: HostProcess is not allowed: the pod sets securityContext.windowsOptions.hostProcess: true, so its containers run as processes on the Windows node',
        fixes: fix(podNode),
      });
    }
    for (const c of containersOf(pod)) {
      const node = getPath(containerSecurityContext(c), ['windowsOptions', 'hostProcess']);
      if (!node || !isTrue(node)) continue;
      ctx.report({
        node,
        message: `baseline: HostProcess is not allowed: ${describeContainer(c)} sets windowsOptions.hostProcess: true, so it runs as a process on the Windows node`,
        fixes: fix(node),
      });
    }
  },
});
