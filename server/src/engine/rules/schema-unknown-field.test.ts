import { ruleTester, y, type InvalidCase } from '../../../../test/helpers/rule-tester';

// A misspelling of every security field, where it belongs, and the output of the rename fix.
interface Typo {
  key: string;
  typo: string;
  value: string;
}

const CONTAINER_SC: Typo[] = [
  { key: 'allowPrivilegeEscalation', typo: 'allowPriviledgeEscalation', value: 'false' },
  { key: 'appArmorProfile', typo: 'apparmorProfile', value: '{type: RuntimeDefault}' },
  { key: 'capabilities', typo: 'capabilites', value: '{drop: [ALL]}' },
  { key: 'privileged', typo: 'privilged', value: 'false' },
  { key: 'procMount', typo: 'procmount', value: 'Default' },
  { key: 'readOnlyRootFilesystem', typo: 'readOnlyRootFileSystem', value: 'true' },
  { key: 'runAsGroup', typo: 'runAsGropu', value: '3000' },
  { key: 'runAsNonRoot', typo: 'runAsNonroot', value: 'true' },
  { key: 'runAsUser', typo: 'runAsUsr', value: '1000' },
  { key: 'seLinuxOptions', typo: 'selinuxOptions', value: '{level: "s0:c1,c2"}' },
  { key: 'seccompProfile', typo: 'seccompProfle', value: '{type: RuntimeDefault}' },
  { key: 'windowsOptions', typo: 'windowOptions', value: '{runAsUserName: app}' },
];

const POD_SC: Typo[] = [
  { key: 'appArmorProfile', typo: 'appArmourProfile', value: '{type: RuntimeDefault}' },
  { key: 'fsGroup', typo: 'fsgroup', value: '2000' },
  { key: 'fsGroupChangePolicy', typo: 'fsGroupChangePolcy', value: 'OnRootMismatch' },
  { key: 'runAsGroup', typo: 'runAsGrp', value: '3000' },
  { key: 'runAsNonRoot', typo: 'runAsNonRooot', value: 'true' },
  { key: 'runAsUser', typo: 'runasuser', value: '1000' },
  { key: 'seLinuxChangePolicy', typo: 'seLinuxChangePolicey', value: 'MountOption' },
  { key: 'seLinuxOptions', typo: 'seLinuxOption', value: '{level: "s0:c1,c2"}' },
  { key: 'seccompProfile', typo: 'secompProfile', value: '{type: RuntimeDefault}' },
  { key: 'supplementalGroups', typo: 'supplementalGroup', value: '[4000]' },
  { key: 'supplementalGroupsPolicy', typo: 'supplementalGroupPolicy', value: 'Strict' },
  { key: 'sysctls', typo: 'sysctl', value: '[]' },
  { key: 'windowsOptions', typo: 'WindowsOptions', value: '{runAsUserName: app}' },
];

const POD_SPEC: Typo[] = [
  { key: 'automountServiceAccountToken', typo: 'automountServiceAcountToken', value: 'false' },
  { key: 'hostIPC', typo: 'hostIpc', value: 'false' },
  { key: 'hostNetwork', typo: 'hostNetwrok', value: 'false' },
  { key: 'hostPID', typo: 'hostPid', value: 'false' },
  { key: 'hostUsers', typo: 'hostUser', value: 'false' },
  { key: 'securityContext', typo: 'securtyContext', value: '{runAsNonRoot: true}' },
  { key: 'serviceAccountName', typo: 'serviceAccountname', value: 'app' },
  { key: 'shareProcessNamespace', typo: 'shareProcessNameSpace', value: 'false' },
];

const HEAD = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', 'spec:'];

function inContainerSc(t: Typo): InvalidCase {
  const body = (k: string): string[] => [...HEAD, '  containers:', '    - name: app', '      image: app:1.0', '      securityContext:', `        ${k}: ${t.value}`];
  return {
    name: `${t.typo} in a container's securityContext`,
    code: y(...body(t.typo)),
    errors: [{ line: 10, column: 9, endColumn: 9 + t.typo.length, message: `Did you mean "${t.key}"?` }],
    output: y(...body(t.key)),
  };
}

