// Engine results to LSP diagnostics. Offsets are UTF-16 code-unit offsets into the text, which is
// what LSP positions count by default; TextDocument.positionAt also knows `\r\n` and a lone `\r`
// as line ends, as LSP clients do.
import { pathToFileURL } from 'node:url';
import { Diagnostic, DiagnosticSeverity, DiagnosticTag, type DiagnosticRelatedInformation, type Position, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocUrl, type Finding, type LintResult, type ParseError, type Severity } from '../engine';
import { findingOrigin, type DocumentFindings } from '../engine/lint';

export const SOURCE = 'kubeward';
export const YAML_SYNTAX = 'yaml-syntax';
export const FILE_TOO_LARGE = 'file-too-large';

/**
 * What a code action needs to find the finding behind a diagnostic again, besides its rule (the
 * diagnostic's code) and range: a key (the YAML document index and the finding's position among
 * the same rule's findings in it). Never the message text, and nothing that changes with every
 * keystroke (no document version): an unchanged document's diagnostics are then the same from one
 * publish to the next, and are reused, objects and JSON, instead of being made again.
 */
export interface FindingData {
  /** `<docIndex>/<n>`; the rule is the diagnostic's code. Kept short: it is sent with every diagnostic on every keystroke. */
  key: string;
}

export function isFindingData(v: unknown): v is FindingData {
  if (typeof v !== 'object' || v === null) return false;
  return typeof (v as Record<string, unknown>).key === 'string';
}

/** Keys for findings, parallel to `findings`: `<docIndex>/<n>` for the n-th finding of its rule there. */
export function findingKeys(findings: readonly Finding[]): string[] {
  // docIndex -> ruleId -> count, without building a string per finding (this runs on every keystroke).
  const seen = new Map<number, Map<string, number>>();
  return findings.map((f) => {
    let perDoc = seen.get(f.docIndex);
    if (!perDoc) seen.set(f.docIndex, (perDoc = new Map()));
    return nextKey(perDoc, f.docIndex, f.ruleId);
  });
}

/** The key of the next finding of `ruleId` in a document, given the counts of its rules so far. */
function nextKey(counts: Map<string, number>, docIndex: number, ruleId: string): string {
  const n = counts.get(ruleId) ?? 0;
  counts.set(ruleId, n + 1);
  return `${docIndex}/${n}`;
}

/**
 * What a finding's diagnostic keeps while its YAML document is unchanged: the range relative to
 * the line the finding starts on, and the fields that come from the rule. Keyed by the engine's
 * document-relative finding (findingOrigin), so a document that only moved (an edit above it)
 * costs one position lookup per finding.
 */
interface CachedDiagnostic {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  severity: DiagnosticSeverity;
  codeDescription: { href: string };
  deprecated: boolean;
}

export class DiagnosticCache {
  private readonly byOrigin = new WeakMap<object, CachedDiagnostic>();
  /** The last diagnostics made for each YAML document index (a cache serves one text document). */
  private readonly byDocument = new Map<number, CachedDocument>();
  private readonly hrefs = new Map<string, { href: string }>();

  /** A document's diagnostics (documentDiagnostics), reused while its text, first line and findings are the same. */
  document(uri: string, lines: TextDocument, doc: DocumentFindings): DocumentDiagnostics {
    const startLine = lines.positionAt(doc.offset).line;
    const cached = this.byDocument.get(doc.docIndex);
    if (cached && cached.startLine === startLine && cached.uri === uri && cached.text === doc.text && sameDiagnosticFields(cached.findings, doc.findings)) return cached;
    const diagnostics: Diagnostic[] = [];
    const keys: string[] = [];
    const counts = new Map<string, number>();
    for (const f of doc.findings) {
      const key = nextKey(counts, doc.docIndex, f.ruleId);
      keys.push(key);
      diagnostics.push(this.diagnosticAt(uri, lines, f, doc.offset, f, { key }));
    }
    let json: string | undefined;
    let bytes: Buffer | undefined;
    const made: CachedDocument = {
      uri,
      text: doc.text,
      startLine,
      findings: doc.findings,
      diagnostics,
      keys,
      json: () => (json ??= JSON.stringify(diagnostics).slice(1, -1)),
      bytes: () => (bytes ??= Buffer.from(made.json(), 'utf8')),
    };
    this.byDocument.set(doc.docIndex, made);
    return made;
  }

  /** Forgets the documents from `count` on (the file has fewer now). */
  trim(count: number): void {
    for (const i of this.byDocument.keys()) if (i >= count) this.byDocument.delete(i);
  }

  /** The diagnostic of a finding, as toDiagnostics makes it without a cache. */
  diagnostic(uri: string, lines: TextDocument, f: Finding, data: FindingData): Diagnostic {
    return this.diagnosticAt(uri, lines, f, 0, findingOrigin(f), data);
  }

