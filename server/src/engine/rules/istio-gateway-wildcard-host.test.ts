import { ruleTester } from '../../../../test/helpers/rule-tester';
import { gw } from '../../../../test/istio/fixtures';

const server = (hosts: string) => ['  selector: {istio: ingressgateway}', '  servers:', '  - port: {number: 80, name: http, protocol: HTTP}', `    hosts: ${hosts}`];

ruleTester('istio-gateway-wildcard-host', {
  valid: [
    { name: 'specific host (v1)', code: gw('v1', 'ingress', ...server('["shop.example.com"]')) },
    { name: 'namespace-scoped (v1alpha3)', code: gw('v1alpha3', 'ingress', ...server('["shop/*", "./api.example.com"]')) },
    { name: 'wildcard subdomain (v1beta1)', code: gw('v1beta1', 'ingress', ...server('["*.example.com"]')) },
  ],
  invalid: [
    { name: '"*" (v1alpha3)', code: gw('v1alpha3', 'ingress', ...server('["*"]')), errors: [{ line: 10, column: 13, endColumn: 16, message: 'server "http" (port 80) accepts host "*": any VirtualService can bind' }] },
    { name: '"*/*" (v1beta1)', code: gw('v1beta1', 'ingress', ...server('["a.example.com", "*/*"]')), errors: [{ line: 10, column: 30, endColumn: 35, message: 'any VirtualService in any namespace' }] },
    {
      name: 'block style, plain scalar (v1)',
      code: gw('v1', 'ingress', '  servers:', '  - port:', '      number: 443', '      protocol: HTTPS', '    hosts:', '    - "*"', '    tls: {mode: SIMPLE, credentialName: c}'),
      errors: [{ line: 12, column: 7, endColumn: 10, message: 'server #1 (port 443) accepts host "*"' }],
    },
  ],
});
