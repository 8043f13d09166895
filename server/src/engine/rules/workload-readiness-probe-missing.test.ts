import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-readiness-probe-missing', {
  valid: [
    {
      name: 'app container has a probe; init containers are never checked',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers: [{name: init, image: init:1}]',
        '  containers:',
        '  - name: app',
        '    image: app:1',
        '    readinessProbe: {httpGet: {path: /ready, port: 8080}}',
      ),
    },
    {
      name: 'CronJobs are not checked',
      code: y(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: c}',
        'spec:',
        '  schedule: "@hourly"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          restartPolicy: OnFailure',
        '          containers: [{name: job, image: job:1}]',
      ),
    },
  ],
  invalid: [
    {
      name: 'a liveness probe is not a readiness probe',
      code: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: d}',
        'spec:',
        '  selector: {matchLabels: {app: d}}',
        '  template:',
        '    metadata: {labels: {app: d}}',
        '    spec:',
        '      containers:',
        '      - name: app',
        '        image: app:1',
        '        livenessProbe: {httpGet: {path: /healthz, port: 8080}}',
      ),
      errors: [{ line: 10, column: 9, endLine: 10, endColumn: 18, message: 'container "app" has no readinessProbe' }],
    },
  ],
});