  /**
   * The same, for a finding whose offsets are `offset` short of the file's (a document-relative
   * finding from documentFindings, which is also its own origin).
   */
  diagnosticAt(uri: string, lines: TextDocument, f: Omit<Finding, 'docIndex'>, offset: number, origin: object | undefined, data: FindingData): Diagnostic {
    const start = lines.positionAt(f.start + offset);
    let c = origin ? this.byOrigin.get(origin) : undefined;
    let end: Position;
    // The finding's text is unchanged and starts its line where it did, so it spans the same lines.
    if (c && c.startCharacter === start.character) end = { line: c.endLine + start.line - c.startLine, character: c.endCharacter };
    else {
      end = lines.positionAt(Math.max(f.start, f.end) + offset);
      let codeDescription = this.hrefs.get(f.ruleId);
      if (!codeDescription) this.hrefs.set(f.ruleId, (codeDescription = { href: ruleDocUrl(f.ruleId) }));
      c = { startLine: start.line, startCharacter: start.character, endLine: end.line, endCharacter: end.character, severity: toSeverity(f.severity), codeDescription, deprecated: f.ruleId.startsWith('deprecated-') };
      if (origin) this.byOrigin.set(origin, c);
    }
    const d: Diagnostic = { range: { start, end }, severity: c.severity, source: SOURCE, code: f.ruleId, codeDescription: c.codeDescription, message: f.message, data };
    if (c.deprecated) d.tags = [DiagnosticTag.Deprecated];
    const related = relatedOf(uri, lines, f, offset);
    if (related.length > 0) d.relatedInformation = related;
    return d;
  }
}

/** One YAML document's diagnostics, as documentDiagnostics reuses them. */
export interface DocumentDiagnostics {
  diagnostics: Diagnostic[];
  /** Parallel to diagnostics: each one's data key. */
  keys: string[];
  /** JSON of the diagnostics, without the brackets ('' for none); made when first asked for. */
  json(): string;
  /** The same JSON in UTF-8, made when first asked for. */
  bytes(): Buffer;
}

interface CachedDocument extends DocumentDiagnostics {
  uri: string;
  text: string;
  startLine: number;
  findings: readonly Omit<Finding, 'docIndex'>[];
}

/**
 * Whether two lists of a document's findings make the same diagnostics at the same document
 * offset: the same objects (the engine keeps them while the document's text and settings are
 * unchanged), or findings equal in everything a diagnostic shows. The engine makes new findings for
 * a document whose fixes append to the end of the file, which moves with every keystroke; their
 * diagnostics do not change.
 */
function sameDiagnosticFields(a: readonly Omit<Finding, 'docIndex'>[], b: readonly Omit<Finding, 'docIndex'>[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x.ruleId !== y.ruleId || x.start !== y.start || x.end !== y.end || x.severity !== y.severity || x.message !== y.message || !sameRelated(x.related, y.related)) return false;
  }
  return true;
}

function sameRelated(a: Finding['related'], b: Finding['related']): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((r, i) => {
    const q = b[i];
    return r === q || (r.file === q.file && r.start === q.start && r.end === q.end && r.line === q.line && r.character === q.character && r.endLine === q.endLine && r.endCharacter === q.endCharacter && r.message === q.message);
  });
}

/**
 * Diagnostics and their keys (parallel to result.findings) straight from the documents' own
 * findings: a keystroke does not make every finding of the file absolute first. A document with
 * the same text and the same findings as at the last call (sameDiagnosticFields) that starts on
 * the same line has the same diagnostics: it starts a line, so every position in it is the same.
 * Those are reused, with their JSON (`documents`, for publishParams).
 */
export function documentDiagnostics(
  uri: string,
  lines: TextDocument,
  result: LintResult,
  docs: readonly DocumentFindings[],
  cache: DiagnosticCache,
): { diagnostics: Diagnostic[]; keys: string[]; parseErrors: Diagnostic[]; documents: DocumentDiagnostics[] } {
  const parseErrors = result.parseErrors.map((e) => parseErrorDiagnostic(lines, e));
  const diagnostics: Diagnostic[] = [...parseErrors];
  const keys: string[] = [];
  const documents: DocumentDiagnostics[] = [];
  cache.trim(docs.length === 0 ? 0 : docs[docs.length - 1].docIndex + 1);
  for (const doc of docs) {
    if (doc.findings.length === 0) continue;
    const d = cache.document(uri, lines, doc);
    documents.push(d);
    for (let i = 0; i < d.diagnostics.length; i++) {
      diagnostics.push(d.diagnostics[i]);
      keys.push(d.keys[i]);
    }
  }
  return { diagnostics, keys, parseErrors, documents };
}

/**
 * Marks an object whose JSON can be taken from the YAML documents' cached diagnostics JSON: the
 * params of textDocument/publishDiagnostics (publishParams) and a full textDocument/diagnostic
 * report (pull-diagnostics.ts). Under it, not enumerable (JSON.stringify and the IPC transport do
 * not see it), a function gives the object's UTF-8 JSON in pieces, the bytes of JSON.stringify of
 * it; the stdio transport's encoder (publish-encoder.ts) writes them.
 */
