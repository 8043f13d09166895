import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('rbac-pod-exec', {
  valid: [
    {
      name: 'logs and pods only',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: Role',
        'metadata:',
        '  name: log-reader',
        'rules:',
        '- apiGroups: [""]',
        '  resources: ["pods", "pods/log"]',
        '  verbs: ["get", "list"]',
      ),
    },
  ],
  invalid: [
    {
      name: 'exec, attach and port-forward',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata:',
        '  name: debugger',
        'rules:',
        '- apiGroups: [""]',
        '  resources: ["pods", "pods/exec", "pods/attach"]',
        '  verbs: ["get", "create"]',
        '- apiGroups: [""]',
        '  resources: ["pods/portforward"]',
        '  verbs: ["create"]',
        '- apiGroups: [""]',
        '  resources: ["pods/log"]',
        '  verbs: ["get"]',
      ),
      errors: [
        { line: 7, column: 23, endLine: 7, endColumn: 34, message: 'ClusterRole "debugger" grants get and create on pods/exec in every nam' },
        { line: 7, column: 36, endLine: 7, endColumn: 49, message: 'ClusterRole "debugger" grants get and create on pods/attach in every n' },
        { line: 10, column: 15, endLine: 10, endColumn: 33, message: 'ClusterRole "debugger" grants create on pods/portforward in every name' },
      ],
    },
  ],
});
