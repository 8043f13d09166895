// The Istio resource model: which API versions are served, the scope a policy applies to (mesh,
// namespace, workload), and where TLS settings and authorization conditions live inside each kind.
// Everything points at YAML nodes so findings keep exact ranges. Rules read settings through
// `istioRootNamespace`/`istioMinor`, never from globals.
import type { EffectiveSettings } from '../rule';
import type { FixBuilder } from '../fix';
import type { Edit } from '../types';
import {
  formatScalar,
  get,
  getMap,
  getPair,
  getSeq,
  getString,
  isMap,
  isScalar,
  isSeq,
  mapPairs,
  scalarValue,
  seqItems,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
  type YNode,
} from '../parse';
import { resourceAnchor, type Resource } from './resource';

export const SECURITY_GROUP = 'security.istio.io';
export const NETWORKING_GROUP = 'networking.istio.io';

/** Served versions per group (Istio 1.22+ serves v1 next to the older ones). */
export const SERVED_VERSIONS: Record<string, readonly string[]> = {
  [SECURITY_GROUP]: ['v1beta1', 'v1'],
  [NETWORKING_GROUP]: ['v1alpha3', 'v1beta1', 'v1'],
};

const KIND_GROUP: Record<string, string> = {
  PeerAuthentication: SECURITY_GROUP,
  AuthorizationPolicy: SECURITY_GROUP,
  RequestAuthentication: SECURITY_GROUP,
  DestinationRule: NETWORKING_GROUP,
  Gateway: NETWORKING_GROUP,
  ServiceEntry: NETWORKING_GROUP,
  VirtualService: NETWORKING_GROUP,
  Sidecar: NETWORKING_GROUP,
};

/** True for an Istio object of `kind` in one of the served API versions of its group. */
export function isIstio(resource: Resource, kind: string): boolean {
  const group = KIND_GROUP[kind];
  return resource.kind === kind && resource.group === group && SERVED_VERSIONS[group].includes(resource.version);
}

export const DEFAULT_ROOT_NAMESPACE = 'istio-system';
/** The newest Istio minor release whose behaviour the rules describe. */
export const LATEST_ISTIO_MINOR = 29;

/** The mesh's root namespace: `ruleOptions.istioRootNamespace`, else `istio-system`. */
export function istioRootNamespace(settings: EffectiveSettings): string {
  const v = settings.ruleOptions.istioRootNamespace;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : DEFAULT_ROOT_NAMESPACE;
}

/** The Istio minor version the manifests target: `ruleOptions.istioVersion` ('1.21'), else the latest. */
export function istioMinor(settings: EffectiveSettings): number {
  const v = settings.ruleOptions.istioVersion;
  const m = typeof v === 'string' || typeof v === 'number' ? /^v?1\.(\d+)/.exec(String(v).trim()) : null;
  return m ? Number(m[1]) : LATEST_ISTIO_MINOR;
}

// ---------------------------------------------------------------------------------------------
// Selectors and scope

export function spec(resource: Resource): YAMLMap | undefined {
  return getMap(resource.node, 'spec');
}

/** `spec.selector.matchLabels` as a map, or undefined when the policy has no (non-empty) selector. */
export function workloadSelector(resource: Resource): Map<string, string> | undefined {
  const labels = getMap(getMap(spec(resource), 'selector'), 'matchLabels');
  const out = stringMap(labels);
  return out && out.size > 0 ? out : undefined;
}

/** String values of a map node (labels, annotations, matchLabels). */
export function stringMap(node: unknown): Map<string, string> | undefined {
  if (!isMap(node)) return undefined;
  const out = new Map<string, string>();
  for (const p of mapPairs(node)) {
    const k = scalarValue(p.key);
    const v = scalarValue(p.value);
    if (typeof k === 'string' && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) out.set(k, String(v));
  }
  return out;
}

export function formatLabels(labels: ReadonlyMap<string, string>): string {
  return [...labels].map(([k, v]) => `${k}=${v}`).join(',');
}

export type ScopeLevel = 'mesh' | 'namespace' | 'workload';

export interface PolicyScope {
  level: ScopeLevel;
  /** For messages: "mesh-wide (root namespace istio-system)", "namespace-wide in \"prod\"", ... */
  text: string;
}

/**
 * Where a namespaced policy (PeerAuthentication, AuthorizationPolicy, RequestAuthentication)
 * applies: a selector narrows it to workloads; without one it covers its namespace, or the whole
 * mesh when it lives in the root namespace.
 */
