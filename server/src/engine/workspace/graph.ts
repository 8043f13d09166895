// The workspace graph: an index of the Kubernetes objects of many files, kept as plain facts (see
// facts.ts), updated one file at a time. Re-indexing a file re-extracts only the documents whose
// text changed (the others keep their facts and only move), and can reuse a parse the linter has
// already made. Queries are by kind, name and namespace, backed by maps, so a rule that runs on
// every keystroke costs what the objects it looks at cost, not the size of the workspace.
//
// Namespaces: an object without metadata.namespace gets its namespace when it is applied (kubectl's
// context, kustomize's `namespace:`). The index keys it as '' and treats '' as matching any
// namespace, so that absence-based rules never fire just because a namespace was left implicit.
import { resourcesOf, WORKLOAD_KINDS, type Resource } from '../k8s/resource';
import { parseChunk, splitDocuments, type ParsedChunk } from '../parse';
import { factsOf } from './extractor';
import { runExtractors } from './extractors';
import { coreFacts, locator, type DocPlacement, type Loc, type ObjectFacts } from './facts';
import { namespaceFacts } from './k8s-facts';
import { matchesSelector, type Selector } from './selectors';

/** A document the caller has already split (and possibly parsed). */
export interface IndexedChunk {
  offset: number;
  text: string;
  parsed?: ParsedChunk;
  resources?: Resource[];
  /** docKey(text) and countNewlines(text), when the caller keeps them (the linter does, so a keystroke reads one document). */
  key?: string;
  lines?: number;
}

/** What an update changed, for deciding which other files need their diagnostics again. */
export interface GraphChange {
  file: string;
  changed: boolean;
  /** Namespace keys of the objects removed or added ('' for objects without a namespace). */
  namespaces: Set<string>;
  /** A cluster-scoped object or one without a namespace changed: every file may be affected. */
  clusterWide: boolean;
}

/** An absolute location in a file, ready for related information. */
export interface FileLocation {
  file: string;
  start: number;
  end: number;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

/** A file's entry in the index as plain data, which can cross to another thread (structured clone). */
export interface IndexedFile {
  docs: { key: string; placement: DocPlacement; objects: ObjectFacts[] }[];
}

interface DocEntry {
  key: string;
  placement: DocPlacement;
  objects: ObjectFacts[];
}

interface FileEntry {
  docs: DocEntry[];
  objects: ObjectFacts[];
}

export interface WorkspaceGraphOptions {
  /** How messages name what the graph covers: 'this workspace' (default), 'this file', 'the linted files'. */
  scope?: string;
}

const CLUSTER = '\u0000cluster';

/** What a caller of location() shows: the whole range, or only the file and line. */
export type LocationUse = 'range' | 'line';

export class WorkspaceGraph {
  /** Incremented on every change; caches of cross-resource results key on it. */
  revision = 0;
  /**
   * Incremented on every change except one that only moves positions: re-indexing a file where the
   * re-extracted documents have the same facts as before apart from their locations (typing in a
   * value no fact reads). Then the old objects are kept, refreshed in place, so every query answers
   * the same objects in the same order. Caches that key on it must also check the positions they
   * handed out: locationObserver sees every one.
   */
  factsRevision = 0;
  /**
   * Called with every location this graph computes (ctx.related, ctx.describe and permission
   * descriptions all come through location()), so that the linter can tell which positions of other
   * objects a document's graph findings show.
   */
  locationObserver?: (obj: ObjectFacts, loc: Loc | undefined, at: FileLocation, uses: LocationUse) => void;
  /** False while a background indexer is still filling the graph: absence-based rules wait. */
  ready = true;
  readonly scope: string;
  private readonly files = new Map<string, FileEntry>();
  /** kind -> namespace key (CLUSTER for cluster-scoped) -> objects */
  private readonly byKind = new Map<string, Map<string, Set<ObjectFacts>>>();
  /** kind + '\0' + name -> objects */
  private readonly byName = new Map<string, Set<ObjectFacts>>();
  private readonly listeners = new Set<(change: GraphChange) => void>();

  constructor(options: WorkspaceGraphOptions = {}) {
    this.scope = options.scope ?? 'this workspace';
  }

  // --- Updates ---------------------------------------------------------------------------------

