// Generated workloads for the fix-safety properties: every pod-spec kind, insecure and secure
// settings in many combinations, written in the styles people use (2 or 4 spaces, indentless or
// indented sequences, flow maps, comments, CRLF). The renderer is written here, not taken from a
// YAML library, so that the text looks hand-written.
import fc from 'fast-check';

type Value = string | number | boolean | null | Value[] | { [k: string]: Value };
type Obj = { [k: string]: Value };

export interface Style {
  indent: 2 | 4;
  indentlessSeq: boolean;
  /** Small maps (securityContext, resources...) in flow style. */
  flowLeaves: boolean;
  comments: boolean;
  crlf: boolean;
}

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const containerSecurity = fc.record(
  {
    privileged: fc.boolean(),
    allowPrivilegeEscalation: fc.boolean(),
    readOnlyRootFilesystem: fc.boolean(),
    runAsNonRoot: fc.boolean(),
    runAsUser: fc.constantFrom(0, 1000, 65534),
    capabilities: fc.record({ add: fc.subarray(['NET_ADMIN', 'SYS_ADMIN', 'NET_RAW', 'CHOWN']), drop: fc.subarray(['ALL', 'NET_RAW']) }, { requiredKeys: [] }),
    seccompProfile: fc.constantFrom<Value>({ type: 'RuntimeDefault' }, { type: 'Unconfined' }),
    procMount: fc.constantFrom('Default', 'Unmasked'),
  },
  { requiredKeys: [] },
);

const container = (name: string) =>
  fc.record(
    {
      name: fc.constant(name),
      image: fc.constantFrom('nginx', 'nginx:latest', 'nginx:1.25', 'docker.io/library/nginx:1.25', 'k8s.gcr.io/pause:3.9', 'quay.io/app/api@sha256:' + 'a'.repeat(64)),
      imagePullPolicy: fc.constantFrom('Always', 'IfNotPresent'),
      args: fc.constantFrom<Value>(['--port=8080'], ['--password=hunter2', '--verbose'], ['--token', 'abc123secret']),
      env: fc.constantFrom<Value>([{ name: 'MODE', value: 'prod' }], [{ name: 'DB_PASSWORD', value: 'hunter2' }], [{ name: 'API_KEY', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }]),
      ports: fc.constantFrom<Value>([{ containerPort: 8080 }], [{ containerPort: 80, hostPort: 80 }]),
      resources: fc.constantFrom<Value>({}, { limits: { cpu: '500m', memory: '128Mi' } }, { requests: { cpu: '100m' } }),
      securityContext: containerSecurity,
      livenessProbe: fc.constant<Value>({ httpGet: { path: '/healthz', port: 8080 } }),
    },
    { requiredKeys: ['name', 'image'] },
  );

const podSpec = fc.record(
  {
    hostNetwork: fc.boolean(),
    hostPID: fc.boolean(),
    hostIPC: fc.boolean(),
    automountServiceAccountToken: fc.boolean(),
    serviceAccountName: fc.constantFrom('default', 'web'),
    securityContext: fc.record(
      { runAsNonRoot: fc.boolean(), runAsUser: fc.constantFrom(0, 1000), fsGroup: fc.constantFrom(0, 2000), seccompProfile: fc.constantFrom<Value>({ type: 'RuntimeDefault' }, { type: 'Unconfined' }), sysctls: fc.constant<Value>([{ name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'net.core.somaxconn', value: '1024' }]) },
      { requiredKeys: [] },
    ),
    containers: fc.tuple(container('app'), optional(container('sidecar'))).map(([a, b]) => (b ? [a, b] : [a])),
    initContainers: optional(container('init').map((c) => [c])),
    volumes: fc.constantFrom<Value>([{ name: 'data', emptyDir: {} }], [{ name: 'host', hostPath: { path: '/var/run/docker.sock' } }]),
  },
  { requiredKeys: ['containers'] },
);

const KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'] as const;

