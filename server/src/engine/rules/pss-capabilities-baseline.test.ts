import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pod = (...containerLines: string[]) =>
  y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: app', '    image: a:1', ...containerLines);

ruleTester('pss-capabilities-baseline', {
  valid: [
    { name: 'no capabilities', code: pod() },
    {
      name: 'the whole baseline set',
      code: pod(
        '    securityContext:',
        '      capabilities:',
        '        add: [AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT]',
      ),
    },
    { name: 'dropping anything is fine', code: pod('    securityContext:', '      capabilities:', '        drop: [NET_RAW, SYS_ADMIN]') },
    { name: 'privileged level', code: pod('    securityContext:', '      capabilities: {add: [SYS_ADMIN]}'), options: { pss: { level: 'privileged' } } },
  ],
  invalid: [
    {
      name: 'NET_RAW and SYS_ADMIN, each removed by its own fix, comments kept',
      code: pod(
        '    securityContext:',
        '      capabilities:',
        '        add:',
        '        - CHOWN      # files owned by the app user',
        '        - NET_RAW    # ping',
        '        - SYS_ADMIN',
      ),
      errors: [
        { line: 12, column: 11, endLine: 12, endColumn: 18, message: 'baseline: container "app" must not add capability NET_RAW (only AUDIT_WRITE' },
        { line: 13, column: 11, endColumn: 20, message: 'must not add capability SYS_ADMIN' },
      ],
      output: pod('    securityContext:', '      capabilities:', '        add:', '        - CHOWN      # files owned by the app user'),
    },
    {
      name: 'lower-case and CAP_-prefixed names are not the allowed ones; the fix writes the real name',
      code: pod('    securityContext:', '      capabilities:', '        add: [chown, CAP_KILL]'),
      errors: [
        { line: 10, column: 15, endColumn: 20, message: 'must not add capability chown; capability names are case-sensitive and unprefixed: write CHOWN' },
        { line: 10, column: 22, endColumn: 30, message: 'write KILL' },
      ],
      output: pod('    securityContext:', '      capabilities:', '        add: [CHOWN, KILL]'),
    },
    {
      name: 'init container of a CronJob',
      code: y(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: c}',
        'spec:',
        '  schedule: "0 * * * *"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          restartPolicy: OnFailure',
        '          initContainers:',
        '          - name: net-setup',
        '            image: n:1',
        '            securityContext: {capabilities: {add: [NET_ADMIN]}}',
        '          containers:',
        '          - {name: job, image: j:1}',
      ),
      errors: [{ line: 14, column: 52, endColumn: 61, message: 'init container "net-setup" must not add capability NET_ADMIN' }],
      output: y(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: c}',
        'spec:',
        '  schedule: "0 * * * *"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          restartPolicy: OnFailure',
        '          initContainers:',
        '          - name: net-setup',
        '            image: n:1',
        '            securityContext: {capabilities: {add: []}}',
        '          containers:',
        '          - {name: job, image: j:1}',
      ),
    },
  ],
});
