import { defineRule } from '../rule';
import type { Fix } from '../types';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import {
  containerAnchor,
  containerSecurityContext,
  isWindowsExempt,
  isWindowsPod,
  keyNode,
  setContainerSecurity,
  stringValue,
  suggestion,
} from '../k8s/security-context';
import { getMap, getPair, isSeq, seqItems, type YAMLSeq, type YNode } from '../parse';

export default defineRule({
  id: 'pss-capabilities-restricted',
  meta: {
    title: 'Capabilities: drop ALL',
    description: 'At the restricted level containers must drop ALL capabilities and may add back only `NET_BIND_SERVICE` (from policy v1.22; Windows pods are exempt from v1.25). It replaces the baseline capabilities check there.',
    why: 'Container runtimes grant a default set of Linux capabilities (such as `CHOWN`, `DAC_OVERRIDE`, `NET_RAW`, `SETUID`) that most applications never use. `NET_RAW` alone allows ARP and DNS spoofing inside the cluster network. Dropping ALL removes them; a process that needs to bind a port below 1024 can add `NET_BIND_SERVICE` back.',
    how: 'Add `capabilities: {drop: [ALL]}` to each container\'s `securityContext`, and remove every added capability except `NET_BIND_SERVICE`. Names are case-sensitive: `ALL`, not `all`.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'restricted', check: 'capabilities_restricted', since: 'v1.22', overrides: ['capabilities_baseline'] }, cis: ['5.2.8', '5.2.9'] },
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_28', 'CKV_K8S_37'],
      kubeLinter: ['drop-net-raw-capability'],
      polaris: ['insecureCapabilities', 'dangerousCapabilities'],
      kubescape: ['C-0055', 'C-0199', 'C-0201'],
      trivy: ['KSV-0003', 'KSV-0106'],
      kubesec: ['CapDropAll'],
    },
    examples: {
      bad: 'securityContext:\n  capabilities:\n    add: [NET_ADMIN]',
      good: 'securityContext:\n  capabilities:\n    drop: [ALL]',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    if (isWindowsExempt(pod, ctx.settings.pss.minor)) return;
    // Capabilities are Linux-only: a Windows pod (policy below v1.25) is reported without the drop fix.
    const linux = !isWindowsPod(pod);
    for (const c of containersOf(pod)) {
      const sc = containerSecurityContext(c);
      const caps = getMap(sc, 'capabilities');
      const dropPair = getPair(caps, 'drop');
      const drop = dropPair?.value;
      if (!seqItems(drop).some((i) => stringValue(i) === 'ALL')) {
        const fixes = linux
          ? (): Fix[] => {
              const edit = isSeq(drop) ? ctx.fix.appendToSeq(drop as YAMLSeq, 'ALL') : setContainerSecurity(ctx.fix, c, ['capabilities', 'drop'], ['ALL']);
              return [suggestion('Drop ALL capabilities', [edit])];
            }
          : [];
        const lower = seqItems(drop).some((i) => stringValue(i).toUpperCase() === 'ALL');
        const anchor = keyNode(dropPair) ?? keyNode(getPair(sc, 'capabilities'));
        ctx.report({
          ...(anchor ? { node: anchor } : { range: containerAnchor(c) }),
          message: `restricted: ${describeContainer(c)} must drop ALL capabilities (securityContext.capabilities.drop must include "ALL"${lower ? '; names are case-sensitive' : ''})`,
          fixes,
        });
      }
      const add = getPair(caps, 'add')?.value;
      if (!isSeq(add)) continue;
      add.items.forEach((item, index) => {
        const cap = stringValue(item);
        if (cap === 'NET_BIND_SERVICE') return;
        ctx.report({
          node: item as YNode,
          message: `restricted: ${describeContainer(c)} must not add capability ${cap}; only NET_BIND_SERVICE may be added`,
          fixes: () => [suggestion(`Remove capability ${cap}`, [ctx.fix.removeSeqItem(add as YAMLSeq, index)])],
        });
      });
    }
  },
});
