// Deterministic generator of the benchmark inputs: multi-document manifests of about 1,000, 10,000
// and 50,000 lines, a tree of 2,000 files for the CLI and a workspace of 5,000 files for indexing.
// The same seed gives the same bytes on every machine. The mix is what a rendered chart or a
// GitOps repository holds: per application a ServiceAccount, ConfigMap, Secret, a workload
// (Deployment, StatefulSet, DaemonSet or CronJob with init containers), Service, Ingress, RBAC,
// NetworkPolicy and Istio objects; about a third of the applications are insecure in varied ways.
// `npm run bench` writes them to bench/.generated (git-ignored); `npm run bench -- --generate`
// only generates.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Bumped whenever the output changes, so cached inputs are regenerated. */
export const GENERATOR_VERSION = 4;

export const SIZES = [1_000, 10_000, 50_000] as const;
export const TREE_FILES = 2_000;
export const WORKSPACE_FILES = 5_000;

/** mulberry32: small, fast and deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ['payments', 'checkout', 'search', 'identity', 'catalog', 'ledger', 'notify', 'media', 'analytics', 'platform'];
const WORDS = ['api', 'worker', 'gateway', 'cache', 'indexer', 'scheduler', 'frontend', 'backend', 'exporter', 'sync', 'auth', 'store'];
const IMAGES = [
  'registry.example.com/{team}/{name}:1.{n}.0',
  'registry.example.com/{team}/{name}@sha256:{digest}',
  'docker.io/library/nginx:1.27',
  'ghcr.io/example/{name}:latest',
  'quay.io/example/{name}:v2.{n}',
];

class Writer {
  readonly lines: string[] = [];
  constructor(private readonly r: () => number) {}
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  push(indent: number, ...lines: string[]): void {
    const pad = ' '.repeat(indent);
    for (const l of lines) this.lines.push(pad + l);
  }
  doc(): void {
    this.lines.push('---');
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(this.r() * 16)];
    return s;
  }
}

interface App {
  team: string;
  ns: string;
  name: string;
  sa: string;
  secure: boolean;
  n: number;
}

function meta(w: Writer, app: App, name: string, extraLabels = true): void {
  w.push(0, 'metadata:');
  w.push(2, `name: ${name}`, `namespace: ${app.ns}`, 'labels:');
  w.push(4, `app.kubernetes.io/name: ${app.name}`, `app.kubernetes.io/part-of: ${app.team}`);
  if (extraLabels) w.push(4, `app.kubernetes.io/version: "1.${app.n % 40}.0"`, 'app.kubernetes.io/managed-by: helm');
}

function image(w: Writer, app: App): string {
  return w
    .pick(IMAGES)
    .replace('{team}', app.team)
    .replace('{name}', app.name)
    .replace('{n}', String(app.n % 30))
    .replace('{digest}', w.hex(64));
}

function container(w: Writer, app: App, indent: number, name: string, init = false): void {
  w.push(indent, `- name: ${name}`);
  const i = indent + 2;
  w.push(i, `image: ${image(w, app)}`);
  if (w.chance(0.5)) w.push(i, `imagePullPolicy: ${w.pick(['IfNotPresent', 'Always'])}`);
  if (init) {
    w.push(i, 'command: ["sh", "-c", "until nc -z db 5432; do sleep 2; done"]');
  } else {
    w.push(i, 'args:');
    w.push(i, `- --port=${8000 + (app.n % 100)}`, `- --log-level=${w.pick(['info', 'debug', 'warn'])}`);
    if (!app.secure && w.chance(0.3)) w.push(i, `- --db-password=s3cr3t-${w.hex(8)}`);
    w.push(i, 'ports:');
    w.push(i, `- name: http`, `  containerPort: ${8000 + (app.n % 100)}`, '  protocol: TCP');
    w.push(i, 'env:');
    w.push(i, '- name: LOG_FORMAT', '  value: json');
    w.push(i, '- name: CONFIG_MODE', '  valueFrom:', '    configMapKeyRef:', `      name: ${app.name}-config`, '      key: mode');
    w.push(i, '- name: DB_PASSWORD', '  valueFrom:', '    secretKeyRef:', `      name: ${app.name}-secret`, '      key: password');
    if (!app.secure && w.chance(0.4)) w.push(i, '- name: API_TOKEN', `  value: "tok_${w.hex(24)}"`);
    w.push(i, 'readinessProbe:', '  httpGet:', '    path: /healthz', '    port: http', '  periodSeconds: 10');
    w.push(i, 'livenessProbe:', '  httpGet:', '    path: /livez', '    port: http', `  initialDelaySeconds: ${w.int(5, 30)}`);
  }
  if (app.secure || w.chance(0.5)) {
    w.push(i, 'resources:', '  requests:', `    cpu: ${w.int(1, 9) * 50}m`, `    memory: ${w.int(1, 8) * 64}Mi`);
    w.push(i, '  limits:', `    cpu: "${w.int(1, 4)}"`, `    memory: ${w.int(2, 16) * 64}Mi`);
  }
  if (app.secure) {
    w.push(i, 'securityContext:', '  allowPrivilegeEscalation: false', '  readOnlyRootFilesystem: true', '  runAsNonRoot: true');
    w.push(i, `  runAsUser: ${10000 + (app.n % 1000)}`, '  capabilities:', '    drop: ["ALL"]', '  seccompProfile:', '    type: RuntimeDefault');
  } else {
    const bad = w.int(0, 4);
    if (bad === 0) w.push(i, 'securityContext:', '  privileged: true');
    else if (bad === 1) w.push(i, 'securityContext:', '  runAsUser: 0', '  capabilities:', '    add: ["NET_ADMIN", "SYS_ADMIN"]');
    else if (bad === 2) w.push(i, 'securityContext:', '  allowPrivilegeEscalation: true', '  readOnlyRootFilesystem: false');
    else if (bad === 3) w.push(i, 'runAsNonRoot: true # misplaced: Kubernetes ignores it here');
    // bad === 4: no securityContext at all
  }
  w.push(i, 'volumeMounts:', '- name: config', '  mountPath: /etc/app', '  readOnly: true', '- name: tmp', '  mountPath: /tmp');
}

function podSpec(w: Writer, app: App, indent: number, opts: { init?: boolean; restart?: string; hostPath?: boolean }): void {
  const p = indent;
  w.push(p, `serviceAccountName: ${app.sa}`);
  if (opts.restart) w.push(p, `restartPolicy: ${opts.restart}`);
  if (app.secure) {
    w.push(p, 'automountServiceAccountToken: false', 'securityContext:', '  runAsNonRoot: true', '  fsGroup: 2000', '  seccompProfile:', '    type: RuntimeDefault');
  } else if (w.chance(0.4)) {
    w.push(p, w.pick(['hostNetwork: true', 'hostPID: true', 'hostIPC: true']));
  }
  w.push(p, 'nodeSelector:', '  kubernetes.io/os: linux');
  if (w.chance(0.3)) w.push(p, 'tolerations:', '- key: dedicated', '  operator: Equal', `  value: ${app.team}`, '  effect: NoSchedule');
  if (opts.init) {
    w.push(p, 'initContainers:');
    container(w, app, p, 'wait-for-db', true);
    if (w.chance(0.5)) container(w, app, p, 'migrate', true);
  }
  w.push(p, 'containers:');
  container(w, app, p, app.name);
  if (w.chance(0.25)) container(w, app, p, `${app.name}-sidecar`);
  w.push(p, 'volumes:', '- name: config', '  configMap:', `    name: ${app.name}-config`, '- name: tmp', '  emptyDir: {}');
  if (opts.hostPath) w.push(p, '- name: varlog', '  hostPath:', `    path: ${app.secure ? '/var/log/app' : w.pick(['/var/run/docker.sock', '/', '/etc'])}`);
}

function podTemplate(w: Writer, app: App, indent: number, opts: { init?: boolean; restart?: string; hostPath?: boolean }): void {
  w.push(indent, 'template:', '  metadata:', '    labels:', `      app: ${app.name}`, `      team: ${app.team}`);
  if (w.chance(0.5)) w.push(indent + 4, 'annotations:', `  sidecar.istio.io/inject: "${app.secure || w.chance(0.5) ? 'true' : 'false'}"`);
  w.push(indent, '  spec:');
  podSpec(w, app, indent + 4, opts);
}

function workload(w: Writer, app: App): void {
  const kind = w.pick(['Deployment', 'Deployment', 'Deployment', 'StatefulSet', 'DaemonSet', 'CronJob']);
  w.doc();
  if (kind === 'CronJob') {
    w.push(0, 'apiVersion: batch/v1', 'kind: CronJob');
    meta(w, app, app.name);
    w.push(0, 'spec:', `  schedule: "${w.int(0, 59)} ${w.int(0, 23)} * * *"`, '  concurrencyPolicy: Forbid', '  jobTemplate:', '    spec:', '      backoffLimit: 2');
    podTemplate(w, app, 6, { init: true, restart: 'OnFailure' });
    return;
  }
  w.push(0, 'apiVersion: apps/v1', `kind: ${kind}`);
  meta(w, app, app.name);
  w.push(0, 'spec:');
  if (kind !== 'DaemonSet') w.push(2, `replicas: ${w.int(1, 6)}`);
  if (kind === 'StatefulSet') w.push(2, `serviceName: ${app.name}`);
  w.push(2, 'selector:', '  matchLabels:', `    app: ${app.name}`);
  podTemplate(w, app, 2, { init: kind === 'StatefulSet' || w.chance(0.3), hostPath: kind === 'DaemonSet' });
  if (kind === 'StatefulSet') {
    w.push(2, 'volumeClaimTemplates:', '- metadata:', '    name: data', '  spec:', '    accessModes: ["ReadWriteOnce"]', '    resources:', '      requests:', `        storage: ${w.int(1, 50)}Gi`);
  }
}

function app(w: Writer, a: App): void {
  if (w.chance(0.3)) w.push(0, `# ${a.team}/${a.name}: rendered from chart ${a.team}-${a.name} ${a.n % 7}.${a.n % 13}.0`);
  // ServiceAccount (apps on the namespace's default account have none of their own)
  if (a.sa !== 'default') {
    w.doc();
    w.push(0, 'apiVersion: v1', 'kind: ServiceAccount');
    meta(w, a, a.sa, false);
    if (a.secure) w.push(0, 'automountServiceAccountToken: false');
  }
  // ConfigMap with a block scalar
  w.doc();
  w.push(0, 'apiVersion: v1', 'kind: ConfigMap');
  meta(w, a, `${a.name}-config`);
  w.push(0, 'data:', '  mode: production', '  app.yaml: |');
  for (let i = 0, n = w.int(3, 12); i < n; i++) w.push(4, `${w.pick(WORDS)}_${i}: ${w.pick(['true', 'false', String(w.int(1, 999)), `"${w.pick(WORDS)}"`])}`);
  // Secret
  w.doc();
  w.push(0, 'apiVersion: v1', 'kind: Secret');
  meta(w, a, `${a.name}-secret`, false);
  w.push(0, 'type: Opaque', 'stringData:', `  password: ${a.secure ? 'replaced-by-external-secrets' : `p4ss-${w.hex(12)}`}`);
  workload(w, a);
  // Service
  w.doc();
  w.push(0, 'apiVersion: v1', 'kind: Service');
  meta(w, a, a.name);
  const type = a.secure ? 'ClusterIP' : w.pick(['ClusterIP', 'NodePort', 'LoadBalancer']);
  w.push(0, 'spec:', `  type: ${type}`, '  selector:', `    app: ${a.name}`, '  ports:', '  - name: http', '    port: 80', '    targetPort: http');
  if (w.chance(0.4)) {
    w.doc();
    w.push(0, 'apiVersion: networking.k8s.io/v1', 'kind: Ingress');
    meta(w, a, a.name, false);
    w.push(0, 'spec:', '  ingressClassName: nginx');
    if (a.secure) w.push(2, 'tls:', `- hosts: ["${a.name}.${a.team}.example.com"]`, `  secretName: ${a.name}-tls`);
    w.push(2, 'rules:', `- host: ${a.name}.${a.team}.example.com`, '  http:', '    paths:', '    - path: /', '      pathType: Prefix');
    w.push(6, '  backend:', '    service:', `      name: ${a.name}`, '      port:', '        name: http');
  }
  // RBAC
  w.doc();
  w.push(0, 'apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role');
  meta(w, a, `${a.name}-reader`, false);
  w.push(0, 'rules:');
  if (a.secure) w.push(0, '- apiGroups: [""]', '  resources: ["configmaps"]', `  resourceNames: ["${a.name}-config"]`, '  verbs: ["get", "watch"]');
  else w.push(0, `- apiGroups: ["${w.pick(['', '*'])}"]`, `  resources: ["${w.pick(['secrets', '*', 'pods/exec'])}"]`, `  verbs: ["${w.pick(['get', '*', 'create'])}", "list"]`);
  w.doc();
  w.push(0, 'apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding');
  meta(w, a, `${a.name}-reader`, false);
  w.push(0, 'roleRef:', '  apiGroup: rbac.authorization.k8s.io', '  kind: Role', `  name: ${a.name}-reader`);
  w.push(0, 'subjects:', '- kind: ServiceAccount', `  name: ${a.sa}`, `  namespace: ${a.ns}`);
  // NetworkPolicy
  w.doc();
  w.push(0, 'apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy');
  meta(w, a, `${a.name}-ingress`, false);
  w.push(0, 'spec:', '  podSelector:', '    matchLabels:', `      app: ${a.name}`, '  policyTypes: ["Ingress", "Egress"]');
  if (a.secure) {
    w.push(2, 'ingress:', '- from:', '  - namespaceSelector:', '      matchLabels:', '        kubernetes.io/metadata.name: istio-ingress', '  ports:', '  - port: 8080');
    w.push(2, 'egress:', '- to:', '  - podSelector:', '      matchLabels:', '        app: postgres', '  ports:', '  - port: 5432');
  } else {
    w.push(2, 'ingress:', '- {}', 'egress:', '- to:', '  - ipBlock:', '      cidr: 0.0.0.0/0');
  }
  // Istio
  if (w.chance(0.5)) {
    w.doc();
    w.push(0, 'apiVersion: security.istio.io/v1', 'kind: AuthorizationPolicy');
    meta(w, a, a.name, false);
    w.push(0, 'spec:', '  selector:', '    matchLabels:', `      app: ${a.name}`, `  action: ${a.secure ? 'ALLOW' : w.pick(['ALLOW', 'DENY'])}`, '  rules:');
    if (a.secure) w.push(2, '- from:', '  - source:', `      principals: ["cluster.local/ns/${a.ns}/sa/frontend"]`, '  to:', '  - operation:', '      methods: ["GET"]', '      paths: ["/api/*"]');
    else w.push(2, '- {}');
  }
  if (w.chance(0.4)) {
    w.doc();
    w.push(0, 'apiVersion: networking.istio.io/v1', 'kind: DestinationRule');
    meta(w, a, a.name, false);
    w.push(0, 'spec:', `  host: ${a.name}.${a.ns}.svc.cluster.local`, '  trafficPolicy:', '    tls:', `      mode: ${a.secure ? 'ISTIO_MUTUAL' : w.pick(['DISABLE', 'SIMPLE', 'ISTIO_MUTUAL'])}`);
    w.push(4, 'connectionPool:', '  http:', `    http1MaxPendingRequests: ${w.int(10, 1000)}`);
  }
}

function namespaceDocs(w: Writer, team: string, secure: boolean, n: number): void {
  w.doc();
  w.push(0, 'apiVersion: v1', 'kind: Namespace', 'metadata:', `  name: ${team}`, '  labels:');
  w.push(4, `istio-injection: ${secure ? 'enabled' : 'disabled'}`, `pod-security.kubernetes.io/enforce: ${secure ? 'restricted' : 'baseline'}`);
  w.doc();
  w.push(0, 'apiVersion: security.istio.io/v1', 'kind: PeerAuthentication', 'metadata:', '  name: default', `  namespace: ${team}`);
  w.push(0, 'spec:', '  mtls:', `    mode: ${secure ? 'STRICT' : 'PERMISSIVE'}`);
  if (n % 2 === 0) {
    w.doc();
    w.push(0, 'apiVersion: networking.istio.io/v1', 'kind: Gateway', 'metadata:', `  name: ${team}-gateway`, `  namespace: ${team}`);
    w.push(0, 'spec:', '  selector:', '    istio: ingressgateway', '  servers:', '  - port:', `      number: ${secure ? 443 : 80}`);
    w.push(4, `  name: ${secure ? 'https' : 'http'}`, `  protocol: ${secure ? 'HTTPS' : 'HTTP'}`, `hosts: ["*.${team}.example.com"]`);
    if (secure) w.push(4, 'tls:', '  mode: SIMPLE', `  credentialName: ${team}-cert`);
  }
  w.doc();
  w.push(0, 'apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata:', '  name: default-deny', `  namespace: ${team}`);
  w.push(0, 'spec:', '  podSelector: {}', '  policyTypes: ["Ingress", "Egress"]');
}

function newApp(w: Writer, n: number): App {
  const team = TEAMS[n % TEAMS.length];
  const name = `${w.pick(WORDS)}-${n}`;
  return { team, ns: team, name, sa: w.chance(0.8) ? `${name}-sa` : 'default', secure: w.chance(0.65), n };
}

/** A multi-document manifest of at least `lines` lines (a rendered chart of many applications). */
export function manifest(lines: number, seed = 1): string {
  const w = new Writer(rng(seed));
  w.push(0, `# Generated by bench/generate.ts (seed ${seed}): ${lines} lines of Kubernetes and Istio objects.`);
  let n = 0;
  // Whole documents only: stop at the first document marker at or after the wanted line count.
  while (w.lines.lastIndexOf('---') < lines) {
    if (n % 25 === 0) namespaceDocs(w, TEAMS[(n / 25) % TEAMS.length], n % 50 === 0, n);
    app(w, newApp(w, n++));
  }
  return w.lines.slice(0, w.lines.indexOf('---', lines)).join('\n') + '\n';
}

