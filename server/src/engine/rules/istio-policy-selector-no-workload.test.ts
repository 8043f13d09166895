import { ruleTester, y } from '../../../../test/helpers/rule-tester';
import { ap, docs, pa, ra } from '../../../../test/istio/fixtures';

const deploy = (ns: string, app: string) =>
  y('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', `  namespace: ${ns}`, 'spec:', `  selector: {matchLabels: {app: ${app}}}`, '  template:', `    metadata: {labels: {app: ${app}, version: v1}}`, '    spec:', '      containers: [{name: web, image: "web:1"}]');
const selecting = (app: string) => ap('v1', 'prod', '  selector:', '    matchLabels:', `      app: ${app}`, '  rules:', '  - {}');

ruleTester('istio-policy-selector-no-workload', {
  valid: [
    { name: 'the selector matches a Deployment in the file (v1)', code: docs(deploy('prod', 'backend'), selecting('backend')) },
    { name: 'a root-namespace selector matches workloads anywhere (v1beta1)', code: docs(deploy('shop', 'backend'), pa('v1beta1', 'istio-system', '  selector:', '    matchLabels: {app: backend}', '  mtls: {mode: STRICT}')) },
    { name: 'no selector', code: ap('v1', 'prod', '  rules:', '  - {}') },
  ],
  invalid: [
    {
      name: 'a typo in the label (AuthorizationPolicy v1)',
      code: docs(deploy('prod', 'backend'), selecting('backnd')),
      errors: [{ line: 20, column: 5, endColumn: 16, message: 'AuthorizationPolicy selector app=backnd matches no workload in namespace "prod" in this file: the policy applies to nothing' }],
    },
    {
      name: 'the workload is in another namespace (RequestAuthentication v1beta1)',
      code: docs(deploy('shop', 'api'), ra('v1beta1', 'prod', '  selector:', '    matchLabels: {app: api}', '  jwtRules:', '  - issuer: https://issuer.example.com')),
      errors: [{ line: 20, column: 5, endColumn: 16, message: 'RequestAuthentication selector app=api matches no workload in namespace "prod"' }],
    },
    {
      name: 'a root-namespace PeerAuthentication that matches nothing anywhere (v1)',
      code: pa('v1', 'istio-system', '  selector:', '    matchLabels: {istio: ingressgateway}', '  mtls: {mode: STRICT}'),
      errors: [{ line: 8, column: 5, endColumn: 16, message: 'PeerAuthentication selector istio=ingressgateway matches no workload in any namespace in this file' }],
    },
  ],
});
