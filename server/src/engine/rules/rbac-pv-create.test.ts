import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('rbac-pv-create', {
  valid: [
    {
      name: 'claims only',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: storage-user',
        'rules:',
        '- apiGroups: [""]',
        '  resources: ["persistentvolumeclaims"]',
        '  verbs: ["create"]',
        '- apiGroups: [""]',
        '  resources: ["persistentvolumes"]',
        '  verbs: ["get", "list"]',
      ),
    },
  ],
  invalid: [
    {
      name: 'create on persistentvolumes',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: storage-admin',
        'rules:',
        '- apiGroups: [""]',
        '  resources: ["persistentvolumes", "persistentvolumeclaims"]',
        '  verbs: ["create", "delete"]',
      ),
      errors: [
        { line: 7, column: 15, endLine: 7, endColumn: 34, message: 'ClusterRole "storage-admin" grants create on persistentvolumes: a host' },
      ],
    },
  ],
});
