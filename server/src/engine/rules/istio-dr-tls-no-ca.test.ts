import { ruleTester } from '../../../../test/helpers/rule-tester';
import { dr } from '../../../../test/istio/fixtures';

ruleTester('istio-dr-tls-no-ca', {
  valid: [
    { name: 'the seed: ISTIO_MUTUAL (v1beta1)', code: dr('v1beta1', 'production', '  host: backend-service', '  trafficPolicy:', '    tls:', '      mode: ISTIO_MUTUAL') },
    { name: 'SIMPLE with caCertificates (v1alpha3)', code: dr('v1alpha3', 'prod', '  host: api.example.com', '  trafficPolicy:', '    tls:', '      mode: SIMPLE', '      caCertificates: /etc/ssl/certs/ca-certificates.crt') },
    { name: 'MUTUAL with credentialName (v1)', code: dr('v1', 'prod', '  host: db.example.com', '  trafficPolicy:', '    tls: {mode: MUTUAL, credentialName: db-client}') },
    { name: 'DISABLE is another rule', code: dr('v1', 'prod', '  host: db.example.com', '  trafficPolicy:', '    tls: {mode: DISABLE}') },
    { name: 'insecureSkipVerify is reported by its own rule', code: dr('v1', 'prod', '  host: a.example.com', '  trafficPolicy:', '    tls: {mode: SIMPLE, insecureSkipVerify: true}') },
  ],
  invalid: [
    {
      name: 'top level SIMPLE to an external host (v1alpha3): placeholders added',
      code: dr('v1alpha3', 'prod', '  host: api.example.com', '  trafficPolicy:', '    tls:', '      mode: SIMPLE'),
      errors: [{ line: 9, column: 5, endColumn: 8, message: 'trafficPolicy.tls mode SIMPLE to "api.example.com" without caCertificates or credentialName: the server certificate is only checked against the OS CA bundle' }],
      output: dr('v1alpha3', 'prod', '  host: api.example.com', '  trafficPolicy:', '    tls:', '      mode: SIMPLE', '      caCertificates: /etc/ssl/certs/REPLACE-WITH-CA-BUNDLE.pem', '      subjectAltNames:', '        - api.example.com'),
    },
    {
      name: 'port level MUTUAL on Istio 1.20: not verified at all (v1beta1)',
      code: dr(
        'v1beta1',
        'prod',
        '  host: mydbserver.prod.svc.cluster.local',
        '  trafficPolicy:',
        '    portLevelSettings:',
        '    - port:',
        '        number: 443',
        '      tls:',
        '        mode: MUTUAL',
        '        clientCertificate: /etc/certs/client.pem',
        '        privateKey: /etc/certs/key.pem',
        '        subjectAltNames: [db.prod]',
      ),
      options: { ruleOptions: { istioVersion: '1.20' } },
      errors: [{ line: 12, column: 7, endColumn: 10, message: 'port 443 tls mode MUTUAL to "mydbserver.prod.svc.cluster.local" without caCertificates or credentialName: the server certificate is not verified' }],
      output: dr(
        'v1beta1',
        'prod',
        '  host: mydbserver.prod.svc.cluster.local',
        '  trafficPolicy:',
        '    portLevelSettings:',
        '    - port:',
        '        number: 443',
        '      tls:',
        '        mode: ISTIO_MUTUAL',
        '        subjectAltNames: [db.prod]',
      ),
    },
    {
      name: 'in a subset, flow style, in-mesh short host (v1)',
      code: dr('v1', 'prod', '  host: reviews', '  subsets:', '  - name: v2', '    labels: {version: v2}', '    trafficPolicy:', '      tls: {mode: SIMPLE, sni: reviews}'),
      errors: [{ line: 12, column: 7, endColumn: 10, message: 'subset "v2" trafficPolicy.tls mode SIMPLE to "reviews"' }],
      output: dr('v1', 'prod', '  host: reviews', '  subsets:', '  - name: v2', '    labels: {version: v2}', '    trafficPolicy:', '      tls: {mode: ISTIO_MUTUAL, sni: reviews}'),
    },
  ],
});
