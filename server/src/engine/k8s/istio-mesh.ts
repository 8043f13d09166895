// Istio across objects: the facts the workspace index keeps about Istio policies (plain data, see
// workspace/extractor.ts) and the questions the cross-resource rules ask of the graph: which mTLS
// mode applies to a namespace or a set of workloads, whether a namespace is in the mesh, whether a
// default-deny policy or a request-principal requirement covers it.
import type { Resource } from './resource';
import { defineFactExtractor, factsOf } from '../workspace/extractor';
import type { ObjectFacts } from '../workspace/facts';
import type { WorkspaceGraph } from '../workspace/graph';
import { matchesMap } from '../workspace/selectors';
import { get, getMap, isMap, isSeq, mapPairs, scalarValue, seqItems } from '../parse';
import { authzAction, authzRules, SECURITY_GROUP, SERVED_VERSIONS, spec, str, stringMap, workloadSelector } from './istio';

type Labels = Record<string, string>;

function served(r: { group: string; apiVersion?: string }): boolean {
  const version = r.apiVersion?.slice(r.apiVersion.lastIndexOf('/') + 1) ?? '';
  return r.group === SECURITY_GROUP && SERVED_VERSIONS[SECURITY_GROUP].includes(version);
}

function selectorOf(resource: Resource): Labels | undefined {
  const m = workloadSelector(resource);
  return m ? Object.fromEntries(m) : undefined;
}

function targeted(resource: Resource): boolean {
  const s = spec(resource);
  return isMap(get(s, 'targetRef')) || (isSeq(get(s, 'targetRefs')) && seqItems(get(s, 'targetRefs')).length > 0);
}

// ---------------------------------------------------------------------------------------------
// Facts

export interface PeerAuthnFacts {
  /** `mtls.mode` when written (UNSET included). */
  mode?: string;
  /** `portLevelMtls` modes by port. */
  ports: Labels;
  selector?: Labels;
}

export const peerAuthnFacts = defineFactExtractor<PeerAuthnFacts>({
  id: 'istio.peerAuthentication',
  applies: (r) => r.kind === 'PeerAuthentication' && r.group === SECURITY_GROUP,
  extract(resource) {
    const s = spec(resource);
    const ports: Labels = {};
    for (const p of mapPairs(getMap(s, 'portLevelMtls'))) {
      const mode = str(get(p.value, 'mode'));
      if (mode) ports[String(scalarValue(p.key))] = mode;
    }
    return { mode: str(get(getMap(s, 'mtls'), 'mode')), ports, selector: selectorOf(resource) };
  },
});

export interface AuthzPolicyFacts {
  action: string;
  selector?: Labels;
  /** Set by targetRef(s): the policy applies to a gateway, not to selected pods. */
  targeted: boolean;
  ruleCount: number;
  /**
   * The policy lets no request without a request principal (JWT) through: an ALLOW rule set in
   * which every rule requires `requestPrincipals`, or a DENY rule on `notRequestPrincipals`.
   */
  requiresRequestPrincipal: boolean;
}

export const authzPolicyFacts = defineFactExtractor<AuthzPolicyFacts>({
  id: 'istio.authorizationPolicy',
  applies: (r) => r.kind === 'AuthorizationPolicy' && r.group === SECURITY_GROUP,
  extract(resource) {
    const { action } = authzAction(resource);
    const rules = authzRules(resource);
    const has = (r: (typeof rules)[number], name: string) => r.fields.some((f) => f.name === name && isSeq(f.value) && f.value.items.length > 0);
    const requiresRequestPrincipal =
      (action === 'ALLOW' && rules.length > 0 && rules.every((r) => has(r, 'requestPrincipals'))) ||
      (action === 'DENY' && rules.some((r) => has(r, 'notRequestPrincipals') && r.fields.every((f) => f.name === 'notRequestPrincipals')));
    return { action, selector: selectorOf(resource), targeted: targeted(resource), ruleCount: rules.length, requiresRequestPrincipal };
  },
});

