// What a document's graph findings depend on besides the graph's facts: the positions of other
// objects they show (related information, "line N" in messages) and the end-of-file edits of
// fixes that append a document. The linter records them while a document's graph rules run and,
// while the graph's factsRevision is unchanged, reuses the findings as long as each recorded
// position and edit comes out the same: a keystroke in one document then re-runs the graph rules
// of that document and of the few that point into it, not of the whole file.
import type { FixBuilder } from '../fix';
import type { Edit, Fix, RelatedLocation } from '../types';
import type { Loc, ObjectFacts } from './facts';
import { isLoc, type FileLocation, type LocationUse, type WorkspaceGraph } from './graph';

interface LocationDep {
  obj: ObjectFacts;
  /**
   * Where the Loc sits in the object's facts ([] for the anchor), or null when it could not be
   * found once and only once: the graph refreshes an object's facts in place after an edit that
   * only moved them, so the Loc is looked up again by its path.
   */
  path: string[] | null;
  uses: LocationUse;
  /** The location as the document's findings see it (same-file offsets relative to the document). */
  seen: FileLocation;
  /** The related location ctx.related made of it, when that is how it reached the findings. */
  related?: RelatedLocation;
}

interface AppendDep {
  docText: string;
  /** The edit, relative to the document, appendDocumentToFile returned. */
  edit: Edit;
}

export interface GraphDeps {
  locations: LocationDep[];
  appends: AppendDep[];
}

function seenFrom(at: FileLocation, file: string, chunkOffset: number, uses: LocationUse): FileLocation {
  if (uses === 'line') return { file: at.file, start: 0, end: 0, line: at.line, character: 0, endLine: 0, endCharacter: 0 };
  const shift = at.file === file ? chunkOffset : 0;
  return { ...at, start: at.start - shift, end: at.end - shift };
}

/** Compares a location with what was seen, without building it again. */
function stillSeen(seen: FileLocation, at: FileLocation, file: string, chunkOffset: number, uses: LocationUse): boolean {
  if (seen.file !== at.file || seen.line !== at.line) return false;
  if (uses === 'line') return true;
  const shift = at.file === file ? chunkOffset : 0;
  return seen.start === at.start - shift && seen.end === at.end - shift && seen.character === at.character && seen.endLine === at.endLine && seen.endCharacter === at.endCharacter;
}

/** Hooks a document's graph pass reports through (GraphPass.onAppend and onRelated). */
export interface GraphDepHooks {
  onAppend(docText: string, edit: Edit): void;
  onRelated(related: RelatedLocation): void;
}

/** Runs a document's graph pass, recording the positions and appended documents it used. */
export function recordGraphDeps<T>(graph: WorkspaceGraph, file: string, chunkOffset: number, run: (hooks: GraphDepHooks) => T): { result: T; deps: GraphDeps } {
  const deps: GraphDeps = { locations: [], appends: [] };
  const previous = graph.locationObserver;
  graph.locationObserver = (obj, loc, at, uses) => deps.locations.push({ obj, path: loc === undefined ? [] : pathOf(obj, loc), uses, seen: seenFrom(at, file, chunkOffset, uses) });
  try {
    const result = run({
      onAppend: (docText, edit) => deps.appends.push({ docText, edit }),
      // ctx.related has just asked for the location: it is the last one recorded.
      onRelated: (related) => {
        const last = deps.locations[deps.locations.length - 1];
        if (last && last.uses === 'range' && last.related === undefined) last.related = related;
      },
    });
    return { result, deps };
  } finally {
    graph.locationObserver = previous;
  }
}

/**
 * The findings to reuse when the recorded positions still hold, or undefined when the graph rules
 * must run again. A position that moved is carried into the findings when it only shows as a
 * related location (the object ctx.related returned) or an appended document (the edit
 * appendDocumentToFile returned), found in the findings as that very object: a rule that copied
 * or merged one runs again. Positions shown in messages ("line 12") must be unchanged.
 */
