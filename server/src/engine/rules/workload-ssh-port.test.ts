import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-ssh-port', {
  valid: [
    {
      name: 'other ports, and UDP 22',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: app', '    image: app:1', '    ports:', '    - {containerPort: 2222}', '    - {containerPort: 22, protocol: UDP}'),
    },
  ],
  invalid: [
    {
      name: 'TCP 22, explicit or by default, in app and init containers',
      code: y(
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: bastion}',
        'spec:',
        '  serviceName: bastion',
        '  selector: {matchLabels: {app: bastion}}',
        '  template:',
        '    metadata: {labels: {app: bastion}}',
        '    spec:',
        '      initContainers: [{name: keys, image: keys:1, ports: [{containerPort: 22, protocol: TCP}]}]',
        '      containers:',
        '      - name: sshd',
        '        image: sshd:9',
        '        ports:',
        '        - name: ssh',
        '          containerPort: 22',
      ),
      errors: [
        { line: 16, column: 26, endColumn: 28, message: 'container "sshd" exposes port 22 (SSH)' },
        { line: 10, column: 76, endColumn: 78, message: 'init container "keys"' },
      ],
    },
  ],
});
