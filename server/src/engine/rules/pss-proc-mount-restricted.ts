import { defineRule } from '../rule';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { containerSecurityContext, isUnset, stringValue, suggestion, usesUserNamespace } from '../k8s/security-context';
import { get, type YNode } from '../parse';

export default defineRule({
  id: 'pss-proc-mount-restricted',
  meta: {
    title: '/proc mount type (restricted)',
    description: 'At the restricted level containers must not set `securityContext.procMount` to anything but `Default`, even in a user namespace (`hostUsers: false`). From policy v1.35; it replaces the baseline /proc mount check there.',
    why: 'Baseline lets user-namespaced pods unmask /proc from v1.35, because the masked paths then belong to the pod\'s own namespaces. Restricted does not: an unmasked /proc still widens what a compromised process can read about and do to the kernel.',
    how: 'Remove `procMount` or set it to `Default`.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'restricted', check: 'procMount_restricted', since: 'v1.35', overrides: ['procMount'] } },
    fix: 'suggestion',
    peers: {
      kubeLinter: ['unsafe-proc-mount'],
      polaris: ['procMount'],
      kubescape: ['C-0211'],
      trivy: ['KSV-0027'],
    },
    examples: {
      bad: 'spec:\n  hostUsers: false\n  containers:\n  - name: build\n    securityContext:\n      procMount: Unmasked',
      good: 'spec:\n  hostUsers: false\n  containers:\n  - name: build\n    securityContext:\n      procMount: Default',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    const userns = usesUserNamespace(pod);
    for (const c of containersOf(pod)) {
      const node = get(containerSecurityContext(c), 'procMount');
      if (isUnset(node) || stringValue(node) === 'Default') continue;
      ctx.report({
        node,
        message: `restricted: ${describeContainer(c)} must not set procMount ${stringValue(node)}; only Default is allowed${userns ? ', also with hostUsers: false' : ''}`,
        fixes: () => [suggestion('Set procMount: Default', [ctx.fix.replaceValue(node as YNode, 'Default')])],
      });
    }
  },
});
