import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pod = (...containerLines: string[]): string => y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', ...containerLines);

ruleTester('image-latest-tag', {
  valid: [
    { name: 'a fixed tag', code: pod('  - name: app', '    image: nginx:1.27.2') },
    { name: 'a registry with a port and a tag', code: pod('  - name: app', '    image: localhost:5000/team/app:2.1') },
    { name: 'pinned by digest, even with :latest', code: pod('  - name: app', '    image: nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31') },
    { name: 'pinned by digest without a tag', code: pod('  - name: app', '    image: "ghcr.io/org/app@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31"') },
    { name: 'templated values are left to the template engine', code: pod('  - name: app', '    image: "{{ .Values.image }}"') },
  ],
  invalid: [
    {
      name: ':latest and no tag, a registry port is not a tag',
      code: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: d}',
        'spec:',
        '  selector: {matchLabels: {app: d}}',
        '  template:',
        '    metadata: {labels: {app: d}}',
        '    spec:',
        '      initContainers:',
        '      - name: init',
        '        image: registry.example.com:5000/tools/init',
        '      containers:',
        '      - name: app',
        '        image: "nginx:latest" # pinned later',
      ),
      errors: [
        { line: 14, column: 16, endLine: 14, endColumn: 30, message: 'image "nginx:latest" of container "app" uses the mutable ":latest" tag' },
        { line: 11, column: 16, endLine: 11, endColumn: 52, message: 'init container "init" has no tag, so it means ":latest"' },
      ],
    },
    {
      name: 'ephemeral container in a List item',
      code: y(
        'apiVersion: v1',
        'kind: List',
        'items:',
        '- apiVersion: v1',
        '  kind: Pod',
        '  metadata: {name: p}',
        '  spec:',
        '    containers: [{name: app, image: app:1}]',
        '    ephemeralContainers: [{name: debug, image: busybox}]',
      ),
      errors: [{ line: 9, column: 48, endColumn: 55, message: 'ephemeral container "debug" has no tag' }],
    },
  ],
});