export function policyScope(resource: Resource, settings: EffectiveSettings): PolicyScope {
  const root = istioRootNamespace(settings);
  const ns = resource.namespace;
  const selector = workloadSelector(resource);
  const targetRef = getMap(spec(resource), 'targetRef') ?? seqItems(get(spec(resource), 'targetRefs')).find(isMap);
  if (selector) {
    const where = ns === root ? 'in every namespace (root namespace selector)' : ns ? `in namespace "${ns}"` : 'in its namespace';
    return { level: 'workload', text: `for workloads labelled ${formatLabels(selector)} ${where}` };
  }
  if (targetRef) {
    const name = getString(targetRef, 'name');
    return { level: 'workload', text: `for ${getString(targetRef, 'kind') ?? 'target'} "${name ?? '?'}"` };
  }
  if (ns === root) return { level: 'mesh', text: `mesh-wide (root namespace ${root})` };
  return { level: 'namespace', text: ns ? `namespace-wide for every workload in "${ns}"` : 'namespace-wide for every workload in its namespace' };
}

// ---------------------------------------------------------------------------------------------
// Scalars

/** A string scalar's value as written. Istio's CRD schemas list enum values in upper case and the API
 * server rejects other spellings, so values are compared exactly. */
export function str(node: unknown): string | undefined {
  const v = scalarValue(node);
  return typeof v === 'string' ? v : undefined;
}

/** The string items of a sequence, with their nodes. */
export function stringItems(node: unknown): { node: Scalar; value: string }[] {
  const out: { node: Scalar; value: string }[] = [];
  for (const item of seqItems(node)) {
    if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) out.push({ node: item, value: String(item.value) });
  }
  return out;
}

/** The key node of a pair, for findings about a missing field under it. */
export function keyNode(map: unknown, key: string): YNode | undefined {
  const p = getPair(map, key);
  return p ? (p.key as YNode) : undefined;
}

export function pairKey(p: Pair): YNode {
  return p.key as YNode;
}

/** Where a finding about the whole spec goes: the `spec` key, else the kind. */
export function specAnchor(resource: Resource): YNode {
  return keyNode(resource.node, 'spec') ?? resourceAnchor(resource);
}

// ---------------------------------------------------------------------------------------------
// DestinationRule: TLS settings at the top level, per port and per subset

export interface TlsBlock {
  tls: YAMLMap;
  /** The `tls` key, for findings about a missing field. */
  key: YNode;
  /** Where it is, for messages: `trafficPolicy.tls`, `subset "v1" port 443`. */
  where: string;
}

export function destinationRuleTlsBlocks(resource: Resource): TlsBlock[] {
  const out: TlsBlock[] = [];
  const s = spec(resource);
  collectPolicyTls(getMap(s, 'trafficPolicy'), '', out);
  for (const subset of seqItems(get(s, 'subsets'))) {
    if (!isMap(subset)) continue;
    const name = getString(subset, 'name');
    collectPolicyTls(getMap(subset, 'trafficPolicy'), `subset "${name ?? '?'}" `, out);
  }
  return out;
}

function collectPolicyTls(policy: YAMLMap | undefined, prefix: string, out: TlsBlock[]): void {
  if (!policy) return;
  const tlsPair = getPair(policy, 'tls');
  if (tlsPair && isMap(tlsPair.value)) out.push({ tls: tlsPair.value, key: tlsPair.key as YNode, where: `${prefix}trafficPolicy.tls` });
  for (const pls of seqItems(get(policy, 'portLevelSettings'))) {
    if (!isMap(pls)) continue;
    const p = getPair(pls, 'tls');
    if (!p || !isMap(p.value)) continue;
    const port = scalarValue(get(getMap(pls, 'port'), 'number'));
    out.push({ tls: p.value, key: p.key as YNode, where: `${prefix}port ${port ?? '?'} tls` });
  }
}

/**
 * True for hosts served by the cluster's own registry (Kubernetes Services), where ISTIO_MUTUAL
 * fits: a short name (resolved in the rule's namespace) or a `.svc` / `.cluster.local` name.
 */
export function isInMeshHost(host: string): boolean {
  if (host === '' || host.includes('*')) return false;
  if (!host.includes('.')) return true;
  return /\.svc(\.|$)/i.test(host) || /\.cluster\.local$/i.test(host);
}

// ---------------------------------------------------------------------------------------------
// AuthorizationPolicy: rules, sources, operations, conditions

export type AuthzAction = 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';

export function authzAction(resource: Resource): { action: AuthzAction | string; node?: YNode } {
  const node = get(spec(resource), 'action');
  const v = str(node);
  return { action: v ?? 'ALLOW', node: node ?? undefined };
}

export interface AuthzField {
  /** Field name as written (`notPaths`). */
  name: string;
  /** The key node. */
  key: YNode;
  value: YNode | null;
  /** `from.source`, `to.operation` or `when`. */
  section: 'source' | 'operation' | 'when';
  /** For `when` fields: the condition's key (`request.headers[x-user]`). */
  conditionKey?: string;
}

export interface AuthzRule {
  node: YNode;
  index: number;
  fields: AuthzField[];
  /** The `rules` item is `{}` or only empty lists: it matches every request. */
  empty: boolean;
}

export const NEGATIVE_SOURCE_FIELDS = ['notPrincipals', 'notRequestPrincipals', 'notNamespaces', 'notServiceAccounts', 'notIpBlocks', 'notRemoteIpBlocks'];
export const NEGATIVE_OPERATION_FIELDS = ['notHosts', 'notPorts', 'notMethods', 'notPaths'];

