import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pod = (...spec: string[]) => y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', ...spec);
const unmasked = ['  initContainers:', '  - name: i', '    image: i:1', '    securityContext:', '      procMount: Unmasked', '  containers:', '  - {name: a, image: a:1, securityContext: {procMount: Default}}'];

ruleTester('pss-proc-mount', {
  valid: [
    { name: 'Default', code: pod('  containers:', '  - {name: a, image: a:1, securityContext: {procMount: Default}}') },
    { name: 'v1.35+: a user-namespaced pod may unmask /proc', code: pod('  hostUsers: false', ...unmasked), options: { pss: { level: 'baseline', version: 'v1.35' } } },
    { name: 'latest: same', code: pod('  hostUsers: false', ...unmasked), options: { pss: { level: 'baseline' } } },
  ],
  invalid: [
    {
      name: 'Unmasked in an init container',
      code: pod(...unmasked),
      errors: [{ line: 9, column: 18, endLine: 9, endColumn: 26, message: 'baseline: init container "i" must not set procMount Unmasked; only Default keeps the host\'s /proc paths masked' }],
      output: pod('  initContainers:', '  - name: i', '    image: i:1', '    securityContext:', '      procMount: Default', '  containers:', '  - {name: a, image: a:1, securityContext: {procMount: Default}}'),
    },
    {
      name: 'before v1.35 hostUsers: false does not relax it',
      code: pod('  hostUsers: false', ...unmasked),
      options: { pss: { level: 'baseline', version: 'v1.34' } },
      errors: [{ line: 10, column: 18, endColumn: 26 }],
    },
    {
      name: 'hostUsers: true is no user namespace',
      code: pod('  hostUsers: true', ...unmasked),
      options: { pss: { level: 'baseline' } },
      errors: [{ line: 10, column: 18, message: '(allowed at baseline only with hostUsers: false)' }],
    },
  ],
});
