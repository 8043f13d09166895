import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('exposure-ingress-nginx-annotations', {
  valid: [
    {
      name: 'dedicated annotations and a clean auth-url',
      code: y(
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        'metadata:',
        '  name: web',
        '  annotations:',
        '    nginx.ingress.kubernetes.io/enable-cors: "true"',
        '    nginx.ingress.kubernetes.io/auth-url: "https://auth.example.com/oauth2/auth"',
        '    nginx.org/server-snippets: "ignored: another controller"',
        'spec:',
        '  defaultBackend: {service: {name: web, port: {number: 80}}}',
      ),
    },
    { name: 'snippets disabled in the controller ConfigMap', code: y('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: ingress-nginx-controller}', 'data:', '  allow-snippet-annotations: "false"') },
  ],
  invalid: [
    {
      name: 'snippets (one with Lua, one with alias) and an injectable auth-tls-match-cn; each removed by its suggestion',
      code: y(
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        'metadata:',
        '  name: web',
        '  annotations:',
        '    nginx.ingress.kubernetes.io/configuration-snippet: |',
        '      more_set_headers "X-Frame-Options: DENY";',
        '    nginx.ingress.kubernetes.io/server-snippet: |',
        '      location /x { content_by_lua_block { ngx.say(io.open("/var/run/secrets/kubernetes.io/serviceaccount/token"):read("*a")) } }',
        '    nginx.ingress.kubernetes.io/auth-snippet: "location /s { alias /etc/; }"',
        '    nginx.ingress.kubernetes.io/auth-tls-match-cn: "CN=client;}"',
        '    nginx.ingress.kubernetes.io/ssl-redirect: "true"',
        'spec:',
        '  defaultBackend: {service: {name: web, port: {number: 80}}}',
      ),
      errors: [
        { line: 6, column: 5, endColumn: 54, message: 'configuration-snippet injects raw NGINX configuration' },
        { line: 8, column: 5, endColumn: 47, message: 'server-snippet uses "content_by_lua_block"' },
        { line: 10, column: 5, endColumn: 45, message: 'auth-snippet uses "alias"' },
        { line: 11, column: 5, endColumn: 50, message: 'auth-tls-match-cn contains characters' },
      ],
      output: y(
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        'metadata:',
        '  name: web',
        '  annotations:',
        '    nginx.ingress.kubernetes.io/ssl-redirect: "true"',
        'spec:',
        '  defaultBackend: {service: {name: web, port: {number: 80}}}',
      ),
    },
    {
      name: 'the controller ConfigMap allows snippets',
      code: y('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}', 'data:', '  allow-snippet-annotations: "true"'),
      errors: [{ line: 5, column: 30, endColumn: 36, message: 'allow-snippet-annotations' }],
      output: y('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}', 'data:', '  allow-snippet-annotations: "false"'),
    },
  ],
});