export function authzRules(resource: Resource): AuthzRule[] {
  const out: AuthzRule[] = [];
  seqItems(get(spec(resource), 'rules')).forEach((rule, index) => {
    if (!rule) return;
    const fields: AuthzField[] = [];
    if (isMap(rule)) {
      for (const from of seqItems(get(rule, 'from'))) addFields(getMap(from, 'source'), 'source', fields);
      for (const to of seqItems(get(rule, 'to'))) addFields(getMap(to, 'operation'), 'operation', fields);
      for (const cond of seqItems(get(rule, 'when'))) {
        if (!isMap(cond)) continue;
        const conditionKey = getString(cond, 'key');
        for (const p of mapPairs(cond)) {
          const name = scalarValue(p.key);
          if (name === 'values' || name === 'notValues') fields.push({ name, key: p.key as YNode, value: p.value, section: 'when', conditionKey });
        }
      }
    }
    const empty = isMap(rule) && fields.every((f) => !isSeq(f.value) || f.value.items.length === 0) && !hasNonEmptyList(rule);
    out.push({ node: rule, index, fields, empty });
  });
  return out;
}

function hasNonEmptyList(rule: YAMLMap): boolean {
  return ['from', 'to', 'when'].some((k) => {
    const s = getSeq(rule, k);
    return !!s && s.items.some((i) => (isMap(i) ? i.items.length > 0 : i !== null));
  });
}

function addFields(map: YAMLMap | undefined, section: 'source' | 'operation', into: AuthzField[]): void {
  for (const p of mapPairs(map)) {
    const name = scalarValue(p.key);
    if (typeof name === 'string') into.push({ name, key: p.key as YNode, value: p.value, section });
  }
}

// ---------------------------------------------------------------------------------------------
// Edits that keep the quoting the author chose

/** `value` written in the quote style of `like` (double, single or plain). */
export function quoteLike(like: unknown, value: string): string {
  const type = isScalar(like) ? like.type : undefined;
  if (type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return formatScalar(value);
}

/** Replaces a string scalar, keeping its quotes. */
export function replaceString(fix: FixBuilder, node: Scalar, value: string): Edit {
  return fix.replace(node, quoteLike(node, value));
}

/** Appends a string to a sequence, quoted like its last item. */
export function appendString(fix: FixBuilder, seq: YAMLSeq, value: string): Edit {
  const edit = fix.appendToSeq(seq, value);
  const last = seq.items[seq.items.length - 1];
  const plain = formatScalar(value);
  const quoted = quoteLike(last, value);
  if (quoted === plain || !edit.text.endsWith(plain)) return edit;
  return { ...edit, text: edit.text.slice(0, edit.text.length - plain.length) + quoted };
}

// ---------------------------------------------------------------------------------------------
// Gateway servers

export interface GatewayServer {
  node: YAMLMap;
  index: number;
  /** For messages: `server "https" (port 443)`. */
  label: string;
  protocol?: string;
  protocolNode?: YNode;
  tls?: YAMLMap;
}

/** A Gateway whose selector picks egress gateway pods (`istio: egressgateway` and the like). */
export function isEgressGateway(resource: Resource): boolean {
  const sel = stringMap(getMap(spec(resource), 'selector'));
  return !!sel && [...sel.values()].some((v) => /egress/i.test(v));
}

export function gatewayServers(resource: Resource): GatewayServer[] {
  const out: GatewayServer[] = [];
  seqItems(get(spec(resource), 'servers')).forEach((node, index) => {
    if (!isMap(node)) return;
    const port = getMap(node, 'port');
    const protocolNode = get(port, 'protocol') ?? undefined;
    const number = scalarValue(get(port, 'number'));
    const name = getString(node, 'name') ?? getString(port, 'name');
    const label = `server ${name ? `"${name}"` : `#${index + 1}`}${number !== undefined ? ` (port ${String(number)})` : ''}`;
    const p = str(protocolNode);
    out.push({ node, index, label, protocol: p?.toUpperCase(), protocolNode: protocolNode ?? undefined, tls: getMap(node, 'tls') });
  });
  return out;
}

/**
 * Removes `key` from a map; when it is the map's only key, leaves `parentKey: {}` on one line
 * (FixBuilder.removePair would put the `{}` on the line below the parent key).
 */
export function removeKeyKeepingMap(fix: FixBuilder, parent: YAMLMap | undefined, parentKey: string, map: YAMLMap, key: string): Edit | undefined {
  const pair = getPair(parent, parentKey);
  if (map.items.length !== 1 || map.flow || !pair) return fix.removePair(map, key);
  const text = fix.text;
  const colon = text.indexOf(':', (pair.key as YNode).range![1]);
  let end = map.range![1];
  while (end > colon && /\s/.test(text[end - 1])) end--;
  return { start: colon + 1, end, text: ' {}' };
}