export interface RequestAuthnFacts {
  selector?: Labels;
  targeted: boolean;
}

export const requestAuthnFacts = defineFactExtractor<RequestAuthnFacts>({
  id: 'istio.requestAuthentication',
  applies: (r) => r.kind === 'RequestAuthentication' && r.group === SECURITY_GROUP,
  extract(resource) {
    return { selector: selectorOf(resource), targeted: targeted(resource) };
  },
});

// ---------------------------------------------------------------------------------------------
// Queries

/** Objects of `kind` placed exactly in `ns` (or without a namespace, which kubectl may put there). */
function inNamespace(graph: WorkspaceGraph, kind: string, ns: string): ObjectFacts[] {
  return graph.objects(kind, ns).filter((o) => served(o) && (o.ns === ns || o.ns === ''));
}

export type MtlsLevel = 'workload' | 'namespace' | 'mesh' | 'default';

export interface MtlsDecision {
  mode: string;
  level: MtlsLevel;
  /** The PeerAuthentication that decided, unless the mode is Istio's default (PERMISSIVE). */
  source?: ObjectFacts;
}

/**
 * The mTLS mode Istio applies to workloads in `ns` that carry `labels` (undefined: any workload of
 * the namespace): the most specific PeerAuthentication with a mode other than UNSET wins
 * (workload selector, then namespace, then the root namespace), else PERMISSIVE.
 */
export function effectiveMtls(graph: WorkspaceGraph, ns: string, labels: Labels | undefined, root: string): MtlsDecision {
  const pick = (objs: ObjectFacts[], withSelector: boolean): ObjectFacts | undefined =>
    objs.find((o) => {
      const f = factsOf(o, peerAuthnFacts);
      if (!f || !f.mode || f.mode === 'UNSET') return false;
      if (!withSelector) return !f.selector;
      return !!f.selector && !!labels && matchesMap(f.selector, labels);
    });
  const local = inNamespace(graph, 'PeerAuthentication', ns);
  const workload = labels ? pick(local, true) : undefined;
  if (workload) return { mode: factsOf(workload, peerAuthnFacts)!.mode!, level: 'workload', source: workload };
  const namespace = pick(local, false);
  if (namespace) return { mode: factsOf(namespace, peerAuthnFacts)!.mode!, level: 'namespace', source: namespace };
  const mesh = pick(graph.objects('PeerAuthentication', root).filter((o) => served(o) && o.ns === root), false);
  if (mesh) return { mode: factsOf(mesh, peerAuthnFacts)!.mode!, level: 'mesh', source: mesh };
  return { mode: 'PERMISSIVE', level: 'default' };
}

/** True when the namespace's labels turn on sidecar injection (`istio-injection=enabled` or a revision label). */
export function isMeshedNamespace(graph: WorkspaceGraph, ns: string): boolean {
  if (!graph.namespaceObject(ns)) return false;
  return injectionLabel(graph.namespaceLabels(ns)) !== undefined;
}

/**
 * The label that puts a namespace's workloads in the mesh, as `key=value`: sidecar injection or
 * ambient mode (`istio.io/dataplane-mode=ambient`, where ztunnel enforces PeerAuthentication).
 */
export function meshLabel(labels: Readonly<Labels>): string | undefined {
  return injectionLabel(labels) ?? (labels['istio.io/dataplane-mode'] === 'ambient' ? 'istio.io/dataplane-mode=ambient' : undefined);
}

/** The label that turns sidecar injection on, as `key=value`, or undefined. */
export function injectionLabel(labels: Readonly<Labels>): string | undefined {
  if (labels['istio-injection'] === 'enabled') return 'istio-injection=enabled';
  if (labels['istio-injection'] === undefined && labels['istio.io/rev']) return `istio.io/rev=${labels['istio.io/rev']}`;
  return undefined;
}

