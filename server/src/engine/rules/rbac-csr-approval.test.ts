import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('rbac-csr-approval', {
  valid: [
    {
      name: 'reading CSRs',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: csr-viewer',
        'rules:',
        '- apiGroups: ["certificates.k8s.io"]',
        '  resources: ["certificatesigningrequests", "certificatesigningrequests/approval"]',
        '  verbs: ["get", "list", "watch"]',
      ),
    },
  ],
  invalid: [
    {
      name: 'approval subresource and signers',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: csr-approver',
        'rules:',
        '- apiGroups: ["certificates.k8s.io"]',
        '  resources: ["certificatesigningrequests", "certificatesigningrequests/approval"]',
        '  verbs: ["get", "update"]',
        '- apiGroups: ["certificates.k8s.io"]',
        '  resources: ["signers"]',
        '  resourceNames: ["kubernetes.io/kube-apiserver-client"]',
        '  verbs: ["approve"]',
      ),
      errors: [
        { line: 7, column: 45, endLine: 7, endColumn: 82, message: 'ClusterRole "csr-approver" grants update on certificatesigningrequests' },
        { line: 10, column: 15, endLine: 10, endColumn: 24, message: 'ClusterRole "csr-approver" grants approve on signers for the signers k' },
      ],
    },
  ],
});
