// Pull diagnostics (LSP 3.17 textDocument/diagnostic) for clients that ask for them: the client
// requests a document's diagnostics after each change, passing the resultId of the report it holds,
// and a report whose diagnostics are those it already has is `unchanged`, a few bytes, instead of the
// whole list again. Push (publishDiagnostics) has no such answer: a keystroke in a 50,000-line
// manifest re-sends all 2,345 diagnostics (1.1 MB of JSON) even when none of them changed, and the
// editor parses and re-applies them all. Kubeward's VS Code client asks for pull
// (initializationOptions.pullDiagnostics); other clients keep push.
//
// A resultId names a list of diagnostics, not a lint: a new snapshot whose diagnostics are the same
// as the last report's (each YAML document's cached diagnostics reused, or equal JSON) keeps its id.
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver';
import type { Snapshot } from './document-state';
import { CACHED_JSON, diagnosticPieces, type DiagnosticsJson } from './diagnostics';

/** A full report; made from a snapshot's parts, it carries its JSON in pieces (CACHED_JSON). */
export interface FullReport {
  kind: 'full';
  resultId: string;
  items: Diagnostic[];
  [CACHED_JSON]?: DiagnosticsJson;
}

export class PullReports {
  /** Per server instance, so that an id from an earlier server never matches. */
  private readonly prefix = `${process.pid.toString(36)}.${Date.now().toString(36)}.`;
  private next = 1;
  private readonly reported = new Map<string, { snap: Snapshot; resultId: string }>();

  /** The report of snap's diagnostics for a client that holds the report `previousResultId`. */
  report(snap: Snapshot, previousResultId: string | undefined): DocumentDiagnosticReport {
    const resultId = this.resultId(snap);
    this.reported.set(snap.uri, { snap, resultId });
    if (previousResultId === resultId) return { kind: 'unchanged', resultId };
    return fullReport(resultId, snap);
  }

  /** Whether snap's diagnostics differ from the last ones reported for its document. */
  changed(snap: Snapshot): boolean {
    const last = this.reported.get(snap.uri);
    return last === undefined || (last.snap !== snap && !sameDiagnostics(last.snap, snap));
  }

  forget(uri: string): void {
    this.reported.delete(uri);
  }

  private resultId(snap: Snapshot): string {
    const last = this.reported.get(snap.uri);
    if (last && (last.snap === snap || sameDiagnostics(last.snap, snap))) return last.resultId;
    return `${this.prefix}${this.next++}`;
  }
}

function fullReport(resultId: string, snap: Snapshot): FullReport {
  const report: FullReport = { kind: 'full', resultId, items: snap.diagnostics };
  const parts = snap.parts;
  if (parts) {
    const json: DiagnosticsJson = () => diagnosticPieces(`{"kind":"full","resultId":${JSON.stringify(resultId)},"items":[`, parts);
    Object.defineProperty(report, CACHED_JSON, { enumerable: false, value: json });
  }
  return report;
}

/**
 * Whether two snapshots of a document show the same diagnostics: each YAML document's diagnostics
 * the same cached object (DiagnosticCache reuses them while a document's text, first line and
 * findings are unchanged) or the same JSON, and the same parse errors.
 */
export function sameDiagnostics(a: Snapshot, b: Snapshot): boolean {
  if (a.diagnostics.length !== b.diagnostics.length) return false;
  const pa = a.parts;
  const pb = b.parts;
  if (pa && pb) {
    if (pa.documents.length !== pb.documents.length || pa.parseErrors.length !== pb.parseErrors.length) return false;
    for (let i = 0; i < pa.documents.length; i++) {
      const x = pa.documents[i];
      const y = pb.documents[i];
      if (x !== y && !x.bytes().equals(y.bytes())) return false;
    }
    return pa.parseErrors.length === 0 || JSON.stringify(pa.parseErrors) === JSON.stringify(pb.parseErrors);
  }
  return JSON.stringify(a.diagnostics) === JSON.stringify(b.diagnostics);
}
