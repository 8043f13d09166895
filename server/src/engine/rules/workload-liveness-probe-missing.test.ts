import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-liveness-probe-missing', {
  valid: [
    {
      name: 'app container has a probe; init containers are never checked (a known peer false positive)',
      code: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: d}',
        'spec:',
        '  selector: {matchLabels: {app: d}}',
        '  template:',
        '    metadata: {labels: {app: d}}',
        '    spec:',
        '      initContainers:',
        '      - {name: migrate, image: migrate:1}',
        '      containers:',
        '      - name: app',
        '        image: app:1',
        '        livenessProbe:',
        '          httpGet: {path: /healthz, port: 8080}',
      ),
    },
    {
      name: 'Jobs and CronJobs run to completion and are not checked',
      code: y(
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata: {name: j}',
        'spec:',
        '  template:',
        '    spec:',
        '      restartPolicy: Never',
        '      containers: [{name: job, image: job:1}]',
      ),
    },
    {
      name: 'ephemeral containers are not checked',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: app', '    image: app:1', '    livenessProbe: {tcpSocket: {port: 80}}', '  ephemeralContainers:', '  - {name: debug, image: busybox:1.36}'),
    },
  ],
  invalid: [
    {
      name: 'every app container without a probe is reported on its name',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  containers:',
        '  - name: app',
        '    image: app:1',
        '    readinessProbe: {tcpSocket: {port: 80}}',
        '  - name: sidecar',
        '    image: sidecar:1',
      ),
      errors: [
        { line: 6, column: 5, endColumn: 14, message: 'container "app" has no livenessProbe' },
        { line: 9, column: 5, endColumn: 18, message: 'container "sidecar" has no livenessProbe' },
      ],
    },
  ],
});