/** A small file: one or a few related objects, as a repository keeps them. */
export function smallFile(seed: number, n: number): string {
  const w = new Writer(rng(seed * 7919 + n));
  const a = newApp(w, n);
  const shape = n % 5;
  if (shape === 0) app(w, a);
  else if (shape === 1) workload(w, a);
  else if (shape === 2) {
    workload(w, a);
    w.doc();
    w.push(0, 'apiVersion: v1', 'kind: Service');
    meta(w, a, a.name);
    w.push(0, 'spec:', '  selector:', `    app: ${a.name}`, '  ports:', '  - port: 80');
  } else if (shape === 3) namespaceDocs(w, `${a.team}-${n % 17}`, a.secure, n);
  else {
    w.doc();
    w.push(0, 'apiVersion: v1', 'kind: ConfigMap');
    meta(w, a, `${a.name}-config`);
    w.push(0, 'data:', '  mode: production');
    workload(w, a);
  }
  return w.lines.join('\n').replace(/^---\n/, '') + '\n';
}

export interface Generated {
  dir: string;
  manifests: Record<number, string>;
  tree: string;
  workspace: string;
}

/** Writes everything under `dir` unless it is already there for this generator version. */
export function generate(dir: string): Generated {
  const out: Generated = {
    dir,
    manifests: Object.fromEntries(SIZES.map((s) => [s, join(dir, `manifest-${s / 1000}k.yaml`)])),
    tree: join(dir, 'tree'),
    workspace: join(dir, 'workspace'),
  };
  const stampFile = join(dir, 'STAMP');
  const stamp = JSON.stringify({ GENERATOR_VERSION, SIZES, TREE_FILES, WORKSPACE_FILES });
  try {
    if (readFileSync(stampFile, 'utf8') === stamp) return out;
  } catch {
    // not generated yet
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const s of SIZES) writeFileSync(out.manifests[s], manifest(s, s));
  writeTree(out.tree, TREE_FILES, 2, 40);
  writeTree(out.workspace, WORKSPACE_FILES, 3, 100);
  writeFileSync(stampFile, stamp);
  return out;
}

function writeTree(root: string, files: number, seed: number, perDir: number): void {
  const made = new Set<string>();
  for (let i = 0; i < files; i++) {
    const d = join(root, TEAMS[i % TEAMS.length], `group-${Math.floor(i / perDir)}`);
    if (!made.has(d)) mkdirSync(d, { recursive: true });
    made.add(d);
    writeFileSync(join(d, `app-${String(i).padStart(5, '0')}.yaml`), smallFile(seed, i));
  }
}
