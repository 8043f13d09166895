import { describeVerbs } from '../workspace/rbac-model';
import { defineGrantRule } from '../workspace/rbac-grant-rule';

export default defineGrantRule({
  id: 'rbac-pv-create',
  meta: {
    title: 'Creation of PersistentVolumes',
    description: 'ClusterRoles should not grant `create` on `persistentvolumes`.',
    why: 'A PersistentVolume can be a `hostPath` volume. Whoever creates one can bind it through a claim and mount any directory of a node into a pod, which the Pod Security Standards forbid for pods themselves: the PV is a way around them.',
    how: 'Let a StorageClass and its provisioner create volumes; grant people and workloads `create` on `persistentvolumeclaims` instead.',
    category: 'rbac',
    severity: 'warning',
    kinds: ['ClusterRole'],
    standards: { cis: ['5.1.9'] },
    fix: 'none',
    peers: { kubescape: ['C-0278'] },
    examples: {
      bad: 'rules:\n- apiGroups: [""]\n  resources: ["persistentvolumes"]\n  verbs: ["create"]',
      good: 'rules:\n- apiGroups: [""]\n  resources: ["persistentvolumeclaims"]\n  verbs: ["create"]',
    },
  },
  clusterScoped: true,
  targets: [{ groups: [''], resources: ['persistentvolumes'], verbs: ['create'] }],
  message(g, who) {
    return `${who} grants ${describeVerbs(g.verbs)} on persistentvolumes: a hostPath PersistentVolume mounts any directory of a node into a pod, around the Pod Security Standards`;
  },
});
