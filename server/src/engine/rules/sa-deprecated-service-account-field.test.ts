import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('sa-deprecated-service-account-field', {
  valid: [
    { name: 'serviceAccountName only', code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  serviceAccountName: p', '  containers:', '  - {name: a, image: a:1}') },
    { name: 'a ServiceAccount-like key elsewhere', code: y('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', 'data:', '  serviceAccount: x') },
  ],
  invalid: [
    {
      name: 'alone: renamed, comment kept',
      code: y('apiVersion: apps/v1', 'kind: DaemonSet', 'metadata: {name: d}', 'spec:', '  selector: {matchLabels: {a: d}}', '  template:', '    metadata: {labels: {a: d}}', '    spec:', '      serviceAccount: agent # legacy', '      containers:', '      - {name: a, image: a:1}'),
      errors: [{ line: 9, column: 7, endLine: 9, endColumn: 21, message: 'use serviceAccountName' }],
      output: y('apiVersion: apps/v1', 'kind: DaemonSet', 'metadata: {name: d}', 'spec:', '  selector: {matchLabels: {a: d}}', '  template:', '    metadata: {labels: {a: d}}', '    spec:', '      serviceAccountName: agent # legacy', '      containers:', '      - {name: a, image: a:1}'),
    },
    {
      name: 'both, different: the ignored field is removed',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  serviceAccountName: web', '  serviceAccount: admin', '  containers:', '  - {name: a, image: a:1}'),
      errors: [{ line: 6, column: 3, endColumn: 17, message: 'runs as "web"' }],
      output: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  serviceAccountName: web', '  containers:', '  - {name: a, image: a:1}'),
    },
    {
      name: 'both, flow style, same value',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {serviceAccount: web, serviceAccountName: web, containers: [{name: a, image: a:1}]}'),
      errors: [{ line: 4, column: 8, endColumn: 22, message: 'repeats serviceAccountName' }],
      output: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {serviceAccountName: web, containers: [{name: a, image: a:1}]}'),
    },
    {
      name: 'empty serviceAccountName: the deprecated value moves into it',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  serviceAccountName: ""', '  serviceAccount: web', '  containers:', '  - {name: a, image: a:1}'),
      errors: [{ line: 6, column: 3, message: 'serviceAccountName is empty' }],
      output: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  serviceAccountName: web', '  containers:', '  - {name: a, image: a:1}'),
    },
  ],
});
