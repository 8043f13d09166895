import { describeVerbs } from '../workspace/rbac-model';
import { defineGrantRule } from '../workspace/rbac-grant-rule';

export default defineGrantRule({
  id: 'rbac-csr-approval',
  meta: {
    title: 'Approval of certificate signing requests',
    description: 'ClusterRoles should not grant `update` on `certificatesigningrequests/approval` or `approve` on `signers`.',
    why: 'Approving a CertificateSigningRequest issues a certificate the cluster trusts. With the `kubernetes.io/kube-apiserver-client` signer the approver can mint a client certificate for any user name and any group, including `system:masters`, which no RBAC rule can restrict or revoke.',
    how: 'Leave CSR approval to the controller manager and to a dedicated approver scoped with `resourceNames` on `signers` to the one signer it needs.',
    category: 'rbac',
    severity: 'warning',
    kinds: ['ClusterRole'],
    standards: { cis: ['5.1.11'] },
    fix: 'none',
    peers: { checkov: ['CKV_K8S_156'], kubescape: ['C-0280'] },
    examples: {
      bad: 'rules:\n- apiGroups: ["certificates.k8s.io"]\n  resources: ["certificatesigningrequests/approval"]\n  verbs: ["update"]',
      good: 'rules:\n- apiGroups: ["certificates.k8s.io"]\n  resources: ["certificatesigningrequests"]\n  verbs: ["get", "list", "watch"]',
    },
  },
  clusterScoped: true,
  targets: [
    { groups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'], verbs: ['update', 'patch'] },
    { groups: ['certificates.k8s.io'], resources: ['signers'], verbs: ['approve'] },
  ],
  message(g, who) {
    const names = g.rule.resourceNames.map((n) => n.value);
    const signers = g.resource.value === 'signers' ? (names.length ? ` for the signers ${names.join(', ')}` : ' for every signer') : '';
    return `${who} grants ${describeVerbs(g.verbs)} on ${g.resource.value}${signers}: its subjects can approve certificates the cluster trusts, including client certificates for any user or group such as system:masters`;
  },
});
