import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('rbac-sa-token-create', {
  valid: [
    {
      name: 'reading service accounts',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: Role',
        'metadata:',
        '  name: sa-reader',
        'rules:',
        '- apiGroups: [""]',
        '  resources: ["serviceaccounts"]',
        '  verbs: ["get", "list", "create"]',
      ),
    },
  ],
  invalid: [
    {
      name: 'token creation for every account, and for one',
      code: y(
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: Role',
        'metadata:',
        '  name: token-minter',
        '  namespace: ci',
        'rules:',
        '- apiGroups: [""]',
        '  resources: ["serviceaccounts/token"]',
        '  verbs: ["create"]',
        '- apiGroups: [""]',
        '  resources: ["serviceaccounts/token"]',
        '  resourceNames: ["build-bot"]',
        '  verbs: ["create"]',
      ),
      errors: [
        { line: 8, column: 15, endLine: 8, endColumn: 38, message: 'Role "token-minter" (namespace ci) grants create on serviceaccounts/to' },
        { line: 11, column: 15, endLine: 11, endColumn: 38, message: 'Role "token-minter" (namespace ci) grants create on serviceaccounts/to' },
      ],
    },
  ],
});
