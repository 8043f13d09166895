import { defineRule, type RuleContext } from '../rule';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { containerSecurityContext, isUnset, podSecurityContext, removeField, stringValue, suggestion } from '../k8s/security-context';
import { getMap, getPair, type YAMLMap, type YNode } from '../parse';

/** seLinuxOptions.type values baseline accepts ("" = unset), by policy version. */
export function allowedSelinuxTypes(minor: number): readonly string[] {
  const base = ['container_t', 'container_init_t', 'container_kvm_t'];
  return minor >= 31 ? [...base, 'container_engine_t'] : base;
}

export default defineRule({
  id: 'pss-selinux',
  meta: {
    title: 'SELinux options',
    description: 'Pods and containers must not set a custom SELinux user or role, and `seLinuxOptions.type` may only be `container_t`, `container_init_t`, `container_kvm_t` or (from v1.31) `container_engine_t`.',
    why: 'On SELinux nodes the container types confine what a container process may touch on the host. A custom type such as `spc_t` (super-privileged container) or `unconfined_t`, or a custom user or role, lifts that confinement.',
    how: 'Remove `seLinuxOptions.type`, `.user` and `.role` (the runtime assigns `container_t`), or use one of the allowed container types. `seLinuxOptions.level` is not restricted.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'baseline', check: 'seLinuxOptions' }, nsa: ['1.8'] },
    fix: 'suggestion',
    peers: {
      polaris: ['linuxHardening'],
      kubescape: ['C-0211'],
      trivy: ['KSV-0025'],
    },
    examples: {
      bad: 'securityContext:\n  seLinuxOptions:\n    type: spc_t',
      good: 'securityContext:\n  seLinuxOptions:\n    level: "s0:c123,c456"',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    check(ctx, podSecurityContext(pod), 'the pod');
    for (const c of containersOf(pod)) check(ctx, containerSecurityContext(c), describeContainer(c));
  },
});

function check(ctx: RuleContext, sc: YAMLMap | undefined, where: string): void {
  const opts = getMap(sc, 'seLinuxOptions');
  if (!opts) return;
  const allowed = allowedSelinuxTypes(ctx.settings.pss.minor);
  for (const field of ['type', 'user', 'role'] as const) {
    const pair = getPair(opts, field);
    if (!pair || isUnset(pair.value)) continue;
    const value = stringValue(pair.value);
    if (value === '' || (field === 'type' && allowed.includes(value))) continue;
    ctx.report({
      node: pair.value as YNode,
      message: field === 'type'
        ? `baseline: SELinux type "${value}" is not allowed in ${where}; use ${allowed.join(', ')} or leave it unset`
        : `baseline: ${where} must not set a custom SELinux ${field} ("${value}"); seLinuxOptions.${field} must be unset`,
      fixes: () => {
        const edit = removeField(ctx.fix, sc, 'seLinuxOptions', opts, field);
        return edit ? [suggestion(`Remove seLinuxOptions.${field}`, [edit])] : [];
      },
    });
  }
}
