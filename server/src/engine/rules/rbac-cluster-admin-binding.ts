import { defineRule } from '../rule';
import { describeSubject, roleRefOf, subjectsOf } from '../workspace/rbac-model';

export default defineRule({
  id: 'rbac-cluster-admin-binding',
  meta: {
    title: 'Bindings to cluster-admin',
    description: 'RoleBindings and ClusterRoleBindings should not bind the `cluster-admin` ClusterRole.',
    why: '`cluster-admin` allows every verb on every resource. Bound by a ClusterRoleBinding it is full control of the cluster; bound by a RoleBinding it is full control of the namespace, including its Secrets, Roles and RoleBindings, from which the subject can hand the same power to anyone. A compromised subject with it needs no further escalation.',
    how: 'Bind a role with only the permissions the subject needs: the built-in `admin`, `edit` or `view` ClusterRoles in a namespace, or a purpose-written Role. Keep cluster-admin for break-glass accounts outside manifests.',
    category: 'rbac',
    severity: 'error',
    kinds: ['RoleBinding', 'ClusterRoleBinding'],
    standards: { cis: ['5.1.1'] },
    fix: 'none',
    peers: {
      kubeLinter: ['cluster-admin-role-binding'],
      polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole'],
      kubescape: ['C-0035'],
      trivy: ['KSV111'],
    },
    examples: {
      bad: 'roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin',
      good: 'roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view',
    },
  },
  check(ctx) {
    const ref = roleRefOf(ctx.resource);
    if (!ref || ref.kind !== 'ClusterRole' || ref.name !== 'cluster-admin' || !ref.nameNode) return;
    const subjects = subjectsOf(ctx.resource).map(describeSubject);
    const to = subjects.length ? ` to ${subjects.join(', ')}` : '';
    const message =
      ctx.resource.kind === 'ClusterRoleBinding'
        ? `ClusterRoleBinding binds cluster-admin cluster-wide${to}: full control of every resource in every namespace`
        : `RoleBinding binds cluster-admin in namespace ${ctx.resource.namespace ?? '(its namespace)'}${to}: full control of the namespace, including its Secrets, Roles and RoleBindings`;
    ctx.report({ node: ref.nameNode, message });
  },
});
