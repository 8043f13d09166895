import { defineRule } from '../rule';
import type { Fix } from '../types';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { containerSecurityContext, stringValue, suggestion } from '../k8s/security-context';
import { getMap, getSeq, type YAMLSeq, type YNode } from '../parse';

/** The capabilities baseline allows to be added (`capabilities_allowed_1_0` upstream; one version only). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** `chown` or `CAP_CHOWN` means CHOWN to a person, not to Kubernetes: names are exact and unprefixed. */
export function canonicalCapability(cap: string): string {
  return cap.toUpperCase().replace(/^CAP_/, '');
}

export default defineRule({
  id: 'pss-capabilities-baseline',
  meta: {
    title: 'Capabilities: baseline allow-list',
    description: 'Containers may add only the capabilities of the baseline set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT).',
    why: 'Capabilities beyond the runtime\'s default set give a container parts of root\'s power over the node: `SYS_ADMIN` allows mounting filesystems and most container escapes, `NET_ADMIN` and `NET_RAW` allow reconfiguring or spoofing the network, `SYS_PTRACE` allows reading other processes\' memory, `SYS_MODULE` allows loading kernel modules.',
    how: 'Remove every capability under `securityContext.capabilities.add` that is not in the baseline set. Capability names are case-sensitive and have no `CAP_` prefix (`CHOWN`, not `chown` or `CAP_CHOWN`).',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'baseline', check: 'capabilities_baseline' }, cis: ['5.2.8', '5.2.9'] },
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_25', 'CKV_K8S_28', 'CKV_K8S_39'],
      kubeLinter: ['drop-net-raw-capability'],
      polaris: ['dangerousCapabilities', 'insecureCapabilities'],
      kubescape: ['C-0046', 'C-0199', 'C-0200'],
      trivy: ['KSV-0005', 'KSV-0022', 'KSV-0119', 'KSV-0120'],
      kubesec: ['CapSysAdmin'],
    },
    examples: {
      bad: 'securityContext:\n  capabilities:\n    add: [SYS_ADMIN]',
      good: 'securityContext:\n  capabilities:\n    add: [NET_BIND_SERVICE]',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    for (const c of containersOf(pod)) {
      const add = getSeq(getMap(containerSecurityContext(c), 'capabilities'), 'add');
      if (!add) continue;
      (add.items as YNode[]).forEach((item, index) => {
        const cap = stringValue(item);
        if (BASELINE_CAPABILITIES.has(cap)) return;
        const canonical = canonicalCapability(cap);
        const rename = BASELINE_CAPABILITIES.has(canonical);
        const hint = rename ? `; capability names are case-sensitive and unprefixed: write ${canonical}` : '';
        const fixes = (): Fix[] => {
          const out: Fix[] = [];
          if (rename) out.push(suggestion(`Write ${canonical}`, [ctx.fix.replaceValue(item, canonical)]));
          out.push(suggestion(`Remove capability ${cap}`, [ctx.fix.removeSeqItem(add as YAMLSeq, index)], out.length === 0));
          return out;
        };
        ctx.report({
          node: item,
          message: `baseline: ${describeContainer(c)} must not add capability ${cap}${hint || ' (only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT may be added)'}`,
          fixes,
        });
      });
    }
  },
});
