import { describeVerbs } from '../workspace/rbac-model';
import { defineGrantRule } from '../workspace/rbac-grant-rule';

export default defineGrantRule({
  id: 'rbac-sa-token-create',
  meta: {
    title: 'Creation of ServiceAccount tokens',
    description: 'Roles and ClusterRoles should not grant `create` on `serviceaccounts/token`.',
    why: 'The TokenRequest API issues a token for the ServiceAccount named in the request. Whoever may create `serviceaccounts/token` can therefore act as every ServiceAccount in scope (every one in the cluster through a ClusterRoleBinding) with all of their permissions.',
    how: 'Remove `serviceaccounts/token`, or restrict it with `resourceNames` to the one ServiceAccount the subject legitimately needs a token for.',
    category: 'rbac',
    severity: 'warning',
    kinds: ['Role', 'ClusterRole'],
    standards: { cis: ['5.1.13'] },
    fix: 'none',
    peers: { kubescape: ['C-0282'] },
    examples: {
      bad: 'rules:\n- apiGroups: [""]\n  resources: ["serviceaccounts/token"]\n  verbs: ["create"]',
      good: 'rules:\n- apiGroups: [""]\n  resources: ["serviceaccounts/token"]\n  resourceNames: ["build-bot"]\n  verbs: ["create"]',
    },
  },
  targets: [{ groups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] }],
  message(g, who, where) {
    const names = g.rule.resourceNames.map((n) => n.value);
    const which = names.length ? `the ServiceAccounts ${names.join(', ')}` : 'every ServiceAccount';
    return `${who} grants ${describeVerbs(g.verbs)} on serviceaccounts/token ${where}: its subjects can mint tokens for ${which} and act with their permissions`;
  },
  severity(g) {
    const names = g.rule.resourceNames.map((n) => n.value);
    return names.length > 0 && !names.includes('*') ? 'info' : undefined;
  },
});
