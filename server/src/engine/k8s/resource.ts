// The resource model: which objects a document holds, where their pod specs live, and the
// containers of each pod spec. Everything points at YAML nodes, so findings keep exact ranges.
import {
  deref,
  get,
  getMap,
  getPath,
  getString,
  isMap,
  rootMap,
  seqItems,
  type ParsedDoc,
  type YAMLMap,
  type YNode,
} from '../parse';

export interface Resource {
  kind: string;
  apiVersion: string;
  /** API group ('' for the core group). */
  group: string;
  version: string;
  name?: string;
  namespace?: string;
  /** The object's own map (a `List` item or the document root). */
  node: YAMLMap;
  doc: ParsedDoc;
  /** Set for items of a `List`. */
  listIndex?: number;
}

/** Where a pod spec lives inside a resource, by kind. */
const POD_SPEC_PATHS: Record<string, readonly string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
};

export const WORKLOAD_KINDS = Object.keys(POD_SPEC_PATHS);

export interface PodSpecRef {
  resource: Resource;
  spec: YAMLMap;
  /** The metadata of the pod (the template's for workloads); holds pod annotations. */
  podMeta?: YAMLMap;
  /** The map that holds `spec` (the template, or the Pod itself). */
  template: YAMLMap;
}

export type ContainerListKey = 'containers' | 'initContainers' | 'ephemeralContainers';
export const CONTAINER_LISTS: readonly ContainerListKey[] = ['containers', 'initContainers', 'ephemeralContainers'];

export interface ContainerRef {
  pod: PodSpecRef;
  node: YAMLMap;
  list: ContainerListKey;
  index: number;
  name?: string;
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

function toResource(node: YAMLMap, doc: ParsedDoc, listIndex?: number): Resource | undefined {
  const kind = getString(node, 'kind');
  const apiVersion = getString(node, 'apiVersion');
  if (!kind || apiVersion === undefined) return undefined;
  const meta = getMap(node, 'metadata');
  return {
    kind,
    apiVersion,
    ...splitApiVersion(apiVersion),
    name: getString(meta, 'name'),
    namespace: getString(meta, 'namespace'),
    node,
    doc,
    listIndex,
  };
}

/**
 * The Kubernetes objects of one document: the root object, or the items of a `List` (kind `List`
 * or any `*List`). YAML that is not a Kubernetes object (no apiVersion and kind) yields nothing.
 */
export function resourcesOf(doc: ParsedDoc): Resource[] {
  const root = rootMap(doc);
  if (!root) return [];
  const res = toResource(root, doc);
  if (!res) return [];
  if (res.kind === 'List' || (res.kind.endsWith('List') && isListOfItems(root))) {
    const out: Resource[] = [];
    seqItems(get(root, 'items')).forEach((item, i) => {
      const n = deref(doc, item);
      if (isMap(n)) {
        const r = toResource(n, doc, i);
        if (r) out.push(r);
      }
    });
    return out;
  }
  return [res];
}

function isListOfItems(root: YAMLMap): boolean {
  return get(root, 'items') !== undefined && get(root, 'spec') === undefined;
}

export function podSpecOf(resource: Resource): PodSpecRef | undefined {
  const path = POD_SPEC_PATHS[resource.kind];
  if (!path) return undefined;
  const spec = getPath(resource.node, path);
  if (!isMap(spec)) return undefined;
  const templatePath = path.slice(0, -1);
  const template = templatePath.length === 0 ? resource.node : getPath(resource.node, templatePath);
  if (!isMap(template)) return undefined;
  const podMeta = getMap(template, 'metadata');
  return { resource, spec, template, podMeta };
}

export function containersOf(pod: PodSpecRef, lists: readonly ContainerListKey[] = CONTAINER_LISTS): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const list of lists) {
    seqItems(get(pod.spec, list)).forEach((item, index) => {
      const node = deref(pod.resource.doc, item);
      if (isMap(node)) out.push({ pod, node, list, index, name: getString(node, 'name') });
    });
  }
  return out;
}

/** A short human name for a container, for messages: `container "app"`, `init container "setup"`. */
export function describeContainer(c: ContainerRef): string {
  const what = c.list === 'containers' ? 'container' : c.list === 'initContainers' ? 'init container' : 'ephemeral container';
  return c.name ? `${what} "${c.name}"` : `${what} #${c.index + 1}`;
}

/** The node that best represents a resource for a finding with no more specific place: its kind value. */
export function resourceAnchor(resource: Resource): YNode {
  return (get(resource.node, 'kind') as YNode | null | undefined) ?? resource.node;
}
