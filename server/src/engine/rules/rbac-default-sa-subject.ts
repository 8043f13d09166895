import { defineRule } from '../rule';
import { roleRefOf, subjectsOf } from '../workspace/rbac-model';

export default defineRule({
  id: 'rbac-default-sa-subject',
  meta: {
    title: 'Permissions granted to the default ServiceAccount',
    description: 'Bindings should not grant permissions to the `default` ServiceAccount of a namespace.',
    why: 'Every pod that does not name a ServiceAccount runs as `default`. A role bound to it is given to every such pod of the namespace, including ones added later by other teams, and to anyone who can create a pod there.',
    how: 'Create a ServiceAccount for the workload that needs the permissions, set it as the pod\'s `serviceAccountName`, and bind the role to that account instead.',
    category: 'rbac',
    severity: 'warning',
    kinds: ['RoleBinding', 'ClusterRoleBinding'],
    standards: { cis: ['5.1.5'] },
    fix: 'none',
    peers: { checkov: ['CKV_K8S_42'], kubescape: ['C-0189'] },
    examples: {
      bad: 'subjects:\n- kind: ServiceAccount\n  name: default\n  namespace: production',
      good: 'subjects:\n- kind: ServiceAccount\n  name: report-generator\n  namespace: production',
    },
  },
  check(ctx) {
    const ref = roleRefOf(ctx.resource);
    const role = ref?.name ? `${ref.kind ?? 'role'} ${ref.name}` : 'its role';
    for (const s of subjectsOf(ctx.resource)) {
      if (s.kind !== 'ServiceAccount' || s.name !== 'default' || !s.nameNode) continue;
      const ns = s.namespace ?? ctx.resource.namespace;
      ctx.report({
        node: s.nameNode,
        message: `${ctx.resource.kind} grants ${role} to the default ServiceAccount${ns ? ` of namespace ${ns}` : ''}: every pod there that names no ServiceAccount gets these permissions`,
      });
    }
  },
});
