import { defineRule } from '../rule';
import type { Fix } from '../types';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { containerAnchor, containerSecurityContext, isWindowsPod, setContainerSecurity } from '../k8s/security-context';
import { getMap, getPair, isSeq, scalarValue, seqItems, type YAMLSeq, type YNode } from '../parse';

export default defineRule({
  id: 'pss-capabilities-restricted',
  meta: {
    title: 'Capabilities: drop ALL',
    description: 'Containers must drop ALL capabilities and may add back only `NET_BIND_SERVICE`.',
    why: 'Container runtimes grant a default set of Linux capabilities (such as `CHOWN`, `DAC_OVERRIDE`, `NET_RAW`, `SETUID`) that most applications never use. `NET_RAW` alone allows ARP and DNS spoofing inside the cluster network. Dropping ALL removes them; a process that needs to bind a port below 1024 can add `NET_BIND_SERVICE` back.',
    how: 'Add `capabilities: {drop: [ALL]}` to each container\'s `securityContext`, and remove every added capability except `NET_BIND_SERVICE`.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'restricted', check: 'capabilities_restricted', since: 'v1.22' }, cis: ['5.2.8', '5.2.9'] },
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_28', 'CKV_K8S_37'],
      kubeLinter: ['drop-net-raw-capability'],
      polaris: ['insecureCapabilities', 'dangerousCapabilities'],
      kubescape: ['C-0046'],
      trivy: ['KSV003', 'KSV022'],
      kubesec: ['CapDropAll', 'CapDropAny'],
    },
    examples: {
      bad: 'securityContext:\n  capabilities:\n    add: [NET_ADMIN]',
      good: 'securityContext:\n  capabilities:\n    drop: [ALL]',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    if (ctx.settings.pss.minor >= 25 && isWindowsPod(pod)) return;
    for (const c of containersOf(pod)) {
      const caps = getMap(containerSecurityContext(c), 'capabilities');
      const dropPair = getPair(caps, 'drop');
      const drop = dropPair?.value;
      const dropsAll = seqItems(drop).some((i) => scalarValue(i) === 'ALL');
      if (!dropsAll) {
        const edit = isSeq(drop) ? ctx.fix.appendToSeq(drop as YAMLSeq, 'ALL') : setContainerSecurity(ctx.fix, c, ['capabilities', 'drop'], ['ALL']);
        const fix: Fix = { title: 'Drop ALL capabilities', edits: [edit], safety: 'suggestion', preferred: true };
        const capsPair = getPair(containerSecurityContext(c), 'capabilities');
        const anchor = dropPair ? (dropPair.key as YNode) : capsPair ? (capsPair.key as YNode) : undefined;
        ctx.report({
          ...(anchor ? { node: anchor } : { range: containerAnchor(c) }),
          message: `restricted: ${describeContainer(c)} must drop ALL capabilities (securityContext.capabilities.drop must include "ALL")`,
          fixes: [fix],
        });
      }
      const add = getPair(caps, 'add')?.value;
      if (isSeq(add)) {
        add.items.forEach((item, index) => {
          const cap = scalarValue(item);
          if (cap === 'NET_BIND_SERVICE') return;
          ctx.report({
            node: item as YNode,
            message: `restricted: ${describeContainer(c)} adds capability ${String(cap)}; only NET_BIND_SERVICE may be added`,
            fixes: [{ title: `Remove capability ${String(cap)}`, edits: [ctx.fix.removeSeqItem(add as YAMLSeq, index)], safety: 'suggestion', preferred: true }],
          });
        });
      }
    }
  },
});
