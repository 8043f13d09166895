import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('rbac-webhook-config', {
  valid: [
    {
      name: 'read-only webhook access',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: webhook-viewer',
        'rules:',
        '- apiGroups: ["admissionregistration.k8s.io"]',
        '  resources: ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"]',
        '  verbs: ["get", "list", "watch"]',
      ),
    },
  ],
  invalid: [
    {
      name: 'mutating and validating webhook writes',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: webhook-manager',
        'rules:',
        '- apiGroups: ["admissionregistration.k8s.io"]',
        '  resources:',
        '  - mutatingwebhookconfigurations',
        '  - validatingwebhookconfigurations',
        '  verbs: ["get", "patch", "delete"]',
      ),
      errors: [
        { line: 8, column: 5, endLine: 8, endColumn: 34, message: 'ClusterRole "webhook-manager" grants patch and delete on mutatingwebho' },
        { line: 9, column: 5, endLine: 9, endColumn: 36, message: 'ClusterRole "webhook-manager" grants patch and delete on validatingweb' },
      ],
    },
  ],
});
