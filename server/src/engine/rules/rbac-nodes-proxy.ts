import { describeVerbs } from '../workspace/rbac-model';
import { defineGrantRule } from '../workspace/rbac-grant-rule';

export default defineGrantRule({
  id: 'rbac-nodes-proxy',
  meta: {
    title: 'Access to nodes/proxy',
    description: 'ClusterRoles should not grant access to the `nodes/proxy` subresource.',
    why: "`nodes/proxy` forwards requests to the kubelet API of any node. The kubelet runs commands in any pod of its node (`/exec`, `/run`) and serves its logs and metrics, and requests that go this way skip the API server's admission and the audit records of pods/exec. Even `get` is enough to reach the kubelet's WebSocket endpoints.",
    how: 'Remove `nodes/proxy`. Monitoring agents that need kubelet metrics can read `nodes/metrics` and `nodes/stats` instead.',
    category: 'rbac',
    severity: 'warning',
    kinds: ['ClusterRole'],
    standards: { cis: ['5.1.10'] },
    fix: 'none',
    peers: { checkov: ['CKV2_K8S_2'], kubescape: ['C-0279'], trivy: ['KSV047'] },
    examples: {
      bad: 'rules:\n- apiGroups: [""]\n  resources: ["nodes/proxy"]\n  verbs: ["get"]',
      good: 'rules:\n- apiGroups: [""]\n  resources: ["nodes/metrics", "nodes/stats"]\n  verbs: ["get"]',
    },
  },
  clusterScoped: true,
  targets: [{ groups: [''], resources: ['nodes/proxy'], verbs: ['get', 'create', 'update', 'patch', 'delete', 'list', 'watch'] }],
  message(g, who) {
    return `${who} grants ${describeVerbs(g.verbs)} on nodes/proxy: its subjects reach the kubelet API of every node and can run commands in any pod there, unseen by admission and pod audit logs`;
  },
});
