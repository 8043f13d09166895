import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pod = (...spec: string[]) => y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', ...spec);

ruleTester('pss-capabilities-restricted', {
  valid: [
    { name: 'drop ALL, add NET_BIND_SERVICE', code: pod('  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}') },
    { name: 'v1.25+: Windows pods are exempt', code: pod('  os: {name: windows}', '  containers: [{name: a, image: a:1}]') },
    { name: 'before v1.22 (the baseline allow-list applies instead)', code: pod('  containers: [{name: a, image: a:1}]'), options: { pss: { version: 'v1.21' } } },
  ],
  invalid: [
    {
      name: 'no capabilities at all: inserted into the container',
      code: pod('  containers:', '  - name: app', '    image: a:1'),
      errors: [{ line: 6, column: 5, endColumn: 14, message: 'restricted: container "app" must drop ALL capabilities (securityContext.capabilities.drop must include "ALL")' }],
      output: pod('  containers:', '  - name: app', '    image: a:1', '    securityContext:', '      capabilities:', '        drop:', '        - ALL'),
    },
    {
      name: 'a drop list without ALL gets ALL appended; a lower-case all is named',
      code: pod(
        '  initContainers:',
        '  - name: init',
        '    image: i:1',
        '    securityContext:',
        '      capabilities:',
        '        drop: [all]',
        '  containers:',
        '  - name: app',
        '    image: a:1',
        '    securityContext:',
        '      capabilities:',
        '        drop:',
        '        - NET_RAW  # keep',
      ),
      errors: [
        { line: 16, column: 9, endColumn: 13, message: 'container "app" must drop ALL' },
        { line: 10, column: 9, endColumn: 13, message: 'init container "init" must drop ALL capabilities (securityContext.capabilities.drop must include "ALL"; names are case-sensitive)' },
      ],
      output: pod(
        '  initContainers:',
        '  - name: init',
        '    image: i:1',
        '    securityContext:',
        '      capabilities:',
        '        drop: [all, ALL]',
        '  containers:',
        '  - name: app',
        '    image: a:1',
        '    securityContext:',
        '      capabilities:',
        '        drop:',
        '        - NET_RAW  # keep',
        '        - ALL',
      ),
    },
    {
      name: 'added capabilities other than NET_BIND_SERVICE, each removed by its own fix',
      code: pod('  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      capabilities:', '        drop: [ALL]', '        add: [NET_BIND_SERVICE, CHOWN, SYS_ADMIN]'),
      errors: [
        { line: 11, column: 33, endColumn: 38, message: 'restricted: container "a" must not add capability CHOWN; only NET_BIND_SERVICE may be added' },
        { line: 11, column: 40, endColumn: 49, message: 'SYS_ADMIN' },
      ],
      output: pod('  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      capabilities:', '        drop: [ALL]', '        add: [NET_BIND_SERVICE]'),
    },
    {
      name: 'policy v1.24: a Windows pod is reported, without the Linux-only drop fix',
      code: pod('  os: {name: windows}', '  containers:', '  - name: a', '    image: a:1'),
      options: { pss: { version: 'v1.24' } },
      errors: [{ line: 7, column: 5, endColumn: 12 }],
    },
  ],
});