export const CACHED_JSON: unique symbol = Symbol('kubeward.cachedJson');

export type DiagnosticsJson = () => Buffer[];

export interface PublishParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
  [CACHED_JSON]?: DiagnosticsJson;
}

const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');

/** `head` (the JSON up to the array's '['), the diagnostics of `parts`, then ']}'. */
export function diagnosticPieces(head: string, parts: { parseErrors: Diagnostic[]; documents: readonly DocumentDiagnostics[] }): Buffer[] {
  const out: Buffer[] = [Buffer.from(head, 'utf8')];
  const item = (b: Buffer): void => {
    if (out.length > 1) out.push(COMMA);
    out.push(b);
  };
  for (const d of parts.parseErrors) item(Buffer.from(JSON.stringify(d), 'utf8'));
  for (const doc of parts.documents) item(doc.bytes());
  out.push(CLOSE);
  return out;
}

export function publishParams(uri: string, version: number | undefined, diagnostics: Diagnostic[], parts?: { parseErrors: Diagnostic[]; documents: readonly DocumentDiagnostics[] }): PublishParams {
  const params: PublishParams = version === undefined ? { uri, diagnostics } : { uri, version, diagnostics };
  if (parts) {
    const head = version === undefined ? `{"uri":${JSON.stringify(uri)},"diagnostics":[` : `{"uri":${JSON.stringify(uri)},"version":${JSON.stringify(version)},"diagnostics":[`;
    const json: DiagnosticsJson = () => diagnosticPieces(head, parts);
    Object.defineProperty(params, CACHED_JSON, { enumerable: false, value: json });
  }
  return params;
}

export function toRange(lines: TextDocument, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(Math.max(start, end)) };
}

export function toSeverity(s: Severity): DiagnosticSeverity {
  return s === 'error' ? DiagnosticSeverity.Error : s === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

export function toDiagnostics(uri: string, lines: TextDocument, result: LintResult, keys: readonly string[], cache?: DiagnosticCache): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of result.parseErrors) out.push(parseErrorDiagnostic(lines, e));
  result.findings.forEach((f, i) => {
    const data: FindingData = { key: keys[i] };
    if (cache) {
      out.push(cache.diagnostic(uri, lines, f, data));
      return;
    }
    const d: Diagnostic = {
      range: toRange(lines, f.start, f.end),
      severity: toSeverity(f.severity),
      source: SOURCE,
      code: f.ruleId,
      codeDescription: { href: ruleDocUrl(f.ruleId) },
      message: f.message,
      data,
    };
    if (f.ruleId.startsWith('deprecated-')) d.tags = [DiagnosticTag.Deprecated];
    const related = relatedOf(uri, lines, f);
    if (related.length > 0) d.relatedInformation = related;
    out.push(d);
  });
  return out;
}

function parseErrorDiagnostic(lines: TextDocument, e: ParseError): Diagnostic {
  // The engine passes `yaml`'s own codes (BAD_INDENT, MISSING_CHAR...) for syntax errors, and
  // kebab-case codes for input it refused on purpose; only the former are "yaml-syntax".
  const syntax = e.code === 'yaml' || /^[A-Z][A-Z0-9_]*$/.test(e.code);
  return {
    range: toRange(lines, e.start, e.end),
    severity: toSeverity(e.severity),
    source: SOURCE,
    code: syntax ? YAML_SYNTAX : e.code,
    message: syntax ? `YAML syntax: ${e.message}` : e.message,
    data: syntax ? { yamlCode: e.code } : undefined,
  };
}

function relatedOf(uri: string, lines: TextDocument, f: Pick<Finding, 'related'>, offset = 0): DiagnosticRelatedInformation[] {
  const out: DiagnosticRelatedInformation[] = [];
  for (const r of f.related ?? []) {
    if (r.file === undefined) {
      out.push({ location: { uri, range: toRange(lines, r.start + offset, r.end + offset) }, message: r.message });
    } else if (r.line !== undefined) {
      const start = { line: r.line, character: r.character ?? 0 };
      const end = { line: r.endLine ?? r.line, character: r.endCharacter ?? r.character ?? 0 };
      out.push({ location: { uri: toUri(r.file), range: { start, end } }, message: r.message });
    }
  }
  return out;
}

function toUri(file: string): string {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(file)) return file;
  return pathToFileURL(file).href;
}

/** One notice instead of findings, for a file that was not linted on purpose (too large). */
export function noticeDiagnostic(lines: TextDocument, code: string, message: string): Diagnostic {
  const firstLineEnd = lines.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }).replace(/\r?\n$/, '').length;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: Math.min(firstLineEnd, 200) } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    code,
    message,
  };
}
