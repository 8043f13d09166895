import { ruleTester } from '../../../../test/helpers/rule-tester';
import { ap, docs, pa } from '../../../../test/istio/fixtures';

const denyDev = (version: string) => ap(version, 'prod', '  action: DENY', '  rules:', '  - from:', '    - source:', '        principals: ["cluster.local/ns/dev/sa/tester"]');
const allowNotNs = ap('v1', 'prod', '  selector:', '    matchLabels:', '      app: api', '  rules:', '  - from:', '    - source:', '        notNamespaces: ["dev"]');

ruleTester('istio-authz-identity-without-mtls', {
  valid: [
    { name: 'mesh-wide STRICT in the file (v1beta1)', code: docs(pa('v1beta1', 'istio-system', '  mtls:', '    mode: STRICT'), denyDev('v1beta1')) },
    { name: 'namespace STRICT (v1)', code: docs(denyDev('v1'), pa('v1', 'prod', '  mtls: {mode: STRICT}')) },
    { name: 'workload STRICT for the selected pods', code: docs(allowNotNs, pa('v1', 'prod', '  selector:', '    matchLabels: {app: api}', '  mtls: {mode: STRICT}')) },
    { name: 'no identity condition', code: ap('v1', 'prod', '  rules:', '  - to:', '    - operation:', '        paths: ["/api/*"]') },
  ],
  invalid: [
    {
      name: 'DENY on principals with no PeerAuthentication at all (v1beta1): a namespace policy is appended',
      code: denyDev('v1beta1'),
      errors: [{ line: 11, column: 9, endColumn: 19, message: 'principals needs mutual TLS, but no PeerAuthentication in this file makes it STRICT (Istio defaults to PERMISSIVE): a plaintext caller carries no identity, so it is not denied' }],
      output: docs(denyDev('v1beta1'), pa('v1', 'prod', '  mtls:', '    mode: STRICT')),
    },
    {
      name: 'ALLOW notNamespaces under a PERMISSIVE namespace: a policy for the selected workloads is appended (v1)',
      code: docs(pa('v1', 'prod', '  mtls:', '    mode: PERMISSIVE'), allowNotNs),
      errors: [{ line: 22, column: 9, endColumn: 22, message: 'notNamespaces needs mutual TLS, but PeerAuthentication default (line 4) sets PERMISSIVE: a plaintext caller carries no identity, so it is allowed' }],
      output: docs(
        pa('v1', 'prod', '  mtls:', '    mode: PERMISSIVE'),
        allowNotNs,
        'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: policy-strict\n  namespace: prod\nspec:\n  selector:\n    matchLabels:\n      app: api\n  mtls:\n    mode: STRICT\n',
      ),
    },
    {
      name: 'a namespace-wide policy with a namespace PERMISSIVE: no second namespace policy is offered',
      code: docs(pa('v1', 'prod', '  mtls:', '    mode: DISABLE'), ap('v1', 'prod', '  rules:', '  - from:', '    - source:', '        principals: ["cluster.local/ns/web/sa/web"]', '        namespaces: ["web"]')),
      errors: [
        { line: 19, column: 9, message: 'principals needs mutual TLS, but PeerAuthentication default (line 4) sets DISABLE: plaintext callers never match and are denied' },
        { line: 20, column: 9, message: 'namespaces needs mutual TLS' },
      ],
    },
  ],
});
