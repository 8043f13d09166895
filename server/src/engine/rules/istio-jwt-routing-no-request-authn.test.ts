import { ruleTester } from '../../../../test/helpers/rule-tester';
import { docs, ra, vs } from '../../../../test/istio/fixtures';

const route = (version: string) =>
  vs(version, 'shop', '  hosts: ["shop.example.com"]', '  gateways: ["istio-ingress/public"]', '  http:', '  - match:', '    - headers:', '        "@request.auth.claims.groups":', '          exact: admin', '    route:', '    - destination: {host: admin}', '  - route:', '    - destination: {host: web}');

ruleTester('istio-jwt-routing-no-request-authn', {
  valid: [
    { name: 'RequestAuthentication in the gateway namespace (v1)', code: docs(route('v1'), ra('v1', 'istio-ingress', '  selector: {matchLabels: {istio: ingressgateway}}', '  jwtRules: [{issuer: "https://issuer.example.com"}]')) },
    { name: 'RequestAuthentication in the root namespace (v1alpha3 route, v1beta1 authn)', code: docs(route('v1alpha3'), ra('v1beta1', 'istio-system', '  jwtRules: [{issuer: "https://issuer.example.com"}]')) },
    { name: 'no claim routing', code: vs('v1', 'shop', '  hosts: [web]', '  http:', '  - match:', '    - headers: {x-user: {exact: a}}', '    route: [{destination: {host: web}}]') },
  ],
  invalid: [
    {
      name: 'no RequestAuthentication (v1beta1)',
      code: route('v1beta1'),
      errors: [{ line: 12, column: 9, endColumn: 38, message: 'route matches @request.auth.claims.groups but no RequestAuthentication in this file applies (namespaces "istio-system", "shop", "istio-ingress")' }],
    },
    {
      name: 'withoutHeaders, RequestAuthentication only in another namespace (v1)',
      code: docs(vs('v1', 'shop', '  hosts: [web]', '  http:', '  - match:', '    - withoutHeaders: {"@request.auth.claims.sub": {}}', '    route: [{destination: {host: login}}]'), ra('v1', 'other', '  jwtRules: [{issuer: "https://issuer.example.com"}]')),
      errors: [{ line: 10, column: 24, endColumn: 50 }],
    },
  ],
});
