import { defineRule } from '../rule';
import { podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { isTrue, suggestion } from '../k8s/security-context';
import { getPair, type YNode } from '../parse';

const FIELDS = [
  { key: 'hostNetwork', what: 'the node\'s network namespace (it can sniff traffic and reach services bound to localhost on the node)' },
  { key: 'hostPID', what: 'the node\'s process namespace (it can see and signal every process on the node)' },
  { key: 'hostIPC', what: 'the node\'s IPC namespace (it can read shared memory of other processes)' },
] as const;

export default defineRule({
  id: 'pss-host-namespaces',
  meta: {
    title: 'Host namespaces',
    description: 'Pods must not share the host\'s network, process or IPC namespaces (`hostNetwork`, `hostPID`, `hostIPC`).',
    why: 'Sharing a host namespace removes a layer of isolation between the pod and the node: with `hostNetwork` the pod sees all node traffic and localhost services, with `hostPID` it can inspect and signal every process (and read their environment), with `hostIPC` it can read other processes\' shared memory.',
    how: 'Remove the field or set it to `false`. Agents that truly need host access (CNI plugins, node monitors) belong in a dedicated namespace with a `privileged` Pod Security level.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'baseline', check: 'hostNamespaces' }, cis: ['5.2.3', '5.2.4', '5.2.5'], nsa: ['1.4', '1.5'] },
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_17', 'CKV_K8S_18', 'CKV_K8S_19'],
      kubeLinter: ['host-network', 'host-pid', 'host-ipc'],
      polaris: ['hostNetworkSet', 'hostPIDSet', 'hostIPCSet'],
      kubescape: ['C-0038', 'C-0041', 'C-0194', 'C-0195', 'C-0196', 'C-0275', 'C-0276'],
      trivy: ['KSV-0008', 'KSV-0009', 'KSV-0010'],
      kubesec: ['HostNetwork', 'HostPID', 'HostIPC'],
    },
    examples: { bad: 'spec:\n  hostPID: true', good: 'spec:\n  hostPID: false' },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    for (const f of FIELDS) {
      const pair = getPair(pod.spec, f.key);
      if (!pair || !isTrue(pair.value)) continue;
      const value = pair.value as YNode;
      ctx.report({
        node: value,
        message: `baseline: host namespaces are not allowed: ${f.key}: true shares ${f.what}`,
        fixes: () => [suggestion(`Set ${f.key}: false`, [ctx.fix.replaceValue(value, false)])],
      });
    }
  },
});
