import { ruleTester } from '../../../../test/helpers/rule-tester';
import { ap } from '../../../../test/istio/fixtures';

ruleTester('istio-authz-allow-all', {
  valid: [
    { name: 'allow-nothing (v1)', code: ap('v1', 'prod', '  {}') },
    { name: 'a rule with a source', code: ap('v1beta1', 'prod', '  rules:', '  - from:', '    - source:', '        principals: ["cluster.local/ns/web/sa/web"]') },
    { name: 'DENY with an empty rule denies everything on purpose', code: ap('v1', 'prod', '  action: DENY', '  rules:', '  - {}') },
  ],
  invalid: [
    {
      name: 'rules: [{}] (v1beta1, documented allow-all)',
      code: ap('v1beta1', 'prod', '  rules:', '  - {}'),
      errors: [{ line: 8, column: 5, endColumn: 7, message: 'ALLOW rule #1 is empty and matches every request: the policy allows all traffic namespace-wide for every workload in "prod"' }],
    },
    {
      name: 'an empty rule beside a real one is removed (v1)',
      code: ap('v1', 'istio-system', '  selector:', '    matchLabels:', '      app: api', '  rules:', '  - from:', '    - source:', '        namespaces: ["web"]', '  - to: []', '    from: []'),
      errors: [{ line: 14, column: 5, endLine: 15, endColumn: 13, message: 'ALLOW rule #2 is empty and matches every request: the policy allows all traffic for workloads labelled app=api in every namespace (root namespace selector)' }],
      output: ap('v1', 'istio-system', '  selector:', '    matchLabels:', '      app: api', '  rules:', '  - from:', '    - source:', '        namespaces: ["web"]'),
    },
  ],
});
