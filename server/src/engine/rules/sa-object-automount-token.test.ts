import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('sa-object-automount-token', {
  valid: [
    {
      name: 'automount false',
      code: y(
        'apiVersion: v1',
        'kind: ServiceAccount',
        'metadata:',
        '  name: app-sa',
        'automountServiceAccountToken: false',
        '---',
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: not-an-account',
        'spec:',
        '  containers:',
        '  - name: a',
        '    image: a:1',
      ),
    },
  ],
  invalid: [
    {
      name: 'unset, and explicitly true',
      code: y(
        'apiVersion: v1',
        'kind: ServiceAccount',
        'metadata:',
        '  name: app-sa',
        '  namespace: production',
        'imagePullSecrets:',
        '- name: registry-credentials',
        '---',
        'apiVersion: v1',
        'kind: ServiceAccount',
        'metadata: {name: api-client}',
        'automountServiceAccountToken: true # needs the API',
      ),
      errors: [
        { line: 2, column: 7, endLine: 2, endColumn: 21, message: 'ServiceAccount app-sa does not set automountServiceAccountToken: false' },
        { line: 12, column: 31, endLine: 12, endColumn: 35, message: 'ServiceAccount api-client sets automountServiceAccountToken: true: eve' },
      ],
      output: y(
        'apiVersion: v1',
        'kind: ServiceAccount',
        'metadata:',
        '  name: app-sa',
        '  namespace: production',
        'imagePullSecrets:',
        '- name: registry-credentials',
        'automountServiceAccountToken: false',
        '---',
        'apiVersion: v1',
        'kind: ServiceAccount',
        'metadata: {name: api-client}',
        'automountServiceAccountToken: false # needs the API',
      ),
    },
  ],
});
