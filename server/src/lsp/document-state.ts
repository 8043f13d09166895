// Per open document: one engine Linter (its cache makes a re-lint after an edit re-parse only the
// YAML documents whose text changed) and the snapshot of the last lint, which diagnostics, code
// actions and hover all read. A snapshot holds its own copy of the text: the TextDocument objects
// of TextDocuments are updated in place by incremental changes.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';
import { fileURLToPath } from 'node:url';
import { Linter, type CustomSchema, type LinterHooks, type LintOptions, type LintResult, type RuleFailure } from '../engine';
import { isKustomizePatchFile } from '../engine/kustomize-files';
import { DiagnosticCache, documentDiagnostics, FILE_TOO_LARGE, findingKeys, noticeDiagnostic, toDiagnostics, type DocumentDiagnostics } from './diagnostics';
import { documentFindings } from '../engine/lint';
import { lintOptionsOf, type KubewardSettings } from './settings';

export interface Snapshot {
  uri: string;
  version: number;
  text: string;
  /** Offset/position conversion for `text`. */
  lines: TextDocument;
  settings: KubewardSettings;
  options: LintOptions;
  /** Undefined when the document was not linted (disabled, too large, not YAML). */
  result?: LintResult;
  /** Parallel to result.findings: the key carried in each diagnostic's data. */
  keys: string[];
  diagnostics: Diagnostic[];
  /** The same diagnostics by YAML document, with their JSON (publishParams), when made that way. */
  parts?: { parseErrors: Diagnostic[]; documents: DocumentDiagnostics[] };
  /** The workspace graph's revision after this lint: cross-resource findings change with it. */
  graphRevision?: number;
}

/**
 * Linter hooks shared by every document: a rule that throws is skipped by the engine and reported
 * here once for the whole session, not once per document or keystroke.
 */
export function reportRuleErrorsOnce(report: (message: string) => void): LinterHooks {
  const failed = new Set<string>();
  return {
    onRuleError(failure: RuleFailure): void {
      if (failed.has(failure.ruleId)) return;
      failed.add(failure.ruleId);
      report(`Rule ${failure.ruleId} failed and was skipped: ${failure.message}`);
    },
  };
}

/** Whether a document is one Kubeward lints: YAML by language id, or by file name. */
export function isYamlDocument(uri: string, languageId: string): boolean {
  if (languageId === 'yaml') return true;
  // Helm templates are YAML files full of Go template syntax; they only lint once rendered.
  if (languageId === 'helm' || languageId === 'gotmpl') return false;
  const path = uri.replace(/[?#].*$/, '');
  return /\.ya?ml$/i.test(path);
}

export class DocumentState {
  private readonly linter: Linter;
  private readonly diagnosticCache = new DiagnosticCache();
  snapshot?: Snapshot;
  private readonly workspace?: LinterHooks['workspace'];

  constructor(
    hooks: LinterHooks,
    /** The loaded custom resource schemas for a document and its settings. */
    private readonly schemasFor: (uri: string, settings: KubewardSettings) => readonly CustomSchema[] = () => [],
  ) {
    this.linter = new Linter(hooks);
    this.workspace = hooks.workspace;
  }

  /** The snapshot for this document version and settings, linting only when either changed. */
  lint(doc: TextDocument, settings: KubewardSettings): Snapshot {
    const s = this.snapshot;
    if (s && s.version === doc.version && s.settings === settings && s.uri === doc.uri && s.text === textOf(doc) && s.graphRevision === this.workspace?.revision) return s;
    this.snapshot = this.build(doc, settings);
    this.snapshot.graphRevision = this.workspace?.revision;
    return this.snapshot;
  }

  private build(doc: TextDocument, settings: KubewardSettings): Snapshot {
    const text = textOf(doc);
    // The snapshot's own line table is made when first read (code actions, hover): building it
    // scans the whole text. Diagnostics are converted now with the editor's document, which has
    // this very text and keeps its line table up to date edit by edit.
    let copy: TextDocument | undefined;
    const uri = String(doc.uri);
    const languageId = String(doc.languageId);
    const version = doc.version;
    const snap: Snapshot = {
      uri: doc.uri,
      version,
      text,
      get lines(): TextDocument {
        return (copy ??= TextDocument.create(uri, languageId, version, text));
      },
      settings,
      options: lintOptionsOf(settings, uri, this.schemasFor(uri, settings)),
      keys: [] as string[],
      diagnostics: [] as Diagnostic[],
    };
    const options = snap.options;
    if (isKustomizePatch(uri)) options.kustomizePatch = true;
    const lines = doc.getText() === text ? doc : snap.lines;
    // Excluded by the .kubeward.yaml above it: not linted.
    if (!settings.enable || settings.config?.excluded || !isYamlDocument(String(doc.uri), String(doc.languageId))) return snap;
    const size = utf8Size(text, settings.maxFileSize);
    if (size > settings.maxFileSize) {
      const message =
        `Kubeward did not check this file: it is ${formatBytes(size)}, more than kubeward.maxFileSize ` +
        `(${formatBytes(settings.maxFileSize)}). Raise the setting to check it.`;
      snap.diagnostics = [noticeDiagnostic(lines, FILE_TOO_LARGE, message)];
      return snap;
    }
    const result = this.linter.lint(text, options);
    snap.result = result;
    const docs = documentFindings(result);
    if (docs) {
      const { diagnostics, keys, parseErrors, documents } = documentDiagnostics(doc.uri, lines, result, docs, this.diagnosticCache);
      snap.keys = keys;
      snap.diagnostics = diagnostics;
      snap.parts = { parseErrors, documents };
    } else {
      snap.keys = findingKeys(result.findings);
      snap.diagnostics = toDiagnostics(doc.uri, lines, result, snap.keys, this.diagnosticCache);
    }
    return snap;
  }
}

/** A file a kustomization next to it lists as a patch (partial objects: skipped with a notice). */
function isKustomizePatch(uri: string): boolean {
  if (!uri.startsWith('file:')) return false;
  try {
    return isKustomizePatchFile(fileURLToPath(uri));
  } catch {
    return false;
  }
}

/** The document's text; '' when a client opened it without one (a malformed didOpen). */
export function textOf(doc: TextDocument): string {
  const text: unknown = doc.getText();
  return typeof text === 'string' ? text : '';
}

/** UTF-8 size of the text, without encoding it when the answer is clear from its length. */
function utf8Size(text: string, limit: number): number {
  if (text.length > limit) return Buffer.byteLength(text, 'utf8'); // at least one byte per code unit
  if (text.length * 3 <= limit) return text.length; // at most three bytes per code unit
  return Buffer.byteLength(text, 'utf8');
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
