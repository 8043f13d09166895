import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-low-uid-gid', {
  valid: [
    {
      name: 'pod-level IDs from 10000 up, inherited by every container',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  securityContext: {runAsUser: 10000, runAsGroup: 10001}',
        '  initContainers: [{name: i, image: i:1}]',
        '  containers: [{name: a, image: a:1}]',
        '  ephemeralContainers: [{name: d, image: d:1}]',
      ),
    },
    {
      name: 'containers override a low pod value (the pod value decides for nobody)',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  securityContext: {runAsUser: 1000, runAsGroup: 1000}',
        '  containers:',
        '  - name: a',
        '    image: a:1',
        '    securityContext: {runAsUser: 20000, runAsGroup: 20000}',
      ),
    },
    {
      name: 'ID 0 is left to workload-root-group (GID) and, under restricted, to the Pod Security rules (UID)',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  securityContext: {runAsUser: 0, runAsGroup: 0}', '  containers: [{name: a, image: a:1}]'),
    },
    {
      name: 'user namespaces: container IDs are not host IDs',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  hostUsers: false', '  securityContext: {runAsUser: 1000}', '  containers: [{name: a, image: a:1}]'),
    },
    {
      name: 'Windows pods',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  os: {name: windows}', '  containers: [{name: a, image: a:1}]'),
    },
  ],
  invalid: [
    {
      name: 'a low pod-level UID is reported once, on the pod value; a container override is reported on its own value',
      code: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: d}',
        'spec:',
        '  selector: {matchLabels: {app: d}}',
        '  template:',
        '    metadata: {labels: {app: d}}',
        '    spec:',
        '      securityContext:',
        '        runAsUser: 1000',
        '        runAsGroup: 10000',
        '      initContainers:',
        '      - {name: init, image: init:1}',
        '      containers:',
        '      - name: a',
        '        image: a:1',
        '      - name: b',
        '        image: b:1',
        '        securityContext:',
        '          runAsGroup: 999',
      ),
      errors: [
        { line: 10, column: 20, endColumn: 24, message: 'the pod\'s runAsUser 1000 (used by container "a", container "b" and init container "init") is below 10000' },
        { line: 20, column: 23, endColumn: 26, message: 'container "b" runs with runAsGroup 999, which is below 10000' },
      ],
    },
    {
      name: 'nothing set anywhere: one finding on the pod spec key',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - {name: a, image: a:1}'),
      errors: [{ line: 4, column: 1, endColumn: 5, message: 'runAsUser and runAsGroup are not set for the pod or any container' }],
    },
    {
      name: 'set for some containers only: each unset container is reported; UID 0 is reported below restricted',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  securityContext:',
        '    runAsGroup: 10000',
        '  containers:',
        '  - name: a',
        '    image: a:1',
        '    securityContext: {runAsUser: 0}',
        '  - name: b',
        '    image: b:1',
      ),
      options: { pss: { level: 'baseline' } },
      errors: [
        { line: 10, column: 34, endColumn: 35, message: 'container "a" runs with runAsUser 0' },
        { line: 11, column: 5, endColumn: 12, message: 'runAsUser is not set for container "b" or its pod' },
      ],
    },
  ],
});
