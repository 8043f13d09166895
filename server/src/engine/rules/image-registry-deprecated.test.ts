import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('image-registry-deprecated', {
  valid: [
    {
      name: 'registry.k8s.io and other gcr.io projects',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - {name: a, image: registry.k8s.io/pause:3.9}', '  - {name: b, image: gcr.io/my-project/app:1}'),
    },
  ],
  invalid: [
    {
      name: 'k8s.gcr.io and gcr.io/google-containers: the fix rewrites only the registry part, quotes and comments kept',
      code: y(
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: ds}',
        'spec:',
        '  selector: {matchLabels: {app: ds}}',
        '  template:',
        '    metadata: {labels: {app: ds}}',
        '    spec:',
        '      initContainers:',
        "      - {name: init, image: 'gcr.io/google_containers/busybox:1.27'}",
        '      containers:',
        '      - name: proxy',
        '        image: "k8s.gcr.io/kube-proxy:v1.25.0" # old',
      ),
      errors: [
        { line: 13, column: 16, endLine: 13, endColumn: 47, message: 'comes from k8s.gcr.io, which is frozen' },
        { line: 10, column: 29, endColumn: 68, message: 'comes from gcr.io/google_containers' },
      ],
      output: y(
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: ds}',
        'spec:',
        '  selector: {matchLabels: {app: ds}}',
        '  template:',
        '    metadata: {labels: {app: ds}}',
        '    spec:',
        '      initContainers:',
        "      - {name: init, image: 'registry.k8s.io/busybox:1.27'}",
        '      containers:',
        '      - name: proxy',
        '        image: "registry.k8s.io/kube-proxy:v1.25.0" # old',
      ),
    },
  ],
});
