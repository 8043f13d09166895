import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-tiller', {
  valid: [
    { name: 'an image that merely contains the word', code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: a, image: example/tiller-exporter:1.0}]') },
    { name: 'an unrelated Service', code: y('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec:', '  selector: {app: web}', '  ports: [{port: 80}]') },
  ],
  invalid: [
    {
      name: 'the Tiller Deployment and its Service',
      code: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: tiller-deploy, namespace: kube-system}',
        'spec:',
        '  selector: {matchLabels: {app: helm, name: tiller}}',
        '  template:',
        '    metadata: {labels: {app: helm, name: tiller}}',
        '    spec:',
        '      containers:',
        '      - name: tiller',
        '        image: gcr.io/kubernetes-helm/tiller:v2.16.12',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: tiller-svc, namespace: kube-system}',
        'spec:',
        '  selector: {app: helm, name: tiller}',
        '  ports: [{port: 44134}]',
      ),
      errors: [
        { line: 11, column: 16, endColumn: 54, message: 'container "tiller" runs Tiller' },
        { line: 17, column: 3, endColumn: 11, message: 'this Service exposes Tiller' },
      ],
    },
  ],
});
