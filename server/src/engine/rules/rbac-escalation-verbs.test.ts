import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('rbac-escalation-verbs', {
  valid: [
    {
      name: 'reading roles, bind verb on an unrelated resource',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: rbac-viewer',
        'rules:',
        '- apiGroups: ["rbac.authorization.k8s.io"]',
        '  resources: ["clusterroles", "roles", "rolebindings"]',
        '  verbs: ["get", "list", "watch"]',
        '- apiGroups: ["example.com"]',
        '  resources: ["widgets"]',
        '  verbs: ["bind"]',
      ),
    },
  ],
  invalid: [
    {
      name: 'bind and escalate on roles, impersonate',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: rbac-manager',
        'rules:',
        '- apiGroups: ["rbac.authorization.k8s.io"]',
        '  resources: ["clusterroles", "roles"]',
        '  verbs: ["get", "bind", "escalate"]',
        '- apiGroups: [""]',
        '  resources: ["users", "groups", "serviceaccounts"]',
        '  verbs: ["impersonate"]',
        '- apiGroups: ["rbac.authorization.k8s.io"]',
        '  resources: ["clusterroles"]',
        '  resourceNames: ["view"]',
        '  verbs: ["bind"]',
      ),
      errors: [
        { line: 8, column: 18, endLine: 8, endColumn: 24, message: 'ClusterRole "rbac-manager" grants bind on clusterroles, roles in every' },
        { line: 8, column: 26, endLine: 8, endColumn: 36, message: 'ClusterRole "rbac-manager" grants escalate on clusterroles, roles in e' },
        { line: 11, column: 11, endLine: 11, endColumn: 24, message: 'ClusterRole "rbac-manager" grants impersonate on users, groups, servic' },
        { line: 15, column: 11, endLine: 15, endColumn: 17, message: 'ClusterRole "rbac-manager" grants bind on clusterroles in every namesp' },
      ],
    },
  ],
});
