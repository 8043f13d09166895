import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-memory-requests-missing', {
  valid: [
    {
      name: 'request set',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: app', '    image: app:1', '    resources: {requests: {memory: 128Mi}}'),
    },
    {
      name: 'a memory limit alone: the request defaults to it',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: app', '    image: app:1', '    resources: {limits: {memory: 128Mi}}'),
    },
    {
      name: 'pod-level requests or limits cover every container',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  resources:',
        '    limits: {memory: 1Gi}',
        '  initContainers: [{name: i, image: i:1}]',
        '  containers: [{name: a, image: a:1}]',
      ),
    },
  ],
  invalid: [
    {
      name: 'container and init container without a memory request or limit',
      code: y(
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: ds}',
        'spec:',
        '  selector: {matchLabels: {app: ds}}',
        '  template:',
        '    metadata: {labels: {app: ds}}',
        '    spec:',
        '      initContainers:',
        '      - name: setup',
        '        image: setup:1',
        '        resources: {requests: {cpu: 10m}}',
        '      containers:',
        '      - name: agent',
        '        image: agent:1',
      ),
      errors: [
        { line: 14, column: 9, endColumn: 20, message: 'container "agent" has no memory request' },
        { line: 12, column: 21, endColumn: 29, message: 'init container "setup" has no memory request' },
      ],
    },
  ],
});
