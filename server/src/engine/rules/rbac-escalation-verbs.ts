import { defineRule } from '../rule';
import { describeRole, groupMatches, policyRulesOf, resourceMatches, scopeOf } from '../workspace/rbac-model';

interface Target {
  groups: string[];
  resources: string[];
  effect: string;
}

const TARGETS: Record<string, Target> = {
  bind: {
    groups: ['rbac.authorization.k8s.io'],
    resources: ['roles', 'clusterroles'],
    effect: 'bind roles to anyone, themselves included, even roles with permissions they do not hold',
  },
  escalate: {
    groups: ['rbac.authorization.k8s.io'],
    resources: ['roles', 'clusterroles'],
    effect: 'create and edit roles with permissions they do not hold themselves, up to cluster-admin',
  },
  impersonate: {
    groups: ['', 'authentication.k8s.io'],
    resources: ['users', 'groups', 'serviceaccounts', 'uids', 'userextras/scopes', 'userextras/*'],
    effect: 'act as any user, group or ServiceAccount it names, including cluster administrators',
  },
};

export default defineRule({
  id: 'rbac-escalation-verbs',
  meta: {
    title: 'bind, escalate and impersonate',
    description: 'Roles and ClusterRoles should not grant the `bind`, `escalate` or `impersonate` verbs.',
    why: 'RBAC stops a subject from granting more than it holds, except through these verbs. `escalate` lets it write roles with any permission, `bind` lets it bind any role (cluster-admin included) to itself or others, and `impersonate` lets it send requests as another user, group or ServiceAccount. Each is a path to cluster-admin.',
    how: 'Remove the verb. Where a controller must manage RBAC, limit it with `resourceNames` to the roles it binds, and keep impersonation for break-glass accounts.',
    category: 'rbac',
    severity: 'warning',
    kinds: ['Role', 'ClusterRole'],
    standards: { cis: ['5.1.8'] },
    fix: 'none',
    peers: { checkov: ['CKV_K8S_157', 'CKV_K8S_158', 'CKV2_K8S_3'], kubescape: ['C-0191', 'C-0065'], trivy: ['KSV043', 'KSV050'] },
    examples: {
      bad: 'rules:\n- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["clusterroles"]\n  verbs: ["bind", "escalate"]',
      good: 'rules:\n- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["clusterroles"]\n  verbs: ["get", "list", "watch"]',
    },
  },
  check(ctx) {
    const who = describeRole(ctx.resource);
    const where = scopeOf(ctx.resource);
    for (const rule of policyRulesOf(ctx.resource)) {
      const groups = rule.apiGroups.map((g) => g.value);
      for (const v of rule.verbs) {
        const t = TARGETS[v.value];
        if (!t) continue;
        if (!t.groups.some((g) => groupMatches(groups, g))) continue;
        const on = rule.resources.filter((r) => t.resources.some((tr) => resourceMatches(r.value, tr) || r.value === tr));
        if (on.length === 0) continue;
        const names = rule.resourceNames.map((n) => n.value);
        const limited = names.length > 0 && !names.includes('*');
        ctx.report({
          node: v.node,
          message: `${who} grants ${v.value} on ${on.map((r) => r.value).join(', ')} ${where}: its subjects can ${t.effect}${limited ? ` (limited to ${names.join(', ')})` : ''}`,
          severity: limited ? 'info' : undefined,
        });
      }
    }
  },
});
