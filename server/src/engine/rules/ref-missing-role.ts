import { resourceAnchor } from '../k8s/resource';
import { factsOf } from '../workspace/extractor';
import { defineGraphRule } from '../workspace/graph-rule';
import { roleBindingFacts } from '../workspace/k8s-facts';
import { isBuiltinClusterRole } from '../workspace/permissions';
import { roleRefOf } from '../workspace/rbac-model';

export default defineGraphRule({
  id: 'ref-missing-role',
  meta: {
    title: 'Binding to a Role or ClusterRole the workspace does not define',
    description: "A RoleBinding's or ClusterRoleBinding's roleRef should name a role that exists.",
    why: 'A binding to a missing role grants nothing today, and whatever role of that name is created later, by anyone allowed to create roles, is granted at once to the binding\'s subjects. A Role/ClusterRole mix-up in `roleRef.kind` is a common cause: the binding then silently does not give the permissions the workload expects.',
    how: 'Define the role, fix its name, or fix `roleRef.kind`. Built-in ClusterRoles (cluster-admin, admin, edit, view, system:*) are known. The finding only considers the files of the workspace: suppress it for roles managed elsewhere.',
    category: 'rbac',
    severity: 'info',
    kinds: ['RoleBinding', 'ClusterRoleBinding'],
    fix: 'suggestion',
    peers: { polaris: ['rolebindingRolePodExecAttach', 'rolebindingClusterRolePodExecAttach'] },
    examples: {
      bad: 'roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: pod-reader   # defined as a ClusterRole',
      good: 'roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: pod-reader',
    },
  },
  check(ctx) {
    const f = factsOf(ctx.self, roleBindingFacts);
    const ref = roleRefOf(ctx.resource);
    if (!f?.roleRef || !ref) return;
    const { kind, name } = f.roleRef;
    const ns = ctx.self.ns ?? '';
    if (kind === 'Role') {
      if (ctx.self.kind === 'ClusterRoleBinding') return; // invalid, and the API server says so
      if (ctx.graph.named('Role', name, ns).length > 0) return;
    } else if (kind === 'ClusterRole') {
      if (isBuiltinClusterRole(name) || ctx.graph.named('ClusterRole', name).length > 0) return;
    } else return;
    const otherKind = kind === 'Role' ? 'ClusterRole' : 'Role';
    // A ClusterRoleBinding can only bind ClusterRoles, so a Role is never the fix there.
    const other = kind === 'Role' ? ctx.graph.named('ClusterRole', name)[0] : ctx.self.kind === 'RoleBinding' ? ctx.graph.named('Role', name, ns)[0] : undefined;
    const where = kind === 'Role' && ctx.self.namespace ? ` in namespace ${ctx.self.namespace}` : '';
    ctx.report({
      node: ref.nameNode ?? resourceAnchor(ctx.resource),
      message: `${kind} ${name} is not defined${where} in ${ctx.scope}: the binding grants nothing now, and a ${kind} of that name created later is granted to its subjects at once${other ? `; a ${otherKind} ${name} exists: did you mean kind: ${otherKind}?` : ''}`,
      related: other ? [ctx.related(other, `${otherKind} ${name}`)] : undefined,
      fixes: other && ref.kindNode ? [{ title: `Change roleRef.kind to ${otherKind}`, edits: [ctx.fix.replaceValue(ref.kindNode, otherKind)], safety: 'suggestion', preferred: true }] : [],
    });
  },
});
