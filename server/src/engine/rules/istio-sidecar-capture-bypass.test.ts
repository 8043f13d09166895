import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const deploy = (...annotations: string[]) =>
  y(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web, namespace: prod}',
    'spec:',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    '      annotations:',
    ...annotations,
    '    spec:',
    '      containers:',
    '      - {name: web, image: "web:1"}',
  );

ruleTester('istio-sidecar-capture-bypass', {
  valid: [
    { name: 'no Istio annotations', code: deploy('        prometheus.io/scrape: "true"') },
    { name: 'capture everything explicitly', code: deploy('        traffic.sidecar.istio.io/includeOutboundIPRanges: "*"', '        traffic.sidecar.istio.io/includeInboundPorts: "*"') },
    { name: 'empty exclusions', code: deploy('        traffic.sidecar.istio.io/excludeInboundPorts: ""') },
    { name: 'adding outbound ports widens the capture', code: deploy('        traffic.sidecar.istio.io/includeOutboundPorts: "8080"') },
  ],
  invalid: [
    {
      name: 'exclusions, with the neighbours kept',
      code: deploy('        sidecar.istio.io/proxyCPU: 100m', '        traffic.sidecar.istio.io/excludeInboundPorts: "8080,9090"', '        traffic.sidecar.istio.io/excludeOutboundIPRanges: 10.0.0.0/8'),
      errors: [
        { line: 11, column: 9, endColumn: 53, message: 'excludeInboundPorts: "8080,9090" bypasses the sidecar: inbound connections to these ports reach the application without mTLS' },
        { line: 12, column: 9, endColumn: 57, message: 'excludeOutboundIPRanges: "10.0.0.0/8" bypasses the sidecar' },
      ],
      output: deploy('        sidecar.istio.io/proxyCPU: 100m'),
    },
    {
      name: 'narrowing includes',
      code: deploy('        traffic.sidecar.istio.io/includeOutboundIPRanges: 10.96.0.0/12', '        traffic.sidecar.istio.io/includeInboundPorts: ""'),
      errors: [
        { line: 10, column: 9, message: 'includeOutboundIPRanges: "10.96.0.0/12" bypasses the sidecar: outbound connections to any other address leave' },
        { line: 11, column: 9, message: 'includeInboundPorts: "" bypasses the sidecar: inbound connections to every port reach the application' },
      ],
      output: y('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web, namespace: prod}', 'spec:', '  selector: {matchLabels: {app: web}}', '  template:', '    metadata:', '      labels: {app: web}', '      annotations: {}', '    spec:', '      containers:', '      - {name: web, image: "web:1"}'),
    },
    {
      name: 'a bare Pod, excludeOutboundPorts',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations: {traffic.sidecar.istio.io/excludeOutboundPorts: "5432"}', 'spec:', '  containers: [{name: a, image: "a:1"}]'),
      errors: [{ line: 5, column: 17, endColumn: 62, message: 'excludeOutboundPorts: "5432"' }],
      output: y('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations: {}', 'spec:', '  containers: [{name: a, image: "a:1"}]'),
    },
  ],
});
