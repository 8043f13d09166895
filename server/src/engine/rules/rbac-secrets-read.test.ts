import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('rbac-secrets-read', {
  valid: [
    {
      name: 'secrets of another API group',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: vault-reader',
        'rules:',
        '- apiGroups: ["secrets-store.csi.x-k8s.io"]',
        '  resources: ["secrets"]',
        '  verbs: ["get", "list"]',
      ),
    },
    {
      name: 'secrets only for create, and reads of other resources',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: Role',
        'metadata:',
        '  name: writer',
        '  namespace: production',
        'rules:',
        '- apiGroups: [""]',
        '  resources: ["secrets"]',
        '  verbs: ["create"]',
        '- apiGroups: [""]',
        '  resources: ["configmaps", "pods"]',
        '  verbs: ["get", "list", "watch"]',
      ),
    },
  ],
  invalid: [
    {
      name: 'list and watch on secrets',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: Role',
        'metadata:',
        '  name: read-all',
        '  namespace: production',
        'rules:',
        '- apiGroups: [""]',
        '  resources: ["configmaps", "secrets"]',
        '  verbs: ["get", "list", "watch"]',
      ),
      errors: [
        { line: 8, column: 29, endLine: 8, endColumn: 38, message: 'Role "read-all" (namespace production) grants get, list and watch on s' },
      ],
    },
    {
      name: 'verb wildcard on secrets in a ClusterRole, and get by name',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: secret-admin',
        'rules:',
        '- apiGroups: ["*"]',
        '  resources: ["secrets"]',
        '  verbs: ["*"]',
        '- apiGroups: [""]',
        '  resources: ["secrets"]',
        '  resourceNames: ["tls-cert"]',
        '  verbs: ["get"]',
      ),
      errors: [
        { line: 7, column: 15, endLine: 7, endColumn: 24, message: 'ClusterRole "secret-admin" grants every verb (`*`) on secrets in every' },
        { line: 10, column: 15, endLine: 10, endColumn: 24, message: 'ClusterRole "secret-admin" grants get on the Secrets tls-cert in every' },
      ],
    },
  ],
});
