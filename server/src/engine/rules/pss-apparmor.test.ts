import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pod = (meta: string[], ...spec: string[]) =>
  y('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', ...meta, 'spec:', ...spec, '  containers:', '  - name: app', '    image: a:1');

ruleTester('pss-apparmor', {
  valid: [
    { name: 'nothing set', code: pod([]) },
    {
      name: 'allowed annotation values and field types',
      code: pod(
        [
          '  annotations:',
          '    container.apparmor.security.beta.kubernetes.io/app: runtime/default',
          '    container.apparmor.security.beta.kubernetes.io/init: localhost/k8s-nginx',
          '    container.apparmor.security.beta.kubernetes.io/other: ""',
        ],
        '  securityContext:',
        '    appArmorProfile: {type: Localhost, localhostProfile: k8s-nginx}',
      ),
    },
    { name: 'unrelated annotation', code: pod(['  annotations:', '    apparmor.example.com/mode: unconfined']) },
    { name: 'privileged level', code: pod([], '  securityContext:', '    appArmorProfile: {type: Unconfined}'), options: { pss: { level: 'privileged' } } },
  ],
  invalid: [
    {
      name: 'pod-level field Unconfined',
      code: pod([], '  securityContext:', '    appArmorProfile:', '      type: Unconfined'),
      errors: [{ line: 8, column: 13, endColumn: 23, message: 'baseline: AppArmor profile type Unconfined is not allowed in the pod' }],
      output: pod([], '  securityContext:', '    appArmorProfile:', '      type: RuntimeDefault'),
    },
    {
      name: 'legacy annotation, also for a container name the pod does not have',
      code: pod([
        '  annotations:',
        '    container.apparmor.security.beta.kubernetes.io/app: unconfined  # debugging',
        '    container.apparmor.security.beta.kubernetes.io/gone: "unconfined"',
      ]),
      errors: [
        { line: 6, column: 57, endColumn: 67, message: 'AppArmor profile "unconfined" is not allowed for container "app"' },
        { line: 7, column: 58, endColumn: 70, message: 'for container "gone"' },
      ],
      output: pod([
        '  annotations:',
        '    container.apparmor.security.beta.kubernetes.io/app: runtime/default  # debugging',
        '    container.apparmor.security.beta.kubernetes.io/gone: runtime/default',
      ]),
    },
    {
      name: 'container fields in a Deployment template; a profile with no type',
      code: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: d}',
        'spec:',
        '  selector: {matchLabels: {app: d}}',
        '  template:',
        '    metadata:',
        '      labels: {app: d}',
        '    spec:',
        '      initContainers:',
        '      - name: init',
        '        image: i:1',
        '        securityContext:',
        '          appArmorProfile: {}',
        '      containers:',
        '      - name: app',
        '        image: a:1',
        '        securityContext:',
        '          appArmorProfile:',
        '            type: unconfined',
      ),
      errors: [
        { line: 20, column: 19, endColumn: 29, message: 'AppArmor profile type unconfined is not allowed in container "app"' },
        { line: 14, column: 11, endColumn: 26, message: 'init container "init" sets appArmorProfile without a type' },
      ],
      output: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: d}',
        'spec:',
        '  selector: {matchLabels: {app: d}}',
        '  template:',
        '    metadata:',
        '      labels: {app: d}',
        '    spec:',
        '      initContainers:',
        '      - name: init',
        '        image: i:1',
        '        securityContext:',
        '          appArmorProfile: {type: RuntimeDefault}',
        '      containers:',
        '      - name: app',
        '        image: a:1',
        '        securityContext:',
        '          appArmorProfile:',
        '            type: RuntimeDefault',
      ),
    },
  ],
});
