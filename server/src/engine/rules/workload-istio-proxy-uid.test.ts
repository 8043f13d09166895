import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-istio-proxy-uid', {
  valid: [
    {
      name: 'only the istio-proxy sidecar runs as 1337',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  securityContext: {runAsUser: 10001}',
        '  containers:',
        '  - {name: app, image: app:1}',
        '  - name: istio-proxy',
        '    image: docker.io/istio/proxyv2:1.24.0',
        '    securityContext: {runAsUser: 1337, runAsGroup: 1337}',
      ),
    },
    {
      name: 'a pod-level 1337 that only the sidecar inherits',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  securityContext: {runAsUser: 1337}',
        '  containers:',
        '  - {name: app, image: app:1, securityContext: {runAsUser: 10001}}',
        '  - {name: istio-proxy, image: proxyv2:1}',
      ),
    },
  ],
  invalid: [
    {
      name: 'pod-level 1337 inherited by the app and an init container; a container that sets 1337 itself',
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
        '        runAsUser: 1337',
        '      initContainers: [{name: init, image: init:1}]',
        '      containers:',
        '      - {name: app, image: app:1}',
        '      - {name: worker, image: worker:1, securityContext: {runAsUser: 1337}}',
        '      - {name: istio-proxy, image: proxyv2:1}',
      ),
      errors: [
        { line: 10, column: 20, endColumn: 24, message: 'the pod\'s runAsUser 1337 makes container "app" and init container "init" run as UID 1337' },
        { line: 14, column: 70, endColumn: 74, message: 'container "worker" runs as UID 1337' },
      ],
    },
  ],
});
