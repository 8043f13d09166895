import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pod = (...container: string[]) => y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: app', '    image: a:1', ...container);
const metadataProbe = ['    livenessProbe:', '      httpGet:', '        host: 169.254.169.254', '        path: /latest/meta-data/', '        port: 80'];

ruleTester('pss-host-probes-lifecycle', {
  valid: [
    { name: 'no host', code: pod('    readinessProbe:', '      httpGet: {path: /healthz, port: 8080, httpHeaders: [{name: Host, value: app.example.com}]}') },
    { name: 'empty host is allowed', code: pod('    livenessProbe:', '      tcpSocket: {host: "", port: 8080}') },
    { name: 'exec and grpc probes have no host', code: pod('    startupProbe: {exec: {command: [cat, /tmp/ready]}}', '    livenessProbe: {grpc: {port: 9090}}') },
    { name: 'policy v1.33 predates the control', code: pod(...metadataProbe), options: { pss: { version: 'v1.33' } } },
  ],
  invalid: [
    {
      name: 'a liveness probe aimed at the metadata endpoint',
      code: pod(...metadataProbe),
      errors: [{ line: 10, column: 15, endLine: 10, endColumn: 30, message: 'baseline: container "app" must not set livenessProbe.httpGet.host ("169.254.169.254")' }],
      output: pod('    livenessProbe:', '      httpGet:', '        path: /latest/meta-data/', '        port: 80'),
    },
    {
      name: 'tcpSocket probes and lifecycle hooks of init and ephemeral containers',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers:',
        '  - name: sidecar',
        '    image: s:1',
        '    restartPolicy: Always',
        '    readinessProbe: {tcpSocket: {host: "::1", port: 8080}}',
        '    lifecycle:',
        '      preStop:',
        '        httpGet: {host: 10.0.0.1, port: 80, path: /drain}',
        '  containers:',
        '  - {name: a, image: a:1}',
        '  ephemeralContainers:',
        '  - name: dbg',
        '    image: d:1',
        '    lifecycle: {postStart: {tcpSocket: {host: localhost, port: 22}}}',
      ),
      errors: [
        { line: 9, column: 40, endColumn: 45, message: 'init container "sidecar" must not set readinessProbe.tcpSocket.host ("::1")' },
        { line: 12, column: 25, endColumn: 33, message: 'lifecycle.preStop.httpGet.host ("10.0.0.1")' },
        { line: 18, column: 47, endColumn: 56, message: 'ephemeral container "dbg" must not set lifecycle.postStart.tcpSocket.host' },
      ],
      output: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers:',
        '  - name: sidecar',
        '    image: s:1',
        '    restartPolicy: Always',
        '    readinessProbe: {tcpSocket: {port: 8080}}',
        '    lifecycle:',
        '      preStop:',
        '        httpGet: {port: 80, path: /drain}',
        '  containers:',
        '  - {name: a, image: a:1}',
        '  ephemeralContainers:',
        '  - name: dbg',
        '    image: d:1',
        '    lifecycle: {postStart: {tcpSocket: {port: 22}}}',
      ),
    },
  ],
});
