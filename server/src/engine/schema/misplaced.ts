// Security fields written one level off: `runAsUser` directly under a container, `privileged` in
// the pod's securityContext, `securityContext` under a template's metadata. Kubernetes drops each
// of them without a word, so the workload runs without the setting its author believes it has.
// Each misplacement knows where the field takes effect, and the fix moves it there in one edit.
import { applyEdits, FixBuilder, type YValue } from '../fix';
import { containersOf, describeContainer, podSpecOf, type PodSpecRef, type Resource } from '../k8s/resource';
import { getMap, isMap, isScalar, parseChunk, type Pair, type Scalar, type YAMLMap, type YNode } from '../parse';
import type { Edit } from '../types';
import { keyText, nodeAt, ownPair, pathTo, toData, type PathSegment } from './data';

/** Fields of a container's securityContext. */
const CONTAINER_SC = ['allowPrivilegeEscalation', 'appArmorProfile', 'capabilities', 'privileged', 'procMount', 'readOnlyRootFilesystem', 'runAsGroup', 'runAsNonRoot', 'runAsUser', 'seLinuxOptions', 'seccompProfile', 'windowsOptions'];
/** Fields of a pod's securityContext. */
const POD_SC = ['appArmorProfile', 'fsGroup', 'fsGroupChangePolicy', 'runAsGroup', 'runAsNonRoot', 'runAsUser', 'seLinuxChangePolicy', 'seLinuxOptions', 'seccompProfile', 'supplementalGroups', 'supplementalGroupsPolicy', 'sysctls', 'windowsOptions'];
const CONTAINER_ONLY_SC = new Set(CONTAINER_SC.filter((f) => !POD_SC.includes(f)));
const POD_ONLY_SC = new Set(POD_SC.filter((f) => !CONTAINER_SC.includes(f)));
/** Security fields of the pod spec itself. */
const POD_SPEC_FIELDS = new Set(['hostNetwork', 'hostPID', 'hostIPC', 'hostUsers', 'shareProcessNamespace', 'automountServiceAccountToken', 'serviceAccountName']);

export const MISPLACEABLE_FIELDS: ReadonlySet<string> = new Set([...CONTAINER_SC, ...POD_SC, ...POD_SPEC_FIELDS, 'securityContext']);

export interface MoveTarget {
  /** The map to write into, and the keys below it. */
  map: YAMLMap;
  path: string[];
  /** For messages: "the securityContext of container "app"". */
  label: string;
  /** Write only this key of the moved value (a misplaced securityContext merges key by key). */
  pick?: string;
}

export interface Misplacement {
  key: string;
  /** The map the field is in, and its pair. */
  map: YAMLMap;
  pair: Pair<Scalar, YNode | null>;
  /** Where it is, for messages: `a container`, `the pod spec`, `the pod template's metadata`. */
  where: string;
  /** Where it takes effect, for messages. */
  belongs: string;
  targets: MoveTarget[];
}

const cache = new WeakMap<YAMLMap, Misplacement[]>();

/** Misplaced security fields in a workload (any kind with a pod spec). */
export function misplacements(resource: Resource): Misplacement[] {
  const hit = cache.get(resource.node);
  if (hit) return hit;
  const out = find(resource);
  cache.set(resource.node, out);
  return out;
}

