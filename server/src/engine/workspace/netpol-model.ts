// NetworkPolicy as Kubernetes reads it: which pods it selects, which directions it isolates
// (policyTypes, defaulted from the presence of egress rules), and its rules with their peers. The
// nodes are kept for findings and fixes; the workspace index keeps a plain summary.
import type { Resource } from '../k8s/resource';
import { formatScalar, get, getPair, getSeq, getString, isMap, isSeq, scalarValue, seqItems, type YAMLMap, type YAMLSeq, type YNode } from '../parse';
import { EMPTY_SELECTOR, isEmptySelector, parseSelector, type Selector } from './selectors';

export const NETPOL_GROUP = 'networking.k8s.io';

export type Direction = 'ingress' | 'egress';

export interface PeerNode {
  node: YAMLMap;
  podSelector?: Selector;
  podSelectorNode?: YNode;
  namespaceSelector?: Selector;
  namespaceSelectorNode?: YNode;
  ipBlock?: { cidr?: string; cidrNode?: YNode; except: string[]; node: YNode };
}

export interface NetpolRuleNode {
  node: YNode;
  index: number;
  /** `from` (ingress) or `to` (egress). */
  peersKey: 'from' | 'to';
  peersNode?: YNode | null;
  peers: PeerNode[];
  /** No `from`/`to`, or an empty one: every source (ingress) or destination (egress). */
  allPeers: boolean;
  /** No `ports`, or an empty list: every port. */
  allPorts: boolean;
}

export interface DirectionModel {
  /** The policy isolates this direction for the pods it selects. */
  isolates: boolean;
  /** The `ingress`/`egress` key's value, when present. */
  node?: YNode | null;
  rules: NetpolRuleNode[];
}

export interface NetpolModel {
  resource: Resource;
  spec?: YAMLMap;
  podSelector: Selector;
  /** The podSelector value node (undefined when the key is missing: that selects every pod). */
  podSelectorNode?: YNode | null;
  selectsAll: boolean;
  /** True when policyTypes is written out. */
  policyTypesExplicit: boolean;
  policyTypesNode?: YAMLSeq;
  ingress: DirectionModel;
  egress: DirectionModel;
}

export function isNetworkPolicy(resource: { kind: string; group: string }): boolean {
  return resource.kind === 'NetworkPolicy' && resource.group === NETPOL_GROUP;
}

function peerOf(node: unknown): PeerNode | undefined {
  if (!isMap(node)) return undefined;
  const ps = get(node, 'podSelector');
  const ns = get(node, 'namespaceSelector');
  const ip = get(node, 'ipBlock');
  const peer: PeerNode = { node };
  if (ps !== undefined) {
    peer.podSelector = parseSelector(ps) ?? EMPTY_SELECTOR;
    peer.podSelectorNode = ps ?? undefined;
  }
  if (ns !== undefined) {
    peer.namespaceSelector = parseSelector(ns) ?? EMPTY_SELECTOR;
    peer.namespaceSelectorNode = ns ?? undefined;
  }
  if (isMap(ip)) {
    const cidrNode = get(ip, 'cidr') ?? undefined;
    peer.ipBlock = {
      cidr: getString(ip, 'cidr'),
      cidrNode,
      except: seqItems(get(ip, 'except')).map((v) => scalarValue(v)).filter((v): v is string => typeof v === 'string'),
      node: ip,
    };
  }
  return peer;
}

function rulesOf(spec: YAMLMap | undefined, direction: Direction): NetpolRuleNode[] {
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  const out: NetpolRuleNode[] = [];
  seqItems(get(spec, direction)).forEach((item, index) => {
    const peersPair = getPair(item, peersKey);
    const peersNode = peersPair ? peersPair.value : undefined;
    const peers = seqItems(peersNode).map(peerOf).filter((p): p is PeerNode => !!p);
    const ports = get(item, 'ports');
    out.push({
      node: item,
      index,
      peersKey,
      peersNode,
      peers,
      allPeers: !isSeq(peersNode) || peersNode.items.length === 0,
      allPorts: !isSeq(ports) || ports.items.length === 0,
    });
  });
  return out;
}

