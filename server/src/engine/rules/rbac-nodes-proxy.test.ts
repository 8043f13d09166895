import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('rbac-nodes-proxy', {
  valid: [
    {
      name: 'nodes metrics, and nodes proxy in a Role (cannot grant it)',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: metrics',
        'rules:',
        '- apiGroups: [""]',
        '  resources: ["nodes/metrics", "nodes/stats"]',
        '  verbs: ["get"]',
        '---',
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: Role',
        'metadata:',
        '  name: no-effect',
        'rules:',
        '- apiGroups: [""]',
        '  resources: ["nodes/proxy"]',
        '  verbs: ["get"]',
      ),
    },
  ],
  invalid: [
    {
      name: 'nodes proxy in a ClusterRole',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: metrics',
        'rules:',
        '- apiGroups: [""]',
        '  resources: ["nodes/metrics", "nodes/proxy"]',
        '  verbs: ["get"]',
      ),
      errors: [
        { line: 7, column: 32, endLine: 7, endColumn: 45, message: 'ClusterRole "metrics" grants get on nodes/proxy: its subjects reach th' },
      ],
    },
  ],
});
