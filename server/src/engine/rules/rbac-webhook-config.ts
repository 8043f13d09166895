import { describeVerbs } from '../workspace/rbac-model';
import { defineGrantRule } from '../workspace/rbac-grant-rule';

export default defineGrantRule({
  id: 'rbac-webhook-config',
  meta: {
    title: 'Writes to admission webhook configurations',
    description: 'ClusterRoles should not grant create, update, patch or delete on `mutatingwebhookconfigurations` or `validatingwebhookconfigurations`.',
    why: 'An admission webhook sees every object sent to the API server that it registers for. A mutating webhook can rewrite them (add a privileged container, drop a securityContext, mount a host path); deleting or editing a validating webhook turns off the policies it enforces. Write access to these objects is control over what runs in the cluster.',
    how: 'Grant read access only. Let the installer of the webhook (its Helm release or operator) own its configuration.',
    category: 'rbac',
    severity: 'warning',
    kinds: ['ClusterRole'],
    standards: { cis: ['5.1.12'] },
    fix: 'none',
    peers: { checkov: ['CKV_K8S_155'], kubescape: ['C-0281'], trivy: ['KSV114'] },
    examples: {
      bad: 'rules:\n- apiGroups: ["admissionregistration.k8s.io"]\n  resources: ["mutatingwebhookconfigurations"]\n  verbs: ["create", "patch"]',
      good: 'rules:\n- apiGroups: ["admissionregistration.k8s.io"]\n  resources: ["mutatingwebhookconfigurations"]\n  verbs: ["get", "list", "watch"]',
    },
  },
  clusterScoped: true,
  targets: [
    {
      groups: ['admissionregistration.k8s.io'],
      resources: ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'],
      verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'],
    },
  ],
  message(g, who) {
    const effect = g.resource.value.startsWith('mutating')
      ? 'register or change a webhook that sees and rewrites every object sent to the API server'
      : 'register, weaken or remove the validating webhooks that enforce admission policy';
    return `${who} grants ${describeVerbs(g.verbs)} on ${g.resource.value}: its subjects can ${effect}`;
  },
});