export function netpolOf(resource: Resource): NetpolModel | undefined {
  if (!isNetworkPolicy(resource)) return undefined;
  const specNode = get(resource.node, 'spec');
  const spec = isMap(specNode) ? specNode : undefined;
  const psPair = getPair(spec, 'podSelector');
  const podSelector = psPair ? parseSelector(psPair.value) ?? EMPTY_SELECTOR : EMPTY_SELECTOR;
  const typesSeq = getSeq(spec, 'policyTypes');
  const types = seqItems(typesSeq).map((v) => scalarValue(v));
  const ingressNode = get(spec, 'ingress');
  const egressNode = get(spec, 'egress');
  const ingress = rulesOf(spec, 'ingress');
  const egress = rulesOf(spec, 'egress');
  const explicit = !!typesSeq;
  return {
    resource,
    spec,
    podSelector,
    podSelectorNode: psPair ? psPair.value : undefined,
    selectsAll: isEmptySelector(podSelector),
    policyTypesExplicit: explicit,
    policyTypesNode: typesSeq,
    // Without policyTypes the API server sets Ingress always and Egress when egress rules exist.
    ingress: { isolates: explicit ? types.includes('Ingress') : true, node: ingressNode, rules: ingress },
    egress: { isolates: explicit ? types.includes('Egress') : egress.length > 0, node: egressNode, rules: egress },
  };
}

/** A rule of this direction lets everything through (every peer and every port). */
export function allowsEverything(d: DirectionModel): boolean {
  return d.isolates && d.rules.some((r) => r.allPeers && r.allPorts);
}

/** The policy denies this direction for every pod of its namespace: selects all, isolates, no rules. */
export function deniesAll(m: NetpolModel, direction: Direction): boolean {
  const d = m[direction];
  return m.selectsAll && d.isolates && d.rules.length === 0;
}

export const EVERY_SOURCE = 'every source (every pod of every namespace and every address outside the cluster)';
export const EVERY_DESTINATION = 'every destination (every pod, every address on the internet, the cloud metadata endpoint)';

export const ANY_IPV4 = '0.0.0.0/0';
export const ANY_IPV6 = '::/0';

export function isAnyAddress(cidr: string | undefined): boolean {
  if (!cidr) return false;
  const c = cidr.trim();
  return c === ANY_IPV4 || c === ANY_IPV6 || /^0+(\.0+){3}\/0$/.test(c) || /^(0*:){2,7}0*\/0$/.test(c);
}

/** The `kube-dns` selector that every mainstream distribution uses for CoreDNS pods. */
export const DNS_EGRESS_RULE = {
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};

/** YAML text of a default-deny NetworkPolicy for a namespace (none: left to kubectl/kustomize). */
export function defaultDenyPolicyYaml(namespace: string | undefined, directions: readonly Direction[] = ['ingress', 'egress'], name = 'default-deny-all', newline = '\n'): string {
  const lines = [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    `  name: ${formatScalar(name)}`,
    ...(namespace ? [`  namespace: ${formatScalar(namespace)}`] : []),
    'spec:',
    '  podSelector: {}',
    '  policyTypes:',
    ...directions.map((d) => (d === 'ingress' ? '  - Ingress' : '  - Egress')),
  ];
  return lines.join(newline);
}

/** YAML text of a policy that lets every pod of the namespace reach the cluster DNS. */
export function allowDnsPolicyYaml(namespace: string | undefined, name = 'allow-dns-egress', newline = '\n'): string {
  const lines = [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    `  name: ${formatScalar(name)}`,
    ...(namespace ? [`  namespace: ${formatScalar(namespace)}`] : []),
    'spec:',
    '  podSelector: {}',
    '  policyTypes:',
    '  - Egress',
    '  egress:',
    '  - to:',
    '    - namespaceSelector:',
    '        matchLabels:',
    '          kubernetes.io/metadata.name: kube-system',
    '      podSelector:',
    '        matchLabels:',
    '          k8s-app: kube-dns',
    '    ports:',
    '    - protocol: UDP',
    '      port: 53',
    '    - protocol: TCP',
    '      port: 53',
  ];
  return lines.join(newline);
}
