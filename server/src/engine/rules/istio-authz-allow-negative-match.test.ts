import { ruleTester } from '../../../../test/helpers/rule-tester';
import { ap } from '../../../../test/istio/fixtures';

ruleTester('istio-authz-allow-negative-match', {
  valid: [
    { name: 'ALLOW with positive paths (v1)', code: ap('v1', 'prod', '  rules:', '  - to:', '    - operation:', '        paths: ["/api/*"]') },
    { name: 'DENY with notPaths is the safe form (v1beta1)', code: ap('v1beta1', 'prod', '  action: DENY', '  rules:', '  - to:', '    - operation:', '        notPaths: ["/api/*"]') },
    { name: 'AUDIT is not about access', code: ap('v1', 'prod', '  action: AUDIT', '  rules:', '  - to:', '    - operation:', '        notPaths: ["/healthz"]') },
    { name: 'an empty notPaths list', code: ap('v1', 'prod', '  rules:', '  - to:', '    - operation:', '        notPaths: []', '        paths: ["/a"]') },
  ],
  invalid: [
    {
      name: 'the only rule has a single notPaths condition: rewritten as DENY paths (v1beta1, default action)',
      code: ap('v1beta1', 'prod', '  rules:', '  - to:', '    - operation:', '        notPaths: ["/admin*"] # keep this comment'),
      errors: [{ line: 10, column: 9, endLine: 10, endColumn: 17, message: 'ALLOW policy namespace-wide for every workload in "prod" uses notPaths' }],
      output: ap('v1beta1', 'prod', '  rules:', '  - to:', '    - operation:', '        paths: ["/admin*"] # keep this comment', '  action: DENY'),
    },
    {
      name: 'explicit ALLOW, block list (v1)',
      code: ap('v1', 'prod', '  action: ALLOW', '  rules:', '  - to:', '    - operation:', '        notPaths:', '        - /admin', '        - /debug/*'),
      errors: [{ line: 11, column: 9, endColumn: 17 }],
      output: ap('v1', 'prod', '  action: DENY', '  rules:', '  - to:', '    - operation:', '        paths:', '        - /admin', '        - /debug/*'),
    },
    {
      name: 'negative sources, operations and conditions in a policy with several rules: no rewrite',
      code: ap(
        'v1',
        'prod',
        '  selector:',
        '    matchLabels: {app: api}',
        '  action: ALLOW',
        '  rules:',
        '  - from:',
        '    - source:',
        '        notNamespaces: ["dev"]',
        '        notIpBlocks: ["10.0.0.0/8"]',
        '  - to:',
        '    - operation:',
        '        notPaths: ["/internal/*"]',
        '        notMethods: ["DELETE"]',
        '    when:',
        '    - key: request.headers[x-env]',
        '      notValues: ["prod"]',
      ),
      errors: [
        { line: 13, column: 9, endColumn: 22, message: 'ALLOW policy for workloads labelled app=api in namespace "prod" uses notNamespaces' },
        { line: 14, column: 9, endColumn: 20, message: 'uses notIpBlocks' },
        { line: 17, column: 9, endColumn: 17, message: 'uses notPaths' },
        { line: 18, column: 9, endColumn: 19, message: 'uses notMethods' },
        { line: 21, column: 7, endColumn: 16, message: 'uses notValues' },
      ],
    },
    {
      name: 'a rule with notPaths and another condition is not rewritten',
      code: ap('v1beta1', 'prod', '  rules:', '  - from:', '    - source:', '        principals: ["cluster.local/ns/a/sa/b"]', '    to:', '    - operation:', '        notPaths: ["/admin"]'),
      errors: [{ line: 13, column: 9, message: 'uses notPaths' }],
    },
  ],
});
