import { ruleTester } from '../../../../test/helpers/rule-tester';
import { dr } from '../../../../test/istio/fixtures';

ruleTester('istio-dr-tls-no-san', {
  valid: [
    { name: 'both set (v1)', code: dr('v1', 'prod', '  host: api.example.com', '  trafficPolicy:', '    tls: {mode: SIMPLE, caCertificates: /ca.pem, subjectAltNames: [api.example.com], sni: api.example.com}') },
    { name: 'ISTIO_MUTUAL (v1alpha3)', code: dr('v1alpha3', 'prod', '  host: reviews', '  trafficPolicy:', '    tls: {mode: ISTIO_MUTUAL}') },
  ],
  invalid: [
    {
      name: 'neither (v1beta1)',
      code: dr('v1beta1', 'prod', '  host: api.example.com', '  trafficPolicy:', '    tls:', '      mode: SIMPLE', '      caCertificates: /ca.pem'),
      errors: [{ line: 9, column: 5, endColumn: 8, message: 'trafficPolicy.tls mode SIMPLE to "api.example.com" has no subjectAltNames or sni: Istio derives them from the HTTP Host header for HTTP traffic only' }],
      output: dr('v1beta1', 'prod', '  host: api.example.com', '  trafficPolicy:', '    tls:', '      mode: SIMPLE', '      caCertificates: /ca.pem', '      subjectAltNames:', '        - api.example.com', '      sni: api.example.com'),
    },
    {
      name: 'sni missing in a subset, Istio 1.20 (v1)',
      code: dr('v1', 'prod', '  host: api.example.com', '  subsets:', '  - name: a', '    trafficPolicy:', '      tls: {mode: MUTUAL, credentialName: c, subjectAltNames: [api.example.com]}'),
      options: { ruleOptions: { istioVersion: '1.20' } },
      errors: [{ line: 11, column: 7, endColumn: 10, message: 'has no sni: before Istio 1.21 nothing fills them in, so for other traffic the server may present a default certificate' }],
      output: dr('v1', 'prod', '  host: api.example.com', '  subsets:', '  - name: a', '    trafficPolicy:', '      tls: {mode: MUTUAL, credentialName: c, subjectAltNames: [api.example.com], sni: api.example.com}'),
    },
    {
      name: 'a wildcard host gets no fix',
      code: dr('v1', 'prod', '  host: "*.example.com"', '  trafficPolicy:', '    tls: {mode: SIMPLE, caCertificates: /ca.pem}'),
      errors: [{ line: 9, column: 5, endColumn: 8 }],
    },
  ],
});
