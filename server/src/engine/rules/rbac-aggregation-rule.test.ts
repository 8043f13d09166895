import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('rbac-aggregation-rule', {
  valid: [
    {
      name: 'a ClusterRole with explicit rules that aggregates into another',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: monitoring-endpoints',
        '  labels:',
        '    rbac.example.com/aggregate-to-monitoring: "true"',
        'rules:',
        '- apiGroups: [""]',
        '  resources: ["services", "endpoints", "pods"]',
        '  verbs: ["get", "list", "watch"]',
      ),
    },
  ],
  invalid: [
    {
      name: 'aggregated ClusterRole',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: monitoring',
        'aggregationRule:',
        '  clusterRoleSelectors:',
        '  - matchLabels:',
        '      rbac.example.com/aggregate-to-monitoring: "true"',
        '  - matchExpressions:',
        '    - {key: team, operator: In, values: [sre, obs]}',
        'rules: []',
      ),
      errors: [
        { line: 5, column: 1, endLine: 5, endColumn: 16, message: 'ClusterRole "monitoring" aggregates the rules of every ClusterRole lab' },
      ],
    },
  ],
});
