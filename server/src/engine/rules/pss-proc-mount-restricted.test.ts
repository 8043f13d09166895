import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pod = (...spec: string[]) => y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', ...spec);
const containers = (procMount: string) => ['  containers:', '  - name: build', '    image: b:1', '    securityContext:', `      procMount: ${procMount}`];

ruleTester('pss-proc-mount-restricted', {
  valid: [
    { name: 'Default in a user namespace', code: pod('  hostUsers: false', ...containers('Default')) },
    { name: 'unset', code: pod('  containers:', '  - {name: a, image: a:1}') },
    { name: 'before v1.35 the baseline rule covers it', code: pod(...containers('Unmasked')), options: { pss: { version: 'v1.34' } } },
    { name: 'not at baseline', code: pod('  hostUsers: false', ...containers('Unmasked')), options: { pss: { level: 'baseline' } } },
  ],
  invalid: [
    {
      name: 'Unmasked even with hostUsers: false',
      code: pod('  hostUsers: false', ...containers('Unmasked')),
      errors: [{ line: 10, column: 18, endColumn: 26, message: 'restricted: container "build" must not set procMount Unmasked; only Default is allowed, also with hostUsers: false' }],
      output: pod('  hostUsers: false', ...containers('Default')),
    },
    {
      name: 'ephemeral container in a StatefulSet',
      code: y(
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: s}',
        'spec:',
        '  serviceName: s',
        '  selector: {matchLabels: {app: s}}',
        '  template:',
        '    metadata: {labels: {app: s}}',
        '    spec:',
        '      containers: [{name: a, image: a:1}]',
        '      ephemeralContainers: [{name: dbg, image: d:1, securityContext: {procMount: Unmasked}}]',
      ),
      errors: [{ line: 11, column: 82, endColumn: 90, message: 'ephemeral container "dbg"' }],
      output: y(
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: s}',
        'spec:',
        '  serviceName: s',
        '  selector: {matchLabels: {app: s}}',
        '  template:',
        '    metadata: {labels: {app: s}}',
        '    spec:',
        '      containers: [{name: a, image: a:1}]',
        '      ephemeralContainers: [{name: dbg, image: d:1, securityContext: {procMount: Default}}]',
      ),
    },
  ],
});
