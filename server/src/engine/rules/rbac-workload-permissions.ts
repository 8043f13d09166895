import { WORKLOAD_KINDS } from '../k8s/resource';
import { factsOf } from '../workspace/extractor';
import { defineGraphRule } from '../workspace/graph-rule';
import { roleBindingFacts, serviceAccountFacts } from '../workspace/k8s-facts';
import { describePermissions } from '../workspace/permissions';
import type { RelatedLocation } from '../types';

export default defineGraphRule({
  id: 'rbac-workload-permissions',
  meta: {
    title: 'Workload whose ServiceAccount holds dangerous permissions',
    description: 'Pods should not run as a ServiceAccount that the workspace\'s bindings give cluster-admin-like powers: reading Secrets, creating pods, exec, impersonation, RBAC escalation, node proxy and the like.',
    why: 'Whatever the ServiceAccount may do, every process in the pod may do with the token mounted into it. An application vulnerability (remote code execution, SSRF to the token file) then becomes the ability to read every Secret of the namespace, start privileged pods or grant itself more. The chain ServiceAccount → binding → role is spread over several files, which is why it goes unnoticed in review.',
    how: 'Give the workload its own ServiceAccount bound to a role with only what it needs, move powerful permissions to a separate account used by a controller that needs them, and set `automountServiceAccountToken: false` where the pods do not call the API.',
    category: 'rbac',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    fix: 'none',
    peers: { checkov: ['CKV2_K8S_1'], kubescape: ['C-0267', 'C-0272'] },
    examples: {
      bad: 'kind: Deployment\nspec:\n  template:\n    spec:\n      serviceAccountName: app   # bound to a Role that can read secrets',
      good: 'kind: Deployment\nspec:\n  template:\n    spec:\n      serviceAccountName: app   # bound to a Role that reads its own ConfigMap\n      automountServiceAccountToken: false',
    },
  },
  // Reports what bindings grant, so a partial index can only miss findings, never invent them.
  needsCompleteGraph: false,
  check(ctx) {
    const pod = ctx.self.pod;
    if (!pod || ctx.self.kind === 'PodTemplate') return;
    const ns = ctx.self.ns ?? '';
    const dangerous = describePermissions(ctx.graph, ns, pod.serviceAccount, ctx.file).filter((p) => p.dangerous);
    if (dangerous.length === 0) return;
    const account = ctx.graph.named('ServiceAccount', pod.serviceAccount, ns)[0];
    const mounted = pod.automountToken ?? (account ? factsOf(account, serviceAccountFacts)?.automount : undefined) ?? true;
    const related: RelatedLocation[] = [];
    const seen = new Set<unknown>();
    for (const p of dangerous) {
      const g = p.grant;
      if (!seen.has(g.binding)) {
        seen.add(g.binding);
        related.push(ctx.related(g.binding, `${g.binding.kind} ${g.binding.name ?? ''} binds ${g.roleKind} ${g.roleName}`, factsOf(g.binding, roleBindingFacts)?.roleRef?.loc));
      }
      if (g.role && !seen.has(g.role)) {
        seen.add(g.role);
        related.push(ctx.related(g.role, `${g.roleKind} ${g.roleName}`));
      }
    }
    const sa = `${ctx.self.namespace ? `${ctx.self.namespace}/` : ''}${pod.serviceAccount}`;
    const what = dangerous.slice(0, 3).map((p) => p.text).join('; ');
    const more = dangerous.length > 3 ? `; and ${dangerous.length - 3} more` : '';
    ctx.report({
      range: pod.serviceAccountLoc ? [pod.serviceAccountLoc.start, pod.serviceAccountLoc.end] : [pod.specLoc.start, pod.specLoc.end],
      message: `pods of ${ctx.self.kind} ${ctx.self.name ?? ''} run as ServiceAccount ${sa}, which ${what}${more}${mounted ? '' : ' (its token is not mounted, which limits the exposure)'}`,
      severity: mounted ? undefined : 'info',
      related,
    });
  },
});
