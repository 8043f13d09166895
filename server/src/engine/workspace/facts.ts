// What the workspace index keeps about each Kubernetes object: plain data (no YAML nodes, so the
// parse of a file that is not open can be dropped) with the locations findings and related
// information point at. Domain-specific facts (RBAC rules, NetworkPolicy selectors, Istio modes)
// come from fact extractors (extractors.ts); the core facts here are what every domain needs.
import { containersOf, podSpecOf, type Resource } from '../k8s/resource';
import { deref, get, getMap, getPair, getScalar, isMap, scalarValue, seqItems, type YNode } from '../parse';
import { LineIndex } from '../positions';
import { stringMap, type Labels } from './selectors';

/** A range inside one YAML document (offsets and 0-based lines relative to the document's start). */
export interface Loc {
  start: number;
  end: number;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

/** Where a document sits in its file; updated in place when an edit elsewhere in the file moves it. */
export interface DocPlacement {
  file: string;
  docIndex: number;
  /** Offset of the document in the file. */
  offset: number;
  /** 0-based line of the document's first line in the file. */
  line: number;
}

export type ConfigRefKind = 'ConfigMap' | 'Secret';

export interface ConfigRef {
  kind: ConfigRefKind;
  name: string;
  optional: boolean;
  /** 'env', 'envFrom', 'volume', 'projected volume' or 'imagePullSecrets'. */
  via: string;
  /** Container name for env/envFrom references. */
  container?: string;
  loc: Loc;
}

export interface PodFacts {
  /** Labels of the pods (the template's for workloads). */
  labels: Labels;
  /** Pod annotations with short values (long values, such as JSON blobs, are left out). */
  annotations: Labels;
  /** The service account the pods run as: `default` when none is named. */
  serviceAccount: string;
  /** Set when serviceAccountName (or the deprecated serviceAccount) is written. */
  serviceAccountLoc?: Loc;
  serviceAccountField?: 'serviceAccountName' | 'serviceAccount';
  /** The pod spec's `automountServiceAccountToken`, when written. */
  automountToken?: boolean;
  configRefs: ConfigRef[];
  /** The pod spec map, for findings about the pod as a whole. */
  specLoc: Loc;
}

export interface ObjectFacts {
  readonly doc: DocPlacement;
  readonly listIndex?: number;
  kind: string;
  apiVersion: string;
  group: string;
  name?: string;
  /** metadata.namespace as written. */
  namespace?: string;
  /** Namespace key: '' when a namespaced object leaves it to kubectl/kustomize; undefined when cluster-scoped. */
  ns: string | undefined;
  labels: Labels;
  /** The metadata.name value, or the kind value when there is no name. */
  anchor: Loc;
  pod?: PodFacts;
  /** Outputs of the fact extractors that apply to this object, by extractor id. */
  ext: Record<string, unknown>;
}

/** Kinds without a namespace (the ones manifests commonly carry). */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'APIService',
  'CertificateSigningRequest',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'PodSecurityPolicy',
  'ClusterIssuer',
  'GatewayClass',
]);

export type LocOf = (node: YNode | null | undefined) => Loc | undefined;

/** Builds Loc values for nodes of one document, computing the line table only when first needed. */
export function locator(text: string): LocOf {
  let index: LineIndex | undefined;
  return (node) => {
    const r = node?.range;
    if (!r) return undefined;
    index ??= new LineIndex(text);
    let end = r[1];
    while (end > r[0] && /\s/.test(text[end - 1])) end--;
    const s = index.positionAt(r[0]);
    const e = index.positionAt(end);
    return { start: r[0], end, line: s.line, character: s.character, endLine: e.line, endCharacter: e.character };
  };
}

const MAX_ANNOTATION = 256;

