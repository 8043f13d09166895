import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pod = (...volumes: string[]) =>
  y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - {name: a, image: a:1}', '  volumes:', ...volumes);

ruleTester('pss-host-path-volumes', {
  valid: [
    { name: 'allowed volume types', code: pod('  - name: cache', '    emptyDir: {}', '  - name: conf', '    configMap: {name: c}') },
    { name: 'hostPath: null is unset', code: pod('  - name: x', '    hostPath:') },
    { name: 'privileged level', code: pod('  - name: h', '    hostPath: {path: /}'), options: { pss: { level: 'privileged' } } },
  ],
  invalid: [
    {
      name: 'reported on the hostPath key, no automatic fix',
      code: pod('  - name: cache', '    emptyDir: {}', '  - name: docker', '    hostPath:', '      path: /var/run/docker.sock', '      type: Socket'),
      errors: [{ line: 11, column: 5, endLine: 11, endColumn: 13, message: 'baseline: hostPath volumes are not allowed: volume "docker" mounts /var/run/docker.sock from the node' }],
    },
    {
      name: 'every hostPath volume of a DaemonSet (the Falco example)',
      code: y(
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: falco, namespace: falco}',
        'spec:',
        '  selector: {matchLabels: {app: falco}}',
        '  template:',
        '    metadata: {labels: {app: falco}}',
        '    spec:',
        '      containers:',
        '      - name: falco',
        '        image: falcosecurity/falco:0.39.2',
        '      volumes:',
        '      - name: proc',
        '        hostPath: {path: /proc}',
        '      - {name: etc, hostPath: {path: /etc}}',
      ),
      errors: [
        { line: 14, column: 9, endColumn: 17, message: 'volume "proc" mounts /proc' },
        { line: 15, column: 21, endColumn: 29, message: 'volume "etc" mounts /etc' },
      ],
    },
  ],
});
