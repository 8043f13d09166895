// Effective permissions of a ServiceAccount: the RoleBindings and ClusterRoleBindings of the
// workspace that name it (directly or through the system:serviceaccounts groups), the roles they
// bind (with aggregated ClusterRoles expanded one level, built-in ClusterRoles approximated), and a
// reading of their rules as capabilities ("can read all secrets"). Used by the hover on
// serviceAccountName and by rbac-workload-permissions.
import { factsOf } from './extractor';
import type { Loc, ObjectFacts } from './facts';
import { compareByPlace, sameNamespace, shortPlace, type WorkspaceGraph } from './graph';
import { roleBindingFacts, roleFacts, serviceAccountFacts, type PolicyRuleFacts, type SubjectFacts } from './k8s-facts';
import { groupMatches, joinWords, resourceMatches, verbMatches } from './rbac-model';
import { matchesSelector } from './selectors';

const ZERO: Loc = { start: 0, end: 0, line: 0, character: 0, endLine: 0, endCharacter: 0 };
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];

function rule(apiGroups: string[], resources: string[], verbs: string[]): PolicyRuleFacts {
  return { apiGroups, resources, verbs, resourceNames: [], nonResourceURLs: [], loc: ZERO };
}

const VIEW_RESOURCES = [
  'pods', 'pods/log', 'pods/status', 'services', 'endpoints', 'configmaps', 'persistentvolumeclaims', 'replicationcontrollers',
  'serviceaccounts', 'deployments', 'daemonsets', 'replicasets', 'statefulsets', 'jobs', 'cronjobs', 'ingresses',
  'networkpolicies', 'horizontalpodautoscalers', 'poddisruptionbudgets',
];
const VIEW_GROUPS = ['', 'apps', 'batch', 'networking.k8s.io', 'autoscaling', 'policy'];
const EDIT = [
  rule(VIEW_GROUPS, VIEW_RESOURCES, READ),
  rule([''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services', 'configmaps', 'endpoints', 'persistentvolumeclaims', 'replicationcontrollers', 'serviceaccounts'], [...READ, ...WRITE]),
  rule([''], ['secrets'], READ),
  rule([''], ['serviceaccounts/token'], ['create']),
  rule(['apps'], ['deployments', 'daemonsets', 'replicasets', 'statefulsets'], [...READ, ...WRITE]),
  rule(['batch'], ['jobs', 'cronjobs'], [...READ, ...WRITE]),
  rule(['networking.k8s.io'], ['ingresses', 'networkpolicies'], [...READ, ...WRITE]),
];

/** The built-in user-facing ClusterRoles, approximated by their main rules. */
export const BUILTIN_CLUSTER_ROLES: Record<string, PolicyRuleFacts[]> = {
  'cluster-admin': [rule(['*'], ['*'], ['*'])],
  admin: [...EDIT, rule(['rbac.authorization.k8s.io'], ['roles', 'rolebindings'], [...READ, ...WRITE])],
  edit: EDIT,
  view: [rule(VIEW_GROUPS, VIEW_RESOURCES, READ)],
};

export function isBuiltinClusterRole(name: string): boolean {
  return name in BUILTIN_CLUSTER_ROLES || name.startsWith('system:');
}

export interface Grant {
  binding: ObjectFacts;
  subject: SubjectFacts;
  roleKind: string;
  roleName: string;
  /** The role object, when the workspace defines it. */
  role?: ObjectFacts;
  builtin: boolean;
  /** The role's rules, with those of aggregated ClusterRoles. */
  rules: PolicyRuleFacts[];
  /** Namespace the permissions hold in; undefined for a ClusterRoleBinding (every namespace). */
  namespace?: string;
}

function subjectNamesAccount(s: SubjectFacts, binding: ObjectFacts, ns: string, sa: string): boolean {
  if (s.kind === 'ServiceAccount') {
    if (s.name !== sa) return false;
    const subjectNs = s.namespace ?? (binding.kind === 'RoleBinding' ? binding.ns : undefined);
    return subjectNs !== undefined && sameNamespace(subjectNs, ns);
  }
  if (s.kind === 'Group') {
    if (s.name === 'system:serviceaccounts' || s.name === 'system:authenticated') return true;
    if (s.name.startsWith('system:serviceaccounts:')) return sameNamespace(s.name.slice('system:serviceaccounts:'.length), ns);
  }
  return false;
}

/** The rules of a role, with aggregated ClusterRoles expanded (one level) and built-ins approximated. */
export function rulesOfRole(graph: WorkspaceGraph, kind: string, name: string, ns: string | undefined): { role?: ObjectFacts; builtin: boolean; rules: PolicyRuleFacts[] } {
  const role = kind === 'Role' ? graph.named('Role', name, ns ?? '')[0] : graph.named('ClusterRole', name)[0];
  if (!role) {
    const builtin = kind === 'ClusterRole' ? BUILTIN_CLUSTER_ROLES[name] : undefined;
    return { builtin: !!builtin, rules: builtin ?? [] };
  }
  const f = factsOf(role, roleFacts);
  const rules = [...(f?.rules ?? [])];
  if (f?.aggregation?.length) {
    for (const other of graph.objects('ClusterRole')) {
      if (other === role || !f.aggregation.some((sel) => matchesSelector(sel, other.labels))) continue;
      rules.push(...(factsOf(other, roleFacts)?.rules ?? []));
    }
  }
  return { role, builtin: false, rules };
}

/** Every binding of the workspace that gives the ServiceAccount `sa` of namespace `ns` a role. */
export function grantsFor(graph: WorkspaceGraph, ns: string, sa: string): Grant[] {
  const out: Grant[] = [];
  const bindings = [...graph.objects('RoleBinding', ns), ...graph.objects('ClusterRoleBinding')];
  bindings.sort(compareByPlace);
  for (const binding of bindings) {
    const f = factsOf(binding, roleBindingFacts);
    if (!f?.roleRef) continue;
    const subject = f.subjects.find((s) => subjectNamesAccount(s, binding, ns, sa));
    if (!subject) continue;
    const roleNs = binding.kind === 'RoleBinding' ? binding.ns : undefined;
    const r = rulesOfRole(graph, f.roleRef.kind, f.roleRef.name, roleNs);
    out.push({
      binding,
      subject,
      roleKind: f.roleRef.kind,
      roleName: f.roleRef.name,
      role: r.role,
      builtin: r.builtin,
      rules: r.rules,
      namespace: binding.kind === 'RoleBinding' ? binding.ns ?? '' : undefined,
    });
  }
  return out;
}

export interface Capability {
  id: string;
  /** "can read all secrets" */
  text: string;
  /** Dangerous enough for rbac-workload-permissions to report. */
  dangerous: boolean;
}

interface Access {
  allowed: boolean;
  /** resourceNames the access is limited to; empty when it covers every object. */
  names: string[];
}

function access(rules: readonly PolicyRuleFacts[], groups: readonly string[], resources: readonly string[], verbs: readonly string[]): Access {
  let all = false;
  const names = new Set<string>();
  for (const r of rules) {
    if (!groups.some((g) => groupMatches(r.apiGroups, g))) continue;
    if (!resources.some((res) => r.resources.some((rr) => resourceMatches(rr, res)))) continue;
    if (!verbs.some((v) => verbMatches(r.verbs, v))) continue;
    if (r.resourceNames.length === 0) all = true;
    else r.resourceNames.forEach((n) => names.add(n));
  }
  return { allowed: all || names.size > 0, names: all ? [] : [...names] };
}

const WORKLOAD_GROUPS = ['', 'apps', 'batch'];
const WORKLOAD_RESOURCES = ['pods', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'replicationcontrollers'];

/** Reads a set of rules as capabilities, the dangerous ones first. */
export function capabilities(rules: readonly PolicyRuleFacts[]): Capability[] {
  if (rules.some((r) => r.apiGroups.includes('*') && r.resources.includes('*') && r.verbs.includes('*'))) {
    return [{ id: 'all', text: 'can do anything (every verb on every resource)', dangerous: true }];
  }
  const out: Capability[] = [];
  const add = (id: string, a: Access, all: string, some: (names: string) => string, dangerous = true) => {
    if (a.allowed) out.push({ id, text: a.names.length ? some(a.names.join(', ')) : all, dangerous });
  };
  add('secrets-read', access(rules, [''], ['secrets'], READ), 'can read all secrets', (n) => `can read the secrets ${n}`);
  add('create-pods', access(rules, WORKLOAD_GROUPS, WORKLOAD_RESOURCES, ['create']), 'can create pods and workloads (and so run as any ServiceAccount of the namespace)', (n) => `can create the workloads ${n}`);
  add('exec', access(rules, [''], ['pods/exec', 'pods/attach'], ['create', 'get']), 'can exec into and attach to pods', (n) => `can exec into the pods ${n}`);
  add('portforward', access(rules, [''], ['pods/portforward'], ['create', 'get']), 'can port-forward to pods', (n) => `can port-forward to the pods ${n}`);
  add('impersonate', access(rules, ['', 'authentication.k8s.io'], ['users', 'groups', 'serviceaccounts'], ['impersonate']), 'can impersonate users, groups and ServiceAccounts', (n) => `can impersonate ${n}`);
  add('escalate', access(rules, ['rbac.authorization.k8s.io'], ['roles', 'clusterroles'], ['escalate', 'bind']), 'can bind and escalate roles', (n) => `can bind or escalate the roles ${n}`);
  add('token', access(rules, [''], ['serviceaccounts/token'], ['create']), 'can create tokens for other ServiceAccounts', (n) => `can create tokens for the ServiceAccounts ${n}`);
  add('rbac-write', access(rules, ['rbac.authorization.k8s.io'], ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'], WRITE), 'can create and change Roles and RoleBindings', (n) => `can change the RBAC objects ${n}`);
  add('nodes-proxy', access(rules, [''], ['nodes/proxy'], ['get', 'create']), 'can reach the kubelet API through nodes/proxy', (n) => `can reach the kubelet of ${n}`);
  add('csr-approve', access(rules, ['certificates.k8s.io'], ['certificatesigningrequests/approval'], ['update', 'patch']), 'can approve certificate signing requests', (n) => `can approve the CSRs ${n}`);
  add('webhooks', access(rules, ['admissionregistration.k8s.io'], ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'], WRITE), 'can change admission webhooks', (n) => `can change the webhooks ${n}`);
  add('pv-create', access(rules, [''], ['persistentvolumes'], ['create']), 'can create PersistentVolumes (hostPath included)', (n) => `can create the PersistentVolumes ${n}`);
  add('secrets-write', access(rules, [''], ['secrets'], WRITE), 'can create and change secrets', (n) => `can change the secrets ${n}`, false);
  // Whatever else the rules allow, one line per rule.
  for (const r of rules) {
    if (r.nonResourceURLs.length && !r.resources.length) {
      out.push({ id: 'urls', text: `can ${joinWords(r.verbs)} ${joinWords(r.nonResourceURLs)}`, dangerous: false });
      continue;
    }
    if (!r.resources.length || !r.verbs.length) continue;
    const covered = r.resources.every((res) => ['secrets', 'pods/exec', 'pods/attach', 'pods/portforward', 'serviceaccounts/token', 'nodes/proxy'].includes(res));
    if (covered) continue;
    const names = r.resourceNames.length ? ` (only ${r.resourceNames.join(', ')})` : '';
    out.push({ id: 'rule', text: `can ${joinWords(r.verbs.includes('*') ? ['do anything'] : r.verbs)} ${joinWords(r.resources)}${names}`, dangerous: false });
  }
  return out;
}

export interface PermissionLine {
  text: string;
  dangerous: boolean;
  grant: Grant;
}

/** "in namespace production" / "in every namespace" */
export function grantScope(g: Grant): string {
  if (g.namespace === undefined) return 'in every namespace';
  return g.namespace ? `in namespace ${g.namespace}` : 'in its namespace';
}

/** "via RoleBinding read-all -> Role secret-reader (rbac.yaml:12)" */
export function grantVia(graph: WorkspaceGraph, g: Grant, currentFile?: string): string {
  let where: string;
  if (g.role) {
    const loc = graph.location(g.role, undefined, 'line');
    where = ` (${loc.file === currentFile ? `line ${loc.line + 1}` : shortPlace(loc)})`;
  } else where = g.builtin ? ' (built-in)' : ` (not in ${graph.scope})`;
  return `via ${g.binding.kind} ${g.binding.name ?? '(unnamed)'} -> ${g.roleKind} ${g.roleName}${where}`;
}

/** One sentence per capability and binding; `currentFile` makes places in that file read "line N". */
export function describePermissions(graph: WorkspaceGraph, ns: string, sa: string, currentFile?: string): PermissionLine[] {
  const out: PermissionLine[] = [];
  for (const g of grantsFor(graph, ns, sa)) {
    for (const c of capabilities(g.rules)) out.push({ text: `${c.text} ${grantScope(g)}, ${grantVia(graph, g, currentFile)}`, dangerous: c.dangerous, grant: g });
  }
  return out;
}

/** Markdown for a hover on the serviceAccountName (or serviceAccount) value at `offset` of `file`. */
export function serviceAccountHover(graph: WorkspaceGraph, file: string, offset: number): string | undefined {
  const obj = graph.objectsIn(file).find((o) => {
    const l = o.pod?.serviceAccountLoc;
    return l && offset >= o.doc.offset + l.start && offset <= o.doc.offset + l.end;
  });
  if (!obj?.pod) return undefined;
  return serviceAccountSummary(graph, obj);
}

/** Markdown describing the account a workload runs as and what it can do. */
export function serviceAccountSummary(graph: WorkspaceGraph, workload: ObjectFacts): string | undefined {
  const pod = workload.pod;
  if (!pod) return undefined;
  const ns = workload.ns ?? '';
  const sa = pod.serviceAccount;
  const lines: string[] = [];
  lines.push(`**ServiceAccount \`${sa}\`**${ns ? ` in namespace \`${ns}\`` : ''}`);
  const account = graph.named('ServiceAccount', sa, ns)[0];
  if (account) lines.push('', `Defined at ${shortPlace(graph.location(account))}.`);
  else if (sa !== 'default') lines.push('', `Not defined in ${graph.scope}.`);
  const accountAutomount = account ? factsOf(account, serviceAccountFacts)?.automount : undefined;
  const mounted = pod.automountToken ?? accountAutomount ?? true;
  const why = pod.automountToken !== undefined ? 'set in the pod spec' : accountAutomount !== undefined ? 'set on the ServiceAccount' : 'the default';
  lines.push('', mounted ? `Its token is mounted into the pods (${why}).` : `Its token is not mounted into the pods (${why}).`);
  const perms = describePermissions(graph, ns, sa, workload.doc.file);
  if (perms.length === 0) {
    lines.push('', `No RoleBinding or ClusterRoleBinding in ${graph.scope} grants it anything.`);
  } else {
    lines.push('', `From the bindings in ${graph.scope}, the pods:`, '');
    for (const p of perms) lines.push(`- ${p.dangerous ? '**' : ''}${p.text}${p.dangerous ? '**' : ''}`);
  }
  return lines.join('\n');
}
