import { ruleTester } from '../../../../test/helpers/rule-tester';
import { gw } from '../../../../test/istio/fixtures';

ruleTester('istio-gateway-http-no-redirect', {
  valid: [
    { name: 'redirect set (v1)', code: gw('v1', 'ingress', '  servers:', '  - port: {number: 80, name: http, protocol: HTTP}', '    hosts: ["a.example.com"]', '    tls: {httpsRedirect: true}') },
    { name: 'an egress gateway takes plain HTTP from sidecars (v1beta1)', code: gw('v1beta1', 'istio-system', '  selector: {istio: egressgateway}', '  servers:', '  - port: {number: 80, name: http, protocol: HTTP}', '    hosts: ["edition.cnn.com"]') },
    { name: 'HTTPS (v1alpha3)', code: gw('v1alpha3', 'ingress', '  servers:', '  - port: {number: 443, name: https, protocol: HTTPS}', '    hosts: ["a.example.com"]', '    tls: {mode: SIMPLE, credentialName: c}') },
  ],
  invalid: [
    {
      name: 'no tls block (v1beta1)',
      code: gw('v1beta1', 'ingress', '  servers:', '  - port:', '      number: 80', '      name: http', '      protocol: HTTP', '    hosts:', '    - a.example.com'),
      errors: [{ line: 11, column: 17, endColumn: 21, message: 'server "http" (port 80) serves plain HTTP without tls.httpsRedirect' }],
      output: gw('v1beta1', 'ingress', '  servers:', '  - port:', '      number: 80', '      name: http', '      protocol: HTTP', '    hosts:', '    - a.example.com', '    tls:', '      httpsRedirect: true'),
    },
    {
      name: 'httpsRedirect false, flow style (v1)',
      code: gw('v1', 'ingress', '  servers:', '  - {port: {number: 80, name: web, protocol: HTTP}, hosts: [a.example.com], tls: {httpsRedirect: false}}'),
      errors: [{ line: 8, column: 46, endColumn: 50, message: 'server "web" (port 80)' }],
      output: gw('v1', 'ingress', '  servers:', '  - {port: {number: 80, name: web, protocol: HTTP}, hosts: [a.example.com], tls: {httpsRedirect: true}}'),
    },
  ],
});
