import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pod = (...spec: string[]) => y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', ...spec);
const rootPod = ['  securityContext:', '    runAsUser: 0', '    runAsNonRoot: true', '  containers:', '  - {name: a, image: a:1}'];

ruleTester('pss-run-as-user', {
  valid: [
    { name: 'non-zero UIDs', code: pod('  securityContext: {runAsUser: 1000}', '  containers:', '  - {name: a, image: a:1, securityContext: {runAsUser: 65532}}') },
    { name: 'unset', code: pod('  containers: [{name: a, image: a:1}]') },
    { name: 'v1.35+: hostUsers: false maps UID 0 to an unprivileged UID', code: pod('  hostUsers: false', ...rootPod) },
    { name: 'before v1.23', code: pod(...rootPod), options: { pss: { version: 'v1.22' } } },
  ],
  invalid: [
    {
      name: 'pod-level UID 0, removed by the fix',
      code: pod(...rootPod),
      errors: [{ line: 6, column: 16, endLine: 6, endColumn: 17, message: 'restricted: the pod must not set runAsUser: 0 (root)' }],
      output: pod('  securityContext:', '    runAsNonRoot: true', '  containers:', '  - {name: a, image: a:1}'),
    },
    {
      name: 'a container sets 0 over a good pod value; policy v1.34 does not relax hostUsers: false',
      code: pod(
        '  hostUsers: false',
        '  securityContext: {runAsUser: 1000}',
        '  initContainers:',
        '  - name: chown',
        '    image: busybox:1.36',
        '    securityContext:',
        '      runAsUser: 0',
        '  containers: [{name: a, image: a:1}]',
      ),
      options: { pss: { version: 'v1.34' } },
      errors: [{ line: 11, column: 18, endColumn: 19, message: 'init container "chown" must not set runAsUser: 0' }],
      output: pod('  hostUsers: false', '  securityContext: {runAsUser: 1000}', '  initContainers:', '  - name: chown', '    image: busybox:1.36', '  containers: [{name: a, image: a:1}]'),
    },
  ],
});
