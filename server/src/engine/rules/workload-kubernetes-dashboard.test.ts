import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-kubernetes-dashboard', {
  valid: [
    { name: 'dashboard with token login', code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: dashboard', '    image: kubernetesui/dashboard:v2.7.0', '    args: [--auto-generate-certificates, --namespace=kubernetes-dashboard, --enable-skip-login=false]') },
  ],
  invalid: [
    {
      name: 'skip login (error) and insecure login (warning), each removed',
      code: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: kubernetes-dashboard, namespace: kubernetes-dashboard}',
        'spec:',
        '  selector: {matchLabels: {k8s-app: kubernetes-dashboard}}',
        '  template:',
        '    metadata: {labels: {k8s-app: kubernetes-dashboard}}',
        '    spec:',
        '      containers:',
        '      - name: kubernetes-dashboard',
        '        image: kubernetesui/dashboard:v2.7.0',
        '        args:',
        '        - --auto-generate-certificates',
        '        - --enable-skip-login',
        '        - --enable-insecure-login=true',
        '        - --namespace=kubernetes-dashboard',
      ),
      errors: [
        { line: 14, column: 11, endColumn: 30, message: '--enable-skip-login shows a "Skip" button' },
        { line: 15, column: 11, endColumn: 39, message: '--enable-insecure-login accepts logins' },
      ],
      output: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: kubernetes-dashboard, namespace: kubernetes-dashboard}',
        'spec:',
        '  selector: {matchLabels: {k8s-app: kubernetes-dashboard}}',
        '  template:',
        '    metadata: {labels: {k8s-app: kubernetes-dashboard}}',
        '    spec:',
        '      containers:',
        '      - name: kubernetes-dashboard',
        '        image: kubernetesui/dashboard:v2.7.0',
        '        args:',
        '        - --auto-generate-certificates',
        '        - --namespace=kubernetes-dashboard',
      ),
    },
    {
      name: 'flow-style command',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - {name: d, image: my.registry/dashboard:v2, command: [/dashboard, --disable-settings-authorizer]}'),
      errors: [{ line: 6, column: 70, endColumn: 99, message: '--disable-settings-authorizer' }],
      output: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - {name: d, image: my.registry/dashboard:v2, command: [/dashboard]}'),
    },
  ],
});
