import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pod = (...spec: string[]) => y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', ...spec);

ruleTester('pss-allow-privilege-escalation', {
  valid: [
    {
      name: 'false in every container kind',
      code: pod(
        '  initContainers: [{name: i, image: i:1, securityContext: {allowPrivilegeEscalation: false}}]',
        '  containers: [{name: a, image: a:1, securityContext: {allowPrivilegeEscalation: false}}]',
        '  ephemeralContainers: [{name: e, image: e:1, securityContext: {allowPrivilegeEscalation: false}}]',
      ),
    },
    { name: 'v1.25+: Windows pods are exempt', code: pod('  os: {name: windows}', '  containers: [{name: a, image: a:1}]') },
    { name: 'before v1.8', code: pod('  containers: [{name: a, image: a:1}]'), options: { pss: { version: 'v1.7' } } },
    { name: 'baseline', code: pod('  containers: [{name: a, image: a:1}]'), options: { pss: { level: 'baseline' } } },
  ],
  invalid: [
    {
      name: 'unset: reported on the securityContext key or the name, inserted in the container',
      code: pod(
        '  containers:',
        '  - name: app',
        '    image: a:1',
        '    securityContext:',
        '      runAsNonRoot: true # comment kept',
        '  - name: plain',
        '    image: p:1',
      ),
      errors: [
        { line: 8, column: 5, endLine: 8, endColumn: 20, message: 'restricted: allowPrivilegeEscalation must be false in container "app" (it is not set, so escalation is allowed)' },
        { line: 10, column: 5, endColumn: 16, message: 'in container "plain"' },
      ],
      output: pod(
        '  containers:',
        '  - name: app',
        '    image: a:1',
        '    securityContext:',
        '      runAsNonRoot: true # comment kept',
        '      allowPrivilegeEscalation: false',
        '  - name: plain',
        '    image: p:1',
        '    securityContext:',
        '      allowPrivilegeEscalation: false',
      ),
    },
    {
      name: 'explicit true in an ephemeral container',
      code: pod('  containers: [{name: a, image: a:1, securityContext: {allowPrivilegeEscalation: false}}]', '  ephemeralContainers:', '  - name: debug', '    image: d:1', '    securityContext: {allowPrivilegeEscalation: true}'),
      errors: [{ line: 9, column: 49, endColumn: 53, message: 'restricted: allowPrivilegeEscalation must be false in ephemeral container "debug"' }],
      output: pod('  containers: [{name: a, image: a:1, securityContext: {allowPrivilegeEscalation: false}}]', '  ephemeralContainers:', '  - name: debug', '    image: d:1', '    securityContext: {allowPrivilegeEscalation: false}'),
    },
    {
      name: 'a privileged container: the fix sets both, as the API requires',
      code: pod('  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      privileged: true'),
      errors: [{ line: 8, column: 5, endColumn: 20 }],
      output: pod('  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      privileged: false', '      allowPrivilegeEscalation: false'),
    },
    {
      name: 'policy v1.24: a Windows pod is reported, without a Linux-only fix',
      code: pod('  os: {name: windows}', '  containers:', '  - name: a', '    image: a:1'),
      options: { pss: { version: 'v1.24' } },
      errors: [{ line: 7, column: 5, endColumn: 12 }],
    },
  ],
});
