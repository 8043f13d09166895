import { ruleTester } from '../../../../test/helpers/rule-tester';
import { ap } from '../../../../test/istio/fixtures';

ruleTester('istio-authz-deny-positive-match', {
  valid: [
    { name: 'DENY with notPaths (v1)', code: ap('v1', 'prod', '  action: DENY', '  rules:', '  - to:', '    - operation:', '        notPaths: ["/api/*"]') },
    { name: 'ALLOW with paths', code: ap('v1beta1', 'prod', '  rules:', '  - to:', '    - operation:', '        paths: ["/admin"]') },
    { name: 'DENY on identities and ports, which the client cannot vary', code: ap('v1', 'prod', '  action: DENY', '  rules:', '  - from:', '    - source:', '        namespaces: ["dev"]', '    to:', '    - operation:', '        ports: ["8080"]', '        methods: ["POST"]') },
    { name: 'DENY on hosts with their port form', code: ap('v1', 'prod', '  action: DENY', '  rules:', '  - to:', '    - operation:', '        hosts: ["admin.example.com", "admin.example.com:*", "*"]') },
    { name: 'DENY on a JWT claim (validated, not client-controlled)', code: ap('v1', 'prod', '  action: DENY', '  rules:', '  - when:', '    - key: request.auth.claims[groups]', '      values: ["guest"]') },
  ],
  invalid: [
    {
      name: 'DENY paths, a suffix host and a header value (v1beta1)',
      code: ap('v1beta1', 'prod', '  action: DENY', '  rules:', '  - to:', '    - operation:', '        paths: ["/admin"]', '        hosts: ["*.internal"]', '    when:', '    - key: request.headers[x-role]', '      values: ["guest"]'),
      errors: [
        { line: 11, column: 9, endColumn: 14, message: 'DENY policy namespace-wide for every workload in "prod" matches paths positively' },
        { line: 12, column: 17, endColumn: 29, message: 'matches the host "*.internal" without a port: a request whose Host header carries a port (x.internal:80) is not denied' },
        { line: 15, column: 7, endColumn: 13, message: 'matches request.headers[x-role] by value' },
      ],
    },
    {
      name: 'exact hosts get their port form added (v1)',
      code: ap('v1', 'istio-system', '  action: DENY', '  rules:', '  - to:', '    - operation:', '        hosts: ["admin.example.com", "ops.example.com"]'),
      errors: [
        { line: 11, column: 17, endColumn: 36, message: 'DENY policy mesh-wide (root namespace istio-system) matches the host "admin.example.com"' },
        { line: 11, column: 38, endColumn: 55, message: '"ops.example.com"' },
      ],
      output: ap('v1', 'istio-system', '  action: DENY', '  rules:', '  - to:', '    - operation:', '        hosts: ["admin.example.com", "ops.example.com", "admin.example.com:*", "ops.example.com:*"]'),
    },
    {
      name: 'block-style hosts',
      code: ap('v1beta1', 'prod', '  action: DENY', '  rules:', '  - to:', '    - operation:', '        hosts:', '        - admin.example.com'),
      errors: [{ line: 12, column: 11, endColumn: 28 }],
      output: ap('v1beta1', 'prod', '  action: DENY', '  rules:', '  - to:', '    - operation:', '        hosts:', '        - admin.example.com', '        - admin.example.com:*'),
    },
  ],
});
