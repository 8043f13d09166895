import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pa = (version: string, ns: string, ...specLines: string[]) =>
  y(`apiVersion: security.istio.io/${version}`, 'kind: PeerAuthentication', 'metadata:', '  name: default', `  namespace: ${ns}`, 'spec:', ...specLines);

ruleTester('istio-peer-authn-not-strict', {
  valid: [
    { name: 'STRICT mesh-wide (v1beta1)', code: pa('v1beta1', 'istio-system', '  mtls:', '    mode: STRICT') },
    { name: 'STRICT namespace-wide (v1)', code: pa('v1', 'prod', '  mtls:', '    mode: STRICT') },
    { name: 'UNSET inherits from the parent policy', code: pa('v1', 'prod', '  mtls:', '    mode: UNSET') },
    { name: 'no mode at all inherits', code: pa('v1', 'prod', '  selector:', '    matchLabels: {app: web}') },
    { name: 'lower case is not an Istio value (the schema rejects it)', code: pa('v1', 'prod', '  mtls:', '    mode: permissive') },
    { name: 'not a served version', code: pa('v1alpha1', 'prod', '  mtls:', '    mode: PERMISSIVE') },
    { name: 'another group', code: y('apiVersion: example.com/v1', 'kind: PeerAuthentication', 'metadata: {name: x}', 'spec:', '  mtls: {mode: DISABLE}') },
  ],
  invalid: [
    {
      name: 'PERMISSIVE in the root namespace is mesh-wide (v1beta1)',
      code: pa('v1beta1', 'istio-system', '  mtls:', '    mode: PERMISSIVE # migrating'),
      errors: [{ line: 8, column: 11, endLine: 8, endColumn: 21, message: 'mode PERMISSIVE mesh-wide (root namespace istio-system): plaintext is accepted' }],
      output: pa('v1beta1', 'istio-system', '  mtls:', '    mode: STRICT # migrating'),
    },
    {
      name: 'DISABLE without selector is namespace-wide (v1)',
      code: pa('v1', 'prod', '  mtls: {mode: DISABLE}'),
      errors: [{ line: 7, column: 16, endColumn: 23, message: 'mode DISABLE namespace-wide for every workload in "prod": mutual TLS is off' }],
      output: pa('v1', 'prod', '  mtls: {mode: STRICT}'),
    },
    {
      name: 'a configured root namespace',
      code: pa('v1', 'mesh-root', '  mtls:', '    mode: "PERMISSIVE"'),
      options: { ruleOptions: { istioRootNamespace: 'mesh-root' } },
      errors: [{ line: 8, column: 11, endColumn: 23, message: 'mesh-wide (root namespace mesh-root)' }],
      output: pa('v1', 'mesh-root', '  mtls:', '    mode: STRICT'),
    },
    {
      name: 'istio-system is only namespace-wide when the root namespace is elsewhere',
      code: pa('v1', 'istio-system', '  mtls:', '    mode: PERMISSIVE'),
      options: { ruleOptions: { istioRootNamespace: 'mesh-root' } },
      errors: [{ line: 8, column: 11, message: 'namespace-wide for every workload in "istio-system"' }],
      output: pa('v1', 'istio-system', '  mtls:', '    mode: STRICT'),
    },
    {
      name: 'workload selector and portLevelMtls, STRICT elsewhere (v1beta1)',
      code: pa(
        'v1beta1',
        'prod',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  mtls:',
        '    mode: STRICT',
        '  portLevelMtls:',
        '    8080:',
        '      mode: PERMISSIVE',
        '    9090:',
        '      mode: DISABLE',
        '    9443:',
        '      mode: STRICT',
      ),
      errors: [
        { line: 14, column: 13, endColumn: 23, message: 'port 8080 mode PERMISSIVE for workloads labelled app=web in namespace "prod"' },
        { line: 16, column: 13, endColumn: 20, message: 'port 9090 mode DISABLE for workloads labelled app=web' },
      ],
      output: pa(
        'v1beta1',
        'prod',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  mtls:',
        '    mode: STRICT',
        '  portLevelMtls:',
        '    8080:',
        '      mode: STRICT',
        '    9090:',
        '      mode: STRICT',
        '    9443:',
        '      mode: STRICT',
      ),
    },
  ],
});
