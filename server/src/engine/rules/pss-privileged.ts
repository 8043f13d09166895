import { defineRule } from '../rule';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { containerSecurityContext, isTrue, suggestion } from '../k8s/security-context';
import { get } from '../parse';

export default defineRule({
  id: 'pss-privileged',
  meta: {
    title: 'Privileged containers',
    description: 'Containers must not run with `securityContext.privileged: true`.',
    why: 'A privileged container has every capability and full access to the host\'s devices; it can load kernel modules, read host memory and escape to the node. It disables almost every other isolation the container runtime provides.',
    how: 'Remove `privileged: true` or set it to `false`. Grant only the specific capabilities the process needs under `securityContext.capabilities.add`.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'baseline', check: 'privileged' }, cis: ['5.2.2'], nsa: ['1.2'] },
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_16'],
      kubeLinter: ['privileged-container'],
      polaris: ['runAsPrivileged'],
      kubescape: ['C-0057', 'C-0193'],
      trivy: ['KSV-0017'],
      kubeScore: ['container-security-context-privileged'],
      kubesec: ['Privileged'],
    },
    examples: {
      bad: 'securityContext:\n  privileged: true',
      good: 'securityContext:\n  privileged: false',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    for (const c of containersOf(pod)) {
      const node = get(containerSecurityContext(c), 'privileged');
      if (!isTrue(node)) continue;
      ctx.report({
        node,
        message: `baseline: ${describeContainer(c)} must not be privileged (securityContext.privileged must be false or unset)`,
        fixes: () => [suggestion('Set privileged: false', [ctx.fix.replaceValue(node!, false)])],
      });
    }
  },
});
