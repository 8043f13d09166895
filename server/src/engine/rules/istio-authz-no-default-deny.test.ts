import { ruleTester, y } from '../../../../test/helpers/rule-tester';
import { ap, docs } from '../../../../test/istio/fixtures';

const ns = y('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: shop', '  labels:', '    istio-injection: enabled');
const allowNothing = (namespace: string) => y('apiVersion: security.istio.io/v1', 'kind: AuthorizationPolicy', 'metadata:', '  name: allow-nothing', `  namespace: ${namespace}`, 'spec: {}');
const backend = (version: string) => ap(version, 'shop', '  selector:', '    matchLabels: {app: backend}', '  rules:', '  - from:', '    - source:', '        principals: ["cluster.local/ns/web/sa/web"]');

ruleTester('istio-authz-no-default-deny', {
  valid: [
    { name: 'allow-nothing in the namespace', code: docs(ns, allowNothing('shop')) },
    { name: 'allow-nothing mesh-wide', code: docs(ns, backend('v1beta1'), allowNothing('istio-system')) },
    { name: 'a namespace outside the mesh', code: y('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: shop') },
    { name: 'policies in the root namespace', code: ap('v1', 'istio-system', '  rules:', '  - {}') },
  ],
  invalid: [
    {
      name: 'a meshed namespace',
      code: ns,
      errors: [{ line: 6, column: 22, endColumn: 29, message: 'namespace "shop" has no default-deny (allow-nothing) AuthorizationPolicy in this file, here or in istio-system: workloads that no ALLOW policy selects accept every request from the mesh' }],
      output: docs(ns, allowNothing('shop')),
    },
    {
      name: 'AuthorizationPolicies of a namespace: one finding, on the first (v1beta1)',
      code: docs(backend('v1beta1'), backend('v1')),
      errors: [{ line: 5, column: 14, endColumn: 18, message: 'namespace "shop" has no default-deny' }],
      output: docs(backend('v1beta1'), backend('v1'), y('apiVersion: security.istio.io/v1beta1', 'kind: AuthorizationPolicy', 'metadata:', '  name: allow-nothing', '  namespace: shop', 'spec: {}')),
    },
  ],
});
