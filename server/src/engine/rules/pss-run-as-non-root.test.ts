import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pod = (...spec: string[]) => y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', ...spec);

ruleTester('pss-run-as-non-root', {
  valid: [
    { name: 'pod level covers init, app and ephemeral containers', code: pod('  securityContext:', '    runAsNonRoot: true', '  initContainers: [{name: i, image: i:1}]', '  containers: [{name: a, image: a:1}]', '  ephemeralContainers: [{name: e, image: e:1}]') },
    { name: 'every container sets it', code: pod('  containers:', '  - {name: a, image: a:1, securityContext: {runAsNonRoot: true}}', '  - {name: b, image: b:1, securityContext: {runAsNonRoot: true}}') },
    { name: 'v1.35+: a user-namespaced pod is exempt', code: pod('  hostUsers: false', '  containers: [{name: a, image: a:1}]') },
    { name: 'Windows pods are not exempt, but can comply', code: pod('  os: {name: windows}', '  securityContext: {runAsNonRoot: true}', '  containers: [{name: a, image: a:1}]') },
    { name: 'baseline does not require it', code: pod('  containers: [{name: a, image: a:1}]'), options: { pss: { level: 'baseline' } } },
  ],
  invalid: [
    {
      name: 'unset: one finding per container, fixed once at pod level',
      code: pod('  containers:', '  - name: app', '    image: a:1', '  - name: sidecar', '    image: s:1', '    securityContext:', '      readOnlyRootFilesystem: true'),
      errors: [
        { line: 6, column: 5, endLine: 6, endColumn: 14, message: 'restricted: runAsNonRoot must be true for container "app"; it is set neither on the pod nor on the container' },
        { line: 10, column: 5, endColumn: 20, message: 'container "sidecar"' },
      ],
      output: pod(
        '  containers:',
        '  - name: app',
        '    image: a:1',
        '  - name: sidecar',
        '    image: s:1',
        '    securityContext:',
        '      readOnlyRootFilesystem: true',
        '  securityContext:',
        '    runAsNonRoot: true',
      ),
    },
    {
      name: 'an explicit false overrides a good pod value',
      code: pod('  securityContext:', '    runAsNonRoot: true', '    runAsUser: 1000', '  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      runAsNonRoot: false  # legacy image'),
      errors: [{ line: 12, column: 21, endColumn: 26, message: 'restricted: runAsNonRoot must be true; container "a" sets it to false' }],
      output: pod('  securityContext:', '    runAsNonRoot: true', '    runAsUser: 1000', '  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      runAsNonRoot: true  # legacy image'),
    },
    {
      name: 'a pod false is reported once, not again for each container that inherits it',
      code: pod('  securityContext: {runAsNonRoot: false}', '  containers: [{name: a, image: a:1}, {name: b, image: b:1}]'),
      errors: [{ line: 5, column: 35, endColumn: 40, message: 'the pod sets it to false' }],
      output: pod('  securityContext: {runAsNonRoot: true}', '  containers: [{name: a, image: a:1}, {name: b, image: b:1}]'),
    },
    {
      name: 'policy v1.34: hostUsers: false does not exempt yet',
      code: pod('  hostUsers: false', '  containers: [{name: a, image: a:1}]'),
      options: { pss: { version: 'v1.34' } },
      errors: [{ line: 6, column: 17, endColumn: 24 }],
      output: pod('  hostUsers: false', '  containers: [{name: a, image: a:1}]', '  securityContext:', '    runAsNonRoot: true'),
    },
  ],
});
