// The built-in fact extractors: RBAC roles and bindings, NetworkPolicies, Services, Ingresses,
// ServiceAccounts and Namespaces. Each keeps what the cross-resource rules and the effective
// permission walk need, as plain data.
import { get, getMap, getScalar, getString, isMap, scalarValue, seqItems, type YNode } from '../parse';
import type { Loc } from './facts';
import { defineFactExtractor } from './extractor';
import { isNetworkPolicy, netpolOf, type Direction, type NetpolRuleNode } from './netpol-model';
import { isBinding, isRole, policyRulesOf, roleRefOf, subjectsOf } from './rbac-model';
import { parseSelector, stringMap, type Selector } from './selectors';

const ZERO: Loc = { start: 0, end: 0, line: 0, character: 0, endLine: 0, endCharacter: 0 };

export interface PolicyRuleFacts {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
  loc: Loc;
}

export interface RoleFacts {
  rules: PolicyRuleFacts[];
  /** ClusterRole aggregationRule.clusterRoleSelectors; its rules are then those of the ClusterRoles they select. */
  aggregation?: Selector[];
}

export const roleFacts = defineFactExtractor<RoleFacts>({
  id: 'rbac.role',
  applies: isRole,
  extract(resource, loc) {
    const rules = policyRulesOf(resource).map((r) => ({
      apiGroups: r.apiGroups.map((v) => v.value),
      resources: r.resources.map((v) => v.value),
      verbs: r.verbs.map((v) => v.value),
      resourceNames: r.resourceNames.map((v) => v.value),
      nonResourceURLs: r.nonResourceURLs.map((v) => v.value),
      loc: loc(r.node) ?? ZERO,
    }));
    const agg = getMap(resource.node, 'aggregationRule');
    const aggregation = agg
      ? seqItems(get(agg, 'clusterRoleSelectors'))
          .map((s) => parseSelector(s))
          .filter((s): s is Selector => !!s)
      : undefined;
    return { rules, aggregation };
  },
});

export interface SubjectFacts {
  kind: string;
  name: string;
  /** As written; for ServiceAccount subjects of a RoleBinding an empty namespace means the binding's. */
  namespace?: string;
  loc: Loc;
}

export interface BindingFacts {
  roleRef?: { kind: string; name: string; loc: Loc };
  subjects: SubjectFacts[];
}

export const roleBindingFacts = defineFactExtractor<BindingFacts>({
  id: 'rbac.binding',
  applies: isBinding,
  extract(resource, loc) {
    const ref = roleRefOf(resource);
    const subjects: SubjectFacts[] = [];
    for (const s of subjectsOf(resource)) {
      if (!s.kind || !s.name) continue;
      subjects.push({ kind: s.kind, name: s.name, namespace: s.namespace, loc: loc(s.nameNode) ?? loc(s.node) ?? ZERO });
    }
    return {
      roleRef: ref?.kind && ref.name ? { kind: ref.kind, name: ref.name, loc: loc(ref.nameNode) ?? loc(ref.node) ?? ZERO } : undefined,
      subjects,
    };
  },
});

export interface PeerFacts {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  cidr?: string;
  loc: Loc;
}

export interface NetpolRuleFacts {
  allPeers: boolean;
  allPorts: boolean;
  peers: PeerFacts[];
  loc: Loc;
}

export interface NetpolFacts {
  podSelector: Selector;
  selectsAll: boolean;
  /** The podSelector value (or the kind, when podSelector is missing). */
  podSelectorLoc: Loc;
  ingress: { isolates: boolean; rules: NetpolRuleFacts[] };
  egress: { isolates: boolean; rules: NetpolRuleFacts[] };
}

export const netpolFacts = defineFactExtractor<NetpolFacts>({
  id: 'netpol.policy',
  applies: isNetworkPolicy,
  extract(resource, loc) {
    const m = netpolOf(resource);
    if (!m) return undefined;
    const rules = (rs: NetpolRuleNode[]): NetpolRuleFacts[] =>
      rs.map((r) => ({
        allPeers: r.allPeers,
        allPorts: r.allPorts,
        peers: r.peers.map((p) => ({ podSelector: p.podSelector, namespaceSelector: p.namespaceSelector, cidr: p.ipBlock?.cidr, loc: loc(p.node) ?? ZERO })),
        loc: loc(r.node) ?? ZERO,
      }));
    const dir = (d: Direction) => ({ isolates: m[d].isolates, rules: rules(m[d].rules) });
    return {
      podSelector: m.podSelector,
      selectsAll: m.selectsAll,
      podSelectorLoc: loc(m.podSelectorNode) ?? loc(get(resource.node, 'kind')) ?? ZERO,
      ingress: dir('ingress'),
      egress: dir('egress'),
    };
  },
});

