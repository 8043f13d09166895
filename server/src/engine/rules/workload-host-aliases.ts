import { defineRule } from '../rule';
import { podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { getPair, seqItems, type YNode } from '../parse';

export default defineRule({
  id: 'workload-host-aliases',
  meta: {
    title: 'hostAliases',
    description: 'Pod specs should not use `hostAliases` to write entries into the containers\' `/etc/hosts`.',
    why: 'Entries in `/etc/hosts` override DNS for every process in the pod. They pin names to addresses that go stale silently, bypass DNS-based controls (policies, service-mesh routing by host name), and can send traffic meant for a trusted name to another address, which reviewers rarely notice because nothing else in the cluster shows it. The kubelet also manages the file, so the entries hide a dependency on the node\'s networking.',
    how: 'Publish the name in DNS instead: a Service (an `ExternalName` Service or one with manual Endpoints for external addresses) or your cluster\'s DNS configuration. Keep `hostAliases` only where nothing else works, with a suppression comment that says why. There is no automatic fix: removing the entries changes name resolution.',
    category: 'workload',
    severity: 'info',
    kinds: WORKLOAD_KINDS,
    fix: 'none',
    peers: { trivy: ['KSV007'], kubesec: ['HostAliases'] },
    examples: { bad: 'spec:\n  hostAliases:\n  - ip: 10.0.0.5\n    hostnames: [api.example.com]', good: 'spec:\n  containers: [...]  # api.example.com resolved by DNS' },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    const pair = getPair(pod.spec, 'hostAliases');
    if (!pair || seqItems(pair.value).length === 0) return;
    const names = seqItems(pair.value).length;
    ctx.report({
      node: pair.key as YNode,
      message: `hostAliases writes ${names} entr${names === 1 ? 'y' : 'ies'} into /etc/hosts, overriding DNS for every container of the pod`,
    });
  },
});