export function reuseGraphFindings<F extends { fixes: Fix[]; related?: RelatedLocation[] }>(findings: F[], deps: GraphDeps, graph: WorkspaceGraph, file: string, chunkOffset: number, fileFix: () => FixBuilder): F[] | undefined {
  // Made only when something moved: this runs for every document of the file on every keystroke.
  let movedRelated: Map<RelatedLocation, { dep: LocationDep; seen: FileLocation; now: RelatedLocation }> | undefined;
  for (const d of deps.locations) {
    // The object must still be in the graph (a re-indexed document has new objects).
    if (d.path === null || graph.objectAt(d.obj.doc.file, d.obj.doc.docIndex, d.obj.listIndex) !== d.obj) return undefined;
    const loc = d.path.length === 0 ? undefined : at(d.obj, d.path);
    if (loc === null) return undefined;
    const l = graph.location(d.obj, loc, d.uses);
    if (stillSeen(d.seen, l, file, chunkOffset, d.uses)) continue;
    if (!d.related) return undefined;
    (movedRelated ??= new Map()).set(d.related, { dep: d, seen: seenFrom(l, file, chunkOffset, d.uses), now: relatedAt(l, file, chunkOffset, d.related.message) });
  }
  let movedEdits: Map<Edit, { dep: AppendDep; now: Edit }> | undefined;
  for (const a of deps.appends) {
    const e = fileFix().appendDocument(a.docText);
    if (e.text !== a.edit.text) return undefined;
    if (e.start - chunkOffset !== a.edit.start || e.end - chunkOffset !== a.edit.end) (movedEdits ??= new Map()).set(a.edit, { dep: a, now: { start: e.start - chunkOffset, end: e.end - chunkOffset, text: e.text } });
  }
  if (movedRelated === undefined && movedEdits === undefined) return findings;
  return moveFindings(findings, movedRelated ?? new Map(), movedEdits ?? new Map());
}

/** The findings with the related locations and appended-document edits that moved replaced. */
function moveFindings<F extends { fixes: Fix[]; related?: RelatedLocation[] }>(
  findings: F[],
  movedRelated: Map<RelatedLocation, { dep: LocationDep; seen: FileLocation; now: RelatedLocation }>,
  movedEdits: Map<Edit, { dep: AppendDep; now: Edit }>,
): F[] | undefined {
  const found = new Set<unknown>();
  const edit = (ed: Edit): Edit => {
    const m = movedEdits.get(ed);
    if (!m) return ed;
    found.add(ed);
    return m.now;
  };
  const rel = (r: RelatedLocation): RelatedLocation => {
    const m = movedRelated.get(r);
    if (!m) return r;
    found.add(r);
    return m.now;
  };
  const out = findings.map((f) => {
    const fixes = movedEdits.size && f.fixes.some((x) => x.edits.some((ed) => movedEdits.has(ed))) ? f.fixes.map((x) => ({ ...x, edits: x.edits.map(edit) })) : f.fixes;
    const related = movedRelated.size && f.related?.some((r) => movedRelated.has(r)) ? f.related.map(rel) : f.related;
    return fixes === f.fixes && related === f.related ? f : { ...f, fixes, related };
  });
  if (found.size !== movedRelated.size + movedEdits.size) return undefined;
  for (const m of movedRelated.values()) {
    m.dep.seen = m.seen;
    m.dep.related = m.now;
  }
  for (const m of movedEdits.values()) m.dep.edit = m.now;
  return out;
}

/** What ctx.related returns for a location (keep in step with graph-rule.ts). */
function relatedAt(l: FileLocation, file: string, chunkOffset: number, message: string): RelatedLocation {
  const sameFile = l.file === file;
  return {
    file: sameFile ? undefined : l.file,
    start: sameFile ? l.start - chunkOffset : l.start,
    end: sameFile ? l.end - chunkOffset : l.end,
    line: l.line,
    character: l.character,
    endLine: l.endLine,
    endCharacter: l.endCharacter,
    message,
  };
}

/** The path of `loc` inside the object's facts, when it is there exactly once. */
function pathOf(obj: ObjectFacts, loc: Loc): string[] | null {
  const found: string[][] = [];
  const walk = (v: unknown, path: string[]): void => {
    if (found.length > 1 || typeof v !== 'object' || v === null) return;
    if (v === loc) {
      found.push(path);
      return;
    }
    if (isLoc(v)) return;
    for (const k of Object.keys(v)) if (!(path.length === 0 && k === 'doc')) walk((v as Record<string, unknown>)[k], [...path, k]);
  };
  walk(obj, []);
  return found.length === 1 ? found[0] : null;
}

function at(obj: ObjectFacts, path: readonly string[]): Loc | null {
  let v: unknown = obj;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return null;
    v = (v as Record<string, unknown>)[k];
  }
  return isLoc(v) ? v : null;
}
