import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ruleTester } from '../../../../test/helpers/rule-tester';
import { se } from '../../../../test/istio/fixtures';
import { broadAddress } from './istio-service-entry-broad';

test('broadAddress draws the line at /8 (IPv4) and /16 (IPv6)', () => {
  for (const broad of ['0.0.0.0/0', '::/0', '0.0.0.0/1', '10.0.0.0/7', '2000::/3']) assert.ok(broadAddress(broad), broad);
  for (const ok of ['10.0.0.0/8', '192.168.1.0/24', '203.0.113.4', '2001:db8::/32']) assert.equal(broadAddress(ok), undefined, ok);
});

ruleTester('istio-service-entry-broad', {
  valid: [
    { name: 'one API (v1)', code: se('v1', 'prod', '  hosts: ["api.example.com"]', '  location: MESH_EXTERNAL', '  ports: [{number: 443, name: https, protocol: TLS}]', '  resolution: DNS') },
    { name: 'a domain wildcard and a /24 (v1alpha3)', code: se('v1alpha3', 'prod', '  hosts: ["*.example.com"]', '  addresses: ["203.0.113.0/24"]', '  location: MESH_EXTERNAL', '  ports: [{number: 443, name: tls, protocol: TLS}]', '  resolution: NONE') },
  ],
  invalid: [
    {
      name: 'every host and every address (v1beta1)',
      code: se('v1beta1', 'prod', '  hosts: ["*"]', '  addresses: ["0.0.0.0/0"]', '  location: MESH_EXTERNAL', '  ports: [{number: 443, name: tls, protocol: TLS}]', '  resolution: NONE'),
      errors: [
        { line: 7, column: 11, endColumn: 14, message: 'ServiceEntry host "*" registers every host' },
        { line: 8, column: 15, endColumn: 26, message: 'ServiceEntry address "0.0.0.0/0" covers every address' },
      ],
    },
    {
      name: 'a whole top-level domain (v1)',
      code: se('v1', 'prod', '  hosts:', '  - "*.com"', '  location: MESH_EXTERNAL', '  ports: [{number: 443, name: tls, protocol: TLS}]', '  resolution: NONE'),
      errors: [{ line: 8, column: 5, endColumn: 12, message: 'every host under the top-level domain "com"' }],
    },
  ],
});