function inPodSc(t: Typo): InvalidCase {
  const body = (k: string): string[] => [...HEAD, '  securityContext:', `    ${k}: ${t.value}`, '  containers:', '    - name: app', '      image: app:1.0'];
  return {
    name: `${t.typo} in the pod's securityContext`,
    code: y(...body(t.typo)),
    errors: [{ line: 7, column: 5, endColumn: 5 + t.typo.length, message: `Did you mean "${t.key}"?` }],
    output: y(...body(t.key)),
  };
}

function inPodSpec(t: Typo): InvalidCase {
  const body = (k: string): string[] => [...HEAD, `  ${k}: ${t.value}`, '  containers:', '    - name: app', '      image: app:1.0'];
  return {
    name: `${t.typo} in the pod spec`,
    code: y(...body(t.typo)),
    errors: [{ line: 6, column: 3, endColumn: 3 + t.typo.length, message: `Did you mean "${t.key}"?` }],
    output: y(...body(t.key)),
  };
}

const ISTIO: InvalidCase[] = [
  {
    name: 'PeerAuthentication: mtls written mTLS',
    code: y('apiVersion: security.istio.io/v1', 'kind: PeerAuthentication', 'metadata: {name: default, namespace: istio-system}', 'spec:', '  mTLS:', '    mode: STRICT'),
    errors: [{ line: 5, column: 3, endColumn: 7, message: 'mutual TLS stays at the mesh default' }],
    output: y('apiVersion: security.istio.io/v1', 'kind: PeerAuthentication', 'metadata: {name: default, namespace: istio-system}', 'spec:', '  mtls:', '    mode: STRICT'),
  },
  {
    name: 'PeerAuthentication v1beta1: mdoe under mtls, portLevelMTLS',
    code: y('apiVersion: security.istio.io/v1beta1', 'kind: PeerAuthentication', 'metadata: {name: p}', 'spec:', '  mtls: {mdoe: STRICT}', '  portLevelMTLS:', '    "8080": {mode: DISABLE}'),
    errors: [
      { line: 5, column: 10, endColumn: 14, message: 'Did you mean "mode"?' },
      { line: 6, column: 3, endColumn: 16, message: 'Did you mean "portLevelMtls"?' },
    ],
    output: y('apiVersion: security.istio.io/v1beta1', 'kind: PeerAuthentication', 'metadata: {name: p}', 'spec:', '  mtls: {mode: STRICT}', '  portLevelMtls:', '    "8080": {mode: DISABLE}'),
  },
  {
    // The content of an unknown key is not validated; once the fix renames it, the next pass of
    // the fixer finds the misspelt field inside.
    name: 'AuthorizationPolicy: rule instead of rules, then principal instead of principals',
    code: y(
      'apiVersion: security.istio.io/v1',
      'kind: AuthorizationPolicy',
      'metadata: {name: allow-frontend}',
      'spec:',
      '  action: ALLOW',
      '  rule:',
      '  - from:',
      '    - source:',
      '        principal: ["cluster.local/ns/web/sa/frontend"]',
    ),
    errors: [{ line: 6, column: 3, endColumn: 7, message: 'Did you mean "rules"?' }],
    output: y(
      'apiVersion: security.istio.io/v1',
      'kind: AuthorizationPolicy',
      'metadata: {name: allow-frontend}',
      'spec:',
      '  action: ALLOW',
      '  rules:',
      '  - from:',
      '    - source:',
      '        principals: ["cluster.local/ns/web/sa/frontend"]',
    ),
  },
  {
    name: 'RequestAuthentication: jwtRule, then isuer',
    code: y('apiVersion: security.istio.io/v1', 'kind: RequestAuthentication', 'metadata: {name: jwt}', 'spec:', '  jwtRule:', '  - isuer: https://issuer.example.com', '    jwksUri: https://issuer.example.com/jwks'),
    errors: [{ line: 5, column: 3, endColumn: 10, message: 'Did you mean "jwtRules"?' }],
    output: y('apiVersion: security.istio.io/v1', 'kind: RequestAuthentication', 'metadata: {name: jwt}', 'spec:', '  jwtRules:', '  - issuer: https://issuer.example.com', '    jwksUri: https://issuer.example.com/jwks'),
  },
  {
    name: 'DestinationRule: trafficpolicy and insecureSkipVerfy',
    code: y(
      'apiVersion: networking.istio.io/v1',
      'kind: DestinationRule',
      'metadata: {name: db}',
      'spec:',
      '  host: db.prod.svc.cluster.local',
      '  trafficpolicy:',
      '    tls: {mode: SIMPLE}',
      '  subsets:',
      '  - name: v1',
      '    trafficPolicy:',
      '      tls: {mode: SIMPLE, insecureSkipVerfy: false}',
    ),
    errors: [
      { line: 6, column: 3, endColumn: 16, message: 'Did you mean "trafficPolicy"?' },
      { line: 11, column: 27, endColumn: 44, message: 'Did you mean "insecureSkipVerify"?' },
    ],
    output: y(
      'apiVersion: networking.istio.io/v1',
      'kind: DestinationRule',
      'metadata: {name: db}',
      'spec:',
      '  host: db.prod.svc.cluster.local',
      '  trafficPolicy:',
      '    tls: {mode: SIMPLE}',
      '  subsets:',
      '  - name: v1',
      '    trafficPolicy:',
      '      tls: {mode: SIMPLE, insecureSkipVerify: false}',
    ),
  },
  {
    name: 'Gateway: credentialname under tls',
    code: y(
      'apiVersion: networking.istio.io/v1beta1',
      'kind: Gateway',
      'metadata: {name: gw}',
      'spec:',
      '  selector: {istio: ingressgateway}',
      '  servers:',
      '  - port: {number: 443, name: https, protocol: HTTPS}',
      '    hosts: ["app.example.com"]',
      '    tls:',
      '      mode: SIMPLE',
      '      credentialname: app-cert',
    ),
    errors: [{ line: 11, column: 7, endColumn: 21, message: 'Did you mean "credentialName"?' }],
    output: y(
      'apiVersion: networking.istio.io/v1beta1',
      'kind: Gateway',
      'metadata: {name: gw}',
      'spec:',
      '  selector: {istio: ingressgateway}',
      '  servers:',
      '  - port: {number: 443, name: https, protocol: HTTPS}',
      '    hosts: ["app.example.com"]',
      '    tls:',
      '      mode: SIMPLE',
      '      credentialName: app-cert',
    ),
  },
];

