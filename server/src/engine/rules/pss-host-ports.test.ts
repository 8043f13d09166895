import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pod = (...containers: string[]) => y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', ...containers);

ruleTester('pss-host-ports', {
  valid: [
    { name: 'containerPort only', code: pod('  - name: a', '    image: a:1', '    ports:', '    - containerPort: 8080') },
    { name: 'hostPort 0 means none', code: pod('  - name: a', '    image: a:1', '    ports:', '    - {containerPort: 8080, hostPort: 0}') },
    { name: 'privileged level', code: pod('  - name: a', '    image: a:1', '    ports: [{containerPort: 80, hostPort: 80}]'), options: { pss: { level: 'privileged' } } },
  ],
  invalid: [
    {
      name: 'block and flow ports, removed by the fix',
      code: pod(
        '  - name: web',
        '    image: w:1',
        '    ports:',
        '    - name: http',
        '      containerPort: 8080',
        '      hostPort: 80   # reachable on the node',
        '      protocol: TCP',
        '    - {containerPort: 9090, hostPort: 9090}',
      ),
      errors: [
        { line: 11, column: 17, endColumn: 19, message: 'baseline: host ports are not allowed: container "web" binds hostPort 80' },
        { line: 13, column: 39, endColumn: 43, message: 'hostPort 9090' },
      ],
      output: pod('  - name: web', '    image: w:1', '    ports:', '    - name: http', '      containerPort: 8080', '      protocol: TCP', '    - {containerPort: 9090}'),
    },
    {
      name: 'init and ephemeral containers',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers:',
        '  - name: i',
        '    image: i:1',
        '    ports:',
        '    - hostPort: 53',
        '      containerPort: 53',
        '  containers:',
        '  - {name: a, image: a:1}',
        '  ephemeralContainers:',
        '  - {name: dbg, image: d:1, ports: [{containerPort: 22, hostPort: 2222}]}',
      ),
      errors: [
        { line: 9, column: 17, endColumn: 19, message: 'init container "i" binds hostPort 53' },
        { line: 14, column: 67, endColumn: 71, message: 'ephemeral container "dbg" binds hostPort 2222' },
      ],
      output: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers:',
        '  - name: i',
        '    image: i:1',
        '    ports:',
        '    - containerPort: 53',
        '  containers:',
        '  - {name: a, image: a:1}',
        '  ephemeralContainers:',
        '  - {name: dbg, image: d:1, ports: [{containerPort: 22}]}',
      ),
    },
  ],
});
