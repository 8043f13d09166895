import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const DIGEST = 'sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31';

ruleTester('image-no-digest', {
  valid: [
    {
      name: 'every container, init and ephemeral included, pinned by digest',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        `  initContainers: [{name: i, image: "busybox@${DIGEST}"}]`,
        '  containers:',
        '  - name: app',
        `    image: nginx:1.27.2@${DIGEST}`,
        '  ephemeralContainers:',
        '  - name: debug',
        `    image: registry.example.com/debug@${DIGEST}`,
      ),
    },
  ],
  invalid: [
    {
      name: 'tags, with and without a registry',
      code: y(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: c}',
        'spec:',
        '  schedule: "@daily"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          restartPolicy: OnFailure',
        '          containers:',
        '          - name: a',
        '            image: quay.io/org/a:v1.2.3',
        `          - {name: b, image: "b@${DIGEST}"}`,
        '          - name: c',
        '            image: c',
      ),
      errors: [
        { line: 13, column: 20, endLine: 13, endColumn: 40, message: 'image "quay.io/org/a:v1.2.3" of container "a" is not pinned by digest' },
        { line: 16, column: 20, endColumn: 21, message: 'image "c" of container "c"' },
      ],
    },
  ],
});
