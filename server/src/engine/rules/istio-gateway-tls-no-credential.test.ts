import { ruleTester } from '../../../../test/helpers/rule-tester';
import { gw } from '../../../../test/istio/fixtures';

const https = (...tls: string[]) => ['  servers:', '  - port: {number: 443, name: https, protocol: HTTPS}', '    hosts: ["a.example.com"]', '    tls:', ...tls];

ruleTester('istio-gateway-tls-no-credential', {
  valid: [
    { name: 'credentialName (v1)', code: gw('v1', 'ingress', ...https('      mode: SIMPLE', '      credentialName: a-cert')) },
    { name: 'certificate files (v1alpha3)', code: gw('v1alpha3', 'ingress', ...https('      mode: MUTUAL', '      serverCertificate: /etc/certs/tls.crt', '      privateKey: /etc/certs/tls.key', '      caCertificates: /etc/certs/ca.crt')) },
    { name: 'credentialNames (v1beta1)', code: gw('v1beta1', 'ingress', ...https('      mode: SIMPLE', '      credentialNames: [rsa-cert, ecdsa-cert]')) },
    { name: 'ISTIO_MUTUAL uses the mesh certificate', code: gw('v1', 'ingress', ...https('      mode: ISTIO_MUTUAL')) },
  ],
  invalid: [
    { name: 'SIMPLE without anything (v1beta1)', code: gw('v1beta1', 'ingress', ...https('      mode: SIMPLE')), errors: [{ line: 10, column: 5, endColumn: 8, message: 'server "https" (port 443) terminates TLS (SIMPLE) without credentialName' }] },
    { name: 'a certificate without its key (v1)', code: gw('v1', 'ingress', ...https('      mode: MUTUAL', '      serverCertificate: /etc/certs/tls.crt')), errors: [{ line: 10, column: 5, message: 'terminates TLS (MUTUAL)' }] },
    { name: 'an empty credentialName (v1alpha3)', code: gw('v1alpha3', 'ingress', ...https('      mode: SIMPLE', '      credentialName: ""')), errors: [{ line: 10, column: 5 }] },
  ],
});