function find(resource: Resource): Misplacement[] {
  const pod = podSpecOf(resource);
  if (!pod) return [];
  const out: Misplacement[] = [];
  const containers = containersOf(pod);
  const podSc = (label = "the pod's securityContext"): MoveTarget => ({ map: pod.spec, path: ['securityContext'], label });
  const toPodSc = (key: string): MoveTarget[] => [{ ...podSc(), path: ['securityContext', key] }];
  const toPodSpec = (key: string): MoveTarget[] => [{ map: pod.spec, path: [key], label: 'the pod spec' }];
  const toEachContainer = (key: string): MoveTarget[] =>
    containers.map((c) => ({ map: c.node, path: ['securityContext', key], label: `the securityContext of ${describeContainer(c)}` }));

  const securityContextTargets = (map: YAMLMap): MoveTarget[] => {
    const sc = getMap(map, 'securityContext');
    if (!sc || sc.items.length === 0) return [{ map: pod.spec, path: ['securityContext'], label: "the pod's securityContext" }];
    return keysOf(sc).map((k) => ({ map: pod.spec, path: ['securityContext', k], label: "the pod's securityContext", pick: k }));
  };
  const add = (map: YAMLMap, key: string, where: string, belongs: string, targets: MoveTarget[]): void => {
    const pair = ownPair(map, key);
    if (pair) out.push({ key, map, pair, where, belongs, targets });
  };

  for (const c of containers) {
    const what = describeContainer(c);
    for (const key of keysOf(c.node)) {
      if (CONTAINER_SC.includes(key)) add(c.node, key, what, `${what}'s securityContext`, [{ map: c.node, path: ['securityContext', key], label: `the securityContext of ${what}` }]);
      else if (POD_ONLY_SC.has(key)) add(c.node, key, what, "the pod's securityContext (it applies to every container)", toPodSc(key));
      else if (POD_SPEC_FIELDS.has(key)) add(c.node, key, what, 'the pod spec (it applies to the whole pod)', toPodSpec(key));
    }
    const sc = getMap(c.node, 'securityContext');
    if (sc) {
      for (const key of keysOf(sc)) {
        if (POD_ONLY_SC.has(key)) add(sc, key, `the securityContext of ${what}`, "the pod's securityContext (only the pod level has it)", toPodSc(key));
        else if (POD_SPEC_FIELDS.has(key)) add(sc, key, `the securityContext of ${what}`, 'the pod spec', toPodSpec(key));
      }
    }
  }

  for (const key of keysOf(pod.spec)) {
    if (POD_SC.includes(key)) add(pod.spec, key, 'the pod spec', "the pod's securityContext", toPodSc(key));
    else if (CONTAINER_ONLY_SC.has(key) && containers.length > 0) add(pod.spec, key, 'the pod spec', "each container's securityContext (there is no pod-level setting)", toEachContainer(key));
  }
  const psc = getMap(pod.spec, 'securityContext');
  if (psc) {
    for (const key of keysOf(psc)) {
      if (CONTAINER_ONLY_SC.has(key) && containers.length > 0) add(psc, key, "the pod's securityContext", "each container's securityContext (there is no pod-level setting)", toEachContainer(key));
      else if (POD_SPEC_FIELDS.has(key)) add(psc, key, "the pod's securityContext", 'the pod spec', toPodSpec(key));
    }
  }

  // The maps on the way from the object to its pod spec (the object, its spec, the template...) and
  // their metadata: a securityContext or a pod field there belongs in the pod spec.
  for (const { map, where } of mapsAbove(resource, pod)) {
    for (const key of keysOf(map)) {
      if (key === 'securityContext') add(map, key, where, 'the pod spec', securityContextTargets(map));
      else if (POD_SPEC_FIELDS.has(key)) add(map, key, where, 'the pod spec', toPodSpec(key));
      else if (POD_SC.includes(key)) add(map, key, where, "the pod's securityContext", toPodSc(key));
      else if (CONTAINER_ONLY_SC.has(key) && containers.length > 0) add(map, key, where, "each container's securityContext", toEachContainer(key));
    }
  }
  return out;
}

function keysOf(map: YAMLMap): string[] {
  const out: string[] = [];
  for (const p of map.items) {
    const k = keyText(p.key);
    if (k !== undefined && k !== '<<') out.push(k);
  }
  return out;
}

