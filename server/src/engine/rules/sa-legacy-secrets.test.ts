import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('sa-legacy-secrets', {
  valid: [
    {
      name: 'no list, empty list, enforce-mountable-secrets',
      code: y(
        'apiVersion: v1',
        'kind: ServiceAccount',
        'metadata:',
        '  name: a',
        '---',
        'apiVersion: v1',
        'kind: ServiceAccount',
        'metadata:',
        '  name: b',
        'secrets: []',
        '---',
        'apiVersion: v1',
        'kind: ServiceAccount',
        'metadata:',
        '  name: c',
        '  annotations:',
        '    kubernetes.io/enforce-mountable-secrets: "true"',
        'secrets:',
        '- name: c-config',
      ),
    },
  ],
  invalid: [
    {
      name: 'secrets list',
      code: y(
        'apiVersion: v1',
        'kind: ServiceAccount',
        'metadata:',
        '  name: app-sa',
        '  namespace: production',
        'secrets:',
        '- name: app-token',
        'imagePullSecrets:',
        '- name: registry-credentials',
      ),
      errors: [
        { line: 6, column: 1, endLine: 6, endColumn: 8, message: 'ServiceAccount app-sa lists app-token under the legacy `secrets` field' },
      ],
      output: y(
        'apiVersion: v1',
        'kind: ServiceAccount',
        'metadata:',
        '  name: app-sa',
        '  namespace: production',
        'imagePullSecrets:',
        '- name: registry-credentials',
      ),
    },
  ],
});
