import { ruleTester, y } from '../../../../test/helpers/rule-tester';
import { ap } from '../../../../test/istio/fixtures';

ruleTester('istio-authz-no-rules', {
  valid: [
    { name: 'a policy with rules (v1)', code: ap('v1', 'prod', '  rules:', '  - {}') },
    { name: 'DENY with rules (v1beta1)', code: ap('v1beta1', 'prod', '  action: DENY', '  rules:', '  - to:', '    - operation:', '        notPaths: ["/api/*"]') },
  ],
  invalid: [
    {
      name: 'spec: {} is allow-nothing (v1beta1), reported as information',
      code: ap('v1beta1', 'prod', '  {}'),
      errors: [{ line: 6, column: 1, endColumn: 5, message: 'ALLOW policy without rules allows nothing: every request namespace-wide for every workload in "prod" is denied unless another ALLOW policy matches it' }],
    },
    {
      name: 'allow-nothing for a selector, rules: [] (v1)',
      code: ap('v1', 'prod', '  selector:', '    matchLabels:', '      app: httpbin', '  rules: []'),
      errors: [{ line: 10, column: 3, endColumn: 8, message: 'for workloads labelled app=httpbin in namespace "prod" is denied' }],
    },
    {
      name: 'no spec at all',
      code: y('apiVersion: security.istio.io/v1', 'kind: AuthorizationPolicy', 'metadata:', '  name: allow-nothing', '  namespace: istio-system'),
      errors: [{ line: 2, column: 7, endColumn: 26, message: 'every request mesh-wide (root namespace istio-system) is denied' }],
    },
    {
      name: 'DENY without rules does nothing',
      code: ap('v1', 'prod', '  action: DENY'),
      errors: [{ line: 6, column: 1, endColumn: 5, message: 'DENY policy without rules never matches: it has no effect namespace-wide' }],
    },
  ],
});