function mapsAbove(resource: Resource, pod: PodSpecRef): { map: YAMLMap; where: string }[] {
  const path = pathTo(resource.node, pod.spec);
  if (!path) return [];
  const out: { map: YAMLMap; where: string }[] = [];
  let cur: unknown = resource.node;
  const names: string[] = [];
  for (const seg of path) {
    if (!isMap(cur)) break;
    const where = names.length === 0 ? `the ${resource.kind} itself` : `${names.join('.')} of the ${resource.kind}`;
    out.push({ map: cur, where });
    const meta = getMap(cur, 'metadata');
    if (meta) out.push({ map: meta, where: names.length === 0 ? `the ${resource.kind}'s metadata` : `${[...names, 'metadata'].join('.')} of the ${resource.kind}` });
    names.push(String(seg));
    cur = nodeAt(cur, [seg]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Values and fixes

/** The value of a pair as plain data for re-rendering, or undefined when it is empty. */
export function valueOf(resource: Resource, pair: Pair<Scalar, YNode | null>): YValue | undefined {
  const v = pair.value;
  if (v === null || v === undefined || (isScalar(v) && v.value === null)) return undefined;
  return clean(toData(resource.doc, v));
}

function clean(v: unknown): YValue {
  if (Array.isArray(v)) return v.map(clean);
  if (v && typeof v === 'object') {
    const out: { [k: string]: YValue } = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = clean(x);
    return out;
  }
  return (v ?? null) as YValue;
}

/** True when a value, once it takes effect, weakens security (privileged: true, runAsUser: 0...). */
export function weakensSecurity(key: string, value: YValue): boolean {
  const obj = (v: YValue): Record<string, YValue> => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
  switch (key) {
    case 'privileged':
    case 'allowPrivilegeEscalation':
    case 'hostNetwork':
    case 'hostPID':
    case 'hostIPC':
    case 'shareProcessNamespace':
    case 'automountServiceAccountToken':
      return value === true;
    case 'runAsNonRoot':
    case 'readOnlyRootFilesystem':
      return value === false;
    case 'hostUsers':
      return value === true;
    case 'runAsUser':
    case 'runAsGroup':
      return value === 0;
    case 'procMount':
      return value === 'Unmasked';
    case 'capabilities':
      return Array.isArray(obj(value).add) && (obj(value).add as YValue[]).length > 0;
    case 'seccompProfile':
    case 'appArmorProfile':
      return obj(value).type === 'Unconfined';
    case 'securityContext':
      return Object.entries(obj(value)).some(([k, v]) => weakensSecurity(k, v));
    default:
      return false;
  }
}

/** The part of a moved value that goes to a target. */
export function valueFor(t: MoveTarget, value: YValue): YValue | undefined {
  if (t.pick === undefined) return value;
  return value && typeof value === 'object' && !Array.isArray(value) ? value[t.pick] : undefined;
}

/** What a target already has at its path: 'absent', 'same' (the value is already there) or 'different'. */
export function targetState(resource: Resource, t: MoveTarget, value: YValue): 'absent' | 'same' | 'different' {
  let cur: unknown = t.map;
  for (const k of t.path) {
    if (!isMap(cur)) return 'absent';
    const p = ownPair(cur, k);
    if (!p || p.value === null || (isScalar(p.value) && p.value.value === null)) return 'absent';
    cur = p.value;
  }
  return JSON.stringify(clean(toData(resource.doc, cur))) === JSON.stringify(value) ? 'same' : 'different';
}

/**
 * The edits that remove `pair` from `map` and write `value` at each target, as one fix. Where the
 * removal and an insertion do not touch, they are separate minimal edits on the original text;
 * where they would (the field is the last one of the map it moves into), the edits are applied one
 * after the other on re-parsed text and the result becomes one replacement of the span that
 * changed. Undefined when the result would not parse.
 */
export function moveEdit(text: string, resource: Resource, m: Misplacement, targets: readonly MoveTarget[], value: YValue | undefined): Edit[] | undefined {
  const builder = new FixBuilder(text);
  const removal = removeField(text, resource, m.map, m.key);
  if (!removal) return undefined;
  const direct: Edit[] = [removal];
  if (value !== undefined) {
    for (const t of targets) {
      const v = valueFor(t, value);
      if (v !== undefined) direct.push(builder.setIn(t.map, t.path, v));
    }
  }
  if (!direct.some((e, i) => direct.some((o, j) => i !== j && e.start <= o.end && o.start <= e.end))) {
    const result = applyEdits(text, direct);
    return parseChunk(result).errors.some((e) => !e.warning) ? undefined : direct;
  }
  const root = resource.doc.contents;
  const targetPaths: { path: PathSegment[]; keys: string[]; value: YValue | undefined }[] = [];
  for (const t of targets) {
    const p = pathTo(root, t.map);
    if (!p) return undefined;
    targetPaths.push({ path: p, keys: t.path, value: value === undefined ? undefined : valueFor(t, value) });
  }
  let current = applyEdits(text, [removal]);
  if (value !== undefined) {
    for (const t of targetPaths) {
      if (t.value === undefined) continue;
      const parsed = parseChunk(current);
      const map = nodeAt(parsed.doc.contents, t.path);
      if (!isMap(map)) return undefined;
      current = applyEdits(current, [new FixBuilder(current).setIn(map, t.keys, t.value)]);
    }
  }
  if (parseChunk(current).errors.some((e) => !e.warning)) return undefined;
  return [diffEdit(text, current)];
}

/**
 * Removes a key. When it is the only key of a block map that is the value of another key, the map
 * becomes `key: {}` on one line (FixBuilder.removePair alone would leave `{}` on a line of its own).
 */
export function removeField(text: string, resource: Resource, map: YAMLMap, key: string): Edit | undefined {
  const builder = new FixBuilder(text);
  if (map.items.length === 1 && !map.flow && map.range) {
    const path = pathTo(resource.doc.contents, map);
    if (path && path.length > 0 && typeof path[path.length - 1] === 'string') {
      const parent = nodeAt(resource.doc.contents, path.slice(0, -1));
      const pair = ownPair(parent, path[path.length - 1] as string);
      const keyEnd = (pair?.key as YNode | undefined)?.range?.[1];
      if (pair && keyEnd !== undefined) {
        const colon = text.indexOf(':', keyEnd);
        const lineEnd = text.indexOf('\n', colon);
        const restOfLine = text.slice(colon + 1, lineEnd === -1 ? text.length : lineEnd);
        if (colon !== -1 && restOfLine.trim() === '') {
          let end = map.range[1];
          while (end > colon && /\s/.test(text[end - 1])) end--;
          return { start: colon + 1, end, text: ' {}' };
        }
      }
    }
  }
  return builder.removePair(map, key);
}

/** The single edit that turns `a` into `b` (common prefix and suffix kept). */
export function diffEdit(a: string, b: string): Edit {
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return { start, end: endA, text: b.slice(start, endB) };
}

