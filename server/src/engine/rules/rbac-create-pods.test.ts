import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('rbac-create-pods', {
  valid: [
    {
      name: 'read-only access to workloads',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: Role',
        'metadata:',
        '  name: pod-reader',
        '  namespace: production',
        'rules:',
        '- apiGroups: [""]',
        '  resources: ["pods"]',
        '  verbs: ["get", "watch", "list"]',
        '- apiGroups: ["apps"]',
        '  resources: ["deployments", "deployments/scale"]',
        '  verbs: ["get", "update"]',
      ),
    },
  ],
  invalid: [
    {
      name: 'create on pods and deployments, patch on jobs',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: Role',
        'metadata:',
        '  name: ci',
        '  namespace: staging',
        'rules:',
        '- apiGroups: [""]',
        '  resources: ["pods"]',
        '  verbs: ["create", "delete"]',
        '- apiGroups: ["apps", "batch"]',
        '  resources: ["deployments", "jobs", "cronjobs"]',
        '  verbs: ["*"]',
      ),
      errors: [
        { line: 8, column: 15, endLine: 8, endColumn: 21, message: 'Role "ci" (namespace staging) grants create on pods in namespace stagi' },
        { line: 11, column: 15, endLine: 11, endColumn: 28, message: 'Role "ci" (namespace staging) grants every verb (`*`), including creat' },
        { line: 11, column: 30, endLine: 11, endColumn: 36, message: 'Role "ci" (namespace staging) grants every verb (`*`), including creat' },
        { line: 11, column: 38, endLine: 11, endColumn: 48, message: 'Role "ci" (namespace staging) grants every verb (`*`), including creat' },
      ],
    },
  ],
});
