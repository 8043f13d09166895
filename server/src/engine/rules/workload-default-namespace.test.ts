import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-default-namespace', {
  valid: [
    { name: 'no namespace: placed at deploy time (kubectl -n, Kustomize, Helm)', code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: a, image: a:1}]') },
    { name: 'a dedicated namespace', code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p, namespace: shop}', 'spec:', '  containers: [{name: a, image: a:1}]') },
    { name: 'a Service in default is not a workload', code: y('apiVersion: v1', 'kind: Service', 'metadata: {name: s, namespace: default}', 'spec:', '  ports: [{port: 80}]') },
  ],
  invalid: [
    {
      name: 'explicit default on a Deployment and a quoted one in a List item',
      code: y(
        'apiVersion: v1',
        'kind: List',
        'items:',
        '- apiVersion: apps/v1',
        '  kind: Deployment',
        '  metadata:',
        '    name: web',
        '    namespace: default',
        '  spec:',
        '    selector: {matchLabels: {app: web}}',
        '    template:',
        '      metadata: {labels: {app: web}}',
        '      spec: {containers: [{name: a, image: a:1}]}',
        '- apiVersion: batch/v1',
        '  kind: CronJob',
        '  metadata: {name: c, namespace: "default"}',
        '  spec:',
        '    schedule: "@daily"',
        '    jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: a, image: a:1}]}}}}',
      ),
      errors: [
        { line: 8, column: 16, endColumn: 23, message: 'Deployment is placed in the "default" namespace' },
        { line: 16, column: 34, endColumn: 43, message: 'CronJob' },
      ],
    },
  ],
});
