import { ruleTester, y } from '../../../../test/helpers/rule-tester';
import { docs, pa } from '../../../../test/istio/fixtures';

const ns = (label: string) => y('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: shop', '  labels:', `    ${label}`);
const strictShop = (version: string) => y(`apiVersion: security.istio.io/${version}`, 'kind: PeerAuthentication', 'metadata:', '  name: default', '  namespace: shop', 'spec:', '  mtls:', '    mode: STRICT');

ruleTester('istio-mtls-namespace-not-strict', {
  valid: [
    { name: 'STRICT mesh-wide in the same file (v1beta1)', code: docs(ns('istio-injection: enabled'), pa('v1beta1', 'istio-system', '  mtls:', '    mode: STRICT')) },
    { name: 'STRICT for the namespace (v1)', code: docs(ns('istio.io/rev: canary'), pa('v1', 'shop', '  mtls: {mode: STRICT}')) },
    { name: 'an explicit namespace PERMISSIVE is reported where it is written', code: docs(ns('istio-injection: enabled'), pa('v1', 'shop', '  mtls: {mode: PERMISSIVE}')) },
    { name: 'injection disabled', code: ns('istio-injection: disabled') },
    { name: 'not in the mesh', code: ns('team: shop') },
  ],
  invalid: [
    {
      name: 'a meshed namespace alone: a STRICT policy is appended',
      code: ns('istio-injection: enabled'),
      errors: [{ line: 6, column: 22, endLine: 6, endColumn: 29, message: 'namespace "shop" is in the mesh (istio-injection=enabled) but its workloads accept plaintext: no PeerAuthentication in this file sets STRICT for it or mesh-wide, and Istio defaults to PERMISSIVE' }],
      output: docs(ns('istio-injection: enabled'), strictShop('v1')),
    },
    {
      name: 'mesh-wide PERMISSIVE, revision label, Istio 1.21 writes v1beta1',
      code: docs(pa('v1beta1', 'istio-system', '  mtls:', '    mode: PERMISSIVE'), ns('istio.io/rev: stable')),
      options: { ruleOptions: { istioVersion: '1.21' } },
      errors: [{ line: 15, column: 19, endColumn: 25, message: 'the mesh-wide PeerAuthentication default (line 4) sets PERMISSIVE' }],
      output: docs(pa('v1beta1', 'istio-system', '  mtls:', '    mode: PERMISSIVE'), ns('istio.io/rev: stable'), strictShop('v1beta1')),
    },
    {
      name: 'an ambient namespace',
      code: ns('istio.io/dataplane-mode: ambient'),
      errors: [{ line: 6, column: 30, endColumn: 37, message: 'namespace "shop" is in the mesh (istio.io/dataplane-mode=ambient)' }],
      output: docs(ns('istio.io/dataplane-mode: ambient'), strictShop('v1')),
    },
    {
      name: 'STRICT in istio-system does not count when the root namespace is elsewhere',
      code: docs(pa('v1', 'istio-system', '  mtls:', '    mode: STRICT'), ns('istio-injection: enabled')),
      options: { ruleOptions: { istioRootNamespace: 'mesh-root' } },
      errors: [{ line: 15, column: 22, message: 'no PeerAuthentication in this file sets STRICT' }],
    },
  ],
});
