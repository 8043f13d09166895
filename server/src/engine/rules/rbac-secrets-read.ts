import { describeVerbs, joinWords } from '../workspace/rbac-model';
import { defineGrantRule } from '../workspace/rbac-grant-rule';

export default defineGrantRule({
  id: 'rbac-secrets-read',
  meta: {
    title: 'Read access to Secrets',
    description: 'Roles and ClusterRoles should not grant `get`, `list` or `watch` on `secrets`.',
    why: 'Reading a Secret returns its data: passwords, API keys, TLS keys and ServiceAccount tokens of more privileged accounts. `list` and `watch` return every Secret of the namespace (of every namespace through a ClusterRoleBinding) with their contents, not just their names.',
    how: 'Remove `secrets` from the rule, or limit `get` to the Secrets the workload needs with `resourceNames`. Prefer mounting a Secret into the pod over reading it through the API.',
    category: 'rbac',
    severity: 'warning',
    kinds: ['Role', 'ClusterRole'],
    standards: { cis: ['5.1.2'] },
    fix: 'none',
    peers: { checkov: ['CKV2_K8S_5'], kubeLinter: ['access-to-secrets'], kubescape: ['C-0015', 'C-0186'], trivy: ['KSV041', 'KSV113'] },
    examples: {
      bad: 'rules:\n- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["get", "list", "watch"]',
      good: 'rules:\n- apiGroups: [""]\n  resources: ["secrets"]\n  resourceNames: ["app-config"]\n  verbs: ["get"]',
    },
  },
  targets: [{ groups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }],
  message(g, who, where) {
    const names = g.rule.resourceNames.map((n) => n.value);
    const limited = names.length > 0 && !names.includes('*') && !g.verbs.some((v) => v === 'list' || v === 'watch' || v === '*');
    if (limited) return `${who} grants ${describeVerbs(g.verbs)} on the Secrets ${joinWords(names)} ${where}: its subjects can read their data`;
    return `${who} grants ${describeVerbs(g.verbs)} on secrets ${where}: its subjects can read the data of every Secret there (passwords, keys, tokens of other ServiceAccounts)`;
  },
  severity(g) {
    const names = g.rule.resourceNames.map((n) => n.value);
    return names.length > 0 && !names.includes('*') && !g.verbs.some((v) => v === 'list' || v === 'watch' || v === '*') ? 'info' : undefined;
  },
});

