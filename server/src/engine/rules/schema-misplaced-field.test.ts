import { ruleTester, y, type InvalidCase } from '../../../../test/helpers/rule-tester';

// Every security field, written where Kubernetes ignores it, with the output of the preferred fix.
// `flow` is how the fixture writes the value; `block` is how the fix writes it at its new place
// (relative lines, indented by the key's column).
interface Field {
  key: string;
  flow: string;
  block: string[];
}

const CONTAINER_SC: Field[] = [
  { key: 'allowPrivilegeEscalation', flow: 'false', block: ['allowPrivilegeEscalation: false'] },
  { key: 'appArmorProfile', flow: '{type: RuntimeDefault}', block: ['appArmorProfile:', '  type: RuntimeDefault'] },
  { key: 'capabilities', flow: '{drop: [ALL]}', block: ['capabilities:', '  drop:', '    - ALL'] },
  { key: 'privileged', flow: 'false', block: ['privileged: false'] },
  { key: 'procMount', flow: 'Default', block: ['procMount: Default'] },
  { key: 'readOnlyRootFilesystem', flow: 'true', block: ['readOnlyRootFilesystem: true'] },
  { key: 'runAsGroup', flow: '3000', block: ['runAsGroup: 3000'] },
  { key: 'runAsNonRoot', flow: 'true', block: ['runAsNonRoot: true'] },
  { key: 'runAsUser', flow: '1000', block: ['runAsUser: 1000'] },
  { key: 'seLinuxOptions', flow: '{level: "s0:c123,c456"}', block: ['seLinuxOptions:', '  level: s0:c123,c456'] },
  { key: 'seccompProfile', flow: '{type: RuntimeDefault}', block: ['seccompProfile:', '  type: RuntimeDefault'] },
  { key: 'windowsOptions', flow: '{runAsUserName: app}', block: ['windowsOptions:', '  runAsUserName: app'] },
];

const POD_SC: Field[] = [
  { key: 'appArmorProfile', flow: '{type: RuntimeDefault}', block: ['appArmorProfile:', '  type: RuntimeDefault'] },
  { key: 'fsGroup', flow: '2000', block: ['fsGroup: 2000'] },
  { key: 'fsGroupChangePolicy', flow: 'OnRootMismatch', block: ['fsGroupChangePolicy: OnRootMismatch'] },
  { key: 'runAsGroup', flow: '3000', block: ['runAsGroup: 3000'] },
  { key: 'runAsNonRoot', flow: 'true', block: ['runAsNonRoot: true'] },
  { key: 'runAsUser', flow: '1000', block: ['runAsUser: 1000'] },
  { key: 'seLinuxChangePolicy', flow: 'MountOption', block: ['seLinuxChangePolicy: MountOption'] },
  { key: 'seLinuxOptions', flow: '{level: "s0:c123,c456"}', block: ['seLinuxOptions:', '  level: s0:c123,c456'] },
  { key: 'seccompProfile', flow: '{type: RuntimeDefault}', block: ['seccompProfile:', '  type: RuntimeDefault'] },
  { key: 'supplementalGroups', flow: '[4000]', block: ['supplementalGroups:', '  - 4000'] },
  { key: 'supplementalGroupsPolicy', flow: 'Strict', block: ['supplementalGroupsPolicy: Strict'] },
  { key: 'sysctls', flow: '[{name: net.ipv4.tcp_syncookies, value: "1"}]', block: ['sysctls:', '  - name: net.ipv4.tcp_syncookies', '    value: "1"'] },
  { key: 'windowsOptions', flow: '{runAsUserName: app}', block: ['windowsOptions:', '  runAsUserName: app'] },
];

const POD_SPEC: Field[] = [
  { key: 'hostNetwork', flow: 'false', block: ['hostNetwork: false'] },
  { key: 'hostPID', flow: 'false', block: ['hostPID: false'] },
  { key: 'hostIPC', flow: 'false', block: ['hostIPC: false'] },
  { key: 'hostUsers', flow: 'false', block: ['hostUsers: false'] },
  { key: 'shareProcessNamespace', flow: 'false', block: ['shareProcessNamespace: false'] },
  { key: 'automountServiceAccountToken', flow: 'false', block: ['automountServiceAccountToken: false'] },
  { key: 'serviceAccountName', flow: 'app', block: ['serviceAccountName: app'] },
];

const CONTAINER_ONLY = CONTAINER_SC.filter((f) => !POD_SC.some((p) => p.key === f.key));
const POD_ONLY = POD_SC.filter((f) => !CONTAINER_SC.some((c) => c.key === f.key));