export function coreFacts(resource: Resource, doc: DocPlacement, loc: LocOf): ObjectFacts {
  const meta = getMap(resource.node, 'metadata');
  const clusterScoped = CLUSTER_SCOPED_KINDS.has(resource.kind);
  const anchorNode = (get(meta, 'name') ?? get(resource.node, 'kind') ?? resource.node) as YNode;
  return {
    doc,
    listIndex: resource.listIndex,
    kind: resource.kind,
    apiVersion: resource.apiVersion,
    group: resource.group,
    name: resource.name,
    namespace: resource.namespace,
    ns: clusterScoped ? undefined : resource.namespace ?? '',
    labels: stringMap(getMap(meta, 'labels')),
    anchor: loc(anchorNode) ?? { start: 0, end: 0, line: 0, character: 0, endLine: 0, endCharacter: 0 },
    pod: podFacts(resource, loc),
    ext: {},
  };
}

function podFacts(resource: Resource, loc: LocOf): PodFacts | undefined {
  const pod = podSpecOf(resource);
  if (!pod) return undefined;
  const labels = stringMap(getMap(pod.podMeta, 'labels'));
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(stringMap(getMap(pod.podMeta, 'annotations')))) if (v.length <= MAX_ANNOTATION) annotations[k] = v;
  let field: PodFacts['serviceAccountField'];
  let saNode = get(pod.spec, 'serviceAccountName');
  if (saNode !== undefined && saNode !== null) field = 'serviceAccountName';
  else {
    saNode = get(pod.spec, 'serviceAccount');
    if (saNode !== undefined && saNode !== null) field = 'serviceAccount';
  }
  const saName = typeof scalarValue(saNode) === 'string' && scalarValue(saNode) !== '' ? (scalarValue(saNode) as string) : undefined;
  const automount = getScalar(pod.spec, 'automountServiceAccountToken');
  const configRefs: ConfigRef[] = [];
  const add = (kind: ConfigRefKind, node: YNode | null | undefined, holder: unknown, via: string, container?: string) => {
    const name = scalarValue(node);
    const l = loc(node);
    if (typeof name !== 'string' || !l) return;
    configRefs.push({ kind, name, optional: getScalar(holder, 'optional') === true, via, container, loc: l });
  };
  for (const c of containersOf(pod)) {
    for (const e of seqItems(get(c.node, 'env'))) {
      const vf = getMap(deref(resource.doc, e), 'valueFrom');
      const cm = getMap(vf, 'configMapKeyRef');
      if (cm) add('ConfigMap', get(cm, 'name'), cm, 'env', c.name);
      const s = getMap(vf, 'secretKeyRef');
      if (s) add('Secret', get(s, 'name'), s, 'env', c.name);
    }
    for (const e of seqItems(get(c.node, 'envFrom'))) {
      const item = deref(resource.doc, e);
      const cm = getMap(item, 'configMapRef');
      if (cm) add('ConfigMap', get(cm, 'name'), cm, 'envFrom', c.name);
      const s = getMap(item, 'secretRef');
      if (s) add('Secret', get(s, 'name'), s, 'envFrom', c.name);
    }
  }
  for (const v of seqItems(get(pod.spec, 'volumes'))) {
    const vol = deref(resource.doc, v);
    if (!isMap(vol)) continue;
    const cm = getMap(vol, 'configMap');
    if (cm) add('ConfigMap', get(cm, 'name'), cm, 'volume');
    const s = getMap(vol, 'secret');
    if (s) add('Secret', get(s, 'secretName'), s, 'volume');
    for (const src of seqItems(get(getMap(vol, 'projected'), 'sources'))) {
      const pcm = getMap(src, 'configMap');
      if (pcm) add('ConfigMap', get(pcm, 'name'), pcm, 'projected volume');
      const ps = getMap(src, 'secret');
      if (ps) add('Secret', get(ps, 'name'), ps, 'projected volume');
    }
  }
  for (const ips of seqItems(get(pod.spec, 'imagePullSecrets'))) {
    if (isMap(ips)) add('Secret', get(ips, 'name'), {}, 'imagePullSecrets');
  }
  return {
    labels,
    annotations,
    serviceAccount: saName ?? 'default',
    serviceAccountLoc: saName ? loc(saNode) : undefined,
    serviceAccountField: saName ? field : undefined,
    automountToken: typeof automount === 'boolean' ? automount : undefined,
    configRefs,
    specLoc: loc(getPair(pod.template, 'spec')?.key as YNode) ?? loc(pod.spec)!,
  };
}
