import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-kube-system-namespace', {
  valid: [
    { name: 'application namespace', code: y('apiVersion: apps/v1', 'kind: DaemonSet', 'metadata: {name: d, namespace: monitoring}', 'spec:', '  selector: {matchLabels: {a: d}}', '  template:', '    metadata: {labels: {a: d}}', '    spec: {containers: [{name: a, image: a:1}]}') },
    { name: 'a ConfigMap in kube-system is not a workload', code: y('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c, namespace: kube-system}', 'data: {a: b}') },
  ],
  invalid: [
    {
      name: 'kube-system and kube-public',
      code: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        '  namespace: kube-system',
        'spec:',
        '  selector: {matchLabels: {app: web}}',
        '  template:',
        '    metadata: {labels: {app: web}}',
        '    spec: {containers: [{name: a, image: a:1}]}',
        '---',
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p, namespace: kube-public}',
        'spec: {containers: [{name: a, image: a:1}]}',
      ),
      errors: [
        { line: 5, column: 14, endColumn: 25, message: 'Deployment is placed in the system namespace "kube-system"' },
        { line: 14, column: 32, endColumn: 43, message: '"kube-public"' },
      ],
    },
  ],
});
