import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-privileged-port', {
  valid: [
    {
      name: 'ports from 1024 up; hostPort is left to pss-host-ports',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: app', '    image: app:1', '    ports:', '    - containerPort: 8080', '      hostPort: 80', '    - {containerPort: 1024, protocol: UDP}'),
    },
    {
      name: 'port 22 is left to workload-ssh-port',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: app', '    image: app:1', '    ports: [{containerPort: 22}]'),
    },
    {
      name: 'the pod lowers net.ipv4.ip_unprivileged_port_start',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  securityContext:',
        '    sysctls: [{name: net.ipv4.ip_unprivileged_port_start, value: "80"}]',
        '  containers:',
        '  - name: web',
        '    image: nginx:1.27',
        '    ports: [{containerPort: 80}, {containerPort: 443}]',
      ),
    },
    {
      name: 'Windows pods are not checked',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  os: {name: windows}', '  containers:', '  - name: iis', '    image: iis:1', '    ports: [{containerPort: 80}]'),
    },
  ],
  invalid: [
    {
      name: 'ports below 1024 in containers and init containers, reported on the value; UDP 22 is not SSH',
      code: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web}',
        'spec:',
        '  selector: {matchLabels: {app: web}}',
        '  template:',
        '    metadata: {labels: {app: web}}',
        '    spec:',
        '      initContainers:',
        '      - name: sidecar',
        '        image: proxy:1',
        '        restartPolicy: Always',
        '        ports: [{containerPort: 443, name: https}]',
        '      containers:',
        '      - name: web',
        '        image: nginx:1.27',
        '        ports:',
        '        - name: http',
        '          containerPort: 80 # nginx default',
        '        - containerPort: 22',
        '          protocol: UDP',
      ),
      errors: [
        { line: 19, column: 26, endColumn: 28, message: 'container "web" listens on privileged port 80' },
        { line: 20, column: 26, endColumn: 28, message: 'privileged port 22' },
        { line: 13, column: 33, endColumn: 36, message: 'init container "sidecar" listens on privileged port 443' },
      ],
    },
    {
      name: 'a sysctl that leaves the port privileged',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  securityContext:',
        '    sysctls: [{name: net.ipv4.ip_unprivileged_port_start, value: "443"}]',
        '  containers:',
        '  - name: web',
        '    image: nginx:1.27',
        '    ports: [{containerPort: 80}, {containerPort: 443}]',
      ),
      errors: [{ line: 10, column: 29, endColumn: 31, message: 'privileged port 80' }],
    },
  ],
});
