import { defineRule } from '../rule';
import { podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { isUnset, keyNode } from '../k8s/security-context';
import { get, getPair, getString, seqItems } from '../parse';

export default defineRule({
  id: 'pss-host-path-volumes',
  meta: {
    title: 'HostPath volumes',
    description: 'Pods must not use `hostPath` volumes.',
    why: 'A hostPath volume mounts a directory of the node into the pod. Depending on the path it exposes credentials (`/etc/kubernetes`, `/var/lib/kubelet`), the container runtime socket (which is root on the node), other pods\' data or the kernel\'s interfaces (`/proc`, `/sys`); a writable mount lets the pod plant files the node will execute.',
    how: 'Use a `persistentVolumeClaim`, `configMap`, `secret`, `emptyDir` or `csi` volume instead. Node agents that really need a host directory belong in a namespace with the `privileged` Pod Security level. There is no automatic fix: the replacement depends on what the pod reads or writes.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'baseline', check: 'hostPathVolumes' }, cis: ['5.2.11'] },
    fix: 'none',
    peers: {
      polaris: ['hostPathSet'],
      kubescape: ['C-0048', 'C-0203'],
      trivy: ['KSV-0023'],
    },
    examples: {
      bad: 'volumes:\n- name: data\n  hostPath:\n    path: /var/lib/app',
      good: 'volumes:\n- name: data\n  persistentVolumeClaim:\n    claimName: app-data',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    for (const vol of seqItems(get(pod.spec, 'volumes'))) {
      const pair = getPair(vol, 'hostPath');
      if (!pair || isUnset(pair.value)) continue;
      const name = getString(vol, 'name');
      const path = getString(pair.value, 'path');
      ctx.report({
        node: keyNode(pair),
        message: `baseline: hostPath volumes are not allowed: volume${name ? ` "${name}"` : ''} mounts ${path ? `${path} from ` : 'a directory of '}the node's filesystem into the pod`,
      });
    }
  },
});