  /**
   * Indexes (or re-indexes) a file. `chunks`, when given, are the file's documents as the linter
   * split and parsed them; otherwise the text is split here and only new documents are parsed.
   */
  setFile(file: string, text: string, chunks?: readonly IndexedChunk[]): GraphChange {
    const old = this.files.get(file);
    const docsIn: IndexedChunk[] = chunks ? [...chunks] : splitDocuments(text);
    const reusable = new Map<string, DocEntry[]>();
    for (const d of old?.docs ?? []) {
      const list = reusable.get(d.key);
      if (list) list.push(d);
      else reusable.set(d.key, [d]);
    }
    const docs: DocEntry[] = [];
    let line = 0;
    let same = !!old && old.docs.length === docsIn.length;
    docsIn.forEach((c, docIndex) => {
      const key = c.key ?? docKey(c.text);
      const prev = reusable.get(key)?.shift();
      let entry: DocEntry;
      if (prev) {
        if (prev.placement.offset !== c.offset || prev.placement.docIndex !== docIndex || old!.docs[docIndex] !== prev) same = false;
        prev.placement.offset = c.offset;
        prev.placement.line = line;
        prev.placement.docIndex = docIndex;
        entry = prev;
      } else {
        same = false;
        const placement: DocPlacement = { file, docIndex, offset: c.offset, line };
        entry = { key, placement, objects: extractDoc(c, placement) };
      }
      docs.push(entry);
      line += c.lines ?? countNewlines(c.text);
    });
    if (same && old) return { file, changed: false, namespaces: new Set(), clusterWide: false };
    if (old && refreshInPlace(old.docs, docs)) {
      // Same objects, new positions: the index is unchanged; other files may show those positions.
      const change: GraphChange = { file, changed: true, namespaces: new Set(), clusterWide: false };
      for (const o of old.objects) noteChange(change, o);
      this.revision++;
      this.notify(change);
      return change;
    }
    const objects = docs.flatMap((d) => d.objects);
    const change = this.replace(file, old, { docs, objects });
    return change;
  }

  /** A file's entry as plain data, for importFile in another graph (a CLI worker's). */
  exportFile(file: string): IndexedFile | undefined {
    const e = this.files.get(file);
    return e ? { docs: e.docs.map((d) => ({ key: d.key, placement: d.placement, objects: d.objects })) } : undefined;
  }

  /** Adds a file's entry exported by another graph: the same as setFile of that text here. */
  importFile(file: string, entry: IndexedFile): GraphChange {
    const docs: DocEntry[] = entry.docs.map((d) => ({ key: d.key, placement: d.placement, objects: d.objects }));
    return this.replace(file, this.files.get(file), { docs, objects: docs.flatMap((d) => d.objects) });
  }

  removeFile(file: string): GraphChange {
    const old = this.files.get(file);
    if (!old) return { file, changed: false, namespaces: new Set(), clusterWide: false };
    return this.replace(file, old, undefined);
  }

  renameFile(from: string, to: string): GraphChange[] {
    const entry = this.files.get(from);
    if (!entry) return [];
    const removed = this.replace(from, entry, undefined);
    for (const d of entry.docs) d.placement.file = to;
    const existing = this.files.get(to);
    const added = this.replace(to, existing, entry);
    return [removed, added];
  }

  clear(): void {
    this.files.clear();
    this.byKind.clear();
    this.byName.clear();
    this.revision++;
    this.factsRevision++;
  }

  private replace(file: string, old: FileEntry | undefined, next: FileEntry | undefined): GraphChange {
    const change: GraphChange = { file, changed: true, namespaces: new Set(), clusterWide: false };
    for (const o of old?.objects ?? []) {
      this.unindex(o);
      noteChange(change, o);
    }
    if (next) {
      this.files.set(file, next);
      for (const o of next.objects) {
        this.index(o);
        noteChange(change, o);
      }
    } else {
      this.files.delete(file);
    }
    this.revision++;
    this.factsRevision++;
    this.notify(change);
    return change;
  }

  /** Calls `listener` after every update that changed something; returns the unsubscribe function. */
  subscribe(listener: (change: GraphChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(change: GraphChange): void {
    for (const l of this.listeners) l(change);
  }

  private index(o: ObjectFacts): void {
    let m = this.byKind.get(o.kind);
    if (!m) this.byKind.set(o.kind, (m = new Map()));
    const k = o.ns ?? CLUSTER;
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set()));
    s.add(o);
    if (o.name !== undefined) {
      const nk = `${o.kind}\u0000${o.name}`;
      let n = this.byName.get(nk);
      if (!n) this.byName.set(nk, (n = new Set()));
      n.add(o);
    }
  }

