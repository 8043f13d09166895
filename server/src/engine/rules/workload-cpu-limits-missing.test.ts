import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-cpu-limits-missing', {
  valid: [
    {
      name: 'limit set',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: app', '    image: app:1', '    resources: {limits: {cpu: 500m}}'),
    },
    {
      name: 'pod-level CPU limit',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  resources: {limits: {cpu: "2"}}', '  containers:', '  - name: app', '    image: app:1'),
    },
  ],
  invalid: [
    {
      name: 'a CPU request does not bound usage',
      code: y(
        'apiVersion: v1',
        'kind: ReplicationController',
        'metadata: {name: rc}',
        'spec:',
        '  selector: {app: rc}',
        '  template:',
        '    metadata: {labels: {app: rc}}',
        '    spec:',
        '      containers:',
        '      - name: app',
        '        image: app:1',
        '        resources:',
        '          requests: {cpu: 100m}',
      ),
      errors: [{ line: 12, column: 9, endLine: 12, endColumn: 18, message: 'container "app" has no CPU limit' }],
    },
  ],
});
