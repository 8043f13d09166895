import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('secret-env-var', {
  valid: [
    { name: 'secret mounted as a file', code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    image: a:1', '    volumeMounts: [{name: db, mountPath: /run/secrets/db, readOnly: true}]', '  volumes:', '  - {name: db, secret: {secretName: db}}') },
    { name: 'ConfigMap references', code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    image: a:1', '    env: [{name: A, valueFrom: {configMapKeyRef: {name: c, key: a}}}]', '    envFrom: [{configMapRef: {name: c}}]') },
  ],
  invalid: [
    {
      name: 'secretKeyRef and envFrom secretRef, in containers and init containers',
      code: y(
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: db}',
        'spec:',
        '  serviceName: db',
        '  selector: {matchLabels: {app: db}}',
        '  template:',
        '    metadata: {labels: {app: db}}',
        '    spec:',
        '      initContainers:',
        '      - name: migrate',
        '        image: m:1',
        '        envFrom:',
        '        - secretRef: {name: migrate-creds}',
        '      containers:',
        '      - name: postgres',
        '        image: postgres:16',
        '        env:',
        '        - name: POSTGRES_PASSWORD',
        '          valueFrom:',
        '            secretKeyRef:',
        '              name: db',
        '              key: password',
      ),
      errors: [
        { line: 21, column: 13, endColumn: 25, message: 'container "postgres" reads Secret "db" (key password) into env var POSTGRES_PASSWORD' },
        { line: 14, column: 11, endColumn: 20, message: 'init container "migrate" loads every key of Secret "migrate-creds"' },
      ],
    },
  ],
});
