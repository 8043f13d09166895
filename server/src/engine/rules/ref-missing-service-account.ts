import { podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { formatScalar, get } from '../parse';
import { defineGraphRule } from '../workspace/graph-rule';

export default defineGraphRule({
  id: 'ref-missing-service-account',
  meta: {
    title: 'serviceAccountName that no ServiceAccount in the workspace defines',
    description: 'The ServiceAccount a pod runs as should be defined alongside it.',
    why: 'A pod that names a ServiceAccount which does not exist is rejected by the API server (the ServiceAccount admission plugin), so its controller keeps failing to create pods. When the account is created elsewhere, its permissions and token settings are invisible to whoever reviews this workload.',
    how: 'Add the ServiceAccount (with `automountServiceAccountToken: false` unless the pods call the API), or fix the name. The finding only considers the files of the workspace: suppress it for accounts managed elsewhere.',
    category: 'service-account',
    severity: 'info',
    kinds: WORKLOAD_KINDS,
    fix: 'suggestion',
    peers: { kubeLinter: ['non-existent-service-account'], kubescape: ['C-0307'] },
    examples: {
      bad: 'spec:\n  serviceAccountName: bakend   # no such ServiceAccount',
      good: 'spec:\n  serviceAccountName: backend\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: backend',
    },
  },
  check(ctx) {
    const pod = ctx.self.pod;
    if (!pod?.serviceAccountLoc || !pod.serviceAccountField || pod.serviceAccount === 'default') return;
    const ns = ctx.self.ns ?? '';
    if (ctx.graph.named('ServiceAccount', pod.serviceAccount, ns).length > 0) return;
    const node = get(podSpecOf(ctx.resource)?.spec, pod.serviceAccountField);
    const elsewhere = ctx.graph.named('ServiceAccount', pod.serviceAccount).slice(0, 3);
    const where = ctx.self.namespace ? ` in namespace ${ctx.self.namespace}` : '';
    const doc = ['apiVersion: v1', 'kind: ServiceAccount', 'metadata:', `  name: ${formatScalar(pod.serviceAccount)}`];
    if (ctx.self.namespace) doc.push(`  namespace: ${formatScalar(ctx.self.namespace)}`);
    doc.push('automountServiceAccountToken: false');
    ctx.report({
      node,
      message: `ServiceAccount ${pod.serviceAccount} is not defined${where} in ${ctx.scope}: if it does not exist in the cluster the API server rejects the pods${elsewhere.length ? `; one with that name exists in ${elsewhere.map((e) => e.namespace ?? '(no namespace)').join(', ')}` : ''}`,
      related: elsewhere.map((e) => ctx.related(e, `ServiceAccount ${pod.serviceAccount} in ${e.namespace ? `namespace ${e.namespace}` : 'an unspecified namespace'}`)),
      fixes: [
        {
          title: `Append ServiceAccount ${pod.serviceAccount}${where} (token not mounted by default)`,
          edits: [ctx.appendDocumentToFile(doc.join('\n'))],
          safety: 'suggestion',
          preferred: true,
        },
      ],
    });
  },
});