  private unindex(o: ObjectFacts): void {
    this.byKind.get(o.kind)?.get(o.ns ?? CLUSTER)?.delete(o);
    if (o.name !== undefined) this.byName.get(`${o.kind}\u0000${o.name}`)?.delete(o);
  }

  // --- Reads -----------------------------------------------------------------------------------

  get fileCount(): number {
    return this.files.size;
  }

  fileNames(): string[] {
    return [...this.files.keys()];
  }

  hasFile(file: string): boolean {
    return this.files.has(file);
  }

  /** The objects of one file, in document order. */
  objectsIn(file: string): readonly ObjectFacts[] {
    return this.files.get(file)?.objects ?? [];
  }

  objectAt(file: string, docIndex: number, listIndex?: number): ObjectFacts | undefined {
    const doc = this.files.get(file)?.docs[docIndex];
    return doc?.objects.find((o) => o.listIndex === listIndex);
  }

  /**
   * Objects of a kind (or kinds). With `ns`, only those that can share that namespace: the same
   * namespace, no namespace (''), and cluster-scoped objects; `ns` '' matches every namespace.
   */
  objects(kind: string | readonly string[], ns?: string): ObjectFacts[] {
    const out: ObjectFacts[] = [];
    for (const k of typeof kind === 'string' ? [kind] : kind) {
      const m = this.byKind.get(k);
      if (!m) continue;
      if (ns === undefined || ns === '') {
        for (const s of m.values()) for (const o of s) out.push(o);
        continue;
      }
      for (const key of [ns, '', CLUSTER]) {
        const s = m.get(key);
        if (s) for (const o of s) out.push(o);
      }
    }
    return out;
  }

  /** Objects of a kind with a given name, in the namespace `ns` (same matching as objects()). */
  named(kind: string | readonly string[], name: string, ns?: string): ObjectFacts[] {
    const out: ObjectFacts[] = [];
    for (const k of typeof kind === 'string' ? [kind] : kind) {
      const s = this.byName.get(`${k}\u0000${name}`);
      if (!s) continue;
      for (const o of s) if (ns === undefined || sameNamespace(o.ns, ns)) out.push(o);
    }
    return out;
  }

  /** Objects with a pod template (Deployment, Pod, CronJob, ...) in a namespace. */
  workloads(ns?: string): ObjectFacts[] {
    return this.objects(WORKLOAD_KINDS, ns).filter((o) => o.pod);
  }

  /** Workloads in `ns` whose pods carry labels the selector matches. */
  podsMatching(ns: string | undefined, selector: Selector): ObjectFacts[] {
    return this.workloads(ns).filter((w) => matchesSelector(selector, w.pod!.labels));
  }

  /** Namespace names: those of Namespace objects and those objects are placed in. */
  namespaces(): string[] {
    const out = new Set<string>();
    for (const m of this.byKind.values()) for (const k of m.keys()) if (k !== CLUSTER && k !== '') out.add(k);
    for (const n of this.objects('Namespace')) if (n.name) out.add(n.name);
    return [...out].sort();
  }

  namespaceObject(name: string): ObjectFacts | undefined {
    return this.named('Namespace', name)[0];
  }

  /** Labels a namespaceSelector sees for a namespace: its Namespace object's, or only the automatic name label. */
  namespaceLabels(name: string): Record<string, string> {
    const ns = this.namespaceObject(name);
    const f = ns ? factsOf(ns, namespaceFacts) : undefined;
    return f ? f.labels : { 'kubernetes.io/metadata.name': name };
  }

  /** Label keys and their values on the pods of a namespace (every namespace without `ns`), for completion. */
  podLabels(ns?: string): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const w of this.workloads(ns)) {
      for (const [k, v] of Object.entries(w.pod!.labels)) {
        let s = out.get(k);
        if (!s) out.set(k, (s = new Set()));
        s.add(v);
      }
    }
    return out;
  }

  /** An absolute location of an object (its anchor) or of one of its Locs. */
  /** `uses`: 'line' when the caller shows only the file and line ("line 12", "rbac.yaml:12"). */
  location(obj: ObjectFacts, loc?: Loc, uses: LocationUse = 'range'): FileLocation {
    const d = obj.doc;
    const l = loc ?? obj.anchor;
    const at = {
      file: d.file,
      start: d.offset + l.start,
      end: d.offset + l.end,
      line: d.line + l.line,
      character: l.character,
      endLine: d.line + l.endLine,
      endCharacter: l.endCharacter,
    };
    this.locationObserver?.(obj, loc, at, uses);
    return at;
  }

  /** True when a change may alter the cross-resource findings of `file`. */
  isAffected(file: string, change: GraphChange): boolean {
    if (!change.changed) return false;
    if (file === change.file) return true;
    const objects = this.objectsIn(file);
    if (objects.length === 0) return false;
    if (change.clusterWide) return true;
    return objects.some((o) => o.ns === undefined || o.ns === '' || change.namespaces.has(o.ns));
  }
}

