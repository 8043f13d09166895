// What `kubeward lint` does with one file once its text and options are known, shared by the main
// thread and the worker threads (parallel.ts): index it into the run's workspace graph, lint it
// against that graph, and turn the result into the report's plain data.
import { LineIndex, Linter, type LintOptions, type LintResult, type SeveritySetting } from '../engine';
import { parseChunk, splitDocuments, type ParsedChunk } from '../engine/parse';
import type { WorkspaceGraph } from '../engine/workspace';
import { fingerprints } from './fingerprint';
import { renderedSources } from './rendered-source';
import { FULL_DETAIL, toCliFindings, toCliSuppressed, type AppliedChange, type FileReport, type ReportDetail } from './report';

/**
 * Parses made while indexing, kept for linting the same text (a file is parsed once per run).
 * Bounded, so that a very large run holds at most this much parsed text; the rest is parsed again.
 */
export class ParseCache extends Map<string, ParsedChunk> {
  private chars = 0;

  constructor(private readonly maxChars = 32 * 1024 * 1024) {
    super();
  }

  parse(text: string): ParsedChunk {
    const hit = this.get(text);
    if (hit) return hit;
    const parsed = parseChunk(text);
    if (this.chars + text.length <= this.maxChars) {
      this.set(text, parsed);
      this.chars += text.length;
    }
    return parsed;
  }

  /** Drops a file's parses once it is linted. */
  forget(text: string): void {
    for (const c of splitDocuments(text)) {
      if (this.delete(c.text)) this.chars -= c.text.length;
    }
  }
}

/** Indexes a file as WorkspaceGraph.setFile(file, text) would, keeping the parses for the lint. */
export function indexText(graph: WorkspaceGraph, file: string, text: string, cache: ParseCache): void {
  graph.setFile(file, text, splitDocuments(text).map((c) => ({ ...c, parsed: cache.parse(c.text) })));
}

/** Lints a file against the run's graph, with the parses made while indexing. */
export function lintText(graph: WorkspaceGraph, text: string, options: LintOptions, cache: ParseCache, warn: (ruleId: string, message: string) => void): LintResult {
  const linter = new Linter({ workspace: graph, parsed: cache, onRuleError: (f) => warn(f.ruleId, f.message) });
  const result = linter.lint(text, options);
  cache.forget(text);
  return result;
}

/** A file's report without its line index (plain data a worker can send back). */
export type FileReportData = Omit<FileReport, 'index'>;

/**
 * The report of one linted file: findings with positions, suppressed findings, sources,
 * fingerprints; plain data but for its line index (made when first read: only SARIF reads it).
 */
export function fileReport(path: string, abs: string | undefined, text: string, result: LintResult, yamlSyntax: SeveritySetting | undefined, applied: AppliedChange[], detail: ReportDetail = FULL_DETAIL): FileReport {
  const index = new LineIndex(text);
  const findings = toCliFindings(index, result, yamlSyntax, detail);
  const suppressed = toCliSuppressed(index, result);
  const sources = renderedSources(text);
  for (const f of [...findings, ...suppressed]) {
    const source = sources.at(f.start);
    if (source !== undefined) f.source = source;
  }
  const file = withLineIndex({ path, abs, text, findings, applied, suppressed }, index);
  fingerprints(file).forEach((fp, i) => (findings[i].fingerprint = fp));
  return file;
}

/** The file's report with its line index, `index` or one made when first read. */
export function withLineIndex(file: FileReportData, index?: LineIndex): FileReport {
  let made = index;
  return Object.defineProperty(file, 'index', { get: () => (made ??= new LineIndex(file.text)), enumerable: false, configurable: true }) as FileReport;
}

/** The warning the CLI prints when a rule throws on a file. */
export function ruleFailedWarning(path: string, ruleId: string, message: string): string {
  return `kubeward: warning: rule ${ruleId} failed on ${path} and was skipped: ${message.split('\n')[0]} (please report this)\n`;
}
