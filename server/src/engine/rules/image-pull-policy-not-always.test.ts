import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const DIGEST = 'sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31';

ruleTester('image-pull-policy-not-always', {
  valid: [
    {
      name: 'Always with a tag',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: app', '    image: app:1.0', '    imagePullPolicy: Always'),
    },
    {
      name: 'unset with :latest or no tag defaults to Always',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - {name: a, image: "a:latest"}', '  - {name: b, image: b}'),
    },
    {
      name: 'pinned by digest: the content cannot change, any policy is fine',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: app', `    image: app:1.0@${DIGEST}`, '    imagePullPolicy: IfNotPresent'),
    },
  ],
  invalid: [
    {
      name: 'explicit IfNotPresent: reported on the value, fix replaces it',
      code: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: d}',
        'spec:',
        '  selector: {matchLabels: {app: d}}',
        '  template:',
        '    metadata: {labels: {app: d}}',
        '    spec:',
        '      containers:',
        '      - name: app',
        '        image: app:1.0',
        '        imagePullPolicy: IfNotPresent # cached',
        '        ports: [{containerPort: 8080}]',
      ),
      errors: [{ line: 12, column: 26, endLine: 12, endColumn: 38, message: 'container "app" uses imagePullPolicy: IfNotPresent with the mutable tag ":1.0"' }],
      output: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: d}',
        'spec:',
        '  selector: {matchLabels: {app: d}}',
        '  template:',
        '    metadata: {labels: {app: d}}',
        '    spec:',
        '      containers:',
        '      - name: app',
        '        image: app:1.0',
        '        imagePullPolicy: Always # cached',
        '        ports: [{containerPort: 8080}]',
      ),
    },
    {
      name: 'unset with a version tag defaults to IfNotPresent: reported on the image key; Never on :latest too',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers:',
        '  - name: init',
        '    image: init:latest',
        '    imagePullPolicy: Never',
        '  containers:',
        '  - name: app',
        '    image: ghcr.io/org/app:2.0',
        '  - {name: side, image: side:3}',
      ),
      errors: [
        { line: 11, column: 5, endLine: 11, endColumn: 10, message: 'container "app" has no imagePullPolicy, so it defaults to IfNotPresent for the mutable tag ":2.0"' },
        { line: 12, column: 18, endColumn: 23, message: 'container "side"' },
        { line: 8, column: 22, endColumn: 27, message: 'init container "init" uses imagePullPolicy: Never with the mutable tag ":latest"' },
      ],
      output: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers:',
        '  - name: init',
        '    image: init:latest',
        '    imagePullPolicy: Always',
        '  containers:',
        '  - name: app',
        '    image: ghcr.io/org/app:2.0',
        '    imagePullPolicy: Always',
        '  - {name: side, image: side:3, imagePullPolicy: Always}',
      ),
    },
  ],
});