const indent = (n: number, lines: string[]): string[] => lines.map((l) => ' '.repeat(n) + l);
const HEAD = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', 'spec:'];

/** A field directly under a container: it moves into the container's securityContext. */
function underContainer(f: Field): InvalidCase {
  return {
    name: `${f.key} directly under a container`,
    code: y(...HEAD, '  containers:', '    - name: app', '      image: app:1.0', `      ${f.key}: ${f.flow}`),
    errors: [{ line: 9, column: 7, endColumn: 7 + f.key.length, message: `"${f.key}" has no effect in container "app"` }],
    output: y(...HEAD, '  containers:', '    - name: app', '      image: app:1.0', '      securityContext:', ...indent(8, f.block)),
  };
}

/** A pod securityContext field in the pod spec: it moves into spec.securityContext. */
function inPodSpec(f: Field): InvalidCase {
  return {
    name: `${f.key} directly in the pod spec`,
    code: y(...HEAD, `  ${f.key}: ${f.flow}`, '  containers:', '    - name: app', '      image: app:1.0'),
    errors: [{ line: 6, column: 3, endColumn: 3 + f.key.length, message: `It belongs in the pod's securityContext` }],
    output: y(...HEAD, '  containers:', '    - name: app', '      image: app:1.0', '  securityContext:', ...indent(4, f.block)),
  };
}

/** A container-only field in the pod's securityContext: it moves into every container's. */
function containerOnlyAtPodLevel(f: Field): InvalidCase {
  return {
    name: `${f.key} in the pod's securityContext goes to every container`,
    code: y(...HEAD, '  securityContext:', '    runAsNonRoot: true', `    ${f.key}: ${f.flow}`, '  initContainers:', '    - name: init', '      image: init:1.0', '  containers:', '    - name: app', '      image: app:1.0'),
    errors: [{ line: 8, column: 5, endColumn: 5 + f.key.length, message: "each container's securityContext" }],
    output: y(
      ...HEAD,
      '  securityContext:',
      '    runAsNonRoot: true',
      '  initContainers:',
      '    - name: init',
      '      image: init:1.0',
      '      securityContext:',
      ...indent(8, f.block),
      '  containers:',
      '    - name: app',
      '      image: app:1.0',
      '      securityContext:',
      ...indent(8, f.block),
    ),
  };
}

/** A pod-only field in a container's securityContext: it moves to the pod's. */
function podOnlyInContainer(f: Field): InvalidCase {
  return {
    name: `${f.key} in a container's securityContext goes to the pod's`,
    code: y(...HEAD, '  containers:', '    - name: app', '      image: app:1.0', '      securityContext:', '        runAsNonRoot: true', `        ${f.key}: ${f.flow}`),
    errors: [{ line: 11, column: 9, endColumn: 9 + f.key.length, message: "the pod's securityContext (only the pod level has it)" }],
    output: y(...HEAD, '  containers:', '    - name: app', '      image: app:1.0', '      securityContext:', '        runAsNonRoot: true', '  securityContext:', ...indent(4, f.block)),
  };
}

/** A pod spec field written under a container: it moves to the pod spec. */
function podFieldUnderContainer(f: Field): InvalidCase {
  return {
    name: `${f.key} under a container goes to the pod spec`,
    code: y(...HEAD, '  containers:', '    - name: app', `      ${f.key}: ${f.flow}`, '      image: app:1.0'),
    errors: [{ line: 8, column: 7, endColumn: 7 + f.key.length, message: 'the pod spec (it applies to the whole pod)' }],
    output: y(...HEAD, '  containers:', '    - name: app', '      image: app:1.0', ...indent(2, f.block)),
  };
}

