import { defineRule } from '../rule';
import { podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { podSpecKeyRange } from '../k8s/workload-parts';
import { getPair, isScalar, type YNode } from '../parse';

export default defineRule({
  id: 'sa-default-service-account',
  meta: {
    title: 'Default service account',
    description: 'Workloads should run under a service account of their own, not the namespace\'s `default` one.',
    why: 'Every pod that names no service account runs as `default`. Permissions granted to `default` (often added "just to make something work") then apply to every such pod of the namespace, and audit logs cannot tell the workloads apart. A dedicated service account per workload keeps permissions least-privilege and attributable.',
    how: 'Create a ServiceAccount for the workload (with `automountServiceAccountToken: false` unless it calls the API), bind only the roles it needs, and set `serviceAccountName` in the pod spec. The suggested fix sets `serviceAccountName` to the workload\'s name; create that ServiceAccount before applying (pods naming a missing account are rejected).',
    category: 'service-account',
    severity: 'info',
    kinds: WORKLOAD_KINDS,
    standards: { cis: ['5.1.5'] },
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_41', 'CKV_K8S_42'],
      kubeLinter: ['default-service-account'],
      kubescape: ['C-0189'],
      kubesec: ['ServiceAccountName'],
    },
    examples: {
      bad: 'spec:\n  containers:\n  - name: app\n    image: app:1.0',
      good: 'spec:\n  serviceAccountName: web\n  containers:\n  - name: app\n    image: app:1.0',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    const named = getPair(pod.spec, 'serviceAccountName');
    const legacy = getPair(pod.spec, 'serviceAccount');
    const value = (p: typeof named): string | undefined => (p && isScalar(p.value) && typeof p.value.value === 'string' && p.value.value !== '' ? p.value.value : undefined);
    // serviceAccountName wins; the deprecated serviceAccount is used only when it is empty.
    const decisive = value(named) !== undefined ? named : value(legacy) !== undefined ? legacy : undefined;
    const name = value(decisive);
    if (name !== undefined && name !== 'default') return;
    const r = ctx.resource;
    const saName = r.name;
    const fixes =
      saName && !legacy
        ? () => [
            {
              title: `Run as ServiceAccount "${saName}" (create it first, with automountServiceAccountToken: false)`,
              edits: [ctx.fix.setIn(pod.spec, ['serviceAccountName'], saName)],
              safety: 'suggestion' as const,
              preferred: true,
            },
          ]
        : [];
    if (decisive) {
      ctx.report({
        node: decisive.value as YNode,
        message: `the pod runs as the namespace's "default" service account: whatever is granted to it applies to every pod that names no account`,
        fixes,
      });
      return;
    }
    ctx.report({
      range: podSpecKeyRange(pod),
      message: 'no serviceAccountName: the pod runs as the namespace\'s "default" service account, which every pod without an account shares',
      fixes,
    });
  },
});