function wrap(kind: (typeof KINDS)[number], spec: Obj, name: string): Obj {
  const meta = { name, namespace: 'apps', labels: { app: name } };
  const template: Obj = { metadata: { labels: { app: name } }, spec };
  const api = kind === 'Pod' ? 'v1' : kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
  const head: Obj = { apiVersion: api, kind, metadata: meta };
  switch (kind) {
    case 'Pod':
      return { ...head, spec };
    case 'Job':
      return { ...head, spec: { template: { ...template, spec: { ...spec, restartPolicy: 'Never' } } } };
    case 'CronJob':
      return { ...head, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { ...template, spec: { ...spec, restartPolicy: 'OnFailure' } } } } } };
    default:
      return { ...head, spec: { selector: { matchLabels: { app: name } }, template } };
  }
}

export const styleArb: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom<2 | 4>(2, 4),
  indentlessSeq: fc.boolean(),
  flowLeaves: fc.boolean(),
  comments: fc.boolean(),
  crlf: fc.boolean(),
});

/** A workload manifest (one or two documents) in a random style. */
export const workloadArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...KINDS), podSpec, styleArb, fc.boolean(), fc.constantFrom(...KINDS))
  .map(([kind, spec, style, two, kind2]) => {
    const docs = [wrap(kind, spec as Obj, 'web')];
    if (two) docs.push(wrap(kind2, { containers: [{ name: 'b', image: 'busybox', securityContext: { privileged: true } }] }, 'other'));
    return render(docs, style);
  });

const SCALAR_KEY = /^[A-Za-z_][\w./-]*$/;

function scalar(v: Value): string {
  if (typeof v === 'string') return /^[A-Za-z0-9_./@:=-]+$/.test(v) && !/^(true|false|yes|no|on|off|null|~|\d.*)$/i.test(v) && !v.includes(': ') ? v : JSON.stringify(v);
  return String(v);
}

function flow(v: Value): string {
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}: ${flow(x)}`).join(', ')}}`;
  return scalar(v);
}

const isLeafMap = (v: Value): boolean => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => x === null || typeof x !== 'object');

function block(v: Obj, indent: number, s: Style, lines: string[], path: string): void {
  const pad = ' '.repeat(indent);
  for (const [k, x] of Object.entries(v)) {
    if (!SCALAR_KEY.test(k)) throw new Error(`odd key ${k}`);
    const comment = s.comments && (k === 'securityContext' || k === 'containers' || k === 'image') ? `  # ${path}${k}` : '';
    if (Array.isArray(x)) {
      if (x.length === 0) lines.push(`${pad}${k}: []${comment}`);
      else {
        lines.push(`${pad}${k}:${comment}`);
        const dash = s.indentlessSeq ? indent : indent + s.indent;
        for (const item of x) {
          if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0) {
            const sub: string[] = [];
            block(item, dash + 2, s, sub, `${path}${k}[].`);
            sub[0] = `${' '.repeat(dash)}- ${sub[0].slice(dash + 2)}`;
            lines.push(...sub);
          } else lines.push(`${' '.repeat(dash)}- ${flow(item)}`);
        }
      }
    } else if (x !== null && typeof x === 'object') {
      if (Object.keys(x).length === 0 || (s.flowLeaves && isLeafMap(x))) lines.push(`${pad}${k}: ${flow(x)}${comment}`);
      else {
        lines.push(`${pad}${k}:${comment}`);
        block(x, indent + s.indent, s, lines, `${path}${k}.`);
      }
    } else lines.push(`${pad}${k}: ${scalar(x)}${comment}`);
  }
}

export function render(docs: Obj[], s: Style): string {
  const out: string[] = [];
  docs.forEach((d, i) => {
    if (i > 0 || s.comments) out.push('---');
    if (s.comments) out.push(`# document ${i + 1}`);
    block(d, 0, s, out, '');
  });
  return out.join(s.crlf ? '\r\n' : '\n') + (s.crlf ? '\r\n' : '\n');
}
