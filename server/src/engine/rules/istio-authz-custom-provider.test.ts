import { ruleTester } from '../../../../test/helpers/rule-tester';
import { ap } from '../../../../test/istio/fixtures';

ruleTester('istio-authz-custom-provider', {
  valid: [
    { name: 'CUSTOM with a provider (v1)', code: ap('v1', 'istio-system', '  action: CUSTOM', '  provider:', '    name: ext-authz', '  rules:', '  - to:', '    - operation:', '        paths: ["/admin/*"]') },
    { name: 'ALLOW without provider (v1beta1)', code: ap('v1beta1', 'prod', '  rules:', '  - {}') },
  ],
  invalid: [
    {
      name: 'CUSTOM without provider (v1beta1)',
      code: ap('v1beta1', 'istio-system', '  action: CUSTOM', '  rules:', '  - {}'),
      errors: [{ line: 7, column: 11, endColumn: 17, message: 'CUSTOM policy without provider.name' }],
    },
    {
      name: 'CUSTOM with an empty provider (v1)',
      code: ap('v1', 'istio-system', '  action: CUSTOM', '  provider: {}', '  rules:', '  - {}'),
      errors: [{ line: 8, column: 3, endColumn: 11 }],
    },
    {
      name: 'a provider on a DENY policy',
      code: ap('v1', 'prod', '  action: DENY', '  provider:', '    name: ext-authz', '  rules:', '  - {}'),
      errors: [{ line: 8, column: 3, endColumn: 11, message: 'provider is only valid with action CUSTOM: Istio\'s validation rejects it on this DENY policy' }],
    },
  ],
});
