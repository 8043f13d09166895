import { ruleTester, y } from '../../../../test/helpers/rule-tester';
import { docs } from '../../../../test/istio/fixtures';

const ns = (label: string) => y('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: shop', '  labels:', `    ${label}`);
const deploy = (...meta: string[]) =>
  y('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: batch', '  namespace: shop', 'spec:', '  selector: {matchLabels: {app: batch}}', '  template:', '    metadata:', ...meta, '    spec:', '      containers: [{name: batch, image: "batch:1"}]');

ruleTester('istio-sidecar-injection-disabled', {
  valid: [
    { name: 'namespace not meshed', code: docs(ns('team: shop'), deploy('      labels: {app: batch, sidecar.istio.io/inject: "false"}')) },
    { name: 'no Namespace object to tell', code: deploy('      labels: {app: batch, sidecar.istio.io/inject: "false"}') },
    { name: 'inject true', code: docs(ns('istio-injection: enabled'), deploy('      labels:', '        app: batch', '        sidecar.istio.io/inject: "true"')) },
  ],
  invalid: [
    {
      name: 'label opt-out in an injected namespace',
      code: docs(ns('istio-injection: enabled'), deploy('      labels:', '        app: batch', '        sidecar.istio.io/inject: "false"')),
      errors: [{ line: 19, column: 34, endColumn: 41, message: 'sidecar.istio.io/inject: "false" (label) takes this workload out of the mesh in namespace "shop" (istio-injection=enabled)' }],
      output: docs(ns('istio-injection: enabled'), deploy('      labels:', '        app: batch')),
    },
    {
      name: 'annotation opt-out, the only annotation, revision label',
      code: docs(ns('istio.io/rev: stable'), deploy('      labels: {app: batch}', '      annotations:', '        sidecar.istio.io/inject: "false"')),
      errors: [{ line: 19, column: 34, endColumn: 41, message: '(annotation) takes this workload out of the mesh in namespace "shop" (istio.io/rev=stable)' }],
      output: docs(ns('istio.io/rev: stable'), deploy('      labels: {app: batch}', '      annotations: {}')),
    },
  ],
});
