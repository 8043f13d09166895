import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pod = (meta: string[], ...spec: string[]) => y('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', ...meta, 'spec:', ...spec);
const app = ['  containers:', '  - name: app', '    image: a:1'];
const v118 = { pss: { level: 'baseline' as const, version: 'v1.18' } };

ruleTester('pss-seccomp-baseline', {
  valid: [
    { name: 'unset (baseline does not require a profile)', code: pod([], ...app) },
    { name: 'RuntimeDefault and Localhost', code: pod([], '  securityContext:', '    seccompProfile: {type: RuntimeDefault}', '  containers:', '  - {name: a, image: a:1, securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}}') },
    {
      name: 'v1.18: allowed annotation values',
      code: pod(['  annotations:', '    seccomp.security.alpha.kubernetes.io/pod: runtime/default', '    container.seccomp.security.alpha.kubernetes.io/app: localhost/profile.json'], ...app),
      options: v118,
    },
    { name: 'v1.18: docker/default', code: pod(['  annotations:', '    seccomp.security.alpha.kubernetes.io/pod: docker/default'], ...app), options: v118 },
    { name: 'v1.18: an annotation for a container the pod does not have is ignored', code: pod(['  annotations:', '    container.seccomp.security.alpha.kubernetes.io/other: unconfined'], ...app), options: v118 },
    { name: 'v1.18: fields are not checked yet', code: pod([], '  securityContext:', '    seccompProfile: {type: Unconfined}', ...app), options: v118 },
    { name: 'v1.19+: annotations are not checked any more', code: pod(['  annotations:', '    seccomp.security.alpha.kubernetes.io/pod: unconfined'], ...app), options: { pss: { version: 'v1.19' } } },
  ],
  invalid: [
    {
      name: 'Unconfined at pod level and in a container',
      code: pod(
        [],
        '  securityContext:',
        '    seccompProfile:',
        '      type: Unconfined  # strace',
        '  containers:',
        '  - name: app',
        '    image: a:1',
        '    securityContext:',
        '      seccompProfile: {type: Unconfined}',
      ),
      options: { pss: { level: 'baseline' } },
      errors: [
        { line: 8, column: 13, endColumn: 23, message: 'baseline: seccomp profile type Unconfined is not allowed in the pod; it must be RuntimeDefault or Localhost' },
        { line: 13, column: 30, endColumn: 40, message: 'in container "app"' },
      ],
      output: pod(
        [],
        '  securityContext:',
        '    seccompProfile:',
        '      type: RuntimeDefault  # strace',
        '  containers:',
        '  - name: app',
        '    image: a:1',
        '    securityContext:',
        '      seccompProfile: {type: RuntimeDefault}',
      ),
    },
    {
      name: 'a profile without a type',
      code: pod([], '  initContainers:', '  - name: i', '    image: i:1', '    securityContext:', '      seccompProfile: {}', ...app),
      options: { pss: { level: 'baseline' } },
      errors: [{ line: 10, column: 7, endColumn: 21, message: 'init container "i" sets seccompProfile without a type' }],
      output: pod([], '  initContainers:', '  - name: i', '    image: i:1', '    securityContext:', '      seccompProfile: {type: RuntimeDefault}', ...app),
    },
    {
      name: 'v1.18: alpha annotations for the pod and for a container',
      code: pod(['  annotations:', '    seccomp.security.alpha.kubernetes.io/pod: unconfined', '    container.seccomp.security.alpha.kubernetes.io/app: ""'], ...app),
      options: v118,
      errors: [
        { line: 6, column: 47, endColumn: 57, message: 'baseline: seccomp profile "unconfined" is not allowed (annotation seccomp.security.alpha.kubernetes.io/pod)' },
        { line: 7, column: 57, endColumn: 59, message: 'seccomp profile "" is not allowed' },
      ],
      output: pod(['  annotations:', '    seccomp.security.alpha.kubernetes.io/pod: runtime/default', '    container.seccomp.security.alpha.kubernetes.io/app: runtime/default'], ...app),
    },
  ],
});
