// The graph-rule contract. A graph rule is a rule (same registry, metadata, docs, severity settings,
// suppressions and fix validation) whose check runs once per object of the file being linted with
// the workspace graph at hand. It reports on the current object's YAML nodes through the usual
// ctx.report; the other objects it relies on come from the graph as facts and go into `related`.
import { FixBuilder } from '../fix';
import type { Rule, RuleContext } from '../rule';
import type { Edit, RelatedLocation, RuleMeta } from '../types';
import type { Loc, ObjectFacts } from './facts';
import { shortPlace, type WorkspaceGraph } from './graph';

export interface GraphRuleContext extends RuleContext {
  readonly graph: WorkspaceGraph;
  /** The facts of ctx.resource as the graph holds them. */
  readonly self: ObjectFacts;
  /** The key of the file being linted (path or URI; '' when the text has no name). */
  readonly file: string;
  /** How messages name what the graph covers ('this workspace', 'this file'). */
  readonly scope: string;
  /**
   * Related information pointing at another object (its anchor, or one of its Locs). Positions of
   * other objects reach findings only through related, describe and graph.location: the linter
   * reuses a document's graph findings while the facts are unchanged and those positions still hold.
   */
  related(obj: ObjectFacts, message: string, loc?: Loc): RelatedLocation;
  /** `Kind name (file:line)` for messages. */
  describe(obj: ObjectFacts, loc?: Loc): string;
  /** An edit, in the current document's coordinates, that appends a YAML document at the end of the file. */
  appendDocumentToFile(docText: string): Edit;
}

export interface GraphRuleDefinition {
  id: string;
  meta: RuleMeta;
  /**
   * True (the default) for rules that report what is absent (no policy selects this, no such
   * ServiceAccount): they wait until the graph is complete, so a half-built index raises nothing.
   */
  needsCompleteGraph?: boolean;
  check(ctx: GraphRuleContext): void;
}

export interface GraphRule extends Rule {
  needsCompleteGraph: boolean;
  graphCheck(ctx: GraphRuleContext): void;
}

export function defineGraphRule(def: GraphRuleDefinition): GraphRule {
  return {
    id: def.id,
    meta: def.meta,
    needsCompleteGraph: def.needsCompleteGraph ?? true,
    // The per-object pass has nothing to do; the linter's graph pass calls graphCheck.
    check: () => undefined,
    graphCheck: def.check,
  };
}

export function isGraphRule(rule: Rule): rule is GraphRule {
  return typeof (rule as Partial<GraphRule>).graphCheck === 'function';
}

export interface GraphPass {
  graph: WorkspaceGraph;
  file: string;
  /** The whole file's text (the linter's ctx.text is one document's). */
  fileText: string;
  docIndex: number;
  /** Offset of the current document in the file. */
  chunkOffset: number;
  /** The file's FixBuilder, shared by all documents of one lint (detecting the style reads the file). */
  fileFix?: () => FixBuilder;
  /** Sees each edit appendDocumentToFile returns (the linter re-checks them before reusing findings). */
  onAppend?: (docText: string, edit: Edit) => void;
  /** Sees each related location ctx.related returns (idem; graph-deps.ts builds the same object). */
  onRelated?: (related: RelatedLocation) => void;
}

/** Runs a graph rule on one object, or does nothing when the graph has no facts for it. */
export function runGraphRule(rule: GraphRule, base: RuleContext, pass: GraphPass): void {
  if (rule.needsCompleteGraph && !pass.graph.ready) return;
  const self = pass.graph.objectAt(pass.file, pass.docIndex, base.resource.listIndex);
  if (!self) return;
  let fileFix: FixBuilder | undefined;
  const ctx: GraphRuleContext = {
    resource: base.resource,
    text: base.text,
    fix: base.fix,
    settings: base.settings,
    report: (input) => base.report(input),
    graph: pass.graph,
    self,
    file: pass.file,
    scope: pass.graph.scope,
    related(obj, message, loc) {
      const l = pass.graph.location(obj, loc);
      const sameFile = obj.doc.file === pass.file;
      const related: RelatedLocation = {
        // Same-file locations are relative to the current document, like node ranges.
        file: sameFile ? undefined : l.file,
        start: sameFile ? l.start - pass.chunkOffset : l.start,
        end: sameFile ? l.end - pass.chunkOffset : l.end,
        line: l.line,
        character: l.character,
        endLine: l.endLine,
        endCharacter: l.endCharacter,
        message,
      };
      pass.onRelated?.(related);
      return related;
    },
    describe(obj, loc) {
      const name = obj.name ?? '(unnamed)';
      const where = obj.doc.file === pass.file ? `line ${pass.graph.location(obj, loc, 'line').line + 1}` : shortPlace(pass.graph.location(obj, loc, 'line'));
      return `${obj.kind} ${name} (${where})`;
    },
    appendDocumentToFile(docText) {
      fileFix ??= pass.fileFix?.() ?? new FixBuilder(pass.fileText);
      const e = fileFix.appendDocument(docText);
      const edit = { start: e.start - pass.chunkOffset, end: e.end - pass.chunkOffset, text: e.text };
      pass.onAppend?.(docText, edit);
      return edit;
    },
  };
  rule.graphCheck(ctx);
}