/** An allow-nothing policy (ALLOW, no rules, no selector or targetRef) in `ns` or the root namespace. */
export function defaultDenyFor(graph: WorkspaceGraph, ns: string, root: string): ObjectFacts | undefined {
  const isAllowNothing = (o: ObjectFacts) => {
    const f = factsOf(o, authzPolicyFacts);
    return !!f && f.action === 'ALLOW' && f.ruleCount === 0 && !f.selector && !f.targeted;
  };
  return inNamespace(graph, 'AuthorizationPolicy', ns).find(isAllowNothing) ?? graph.objects('AuthorizationPolicy', root).find((o) => served(o) && o.ns === root && isAllowNothing(o));
}

/**
 * An AuthorizationPolicy that rejects requests without a request principal for the workloads a
 * RequestAuthentication with `selector` covers: same namespace or root namespace, and a selector
 * that is absent or no narrower than the RequestAuthentication's.
 */
export function requestPrincipalPolicyFor(graph: WorkspaceGraph, ns: string, selector: Labels | undefined, root: string): ObjectFacts | undefined {
  const covers = (o: ObjectFacts) => {
    const f = factsOf(o, authzPolicyFacts);
    if (!f || !f.requiresRequestPrincipal || f.targeted) return false;
    return !f.selector || (!!selector && matchesMap(f.selector, selector));
  };
  return inNamespace(graph, 'AuthorizationPolicy', ns).find(covers) ?? graph.objects('AuthorizationPolicy', root).find((o) => served(o) && o.ns === root && covers(o));
}

/** A RequestAuthentication in one of the namespaces (any selector). */
export function requestAuthnIn(graph: WorkspaceGraph, namespaces: readonly string[]): ObjectFacts | undefined {
  for (const ns of namespaces) {
    const found = inNamespace(graph, 'RequestAuthentication', ns)[0];
    if (found) return found;
  }
  return undefined;
}

export { stringMap };

// ---------------------------------------------------------------------------------------------
// Documents the fixes append

/** The API version to write new security.istio.io objects in: v1 from Istio 1.22. */
export function securityApiVersion(minor: number): string {
  return minor >= 22 ? 'security.istio.io/v1' : 'security.istio.io/v1beta1';
}

function selectorLines(selector: Labels | undefined): string[] {
  if (!selector || Object.keys(selector).length === 0) return [];
  return ['  selector:', '    matchLabels:', ...Object.entries(selector).map(([k, v]) => `      ${yamlKey(k)}: ${yamlString(v)}`)];
}

function yamlKey(k: string): string {
  return /^[A-Za-z0-9_.\-/]+$/.test(k) ? k : JSON.stringify(k);
}

function yamlString(v: string): string {
  return /^[A-Za-z0-9_.\-/]+$/.test(v) && !/^(y|yes|n|no|on|off|true|false|null|~|[0-9.+-]+)$/i.test(v) ? v : JSON.stringify(v);
}

export function strictPeerAuthenticationDoc(apiVersion: string, ns: string, selector: Labels | undefined, name = 'default'): string {
  return [`apiVersion: ${apiVersion}`, 'kind: PeerAuthentication', 'metadata:', `  name: ${name}`, `  namespace: ${ns}`, 'spec:', ...selectorLines(selector), '  mtls:', '    mode: STRICT', ''].join('\n');
}

export function allowNothingDoc(apiVersion: string, ns: string): string {
  return [`apiVersion: ${apiVersion}`, 'kind: AuthorizationPolicy', 'metadata:', '  name: allow-nothing', `  namespace: ${ns}`, 'spec: {}', ''].join('\n');
}

export function requireJwtDoc(apiVersion: string, ns: string | undefined, selector: Labels | undefined, name: string): string {
  return [
    `apiVersion: ${apiVersion}`,
    'kind: AuthorizationPolicy',
    'metadata:',
    `  name: ${name}`,
    ...(ns ? [`  namespace: ${ns}`] : []),
    'spec:',
    ...selectorLines(selector),
    '  action: DENY',
    '  rules:',
    '  - from:',
    '    - source:',
    '        notRequestPrincipals: ["*"]',
    '',
  ].join('\n');
}
