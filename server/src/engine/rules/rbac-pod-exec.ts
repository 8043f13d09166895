import { describeVerbs } from '../workspace/rbac-model';
import { defineGrantRule } from '../workspace/rbac-grant-rule';

const WHAT: Record<string, string> = {
  'pods/exec': 'run commands in any container, read its files and mounted Secrets and act with its ServiceAccount token',
  'pods/attach': "attach to the standard input and output of any running container and act through the container's process",
  'pods/portforward': "open connections to any port of any pod, around NetworkPolicies, Services and the mesh's ingress",
};

export default defineGrantRule({
  id: 'rbac-pod-exec',
  meta: {
    title: 'exec, attach or port-forward into pods',
    description: 'Roles and ClusterRoles should not grant `pods/exec`, `pods/attach` or `pods/portforward`.',
    why: "`pods/exec` runs a command inside a running container: the caller gets the container's file system, its environment, its mounted Secrets and its ServiceAccount token. `pods/attach` gives the container's console, and `pods/portforward` a tunnel to any port of the pod that bypasses NetworkPolicies. Any of them makes the subject as powerful as every workload it can reach.",
    how: 'Remove the subresource from the role. For debugging, grant it in a separate Role bound for a limited time, or use ephemeral debug containers under an admission policy.',
    category: 'rbac',
    severity: 'warning',
    kinds: ['Role', 'ClusterRole'],
    fix: 'none',
    peers: {
      checkov: ['CKV2_K8S_2'],
      polaris: ['clusterrolePodExecAttach', 'rolePodExecAttach'],
      kubescape: ['C-0002', 'C-0063'],
      trivy: ['KSV053', 'KSV054'],
    },
    examples: {
      bad: 'rules:\n- apiGroups: [""]\n  resources: ["pods", "pods/exec"]\n  verbs: ["get", "create"]',
      good: 'rules:\n- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get"]',
    },
  },
  // Exec and attach are `create` (SPDY, WebSocket since 1.30) or `get` (older WebSocket clients).
  targets: [{ groups: [''], resources: ['pods/exec', 'pods/attach', 'pods/portforward'], verbs: ['create', 'get'] }],
  message(g, who, where) {
    return `${who} grants ${describeVerbs(g.verbs)} on ${g.resource.value} ${where}: its subjects can ${WHAT[g.resource.value]}`;
  },
});
