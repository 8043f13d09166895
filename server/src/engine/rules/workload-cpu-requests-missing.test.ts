import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-cpu-requests-missing', {
  valid: [
    {
      name: 'request set',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: app', '    image: app:1', '    resources: {requests: {cpu: 100m}}'),
    },
    {
      name: 'a CPU limit alone: the request defaults to it',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: app', '    image: app:1', '    resources: {limits: {cpu: 100m}}'),
    },
    {
      name: 'pod-level CPU request',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  resources: {requests: {cpu: "2"}}', '  containers:', '  - name: app', '    image: app:1'),
    },
  ],
  invalid: [
    {
      name: 'memory only; a pod-level memory request does not cover CPU',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  resources: {requests: {memory: 1Gi}}',
        '  containers:',
        '  - name: app',
        '    image: app:1',
        '    resources:',
        '      requests:',
        '        memory: 128Mi',
        '      limits:',
        '        memory: 128Mi',
      ),
      errors: [{ line: 10, column: 7, endLine: 10, endColumn: 15, message: 'container "app" has no CPU request' }],
    },
  ],
});
