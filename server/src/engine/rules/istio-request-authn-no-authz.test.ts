import { ruleTester } from '../../../../test/helpers/rule-tester';
import { ap, docs, ra } from '../../../../test/istio/fixtures';

const jwt = (version: string) => ra(version, 'prod', '  selector:', '    matchLabels:', '      app: api', '  jwtRules:', '  - issuer: https://issuer.example.com', '    jwksUri: https://issuer.example.com/jwks');

ruleTester('istio-request-authn-no-authz', {
  valid: [
    { name: 'DENY notRequestPrincipals for the same workloads (v1)', code: docs(jwt('v1'), ap('v1', 'prod', '  selector:', '    matchLabels: {app: api}', '  action: DENY', '  rules:', '  - from:', '    - source:', '        notRequestPrincipals: ["*"]')) },
    { name: 'ALLOW with requestPrincipals, namespace-wide (v1beta1)', code: docs(jwt('v1beta1'), ap('v1beta1', 'prod', '  rules:', '  - from:', '    - source:', '        requestPrincipals: ["https://issuer.example.com/*"]')) },
    { name: 'a mesh-wide requirement in the root namespace', code: docs(jwt('v1'), ap('v1', 'istio-system', '  action: DENY', '  rules:', '  - from:', '    - source:', '        notRequestPrincipals: ["*"]')) },
  ],
  invalid: [
    {
      name: 'alone (v1)',
      code: jwt('v1'),
      errors: [{ line: 4, column: 9, endColumn: 12, message: 'RequestAuthentication "jwt" validates tokens but no AuthorizationPolicy in this file requires one: requests without a JWT are let through' }],
      output: docs(jwt('v1'), ap('v1', 'prod', '  selector:', '    matchLabels:', '      app: api', '  action: DENY', '  rules:', '  - from:', '    - source:', '        notRequestPrincipals: ["*"]').replace('name: policy', 'name: require-jwt-jwt')),
    },
    {
      name: 'an ALLOW policy where one rule does not need a token does not count (v1beta1)',
      code: docs(jwt('v1beta1'), ap('v1beta1', 'prod', '  rules:', '  - from:', '    - source:', '        requestPrincipals: ["*"]', '  - to:', '    - operation:', '        paths: ["/public/*"]')),
      errors: [{ line: 4, column: 9, endColumn: 12 }],
    },
    {
      name: 'a requirement for other workloads does not count',
      code: docs(jwt('v1'), ap('v1', 'prod', '  selector:', '    matchLabels: {app: web}', '  action: DENY', '  rules:', '  - from:', '    - source:', '        notRequestPrincipals: ["*"]')),
      errors: [{ line: 4, column: 9 }],
    },
  ],
});
