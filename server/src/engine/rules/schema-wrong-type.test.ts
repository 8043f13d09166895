import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const HEAD = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', 'spec:'];

ruleTester('schema-wrong-type', {
  valid: [
    { name: 'proper types', code: y(...HEAD, '  containers:', '  - name: a', '    image: a:1', '    securityContext: {privileged: false, runAsUser: 1000, readOnlyRootFilesystem: true}') },
    { name: 'YAML 1.1 booleans are booleans', code: y(...HEAD, '  hostNetwork: no', '  containers: [{name: a, image: a:1, securityContext: {privileged: off}}]') },
    { name: 'int-or-string accepts both', code: y(...HEAD, '  containers:', '  - name: a', '    image: a:1', '    livenessProbe: {httpGet: {port: http}}', '    readinessProbe: {httpGet: {port: 8080}}') },
    { name: 'a type error outside security, with the default scope', code: y('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec:', '  replicas: "3"', '  selector: {matchLabels: {a: b}}', '  template:', '    metadata: {labels: {a: b}}', '    spec: {containers: [{name: a, image: a:1}]}') },
  ],
  invalid: [
    {
      name: 'privileged: "false" and runAsUser: "1000" in quotes',
      code: y(...HEAD, '  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      privileged: "false"', "      runAsUser: '1000' # the app user"),
      errors: [
        { line: 10, column: 19, endColumn: 26, message: 'privileged must be a boolean, not the string "false": the API server rejects the object' },
        { line: 11, column: 18, endColumn: 24, message: 'runAsUser must be an integer, not the string "1000"' },
      ],
      output: y(...HEAD, '  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      privileged: false', '      runAsUser: 1000 # the app user'),
    },
    {
      name: 'pod-level host namespaces and readOnlyRootFilesystem as strings',
      code: y(...HEAD, '  hostNetwork: "False"', '  containers: [{name: a, image: a:1, securityContext: {readOnlyRootFilesystem: "true"}}]'),
      errors: [
        { line: 6, column: 16, endColumn: 23, message: 'hostNetwork must be a boolean' },
        { line: 7, column: 80, endColumn: 86, message: 'readOnlyRootFilesystem must be a boolean' },
      ],
      output: y(...HEAD, '  hostNetwork: false', '  containers: [{name: a, image: a:1, securityContext: {readOnlyRootFilesystem: true}}]'),
    },
    {
      name: 'capabilities.drop written as one string becomes a list',
      code: y(...HEAD, '  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      capabilities:', '        drop: ALL'),
      errors: [{ line: 11, column: 15, endColumn: 18, message: 'drop must be a list, not the string "ALL"' }],
      output: y(...HEAD, '  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      capabilities:', '        drop: [ALL]'),
    },
    {
      name: 'a string that is not a boolean: reported without a fix',
      code: y(...HEAD, '  containers: [{name: a, image: a:1, securityContext: {allowPrivilegeEscalation: "never"}}]'),
      errors: [{ line: 6, column: 82, endColumn: 89, message: 'allowPrivilegeEscalation must be a boolean, not the string "never"' }],
    },
    {
      name: 'Istio DestinationRule insecureSkipVerify as a string',
      code: y('apiVersion: networking.istio.io/v1', 'kind: DestinationRule', 'metadata: {name: db}', 'spec:', '  host: db', '  trafficPolicy:', '    tls: {mode: SIMPLE, insecureSkipVerify: "false"}'),
      errors: [{ line: 7, column: 45, endColumn: 52, message: 'insecureSkipVerify must be a boolean' }],
      output: y('apiVersion: networking.istio.io/v1', 'kind: DestinationRule', 'metadata: {name: db}', 'spec:', '  host: db', '  trafficPolicy:', '    tls: {mode: SIMPLE, insecureSkipVerify: false}'),
    },
    {
      name: 'scope all: replicas as a string and an env value as a number (kept as written), safe fixes',
      code: y('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec:', '  replicas: "3"', '  selector: {matchLabels: {a: b}}', '  template:', '    metadata: {labels: {a: b}}', '    spec:', '      containers:', '      - name: a', '        image: a:1', '        env: [{name: VERSION, value: 1.10}]'),
      options: { schema: { scope: 'all' } },
      errors: [
        { line: 5, column: 13, endColumn: 16, message: 'replicas must be an integer' },
        { line: 13, column: 38, endColumn: 42, message: 'value must be a string, not the number 1.1' },
      ],
      output: y('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec:', '  replicas: 3', '  selector: {matchLabels: {a: b}}', '  template:', '    metadata: {labels: {a: b}}', '    spec:', '      containers:', '      - name: a', '        image: a:1', '        env: [{name: VERSION, value: "1.10"}]'),
    },
  ],
});