export interface ServiceFacts {
  type?: string;
  /** spec.selector; undefined when the Service has none (its endpoints are managed by hand). */
  selector?: Record<string, string>;
  selectorLoc?: Loc;
}

export const serviceFacts = defineFactExtractor<ServiceFacts>({
  id: 'core.service',
  applies: (r) => r.kind === 'Service' && r.group === '',
  extract(resource, loc) {
    const spec = getMap(resource.node, 'spec');
    const sel = get(spec, 'selector');
    const selector = isMap(sel) ? stringMap(sel) : undefined;
    return {
      type: getString(spec, 'type'),
      selector: selector && Object.keys(selector).length ? selector : undefined,
      selectorLoc: loc(sel),
    };
  },
});

export interface IngressBackendFacts {
  service: string;
  loc: Loc;
}

export interface IngressFacts {
  backends: IngressBackendFacts[];
}

export const ingressFacts = defineFactExtractor<IngressFacts>({
  id: 'networking.ingress',
  applies: (r) => r.kind === 'Ingress' && (r.group === 'networking.k8s.io' || r.group === 'extensions'),
  extract(resource, loc) {
    const spec = getMap(resource.node, 'spec');
    const backends: IngressBackendFacts[] = [];
    const add = (backend: unknown) => {
      if (!isMap(backend)) return;
      // networking.k8s.io/v1: backend.service.name; v1beta1 and extensions: backend.serviceName.
      const node = (get(getMap(backend, 'service'), 'name') ?? get(backend, 'serviceName')) as YNode | null | undefined;
      const name = scalarValue(node);
      const l = loc(node);
      if (typeof name === 'string' && l) backends.push({ service: name, loc: l });
    };
    add(get(spec, 'defaultBackend'));
    add(get(spec, 'backend'));
    for (const rule of seqItems(get(spec, 'rules'))) {
      for (const path of seqItems(get(getMap(rule, 'http'), 'paths'))) add(get(path, 'backend'));
    }
    return { backends };
  },
});

export interface ServiceAccountFacts {
  /** automountServiceAccountToken as written (undefined when absent: the API default is true). */
  automount?: boolean;
  /** Names in the legacy `secrets` list. */
  secrets: string[];
}

export const serviceAccountFacts = defineFactExtractor<ServiceAccountFacts>({
  id: 'core.serviceAccount',
  applies: (r) => r.kind === 'ServiceAccount' && r.group === '',
  extract(resource) {
    const a = getScalar(resource.node, 'automountServiceAccountToken');
    return {
      automount: typeof a === 'boolean' ? a : undefined,
      secrets: seqItems(get(resource.node, 'secrets'))
        .map((s) => getString(s, 'name'))
        .filter((s): s is string => !!s),
    };
  },
});

export interface NamespaceFacts {
  /** The labels selectors see, including the automatic kubernetes.io/metadata.name. */
  labels: Record<string, string>;
}

export const namespaceFacts = defineFactExtractor<NamespaceFacts>({
  id: 'core.namespace',
  applies: (r) => r.kind === 'Namespace' && r.group === '',
  extract(resource) {
    const labels = stringMap(getMap(getMap(resource.node, 'metadata'), 'labels'));
    if (resource.name) labels['kubernetes.io/metadata.name'] = resource.name;
    return { labels };
  },
});

export interface SecretProducerFacts {
  /** The name of the Secret the object makes the cluster create. */
  secretName: string;
}

/**
 * Objects that make a Secret appear without a Secret manifest: cert-manager Certificates,
 * Sealed Secrets, External Secrets. A reference to their Secret is not dangling.
 */
export const secretProducerFacts = defineFactExtractor<SecretProducerFacts>({
  id: 'core.secretProducer',
  applies: (r) =>
    (r.kind === 'Certificate' && r.group === 'cert-manager.io') ||
    (r.kind === 'SealedSecret' && r.group === 'bitnami.com') ||
    (r.kind === 'ExternalSecret' && r.group === 'external-secrets.io'),
  extract(resource) {
    const spec = getMap(resource.node, 'spec');
    let name: string | undefined;
    if (resource.kind === 'Certificate') name = getString(spec, 'secretName');
    else if (resource.kind === 'SealedSecret') name = getString(getMap(getMap(spec, 'template'), 'metadata'), 'name') ?? resource.name;
    else name = getString(getMap(spec, 'target'), 'name') ?? resource.name;
    return name ? { secretName: name } : undefined;
  },
});
