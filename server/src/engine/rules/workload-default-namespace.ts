import { defineRule } from '../rule';
import { WORKLOAD_KINDS } from '../k8s/resource';
import { namespaceNode } from '../k8s/workload-parts';

export default defineRule({
  id: 'workload-default-namespace',
  meta: {
    title: 'Workload in the default namespace',
    description: 'Workloads should not be placed in the `default` namespace explicitly (`metadata.namespace: default`).',
    why: 'The `default` namespace is where everything lands that nobody placed deliberately. It usually has no Pod Security level, no NetworkPolicies, no quotas and broad RoleBindings, and workloads there share one boundary with unrelated ones; CIS 5.6.4 asks that it not be used. Manifests without a namespace are not reported: they are placed by `kubectl apply -n`, Kustomize or Helm at deploy time, which is a common and legitimate pattern that linters reading the file alone cannot judge.',
    how: 'Create a namespace per application or team (with Pod Security labels, NetworkPolicies and quotas) and set `metadata.namespace` to it, or remove the field and let your deployment tool choose the namespace. There is no automatic fix: the right namespace is a design choice.',
    category: 'workload',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    standards: { cis: ['5.6.4'] },
    fix: 'none',
    peers: {
      checkov: ['CKV_K8S_21'],
      kubeLinter: ['use-namespace'],
      kubescape: ['C-0061'],
      trivy: ['KSV110'],
    },
    examples: { bad: 'metadata:\n  name: web\n  namespace: default', good: 'metadata:\n  name: web\n  namespace: shop' },
  },
  check(ctx) {
    if (!WORKLOAD_KINDS.includes(ctx.resource.kind)) return;
    const node = namespaceNode(ctx.resource);
    if (!node || ctx.resource.namespace !== 'default') return;
    ctx.report({ node, message: `${ctx.resource.kind} is placed in the "default" namespace, which usually has no Pod Security level, NetworkPolicy or quota of its own: use a dedicated namespace` });
  },
});
