import { defineRule } from '../rule';
import { podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { isUnset, keyNode } from '../k8s/security-context';
import { get, getString, mapPairs, seqItems } from '../parse';

/** Volume sources restricted allows (`check_restrictedVolumes.go`). */
const ALLOWED = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret']);

/** Every other source the Volume API knows. Unknown keys are not sources: the API server drops them. */
const FORBIDDEN = new Set([
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder',
  'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'portworxVolume', 'photonPersistentDisk',
  'scaleIO', 'storageos',
]);

export default defineRule({
  id: 'pss-restricted-volumes',
  meta: {
    title: 'Volume types',
    description: 'At the restricted level pods may use only `configMap`, `csi`, `downwardAPI`, `emptyDir`, `ephemeral`, `image`, `persistentVolumeClaim`, `projected` and `secret` volumes. It replaces the baseline hostPath check there.',
    why: 'The other volume types either expose the node (`hostPath`), let the pod attach storage directly with credentials and options the cluster administrator did not vet (`nfs`, `iscsi`, `rbd`, cloud disks), or are deprecated and unsafe (`gitRepo` runs git on the node). Persistent volumes claimed through a PVC keep those decisions with the administrator.',
    how: 'Replace the volume with a `persistentVolumeClaim` bound to a PersistentVolume (or StorageClass) of that type, or with one of the allowed types. There is no automatic fix.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'restricted', check: 'restrictedVolumes', overrides: ['hostPathVolumes'] } },
    fix: 'none',
    peers: {
      polaris: ['hostPathSet'],
      kubescape: ['C-0048', 'C-0203'],
      trivy: ['KSV-0023', 'KSV-0028'],
    },
    examples: {
      bad: 'volumes:\n- name: shared\n  nfs:\n    server: nfs.example.com\n    path: /exports',
      good: 'volumes:\n- name: shared\n  persistentVolumeClaim:\n    claimName: shared',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    for (const vol of seqItems(get(pod.spec, 'volumes'))) {
      const sources = mapPairs(vol).filter((p) => typeof p.key.value === 'string' && !isUnset(p.value));
      // As upstream: a volume with an allowed source passes (a second source is an API validation
      // error, not a policy one); a volume with no source at all is defaulted to emptyDir.
      if (sources.some((p) => ALLOWED.has(p.key.value as unknown as string))) continue;
      const name = getString(vol, 'name');
      for (const p of sources) {
        const type = p.key.value as unknown as string;
        if (!FORBIDDEN.has(type)) continue;
        ctx.report({
          node: keyNode(p),
          message: `restricted: volume${name ? ` "${name}"` : ''} uses type ${type}; only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes are allowed`,
        });
      }
    }
  },
});
