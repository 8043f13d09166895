// Reading security settings the way admission does: a container's securityContext field wins over
// the pod's where both levels have it, and each finding points at the node that decided it.
import type { Edit, Fix } from '../types';
import type { FixBuilder, YValue } from '../fix';
import { get, getMap, getPair, getPath, getString, isScalar, mapPairs, scalarValue, type Pair, type Scalar, type YAMLMap, type YNode } from '../parse';
import type { ContainerRef, PodSpecRef } from './resource';

export function podSecurityContext(pod: PodSpecRef): YAMLMap | undefined {
  return getMap(pod.spec, 'securityContext');
}

export function containerSecurityContext(c: ContainerRef): YAMLMap | undefined {
  return getMap(c.node, 'securityContext');
}

export interface Setting {
  /** The value node that decided, or undefined when neither level sets the field. */
  node?: YNode;
  value?: unknown;
  from?: 'container' | 'pod';
}

/** A field under securityContext that exists at both levels (runAsNonRoot, runAsUser, seccompProfile...). */
export function effectiveSetting(c: ContainerRef, path: readonly string[]): Setting {
  const own = getPath(containerSecurityContext(c), path);
  if (own !== undefined && own !== null && !(isScalar(own) && own.value === null)) {
    return { node: own, value: isScalar(own) ? own.value : undefined, from: 'container' };
  }
  const pod = getPath(podSecurityContext(c.pod), path);
  if (pod !== undefined && pod !== null && !(isScalar(pod) && pod.value === null)) {
    return { node: pod, value: isScalar(pod) ? pod.value : undefined, from: 'pod' };
  }
  return {};
}

/** Where a finding about a field missing from a container goes: its securityContext key, else its name. */
export function containerAnchor(c: ContainerRef): [number, number] {
  const sc = getPair(c.node, 'securityContext');
  if (sc) return [(sc.key as YNode).range![0], (sc.key as YNode).range![1]];
  const name = getPair(c.node, 'name');
  if (name) {
    const end = name.value?.range ? name.value.range[1] : (name.key as YNode).range![1];
    return [(name.key as YNode).range![0], end];
  }
  const r = c.node.range!;
  return [r[0], r[0]];
}

/** Where a finding about a pod-level field that is missing goes: the pod spec's securityContext key, else the `spec` key. */
export function podAnchor(pod: PodSpecRef): [number, number] {
  const sc = getPair(pod.spec, 'securityContext');
  if (sc) return [(sc.key as YNode).range![0], (sc.key as YNode).range![1]];
  const specPair = getPair(pod.template, 'spec');
  if (specPair) return [(specPair.key as YNode).range![0], (specPair.key as YNode).range![1]];
  const r = pod.spec.range!;
  return [r[0], r[0]];
}

export function setContainerSecurity(fix: FixBuilder, c: ContainerRef, path: readonly string[], value: YValue): Edit {
  return fix.setIn(c.node, ['securityContext', ...path], value);
}

export function setPodSecurity(fix: FixBuilder, pod: PodSpecRef, path: readonly string[], value: YValue): Edit {
  return fix.setIn(pod.spec, ['securityContext', ...path], value);
}

/** Windows pods (`spec.os.name: windows`) are exempt from some restricted checks from v1.25. */
export function isWindowsPod(pod: PodSpecRef): boolean {
  return getString(getMap(pod.spec, 'os'), 'name') === 'windows';
}

/** `spec.hostUsers: false` puts the pod in a user namespace (relaxes some checks from v1.35). */
export function usesUserNamespace(pod: PodSpecRef): boolean {
  const v = get(pod.spec, 'hostUsers');
  return isScalar(v) && v.value === false;
}

export function isTrue(node: unknown): boolean {
  return isScalar(node) && node.value === true;
}

export function isFalse(node: unknown): boolean {
  return isScalar(node) && node.value === false;
}

/** True when Kubernetes would decode the node as unset: no key, `key:` or `key: null`. */
export function isUnset(node: unknown): boolean {
  return node === undefined || node === null || (isScalar(node) && node.value === null);
}

/** A scalar's value as the string Kubernetes would read for a string field (null reads as ""). */
export function stringValue(node: unknown): string {
  if (isUnset(node)) return '';
  const v = scalarValue(node);
  return v === undefined ? '' : String(v);
}

/** The pod's annotations (the template's for workloads), as key/value pairs. */
export function podAnnotations(pod: PodSpecRef): { map?: YAMLMap; pairs: Pair<Scalar, YNode | null>[] } {
  const map = getMap(pod.podMeta, 'annotations');
  return { map, pairs: mapPairs(map) };
}

/** Pod Security exemption of Windows pods from the Linux-only restricted checks (policy v1.25+). */
export function isWindowsExempt(pod: PodSpecRef, minor: number): boolean {
  return minor >= 25 && isWindowsPod(pod);
}

/** User-namespace relaxation of runAsNonRoot, runAsUser and baseline procMount (policy v1.35+). */
export function isUserNamespaceRelaxed(pod: PodSpecRef, minor: number): boolean {
  return minor >= 35 && usesUserNamespace(pod);
}

/** A hardening fix: it changes behaviour, so it is a suggestion. */
export function suggestion(title: string, edits: Edit[], preferred = true): Fix {
  return { title, edits, safety: 'suggestion', preferred };
}

/** The key node of a pair, for findings about a key (a forbidden volume type, a missing field's parent). */
export function keyNode(pair: Pair<Scalar, YNode | null> | undefined): YNode | undefined {
  return pair ? (pair.key as YNode) : undefined;
}

/**
 * Removes `key` from `map`, or, when it is the map's only key, the map's own entry `parentKey` from
 * `parent`: removing the last option of `seLinuxOptions` removes `seLinuxOptions` rather than
 * leaving an empty `{}` behind.
 */
export function removeField(fix: FixBuilder, parent: YAMLMap | undefined, parentKey: string, map: YAMLMap, key: string): Edit | undefined {
  if (parent && map.items.length === 1 && get(parent, parentKey) === map) return fix.removePair(parent, parentKey);
  return fix.removePair(map, key);
}