ruleTester('schema-unknown-field', {
  valid: [
    {
      name: 'a hardened Deployment',
      code: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web, labels: {app: web}}',
        'spec:',
        '  selector: {matchLabels: {app: web}}',
        '  template:',
        '    metadata: {labels: {app: web}, annotations: {anything: goes}}',
        '    spec:',
        '      automountServiceAccountToken: false',
        '      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}',
        '      containers:',
        '      - name: web',
        '        image: web:1.0',
        '        securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}',
      ),
    },
    { name: 'a custom resource without a schema is not an error', code: y('apiVersion: example.com/v1', 'kind: Widget', 'metadata: {name: w}', 'spec:', '  runAsNonroot: true') },
    { name: 'an apiVersion Kubernetes no longer serves has no schema', code: y('apiVersion: extensions/v1beta1', 'kind: Deployment', 'metadata: {name: d}', 'spec:', '  bogus: 1') },
    { name: 'not a Kubernetes object', code: y('runAsNonroot: true') },
    {
      name: 'an unknown field that is not about security, with the default scope',
      code: y('apiVersion: v1', 'kind: Service', 'metadata: {name: s}', 'spec:', '  selector: {app: web}', '  prots: [{port: 80}]'),
    },
    {
      name: 'schema validation off',
      code: y(...HEAD, '  securityContext: {runAsNonroot: true}', '  containers: [{name: a, image: a:1}]'),
      options: { schema: { enable: false } },
    },
    {
      name: 'a merge key is not an unknown field',
      code: y(...HEAD, '  containers:', '  - &base', '    name: a', '    image: a:1', '    securityContext: {runAsNonRoot: true}', '  initContainers:', '  - <<: *base', '    name: init'),
    },
  ],
  invalid: [
    ...CONTAINER_SC.map(inContainerSc),
    ...POD_SC.map(inPodSc),
    ...POD_SPEC.map(inPodSpec),
    ...ISTIO,
    {
      name: 'the rename keeps comments, quoting and flow style',
      code: y(...HEAD, '  containers:', '  - {name: a, image: a:1, securityContext: {"runAsNonroot": true}} # hardened'),
      errors: [{ line: 7, column: 45, endColumn: 59 }],
      output: y(...HEAD, '  containers:', '  - {name: a, image: a:1, securityContext: {"runAsNonRoot": true}} # hardened'),
    },
    {
      name: 'hostport under a container port',
      code: y(...HEAD, '  containers:', '  - name: a', '    image: a:1', '    ports:', '    - containerPort: 80', '      hostport: 8080'),
      errors: [{ line: 11, column: 7, endColumn: 15, message: 'Did you mean "hostPort"?' }],
      output: y(...HEAD, '  containers:', '  - name: a', '    image: a:1', '    ports:', '    - containerPort: 80', '      hostPort: 8080'),
    },
    {
      name: 'no close match: the finding offers removal only',
      code: y(...HEAD, '  securityContext:', '    hardened: true', '    runAsNonRoot: true', '  containers: [{name: a, image: a:1}]'),
      errors: [{ line: 7, column: 5, endColumn: 13, message: 'Unknown field "hardened" in securityContext' }],
      output: y(...HEAD, '  securityContext:', '    runAsNonRoot: true', '  containers: [{name: a, image: a:1}]'),
    },
    {
      name: 'every unknown field with scope all, as a warning outside security',
      code: y('apiVersion: v1', 'kind: Service', 'metadata: {name: s}', 'spec:', '  selector: {app: web}', '  prots: [{port: 80}]'),
      options: { schema: { scope: 'all' } },
      errors: [{ line: 6, column: 3, endColumn: 8, message: 'Did you mean "ports"?' }],
      output: y('apiVersion: v1', 'kind: Service', 'metadata: {name: s}', 'spec:', '  selector: {app: web}', '  ports: [{port: 80}]'),
    },
    {
      name: 'a List item and a second document, each with its own ranges',
      code: y('apiVersion: v1', 'kind: List', 'items:', '- apiVersion: v1', '  kind: Pod', '  metadata: {name: a}', '  spec:', '    hostPid: true', '    containers: [{name: a, image: a:1}]', '---', 'apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role', 'metadata: {name: r}', 'rules:', '- apiGroups: [""]', '  resources: [pods]', '  verb: [get]'),
      errors: [
        { line: 8, column: 5, endColumn: 12, message: 'Did you mean "hostPID"?' },
        { line: 17, column: 3, endColumn: 7, message: 'Did you mean "verbs"?' },
      ],
      output: y('apiVersion: v1', 'kind: List', 'items:', '- apiVersion: v1', '  kind: Pod', '  metadata: {name: a}', '  spec:', '    hostPID: true', '    containers: [{name: a, image: a:1}]', '---', 'apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role', 'metadata: {name: r}', 'rules:', '- apiGroups: [""]', '  resources: [pods]', '  verbs: [get]'),
    },
  ],
});