/** Two namespace keys can hold the same object set: equal, or one left implicit (''); cluster-scoped matches all. */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b || a === '' || b === '';
}

/** Orders objects by file, then position: deterministic whatever order files were indexed in. */
export function compareByPlace(a: ObjectFacts, b: ObjectFacts): number {
  if (a.doc.file !== b.doc.file) return a.doc.file < b.doc.file ? -1 : 1;
  return a.doc.offset - b.doc.offset || (a.listIndex ?? 0) - (b.listIndex ?? 0);
}

/** A short readable place: `file:line` (1-based), the file's base name only. */
export function shortPlace(loc: FileLocation): string {
  const base = loc.file.replace(/^.*[\\/]/, '');
  return `${base}:${loc.line + 1}`;
}

function noteChange(change: GraphChange, o: ObjectFacts): void {
  if (o.ns === undefined || o.ns === '') change.clusterWide = true;
  else change.namespaces.add(o.ns);
}

function extractDoc(c: IndexedChunk, placement: DocPlacement): ObjectFacts[] {
  let resources = c.resources;
  if (!resources) {
    // Most YAML that is not a Kubernetes manifest has no `kind:`; don't parse it.
    if (!/(^|\n)\s*-?\s*kind\s*:/.test(c.text)) return [];
    try {
      resources = resourcesOf((c.parsed ?? parseChunk(c.text)).doc);
    } catch {
      return [];
    }
  }
  if (resources.length === 0) return [];
  const loc = locator(c.text);
  const out: ObjectFacts[] = [];
  for (const r of resources) {
    try {
      const f = coreFacts(r, placement, loc);
      runExtractors(r, f, loc);
      out.push(f);
    } catch {
      // A malformed object is left out of the index rather than breaking the file's indexing.
    }
  }
  return out;
}

/**
 * When `next` differs from `old` only by re-extracted documents (at the same index, replacing an
 * entry that is gone) whose facts equal the old ones apart from Loc values, moves the new facts
 * into the old objects and entries (keeping their identity, so the index needs no change), puts
 * the old entries back into `next` and returns true. Changes nothing otherwise.
 */
function refreshInPlace(old: DocEntry[], next: DocEntry[]): boolean {
  if (old.length !== next.length) return false;
  const kept = new Set(next);
  const reused = new Set(old);
  const refresh: number[] = [];
  for (let i = 0; i < next.length; i++) {
    if (next[i] === old[i]) continue;
    if (kept.has(old[i]) || reused.has(next[i])) return false;
    const a = old[i].objects;
    const b = next[i].objects;
    if (a.length !== b.length || !a.every((o, j) => sameFactsButLocs(o, b[j], true))) return false;
    refresh.push(i);
  }
  for (const i of refresh) {
    const o = old[i];
    const n = next[i];
    o.key = n.key;
    Object.assign(o.placement, { offset: n.placement.offset, line: n.placement.line, docIndex: n.placement.docIndex });
    o.objects.forEach((obj, j) => {
      const fresh = n.objects[j] as unknown as Record<string, unknown>;
      for (const k of Object.keys(fresh)) if (k !== 'doc') (obj as unknown as Record<string, unknown>)[k] = fresh[k];
    });
    next[i] = o;
  }
  return true;
}

/** Deep equality of plain facts where any two Loc values count as equal (`doc` is skipped at the top). */
function sameFactsButLocs(a: unknown, b: unknown, top = false): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (isLoc(a) && isLoc(b)) return true;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (top && k === 'doc') continue;
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameFactsButLocs((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

export function isLoc(v: unknown): v is Loc {
  if (typeof v !== 'object' || v === null) return false;
  const l = v as Partial<Loc>;
  return typeof l.start === 'number' && typeof l.end === 'number' && typeof l.line === 'number' && typeof l.character === 'number' && typeof l.endLine === 'number' && typeof l.endCharacter === 'number';
}

export function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Identity of a document's text: length and a 53-bit FNV-1a style hash (no need to keep the text). */
export function docKey(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822519);
  }
  return `${text.length}:${(h1 >>> 0).toString(36)}:${(h2 >>> 0).toString(36)}`;
}
