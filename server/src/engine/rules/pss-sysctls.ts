import { defineRule } from '../rule';
import { podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { podSecurityContext, stringValue, suggestion } from '../k8s/security-context';
import { get, getSeq, type YAMLSeq, type YNode } from '../parse';

/** The safe sysctls of each policy version (`check_sysctls.go` upstream), cumulative. */
const SAFE_SYSCTLS: readonly { since: number; names: readonly string[] }[] = [
  { since: 0, names: ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range'] },
  { since: 27, names: ['net.ipv4.ip_local_reserved_ports'] },
  { since: 29, names: ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'] },
  { since: 32, names: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'] },
  { since: 37, names: ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'] },
];

export function safeSysctls(minor: number): ReadonlySet<string> {
  return new Set(SAFE_SYSCTLS.filter((s) => minor >= s.since).flatMap((s) => s.names));
}

export default defineRule({
  id: 'pss-sysctls',
  meta: {
    title: 'Sysctls outside the safe set',
    description: 'Pods may set only the safe sysctls of their policy version in `securityContext.sysctls`.',
    why: 'Most kernel parameters are not namespaced: setting them from a pod changes them for the whole node and every other pod on it, or disables a kernel protection. The safe set contains only parameters isolated per pod. The set grows with Kubernetes versions (v1.27, v1.29, v1.32, v1.37), so a sysctl safe on a new cluster may be rejected by an older policy version.',
    how: 'Remove the sysctl, or set it on the nodes instead (and allow it there with the kubelet\'s `--allowed-unsafe-sysctls` for a dedicated, privileged namespace). Write names with dots, as the safe set does (`net.ipv4.tcp_syncookies`).',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'baseline', check: 'sysctls' } },
    fix: 'suggestion',
    peers: {
      kubeLinter: ['unsafe-sysctls'],
      kubescape: ['C-0211'],
      trivy: ['KSV-0026'],
    },
    examples: {
      bad: 'securityContext:\n  sysctls:\n  - name: kernel.msgmax\n    value: "65536"',
      good: 'securityContext:\n  sysctls:\n  - name: net.ipv4.ip_local_port_range\n    value: "1024 65535"',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    const seq = getSeq(podSecurityContext(pod), 'sysctls');
    if (!seq) return;
    const minor = ctx.settings.pss.minor;
    const safe = safeSysctls(minor);
    (seq.items as YNode[]).forEach((item, index) => {
      const nameNode = get(item, 'name');
      const name = stringValue(nameNode);
      if (safe.has(name)) return;
      const newer = SAFE_SYSCTLS.find((s) => s.since > minor && s.names.includes(name));
      ctx.report({
        node: nameNode ?? item,
        message: `baseline: sysctl ${name || '(unnamed)'} is not allowed: it is not in the safe set${newer ? ` of policy v1.${minor} (it is safe from v1.${newer.since})` : ''}`,
        fixes: () => [suggestion(`Remove sysctl ${name}`, [ctx.fix.removeSeqItem(seq as YAMLSeq, index)])],
      });
    });
  },
});
