import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pod = (...spec: string[]) => y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', ...spec);

ruleTester('pss-selinux', {
  valid: [
    {
      name: 'allowed types and any level',
      code: pod(
        '  securityContext:',
        '    seLinuxOptions: {type: container_t, level: "s0:c123,c456"}',
        '  initContainers:',
        '  - {name: i, image: i:1, securityContext: {seLinuxOptions: {type: container_init_t}}}',
        '  containers:',
        '  - {name: a, image: a:1, securityContext: {seLinuxOptions: {type: container_kvm_t, user: "", role: ""}}}',
      ),
    },
    {
      name: 'container_engine_t from v1.31',
      code: pod('  containers:', '  - {name: a, image: a:1, securityContext: {seLinuxOptions: {type: container_engine_t}}}'),
      options: { pss: { version: 'v1.31' } },
    },
  ],
  invalid: [
    {
      name: 'custom type at pod level, user and role in a container; each removed',
      code: pod(
        '  securityContext:',
        '    seLinuxOptions:',
        '      type: spc_t',
        '      level: s0',
        '  containers:',
        '  - name: a',
        '    image: a:1',
        '    securityContext:',
        '      seLinuxOptions:',
        '        user: system_u',
        '        role: system_r',
      ),
      errors: [
        { line: 7, column: 13, endColumn: 18, message: 'baseline: SELinux type "spc_t" is not allowed in the pod; use container_t, container_init_t, container_kvm_t, container_engine_t or leave it unset' },
        { line: 14, column: 15, endColumn: 23, message: 'container "a" must not set a custom SELinux user ("system_u")' },
        { line: 15, column: 15, endColumn: 23, message: 'custom SELinux role' },
      ],
      output: pod('  securityContext:', '    seLinuxOptions:', '      level: s0', '  containers:', '  - name: a', '    image: a:1', '    securityContext: {}'),
    },
    {
      name: 'container_engine_t before v1.31',
      code: pod('  containers:', '  - {name: a, image: a:1, securityContext: {seLinuxOptions: {type: container_engine_t}}}'),
      options: { pss: { version: 'v1.30' } },
      errors: [{ line: 6, column: 68, endColumn: 86, message: 'use container_t, container_init_t, container_kvm_t or leave it unset' }],
      output: pod('  containers:', '  - {name: a, image: a:1, securityContext: {}}'),
    },
  ],
});
