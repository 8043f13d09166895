import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-host-aliases', {
  valid: [
    { name: 'no hostAliases', code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: a, image: a:1}]') },
    { name: 'empty list', code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  hostAliases: []', '  containers: [{name: a, image: a:1}]') },
  ],
  invalid: [
    {
      name: 'hostAliases in a Deployment template, reported on the key',
      code: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web}',
        'spec:',
        '  selector: {matchLabels: {app: web}}',
        '  template:',
        '    metadata: {labels: {app: web}}',
        '    spec:',
        '      hostAliases:',
        '      - ip: 10.0.0.5',
        '        hostnames: [api.example.com, auth.example.com]',
        '      - ip: 10.0.0.6',
        '        hostnames: [db.example.com]',
        '      containers: [{name: a, image: a:1}]',
      ),
      errors: [{ line: 9, column: 7, endLine: 9, endColumn: 18, message: 'writes 2 entries into /etc/hosts' }],
    },
  ],
});
