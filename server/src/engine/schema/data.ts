// From YAML nodes to the plain data a validator checks, and back from a validator's JSON pointer
// to the YAML nodes it names. The data is built the way Kubernetes reads YAML: YAML 1.1 scalars,
// merge keys applied, aliases followed, timestamps kept as the text that was written, and a null
// value treated as an unset field (the key stays, so an unknown key with no value is still seen).
import { deref, isAlias, isMap, isScalar, isSeq, type ParsedDoc, type Pair, type Scalar, type YAMLMap, type YNode } from '../parse';

/** Aliases can make a small file expand into a huge tree; validation gives up past this many nodes. */
const MAX_NODES = 200_000;
const MAX_DEPTH = 200;

export class DataTooLarge extends Error {}

export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || key.value === '<<');
}

export function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const v = key.value;
  if (typeof v === 'symbol') return '<<';
  return v === null ? 'null' : String(v);
}

/** Plain data for a node. Throws DataTooLarge for alias bombs and absurd nesting. */
export function toData(doc: ParsedDoc, node: unknown): unknown {
  const budget = { nodes: 0 };
  return convert(doc, node, budget, 0);
}

function convert(doc: ParsedDoc, raw: unknown, budget: { nodes: number }, depth: number): unknown {
  if (++budget.nodes > MAX_NODES || depth > MAX_DEPTH) throw new DataTooLarge('document too large to validate');
  const node = isAlias(raw) ? deref(doc, raw) : (raw as YNode | null);
  if (node === null || node === undefined) return null;
  if (isScalar(node)) return scalarData(node);
  if (isSeq(node)) return node.items.map((item) => convert(doc, item, budget, depth + 1));
  if (isMap(node)) {
    const out: Record<string, unknown> = Object.create(null);
    const merges: unknown[] = [];
    for (const pair of node.items as Pair[]) {
      if (isMergeKey(pair.key)) {
        merges.push(pair.value);
        continue;
      }
      const key = keyText(pair.key) ?? collectionKey(convert(doc, pair.key, budget, depth + 1));
      const value = convert(doc, pair.value, budget, depth + 1);
      // null means "unset" to the API server; keep the key so unknown keys are still reported.
      out[key] = value === null ? undefined : value;
    }
    for (const m of merges) mergeInto(doc, out, m, budget, depth);
    return out;
  }
  return null;
}

/** A map or list used as a key (`? [a, b]`, `{[x]: y}`): String() throws on the null-prototype maps built here. */
function collectionKey(data: unknown): string {
  return typeof data === 'string' ? data : (JSON.stringify(data) ?? 'null');
}

function mergeInto(doc: ParsedDoc, out: Record<string, unknown>, source: unknown, budget: { nodes: number }, depth: number): void {
  const target = isAlias(source) ? deref(doc, source) : source;
  const sources = isSeq(target) ? target.items : [target];
  for (const s of sources) {
    const data = convert(doc, s, budget, depth + 1);
    if (!data || typeof data !== 'object' || Array.isArray(data)) continue;
    for (const [k, v] of Object.entries(data)) if (!(k in out)) out[k] = v;
  }
}

function scalarData(node: Scalar): unknown {
  const v = node.value;
  if (v instanceof Date) return (node as Scalar & { source?: string }).source ?? v.toISOString();
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'symbol') return String(v.description ?? '');
  if (v !== null && typeof v === 'object') return String(v);
  return v;
}

// ---------------------------------------------------------------------------------------------
// JSON pointers back to nodes

export type PathSegment = string | number;

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export interface Located {
  /** The value node at the pointer (after following an alias). */
  node: YNode | null;
  /** The pair that holds it, when its parent is a map. */
  pair?: Pair<Scalar, YNode | null>;
  /** The map or sequence that holds it. */
  parent?: YAMLMap | YNode;
  /** Path segments with numbers for sequence indexes. */
  path: PathSegment[];
}

/**
 * The nodes a JSON pointer names, starting at `root` (the object's own map). Keys inherited through
 * a merge key resolve to the anchored map they come from. Undefined when the pointer leaves the tree.
 */
export function locate(doc: ParsedDoc, root: YAMLMap, pointer: string): Located | undefined {
  let cur: Located = { node: root, path: [] };
  for (const seg of parsePointer(pointer)) {
    const node = cur.node && isAlias(cur.node) ? deref(doc, cur.node) : cur.node;
    if (isMap(node)) {
      const pair = findPair(doc, node, seg, 0);
      if (!pair) return undefined;
      cur = { node: pair.pair.value as YNode | null, pair: pair.pair, parent: pair.map, path: [...cur.path, seg] };
    } else if (isSeq(node)) {
      const i = Number(seg);
      if (!Number.isInteger(i) || i < 0 || i >= node.items.length) return undefined;
      cur = { node: node.items[i] as YNode | null, parent: node, path: [...cur.path, i] };
    } else {
      return undefined;
    }
  }
  if (cur.node && isAlias(cur.node)) cur = { ...cur, node: deref(doc, cur.node) };
  return cur;
}

function findPair(doc: ParsedDoc, map: YAMLMap, key: string, depth: number): { pair: Pair<Scalar, YNode | null>; map: YAMLMap } | undefined {
  if (depth > 20) return undefined;
  const merges: unknown[] = [];
  for (const p of map.items as Pair<Scalar, YNode | null>[]) {
    if (isMergeKey(p.key)) merges.push(p.value);
    else if (keyText(p.key) === key) return { pair: p, map };
  }
  for (const m of merges) {
    const t = isAlias(m) ? deref(doc, m) : m;
    for (const s of isSeq(t) ? t.items : [t]) {
      const target = isAlias(s) ? deref(doc, s) : s;
      if (isMap(target)) {
        const found = findPair(doc, target, key, depth + 1);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/** The pair whose key is `key` in `map` (no merge keys), for reporting on the key itself. */
export function ownPair(map: unknown, key: string): Pair<Scalar, YNode | null> | undefined {
  if (!isMap(map)) return undefined;
  return (map.items as Pair<Scalar, YNode | null>[]).find((p) => !isMergeKey(p.key) && keyText(p.key) === key);
}

/** The structural path (keys and indexes) from `root` to `target`, by node identity. */
export function pathTo(root: unknown, target: unknown): PathSegment[] | undefined {
  const walk = (node: unknown, path: PathSegment[], depth: number): PathSegment[] | undefined => {
    if (node === target) return path;
    if (depth > MAX_DEPTH) return undefined;
    if (isMap(node)) {
      for (const p of node.items as Pair[]) {
        if (p.key === target) return path;
        const k = keyText(p.key);
        if (k === undefined) continue;
        const r = walk(p.value, [...path, k], depth + 1);
        if (r) return r;
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const r = walk(node.items[i], [...path, i], depth + 1);
        if (r) return r;
      }
    }
    return undefined;
  };
  return walk(root, [], 0);
}

/** The node at a structural path (no aliases, no merge keys): used after re-parsing an edited text. */
export function nodeAt(root: unknown, path: readonly PathSegment[]): YNode | null | undefined {
  let cur: unknown = root;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!isSeq(cur)) return undefined;
      cur = cur.items[seg];
    } else {
      if (!isMap(cur)) return undefined;
      const p = ownPair(cur, seg);
      if (!p) return undefined;
      cur = p.value;
    }
  }
  return cur as YNode | null | undefined;
}
