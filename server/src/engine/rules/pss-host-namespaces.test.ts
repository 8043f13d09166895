import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pod = (...spec: string[]) => y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', ...spec, '  containers:', '  - name: a', '    image: a:1');

ruleTester('pss-host-namespaces', {
  valid: [
    { name: 'unset', code: pod() },
    { name: 'explicitly false', code: pod('  hostNetwork: false', '  hostPID: false', '  hostIPC: false') },
    { name: 'privileged level', code: pod('  hostPID: true'), options: { pss: { level: 'privileged' } } },
    {
      name: 'a Namespace labelled privileged exempts its workloads',
      code: y(
        'apiVersion: v1',
        'kind: Namespace',
        'metadata:',
        '  name: monitoring',
        '  labels:',
        '    pod-security.kubernetes.io/enforce: privileged',
        '---',
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p, namespace: monitoring}',
        'spec:',
        '  hostNetwork: true',
        '  containers:',
        '  - {name: a, image: a:1}',
      ),
    },
  ],
  invalid: [
    {
      name: 'all three, each on its value',
      code: pod('  hostNetwork: true', '  hostPID: true # debugging', '  hostIPC: on'),
      errors: [
        { line: 5, column: 16, endLine: 5, endColumn: 20, message: 'baseline: host namespaces are not allowed: hostNetwork: true' },
        { line: 6, column: 12, endColumn: 16, message: 'hostPID' },
        { line: 7, column: 12, endColumn: 14, message: 'hostIPC' },
      ],
      output: pod('  hostNetwork: false', '  hostPID: false # debugging', '  hostIPC: false'),
    },
    {
      name: 'a Job template (the kube-bench example)',
      code: y(
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata: {name: kube-bench, namespace: security}',
        'spec:',
        '  template:',
        '    spec:',
        '      hostPID: true',
        '      containers:',
        '      - name: kube-bench',
        '        image: aquasec/kube-bench:v0.10.6',
        '      restartPolicy: Never',
      ),
      errors: [{ line: 7, column: 16, endColumn: 20 }],
    },
  ],
});
