import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ruleTester } from '../../../../test/helpers/rule-tester';
import { docs, dr, pa } from '../../../../test/istio/fixtures';
import { hostNamespace } from './istio-dr-tls-disable-strict';

test('hostNamespace reads the namespace out of Kubernetes service names', () => {
  assert.equal(hostNamespace('reviews', 'prod'), 'prod');
  assert.equal(hostNamespace('reviews.shop', 'prod'), 'shop');
  assert.equal(hostNamespace('reviews.shop.svc.cluster.local', 'prod'), 'shop');
  assert.equal(hostNamespace('api.example.com', 'prod'), undefined);
  assert.equal(hostNamespace('*.shop.svc.cluster.local', 'prod'), undefined);
});

const strictShop = pa('v1', 'shop', '  mtls:', '    mode: STRICT');

ruleTester('istio-dr-tls-disable-strict', {
  valid: [
    { name: 'ISTIO_MUTUAL (v1alpha3)', code: docs(strictShop, dr('v1alpha3', 'prod', '  host: payments.shop.svc.cluster.local', '  trafficPolicy:', '    tls: {mode: ISTIO_MUTUAL}')) },
    { name: 'DISABLE to a namespace that is not STRICT (v1beta1)', code: dr('v1beta1', 'prod', '  host: payments.shop.svc.cluster.local', '  trafficPolicy:', '    tls: {mode: DISABLE}') },
    { name: 'DISABLE to an external host', code: docs(strictShop, dr('v1', 'prod', '  host: api.example.com', '  trafficPolicy:', '    tls: {mode: DISABLE}')) },
  ],
  invalid: [
    {
      name: 'top level and subset (v1)',
      code: docs(strictShop, dr('v1', 'prod', '  host: payments.shop.svc.cluster.local', '  trafficPolicy:', '    tls:', '      mode: DISABLE', '  subsets:', '  - name: v2', '    trafficPolicy:', '      tls: {mode: DISABLE}')),
      errors: [
        { line: 19, column: 13, endColumn: 20, message: 'trafficPolicy.tls mode DISABLE sends plaintext to "payments.shop.svc.cluster.local", but namespace "shop" requires mutual TLS (PeerAuthentication default (line 4))' },
        { line: 23, column: 19, endColumn: 26, message: 'subset "v2" trafficPolicy.tls mode DISABLE' },
      ],
      output: docs(strictShop, dr('v1', 'prod', '  host: payments.shop.svc.cluster.local', '  trafficPolicy:', '    tls:', '      mode: ISTIO_MUTUAL', '  subsets:', '  - name: v2', '    trafficPolicy:', '      tls: {mode: ISTIO_MUTUAL}')),
    },
    {
      name: 'a short host in a mesh-wide STRICT mesh (v1beta1)',
      code: docs(pa('v1beta1', 'istio-system', '  mtls:', '    mode: STRICT'), dr('v1beta1', 'shop', '  host: payments', '  trafficPolicy:', '    portLevelSettings:', '    - port: {number: 8080}', '      tls: {mode: DISABLE}')),
      errors: [{ line: 20, column: 19, endColumn: 26, message: 'port 8080 tls mode DISABLE sends plaintext to "payments"' }],
      output: docs(pa('v1beta1', 'istio-system', '  mtls:', '    mode: STRICT'), dr('v1beta1', 'shop', '  host: payments', '  trafficPolicy:', '    portLevelSettings:', '    - port: {number: 8080}', '      tls: {mode: ISTIO_MUTUAL}')),
    },
  ],
});
