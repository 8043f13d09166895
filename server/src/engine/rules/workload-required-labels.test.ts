import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const required = { ruleOptions: { requiredLabels: ['team', 'app.kubernetes.io/name'] } };
const deployment = (...labels: string[]) =>
  y(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    ...labels,
    'spec:',
    '  selector:',
    '    matchLabels: {app: web}',
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    '    spec:',
    '      containers:',
    '      - name: app',
    '        image: nginx:1.27.2',
  );

ruleTester('workload-required-labels', {
  valid: [
    { name: 'no option: the rule does nothing', code: deployment() },
    { name: 'every required label', code: deployment('  labels:', '    team: shop', '    app.kubernetes.io/name: web'), options: required },
    { name: 'not a workload', code: y('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: c', 'data: {}'), options: required },
  ],
  invalid: [
    {
      name: 'one label missing: reported at the labels key',
      code: deployment('  labels:', '    team: shop'),
      options: required,
      errors: [{ line: 5, column: 3, endLine: 5, endColumn: 9, message: 'has no "app.kubernetes.io/name" label' }],
    },
    {
      name: 'an empty value: reported at the value',
      code: deployment('  labels:', '    team: ""', '    app.kubernetes.io/name: web'),
      options: required,
      errors: [{ line: 6, column: 11, endLine: 6, endColumn: 13, message: 'has no "team" label' }],
    },
    {
      name: 'no labels at all: reported at metadata',
      code: deployment(),
      options: required,
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 9, message: 'has no "team", "app.kubernetes.io/name" labels' }],
    },
  ],
});
