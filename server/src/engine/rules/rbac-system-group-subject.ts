import { defineRule } from '../rule';
import { roleRefOf, subjectsOf } from '../workspace/rbac-model';

const RISK: Record<string, string> = {
  'system:anonymous': 'that is to every request without credentials: anyone who can reach the API server',
  'system:unauthenticated': 'that is to every request without credentials: anyone who can reach the API server',
  'system:authenticated': 'that is to every authenticated identity: every ServiceAccount of every namespace and, on many managed clusters, any account of the cloud provider',
  'system:masters':
    'a group that already bypasses every authorization check: naming it suggests handing out cluster-admin through certificate group membership, which cannot be revoked without rotating the cluster CA',
};

export default defineRule({
  id: 'rbac-system-group-subject',
  meta: {
    title: 'Bindings to system:anonymous, system:unauthenticated, system:authenticated or system:masters',
    description: 'Bindings should not grant permissions to the built-in groups that stand for everyone, or name system:masters.',
    why: '`system:anonymous` and `system:unauthenticated` are requests without credentials; `system:authenticated` is every identity the API server accepts, every ServiceAccount token included. A binding to them gives its role to the whole network or the whole cluster. `system:masters` bypasses RBAC altogether and membership in it comes from client certificates that cannot be revoked.',
    how: 'Bind the role to the specific users, groups or ServiceAccounts that need it. Remove the subject (the quick fix does so).',
    category: 'rbac',
    severity: 'error',
    kinds: ['RoleBinding', 'ClusterRoleBinding'],
    standards: { cis: ['5.1.7'] },
    fix: 'suggestion',
    peers: { kubescape: ['C-0262'], trivy: ['KSV122', 'KSV123', 'KSV01011'], kubesec: ['BindingsToSystemAnonymous'] },
    examples: {
      bad: 'subjects:\n- kind: Group\n  name: system:authenticated\n  apiGroup: rbac.authorization.k8s.io',
      good: 'subjects:\n- kind: Group\n  name: platform-team\n  apiGroup: rbac.authorization.k8s.io',
    },
  },
  check(ctx) {
    const ref = roleRefOf(ctx.resource);
    const role = ref?.name ? `${ref.kind ?? 'role'} ${ref.name}` : 'its role';
    for (const s of subjectsOf(ctx.resource)) {
      if (!s.name || !s.nameNode) continue;
      const isGroup = s.kind === 'Group' && RISK[s.name];
      const isAnonymousUser = s.kind === 'User' && s.name === 'system:anonymous';
      if (!isGroup && !isAnonymousUser) continue;
      ctx.report({
        node: s.nameNode,
        message: `${ctx.resource.kind} grants ${role} to ${s.kind} ${s.name}, ${RISK[s.name]}`,
        fixes: () => [{ title: `Remove the subject ${s.name}`, edits: [ctx.fix.removeSeqItem(s.seq, s.index)], safety: 'suggestion', preferred: true }],
      });
    }
  },
});
