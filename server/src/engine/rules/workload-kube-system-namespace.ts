import { defineRule } from '../rule';
import { WORKLOAD_KINDS } from '../k8s/resource';
import { namespaceNode } from '../k8s/workload-parts';

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export default defineRule({
  id: 'workload-kube-system-namespace',
  meta: {
    title: 'Workload in a system namespace',
    description: 'Application workloads should not run in `kube-system` (or `kube-public`, `kube-node-lease`).',
    why: '`kube-system` holds the control-plane add-ons, their service accounts and highly privileged credentials, and is usually exempt from Pod Security admission and NetworkPolicies. A workload placed there shares that boundary: its compromise reaches the cluster\'s most powerful identities, and its own mistakes (a broad RoleBinding, a hostPath) go unnoticed among system components. NSA/CISA guidance asks that user workloads stay out of it.',
    how: 'Deploy the workload to a namespace of its own. Cluster add-ons that belong in `kube-system` (CNI plugins, DNS, metrics-server installed by the platform team) can keep it: suppress the finding with a reason.',
    category: 'workload',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    standards: { nsa: ['1.12'] },
    fix: 'none',
    peers: { trivy: ['KSV037'] },
    examples: { bad: 'metadata:\n  name: web\n  namespace: kube-system', good: 'metadata:\n  name: web\n  namespace: shop' },
  },
  check(ctx) {
    if (!WORKLOAD_KINDS.includes(ctx.resource.kind)) return;
    const node = namespaceNode(ctx.resource);
    const ns = ctx.resource.namespace;
    if (!node || ns === undefined || !SYSTEM_NAMESPACES.has(ns)) return;
    ctx.report({
      node,
      message: `${ctx.resource.kind} is placed in the system namespace "${ns}", next to the control plane's add-ons and their privileged service accounts: use a namespace of its own`,
    });
  },
});
