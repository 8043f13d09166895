import { defineRule } from '../rule';
import { containerNameAnchor, isSet, pairRange } from '../k8s/container-field';
import { describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { hostPathVolumes, normalizeHostPath, volumeMountsOf } from '../k8s/volumes';
import { getPair, isScalar } from '../parse';

export default defineRule({
  id: 'workload-host-path-writable',
  meta: {
    title: 'Writable hostPath mount',
    description: 'Containers that mount a hostPath volume should mount it with `readOnly: true`.',
    why: 'A read-write hostPath mount lets a compromised container change files on the node itself: plant binaries or cron jobs the node runs, alter kubelet or runtime configuration, or fill the disk. Those changes outlive the pod and reach every other workload on the node.',
    how: 'Set `readOnly: true` on the container\'s `volumeMounts` entry (the quick fix does this). If the container must write, give it an `emptyDir` or a PersistentVolume instead of a host directory. Note that a read-only mount does not stop a process from using a Unix socket it finds there (see workload-host-path-sensitive).',
    category: 'workload',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    fix: 'suggestion',
    peers: {
      kubeLinter: ['writable-host-mount'],
      kubescape: ['C-0045'],
    },
    examples: {
      bad: 'volumeMounts:\n- name: host-logs\n  mountPath: /host/var/log',
      good: 'volumeMounts:\n- name: host-logs\n  mountPath: /host/var/log\n  readOnly: true',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    const hostPaths = new Map<string, string | undefined>();
    for (const v of hostPathVolumes(pod)) if (v.name !== undefined) hostPaths.set(v.name, v.path);
    if (hostPaths.size === 0) return;
    for (const m of volumeMountsOf(pod)) {
      if (!hostPaths.has(m.name)) continue;
      const ro = getPair(m.mount, 'readOnly');
      if (ro && isScalar(ro.value) && ro.value.value === true) continue;
      const hostPath = hostPaths.get(m.name);
      const where = hostPath !== undefined ? ` (${normalizeHostPath(hostPath)} on the node)` : '';
      const message = `${describeContainer(m.container)} mounts hostPath volume "${m.name}"${where} read-write: it can change files on the node`;
      const fixes = () => [{ title: 'Mount it read-only', edits: [ctx.fix.setIn(m.mount, ['readOnly'], true)], safety: 'suggestion' as const, preferred: true }];
      if (ro && isSet(ro.value)) {
        ctx.report({ node: ro.value, message, fixes });
      } else {
        const name = getPair(m.mount, 'name');
        ctx.report({ range: name ? pairRange(name) : containerNameAnchor(m.container), message, fixes });
      }
    }
  },
});
