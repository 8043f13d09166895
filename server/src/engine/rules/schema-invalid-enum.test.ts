import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const HEAD = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', 'spec:'];

ruleTester('schema-invalid-enum', {
  valid: [
    { name: 'valid seccomp type and procMount', code: y(...HEAD, '  securityContext: {seccompProfile: {type: RuntimeDefault}}', '  containers: [{name: a, image: a:1, securityContext: {procMount: Default}}]') },
    { name: 'valid PeerAuthentication mode', code: y('apiVersion: security.istio.io/v1', 'kind: PeerAuthentication', 'metadata: {name: default}', 'spec:', '  mtls: {mode: STRICT}') },
    { name: 'an invalid value outside security, with the default scope', code: y(...HEAD, '  containers: [{name: a, image: a:1, imagePullPolicy: always}]') },
  ],
  invalid: [
    {
      name: 'PeerAuthentication mode STRCT',
      code: y('apiVersion: security.istio.io/v1', 'kind: PeerAuthentication', 'metadata: {name: default, namespace: istio-system}', 'spec:', '  mtls:', '    mode: STRCT'),
      errors: [{ line: 6, column: 11, endColumn: 16, message: '"STRCT" is not a valid mode (allowed: UNSET, DISABLE, PERMISSIVE, STRICT): the API server rejects the object, so none of it is applied. Did you mean "STRICT"?' }],
      output: y('apiVersion: security.istio.io/v1', 'kind: PeerAuthentication', 'metadata: {name: default, namespace: istio-system}', 'spec:', '  mtls:', '    mode: STRICT'),
    },
    {
      name: 'seccompProfile type RuntimeDefualt, quoted, at pod and container level',
      code: y(...HEAD, '  securityContext:', '    seccompProfile:', '      type: "RuntimeDefualt"', '  containers:', '  - name: a', '    image: a:1', '    securityContext: {seccompProfile: {type: runtimedefault}}'),
      errors: [
        { line: 8, column: 13, endColumn: 29, message: 'Did you mean "RuntimeDefault"?' },
        { line: 12, column: 46, endColumn: 60, message: 'Did you mean "RuntimeDefault"?' },
      ],
      output: y(...HEAD, '  securityContext:', '    seccompProfile:', '      type: RuntimeDefault', '  containers:', '  - name: a', '    image: a:1', '    securityContext: {seccompProfile: {type: RuntimeDefault}}'),
    },
    {
      name: 'AuthorizationPolicy action DENNY',
      code: y('apiVersion: security.istio.io/v1beta1', 'kind: AuthorizationPolicy', 'metadata: {name: deny}', 'spec:', '  action: DENNY', '  rules: [{from: [{source: {namespaces: [untrusted]}}]}]'),
      errors: [{ line: 5, column: 11, endColumn: 16, message: 'Did you mean "DENY"?' }],
      output: y('apiVersion: security.istio.io/v1beta1', 'kind: AuthorizationPolicy', 'metadata: {name: deny}', 'spec:', '  action: DENY', '  rules: [{from: [{source: {namespaces: [untrusted]}}]}]'),
    },
    {
      name: 'DestinationRule tls mode ISTIO_MUTAL (networking v1alpha3)',
      code: y('apiVersion: networking.istio.io/v1alpha3', 'kind: DestinationRule', 'metadata: {name: r}', 'spec:', '  host: r', '  trafficPolicy:', '    tls:', '      mode: ISTIO_MUTAL'),
      errors: [{ line: 8, column: 13, endColumn: 24, message: 'Did you mean "ISTIO_MUTUAL"?' }],
      output: y('apiVersion: networking.istio.io/v1alpha3', 'kind: DestinationRule', 'metadata: {name: r}', 'spec:', '  host: r', '  trafficPolicy:', '    tls:', '      mode: ISTIO_MUTUAL'),
    },
    {
      name: 'Gateway tls mode SIMPLEE',
      code: y('apiVersion: networking.istio.io/v1', 'kind: Gateway', 'metadata: {name: gw}', 'spec:', '  servers:', '  - port: {number: 443, name: https, protocol: HTTPS}', '    hosts: ["*"]', '    tls: {mode: SIMPLEE, credentialName: cert}'),
      errors: [{ line: 8, column: 17, endColumn: 24, message: 'Did you mean "SIMPLE"?' }],
      output: y('apiVersion: networking.istio.io/v1', 'kind: Gateway', 'metadata: {name: gw}', 'spec:', '  servers:', '  - port: {number: 443, name: https, protocol: HTTPS}', '    hosts: ["*"]', '    tls: {mode: SIMPLE, credentialName: cert}'),
    },
    {
      name: 'no close value: no fix',
      code: y(...HEAD, '  containers: [{name: a, image: a:1, securityContext: {procMount: Hidden}}]'),
      errors: [{ line: 6, column: 67, endColumn: 73, message: '"Hidden" is not a valid procMount (allowed: Default, Unmasked)' }],
    },
    {
      name: 'scope all: imagePullPolicy always',
      code: y(...HEAD, '  containers: [{name: a, image: a:1, imagePullPolicy: always}]'),
      options: { schema: { scope: 'all' } },
      errors: [{ line: 6, column: 55, endColumn: 61, message: 'Did you mean "Always"?' }],
      output: y(...HEAD, '  containers: [{name: a, image: a:1, imagePullPolicy: Always}]'),
    },
  ],
});
