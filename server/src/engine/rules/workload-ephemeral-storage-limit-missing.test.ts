import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-ephemeral-storage-limit-missing', {
  valid: [
    {
      name: 'limit set on the container and the init container',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers:',
        '  - {name: i, image: i:1, resources: {limits: {ephemeral-storage: 100Mi}}}',
        '  containers:',
        '  - name: app',
        '    image: app:1',
        '    resources:',
        '      limits:',
        '        ephemeral-storage: 1Gi',
      ),
    },
  ],
  invalid: [
    {
      name: 'a request alone does not bound usage; pod-level resources do not cover ephemeral storage',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  resources: {limits: {memory: 1Gi}}',
        '  containers:',
        '  - name: app',
        '    image: app:1',
        '    resources:',
        '      requests: {ephemeral-storage: 1Gi}',
      ),
      errors: [{ line: 9, column: 5, endLine: 9, endColumn: 14, message: 'container "app" has no ephemeral-storage limit' }],
    },
  ],
});
