import { defineRule, type ReportInput } from '../rule';
import { describeRole, joinWords, policyRulesOf, replaceVerbWildcard, scopeOf, type PolicyRuleNode } from '../workspace/rbac-model';

const READ_ONLY = ['get', 'list', 'watch'];

/** What a resource wildcard reaches in the groups of its rule, named by the resources that matter most. */
const SENSITIVE_BY_GROUP: Record<string, string[]> = {
  '': ['secrets', 'pods/exec', 'serviceaccounts/token', 'nodes/proxy', 'persistentvolumes'],
  apps: ['deployments', 'daemonsets', 'statefulsets'],
  batch: ['jobs', 'cronjobs'],
  'rbac.authorization.k8s.io': ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'],
  'admissionregistration.k8s.io': ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'],
  'certificates.k8s.io': ['certificatesigningrequests/approval', 'signers'],
  'networking.k8s.io': ['networkpolicies', 'ingresses'],
  'security.istio.io': ['authorizationpolicies', 'peerauthentications'],
};

function groupName(g: string): string {
  return g === '' ? '"" (core)' : g;
}

function resourcesCovered(rule: PolicyRuleNode): string {
  const groups = rule.apiGroups.map((g) => g.value);
  if (groups.includes('*') || groups.length === 0) return 'every resource of every API group (secrets, pods/exec, roles and bindings, webhook configurations, custom resources...)';
  const examples = groups.flatMap((g) => SENSITIVE_BY_GROUP[g] ?? []);
  const named = `every resource and subresource of ${groups.length > 1 ? 'the API groups' : 'API group'} ${joinWords(groups.map(groupName))}`;
  return examples.length ? `${named}, including ${joinWords(examples.slice(0, 6))}` : `${named}, including ones added later`;
}

function resourcesOfRule(rule: PolicyRuleNode): string {
  const rs = rule.resources.map((r) => r.value);
  if (rs.includes('*')) return 'every resource';
  if (rs.length === 0 && rule.nonResourceURLs.length) return joinWords(rule.nonResourceURLs.map((u) => u.value));
  return joinWords(rs);
}

export default defineRule({
  id: 'rbac-wildcard',
  meta: {
    title: 'Wildcards in RBAC rules',
    description: 'Roles and ClusterRoles should list verbs, resources and API groups explicitly instead of using `*`.',
    why: 'A `*` grants everything that exists now and everything added later: every verb (including `escalate`, `bind` and `impersonate` where they apply), every subresource such as `pods/exec` and `serviceaccounts/token`, and the resources of every CRD installed in the future. What the role really allows cannot be read from it, and least privilege cannot be reviewed.',
    how: 'Replace the wildcard with the verbs, resources and API groups the subject needs. The quick fix replaces a verb wildcard with the read-only verbs `get`, `list` and `watch`; add write verbs back one by one where they are needed.',
    category: 'rbac',
    severity: 'warning',
    kinds: ['Role', 'ClusterRole'],
    standards: { cis: ['5.1.3'] },
    fix: 'suggestion',
    peers: { checkov: ['CKV_K8S_49'], kubeLinter: ['wildcard-in-rules'], kubescape: ['C-0187'], trivy: ['KSV044', 'KSV045', 'KSV046', 'KSV112'] },
    examples: {
      bad: 'rules:\n- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["*"]',
      good: 'rules:\n- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get", "list", "watch"]',
    },
  },
  check(ctx) {
    const who = describeRole(ctx.resource);
    const where = scopeOf(ctx.resource);
    const reports: ReportInput[] = [];
    for (const rule of policyRulesOf(ctx.resource)) {
      for (const v of rule.verbs) {
        if (v.value !== '*') continue;
        reports.push({
          node: v.node,
          message: `${who}: verbs "*" grants every verb on ${resourcesOfRule(rule)} ${where}: get, list, watch, create, update, patch, delete and deletecollection, escalate, bind and impersonate where they apply, and any verb added later`,
          fixes: () => [
            {
              title: 'Replace "*" with the read-only verbs get, list, watch',
              edits: [replaceVerbWildcard(ctx.fix, rule, v, READ_ONLY)],
              safety: 'suggestion',
              preferred: true,
            },
          ],
        });
      }
      for (const r of rule.resources) {
        if (r.value !== '*') continue;
        reports.push({ node: r.node, message: `${who}: resources "*" covers ${resourcesCovered(rule)} ${where}` });
      }
      for (const g of rule.apiGroups) {
        if (g.value !== '*') continue;
        reports.push({
          node: g.node,
          message: `${who}: apiGroups "*" extends the rule on ${resourcesOfRule(rule)} to every API group, including rbac.authorization.k8s.io, admissionregistration.k8s.io and the groups of custom resources installed later`,
        });
      }
      for (const u of rule.nonResourceURLs) {
        if (u.value !== '*') continue;
        reports.push({ node: u.node, message: `${who}: nonResourceURLs "*" covers every non-resource path of the API server, such as /metrics, /debug/pprof and /logs` });
      }
    }
    // In the order they are written, whatever the field order of the rule.
    reports.sort((a, b) => a.node!.range![0] - b.node!.range![0]);
    for (const r of reports) ctx.report(r);
  },
});
