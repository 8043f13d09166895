import { ruleTester } from '../../../../test/helpers/rule-tester';
import { dr } from '../../../../test/istio/fixtures';

ruleTester('istio-dr-tls-insecure-skip-verify', {
  valid: [
    { name: 'false (v1)', code: dr('v1', 'prod', '  host: a.example.com', '  trafficPolicy:', '    tls: {mode: SIMPLE, insecureSkipVerify: false, caCertificates: /ca.pem}') },
    { name: 'unset (v1alpha3)', code: dr('v1alpha3', 'prod', '  host: a.example.com', '  trafficPolicy:', '    tls:', '      mode: SIMPLE', '      caCertificates: /ca.pem') },
  ],
  invalid: [
    {
      name: 'top level (v1beta1)',
      code: dr('v1beta1', 'prod', '  host: a.example.com', '  trafficPolicy:', '    tls:', '      mode: SIMPLE', '      insecureSkipVerify: true # temporary'),
      errors: [{ line: 11, column: 27, endColumn: 31, message: 'trafficPolicy.tls to "a.example.com" skips server certificate verification' }],
      output: dr('v1beta1', 'prod', '  host: a.example.com', '  trafficPolicy:', '    tls:', '      mode: SIMPLE', '      insecureSkipVerify: false # temporary'),
    },
    {
      name: 'port level and subset port level (v1)',
      code: dr(
        'v1',
        'prod',
        '  host: a.example.com',
        '  trafficPolicy:',
        '    portLevelSettings:',
        '    - port: {number: 8443}',
        '      tls: {mode: MUTUAL, insecureSkipVerify: true}',
        '  subsets:',
        '  - name: canary',
        '    trafficPolicy:',
        '      portLevelSettings:',
        '      - port: {number: 9443}',
        '        tls:',
        '          mode: SIMPLE',
        '          insecureSkipVerify: true',
      ),
      errors: [
        { line: 11, column: 47, endColumn: 51, message: 'port 8443 tls to "a.example.com"' },
        { line: 19, column: 31, endColumn: 35, message: 'subset "canary" port 9443 tls' },
      ],
      output: dr(
        'v1',
        'prod',
        '  host: a.example.com',
        '  trafficPolicy:',
        '    portLevelSettings:',
        '    - port: {number: 8443}',
        '      tls: {mode: MUTUAL, insecureSkipVerify: false}',
        '  subsets:',
        '  - name: canary',
        '    trafficPolicy:',
        '      portLevelSettings:',
        '      - port: {number: 9443}',
        '        tls:',
        '          mode: SIMPLE',
        '          insecureSkipVerify: false',
      ),
    },
  ],
});
