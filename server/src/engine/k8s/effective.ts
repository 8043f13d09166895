// Grouping a pod's containers by the node that decides a securityContext field for them: a value at
// pod level decides for every container that does not set its own, so a finding about it is
// reported once, on that node, rather than once per container.
import type { YNode } from '../parse';
import { CONTAINER_LISTS, containersOf, type ContainerListKey, type ContainerRef, type PodSpecRef } from './resource';
import { effectiveSetting } from './security-context';

export interface DecidedSetting {
  node: YNode;
  value: unknown;
  from: 'pod' | 'container';
  containers: ContainerRef[];
}

export interface EffectiveGroups {
  /** One entry per deciding node, in document order of the first container it decides for. */
  decided: DecidedSetting[];
  /** Containers for which neither they nor the pod set the field. */
  unset: ContainerRef[];
  /** Every container looked at. */
  all: ContainerRef[];
}

export function groupByEffective(pod: PodSpecRef, path: readonly string[], lists: readonly ContainerListKey[] = CONTAINER_LISTS): EffectiveGroups {
  const byNode = new Map<YNode, DecidedSetting>();
  const unset: ContainerRef[] = [];
  const all = containersOf(pod, lists);
  for (const c of all) {
    const s = effectiveSetting(c, path);
    if (!s.node) {
      unset.push(c);
      continue;
    }
    let entry = byNode.get(s.node);
    if (!entry) {
      entry = { node: s.node, value: s.value, from: s.from!, containers: [] };
      byNode.set(s.node, entry);
    }
    entry.containers.push(c);
  }
  return { decided: [...byNode.values()], unset, all };
}

/** `container "a"`, `container "a" and init container "b"`, `3 containers`: for messages. */
export function describeContainers(cs: readonly ContainerRef[], describe: (c: ContainerRef) => string): string {
  if (cs.length > 3) return `${cs.length} containers`;
  const names = cs.map(describe);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
