import { ruleTester } from '../../../../test/helpers/rule-tester';
import { gw } from '../../../../test/istio/fixtures';

const https = (...tls: string[]) => ['  servers:', '  - port: {number: 443, name: https, protocol: HTTPS}', '    hosts: ["a.example.com"]', '    tls:', ...tls];

ruleTester('istio-gateway-tls-min-version', {
  valid: [
    { name: 'TLSV1_2 (v1)', code: gw('v1', 'ingress', ...https('      mode: SIMPLE', '      credentialName: c', '      minProtocolVersion: TLSV1_2')) },
    { name: 'TLSV1_3 (v1alpha3)', code: gw('v1alpha3', 'ingress', ...https('      mode: MUTUAL', '      credentialName: c', '      minProtocolVersion: TLSV1_3')) },
    { name: 'PASSTHROUGH does not terminate TLS (v1beta1)', code: gw('v1beta1', 'ingress', ...https('      mode: PASSTHROUGH')) },
  ],
  invalid: [
    {
      name: 'TLSV1_0 (v1beta1)',
      code: gw('v1beta1', 'ingress', ...https('      mode: SIMPLE', '      credentialName: c', '      minProtocolVersion: TLSV1_0')),
      errors: [{ line: 13, column: 27, endColumn: 34, message: 'server "https" (port 443) accepts TLS 1.0' }],
      output: gw('v1beta1', 'ingress', ...https('      mode: SIMPLE', '      credentialName: c', '      minProtocolVersion: TLSV1_2')),
    },
    {
      name: 'unset: information on current Istio (v1)',
      code: gw('v1', 'ingress', ...https('      mode: SIMPLE', '      credentialName: c')),
      errors: [{ line: 10, column: 5, endColumn: 8, message: 'does not set minProtocolVersion: the minimum is the proxy default (TLS 1.2 from Istio 1.14, TLS 1.0 before)' }],
      output: gw('v1', 'ingress', ...https('      mode: SIMPLE', '      credentialName: c', '      minProtocolVersion: TLSV1_2')),
    },
    {
      name: 'TLS_AUTO on Istio 1.13 (v1alpha3)',
      code: gw('v1alpha3', 'ingress', ...https('      mode: OPTIONAL_MUTUAL', '      credentialName: c', '      minProtocolVersion: TLS_AUTO')),
      options: { ruleOptions: { istioVersion: '1.13' } },
      errors: [{ line: 13, column: 27, endColumn: 35 }],
      output: gw('v1alpha3', 'ingress', ...https('      mode: OPTIONAL_MUTUAL', '      credentialName: c', '      minProtocolVersion: TLSV1_2')),
    },
  ],
});
