import { defineRule } from '../rule';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { containerSecurityContext, isUnset, isUserNamespaceRelaxed, stringValue, suggestion } from '../k8s/security-context';
import { get, type YNode } from '../parse';

export default defineRule({
  id: 'pss-proc-mount',
  meta: {
    title: '/proc mount type',
    description: 'Containers must not set `securityContext.procMount` to anything but `Default` (from policy v1.35, pods with `hostUsers: false` may).',
    why: 'The default /proc mount masks and makes read-only the parts of /proc and /sys that reveal or change the host kernel (`/proc/kcore`, `/proc/sysrq-trigger`, `/sys/firmware`...). `Unmasked` removes those masks; outside a user namespace that exposes the node.',
    how: 'Remove `procMount` or set it to `Default`. Nested container builds that need `Unmasked` must run in a user namespace (`hostUsers: false`), and then only at the baseline level.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'baseline', check: 'procMount' } },
    fix: 'suggestion',
    peers: {
      kubeLinter: ['unsafe-proc-mount'],
      polaris: ['procMount'],
      kubescape: ['C-0211'],
      trivy: ['KSV-0027'],
    },
    examples: {
      bad: 'securityContext:\n  procMount: Unmasked',
      good: 'securityContext:\n  procMount: Default',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    // v1.35+: in a user namespace the unmasked /proc belongs to the pod's own namespaces.
    if (isUserNamespaceRelaxed(pod, ctx.settings.pss.minor)) return;
    for (const c of containersOf(pod)) {
      const node = get(containerSecurityContext(c), 'procMount');
      if (isUnset(node) || stringValue(node) === 'Default') continue;
      ctx.report({
        node,
        message: `baseline: ${describeContainer(c)} must not set procMount ${stringValue(node)}; only Default keeps the host's /proc paths masked${ctx.settings.pss.minor >= 35 ? ' (allowed at baseline only with hostUsers: false)' : ''}`,
        fixes: () => [suggestion('Set procMount: Default', [ctx.fix.replaceValue(node as YNode, 'Default')])],
      });
    }
  },
});
