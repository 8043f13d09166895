import { describeVerbs } from '../workspace/rbac-model';
import { defineGrantRule } from '../workspace/rbac-grant-rule';

const WORKLOADS: Record<string, string[]> = {
  '': ['pods', 'replicationcontrollers', 'podtemplates'],
  apps: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'],
  extensions: ['deployments', 'replicasets', 'daemonsets'],
  batch: ['jobs', 'cronjobs'],
};

export default defineGrantRule({
  id: 'rbac-create-pods',
  meta: {
    title: 'Permission to create pods or workloads',
    description: 'Roles and ClusterRoles should not grant `create` on pods or on the workload kinds that create pods.',
    why: 'Whoever can create a pod, directly or through a Deployment, Job or other controller, chooses its image, its command and its ServiceAccount: the pod can run as any ServiceAccount of the namespace and mount any Secret there. Create on pods is therefore every permission of every ServiceAccount in the namespace, plus access to all its Secrets; where Pod Security admission is not enforced it is also root on a node.',
    how: 'Grant create on workloads only to deployment pipelines and controllers that need it, bound in the namespaces they deploy to. Give people read access and let CI deploy.',
    category: 'rbac',
    severity: 'warning',
    kinds: ['Role', 'ClusterRole'],
    standards: { cis: ['5.1.4'] },
    fix: 'none',
    peers: { kubeLinter: ['access-to-create-pods'], kubescape: ['C-0188'], trivy: ['KSV048'] },
    examples: {
      bad: 'rules:\n- apiGroups: ["apps"]\n  resources: ["deployments"]\n  verbs: ["create", "update"]',
      good: 'rules:\n- apiGroups: ["apps"]\n  resources: ["deployments"]\n  verbs: ["get", "list", "watch"]',
    },
  },
  targets: Object.entries(WORKLOADS).map(([group, resources]) => ({ groups: [group], resources, verbs: ['create'] })),
  message(g, who, where) {
    const verb = g.verbs.includes('*') ? `${describeVerbs(g.verbs)}, including create,` : 'create';
    return `${who} grants ${verb} on ${g.resource.value} ${where}: a new pod can run as any ServiceAccount there and mount any Secret, so this is every permission of the namespace's ServiceAccounts`;
  },
});