ruleTester('schema-misplaced-field', {
  valid: [
    {
      name: 'every field where it belongs',
      code: y(
        ...HEAD,
        '  hostNetwork: false',
        '  automountServiceAccountToken: false',
        '  securityContext:',
        '    runAsNonRoot: true',
        '    fsGroup: 2000',
        '    seccompProfile: {type: RuntimeDefault}',
        '  containers:',
        '    - name: app',
        '      image: app:1.0',
        '      securityContext:',
        '        runAsUser: 1000',
        '        capabilities: {drop: [ALL]}',
        '        allowPrivilegeEscalation: false',
      ),
    },
    { name: 'not a workload', code: y('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', 'data:', '  runAsUser: "0"') },
    {
      name: 'schema validation turned off',
      code: y(...HEAD, '  containers:', '    - name: app', '      image: app:1.0', '      runAsNonRoot: true'),
      options: { schema: { enable: false } },
    },
  ],
  invalid: [
    ...CONTAINER_SC.map(underContainer),
    ...POD_SC.map(inPodSpec),
    ...CONTAINER_ONLY.map(containerOnlyAtPodLevel),
    ...POD_ONLY.map(podOnlyInContainer),
    ...POD_SPEC.map(podFieldUnderContainer),
    {
      name: 'the seed example: runAsNonRoot and capabilities directly under a Deployment container, flow style kept',
      code: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  selector: {matchLabels: {app: web}}',
        '  template:',
        '    metadata: {labels: {app: web}}',
        '    spec:',
        '      containers:',
        '      - name: web # the web tier',
        '        image: nginx:1.27',
        '        runAsNonRoot: true',
        '        capabilities: {drop: [ALL]}',
        '        ports:',
        '        - containerPort: 8080',
      ),
      errors: [
        { line: 13, column: 9, endLine: 13, endColumn: 21, message: 'Kubernetes drops it, so the container may run as root' },
        { line: 14, column: 9, endLine: 14, endColumn: 21, message: "the container keeps the runtime's default capabilities" },
      ],
      output: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  selector: {matchLabels: {app: web}}',
        '  template:',
        '    metadata: {labels: {app: web}}',
        '    spec:',
        '      containers:',
        '      - name: web # the web tier',
        '        image: nginx:1.27',
        '        ports:',
        '        - containerPort: 8080',
        '        securityContext:',
        '          runAsNonRoot: true',
        '          capabilities:',
        '            drop:',
        '            - ALL',
      ),
    },
    {
      name: 'the last key of a flow-style container moves into a new flow securityContext',
      code: y(...HEAD, '  containers:', '  - {name: app, image: app:1.0, runAsUser: 1000}'),
      errors: [{ line: 7, column: 33, endColumn: 42 }],
      output: y(...HEAD, '  containers:', '  - {name: app, image: app:1.0, securityContext: {runAsUser: 1000}}'),
    },
    {
      name: 'securityContext under the pod template metadata merges into the existing pod securityContext',
      code: y(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: c}',
        'spec:',
        '  schedule: "0 * * * *"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        metadata:',
        '          securityContext:',
        '            runAsNonRoot: true',
        '            fsGroup: 2000',
        '        spec:',
        '          restartPolicy: Never',
        '          securityContext:',
        '            fsGroup: 2000',
        '          containers:',
        '          - {name: job, image: job:1}',
      ),
      errors: [{ line: 10, column: 11, endColumn: 26, message: 'spec.jobTemplate.spec.template.metadata of the CronJob' }],
      output: y(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: c}',
        'spec:',
        '  schedule: "0 * * * *"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        metadata: {}',
        '        spec:',
        '          restartPolicy: Never',
        '          securityContext:',
        '            fsGroup: 2000',
        '            runAsNonRoot: true',
        '          containers:',
        '          - {name: job, image: job:1}',
      ),
    },
    {
      name: 'securityContext in the Deployment spec instead of the pod template spec',
      code: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web}',
        'spec:',
        '  securityContext:',
        '    runAsNonRoot: true',
        '  selector: {matchLabels: {app: web}}',
        '  template:',
        '    metadata: {labels: {app: web}}',
        '    spec:',
        '      containers:',
        '      - {name: web, image: web:1}',
      ),
      errors: [{ line: 5, column: 3, endColumn: 18, message: 'spec of the Deployment' }],
      output: y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web}',
        'spec:',
        '  selector: {matchLabels: {app: web}}',
        '  template:',
        '    metadata: {labels: {app: web}}',
        '    spec:',
        '      containers:',
        '      - {name: web, image: web:1}',
        '      securityContext:',
        '        runAsNonRoot: true',
      ),
    },
    {
      name: 'privileged: true misplaced at pod level: the preferred fix removes it (moving would make containers privileged)',
      code: y(...HEAD, '  privileged: true', '  containers:', '    - name: app', '      image: app:1.0'),
      errors: [{ line: 6, column: 3, endColumn: 13, message: "It belongs in each container's securityContext" }],
      output: y(...HEAD, '  containers:', '    - name: app', '      image: app:1.0'),
    },
    {
      name: 'already set where it applies: only the ignored copy is removed, the effective value stays',
      code: y(...HEAD, '  containers:', '    - name: app', '      image: app:1.0', '      runAsUser: 0', '      securityContext:', '        runAsUser: 1000'),
      errors: [{ line: 9, column: 7, endColumn: 16, message: 'already sets it, and that value applies' }],
      output: y(...HEAD, '  containers:', '    - name: app', '      image: app:1.0', '      securityContext:', '        runAsUser: 1000'),
    },
  ],
});
