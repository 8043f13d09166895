import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('rbac-default-sa-subject', {
  valid: [
    {
      name: 'a named ServiceAccount and a user called default',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: RoleBinding',
        'metadata:',
        '  name: app-reader',
        '  namespace: production',
        'subjects:',
        '- kind: ServiceAccount',
        '  name: app-sa',
        '  namespace: production',
        '- kind: User',
        '  name: default',
        'roleRef:',
        '  apiGroup: rbac.authorization.k8s.io',
        '  kind: Role',
        '  name: pod-reader',
      ),
    },
  ],
  invalid: [
    {
      name: 'default ServiceAccount subjects',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: RoleBinding',
        'metadata:',
        '  name: default-reader',
        '  namespace: production',
        'subjects:',
        '- kind: ServiceAccount',
        '  name: default',
        'roleRef:',
        '  apiGroup: rbac.authorization.k8s.io',
        '  kind: Role',
        '  name: pod-reader',
        '---',
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRoleBinding',
        'metadata:',
        '  name: monitoring',
        'subjects:',
        '- {kind: ServiceAccount, name: default, namespace: monitoring}',
        'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}',
      ),
      errors: [
        { line: 8, column: 9, endLine: 8, endColumn: 16, message: 'RoleBinding grants Role pod-reader to the default ServiceAccount of na' },
        { line: 19, column: 32, endLine: 19, endColumn: 39, message: 'ClusterRoleBinding grants ClusterRole view to the default ServiceAccou' },
      ],
    },
  ],
});
