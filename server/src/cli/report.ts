// The CLI's report model: what every formatter reads. Offsets from the engine become 1-based
// lines and columns here, once; columns count UTF-16 code units (as LSP and SARIF's
// "utf16CodeUnits" do) and end positions are exclusive.
import { LineIndex, type FixSafety, type LintResult, type ResourceRef, type Severity, type SeveritySetting } from '../engine';
import type { InputError } from './inputs';

/** Pseudo rule id of YAML syntax errors in the CLI's output; its severity can be set with --rule. */
export const YAML_SYNTAX_ID = 'yaml-syntax';

export interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface CliEdit {
  /** Offsets into the file's text (after a byte-order mark, if any); regionOf gives lines. */
  start: number;
  end: number;
  text: string;
}

export interface CliFix {
  title: string;
  safety: FixSafety;
  preferred: boolean;
  edits: CliEdit[];
}

export interface CliRelated extends Partial<Region> {
  file?: string;
  message: string;
}

export interface CliFinding extends Region {
  ruleId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  resource?: ResourceRef;
  fixes: CliFix[];
  related: CliRelated[];
  /** Line-independent identity (fingerprint.ts), set once all findings of the file are known. */
  fingerprint?: string;
  /** For rendered manifests: the template the finding's document came from (`# Source:` of helm template). */
  source?: string;
}

/** A finding a suppression silenced: not reported, but counted (and listed as suppressed in SARIF). */
export interface CliSuppressed extends Region {
  ruleId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  resource?: ResourceRef;
  suppression: { kind: string; reason?: string; until?: string };
  source?: string;
}

/** A fix applied by --fix, at the line where its change is in the fixed text. */
export interface AppliedChange {
  line: number;
  ruleId: string;
  title: string;
}

export interface FileReport {
  /** As shown to the user: relative to the working directory when inside it, or <stdin>. */
  path: string;
  /** Absolute path; undefined for standard input. */
  abs?: string;
  text: string;
  /** Line index of `text`, for formats that need more positions (fix edits). */
  index: LineIndex;
  findings: CliFinding[];
  applied: AppliedChange[];
  /** Findings silenced by suppressions in the file. */
  suppressed?: CliSuppressed[];
  /** How many findings --baseline left out. */
  baselined?: number;
}

export interface RunReport {
  cwd: string;
  files: FileReport[];
  errors: InputError[];
  /** Set when fixes were applied (--fix or --fix-suggestions). */
  fixMode?: FixSafety;
  /** Inputs skipped because a config's `exclude` matches them (as shown). */
  excluded?: string[];
  /** Set with --baseline: the file, and how many findings it left out. */
  baseline?: { file: string; matched: number };
  /** --include-suppressed: SARIF lists the suppressed findings too. */
  includeSuppressed?: boolean;
}

export function regionOf(index: LineIndex, start: number, end: number): Region {
  const s = index.positionAt(start);
  const e = index.positionAt(Math.max(start, end));
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

/**
 * What a format reads of a finding besides its place, rule, severity, message, resource and
 * source: its fixes (SARIF lists them; text and github count them in the summary), and its
 * related locations (SARIF). Left out, they are empty lists, and their fixes are not built.
 */
export interface ReportDetail {
  fixes: boolean;
  related: boolean;
}

export const FULL_DETAIL: ReportDetail = { fixes: true, related: true };

/** Findings and YAML syntax errors of one file, ordered by position. */
export function toCliFindings(index: LineIndex, result: LintResult, yamlSyntax?: SeveritySetting, detail: ReportDetail = FULL_DETAIL): CliFinding[] {
  const out: CliFinding[] = [];
  if (yamlSyntax !== 'off') {
    for (const e of result.parseErrors) {
      // The engine's kebab-case codes (helm-template, kustomize-patch, nesting-too-deep,
      // too-many-aliases) are notices about input it did not check, not YAML syntax errors.
      const syntax = e.code === 'yaml' || /^[A-Z][A-Z0-9_]*$/.test(e.code);
      out.push({
        ruleId: syntax ? YAML_SYNTAX_ID : e.code,
        severity: syntax ? (yamlSyntax ?? e.severity) : e.severity,
        message: e.message,
        start: e.start,
        end: e.end,
        ...regionOf(index, e.start, e.end),
        fixes: [],
        related: [],
      });
    }
  }
  for (const f of result.findings) {
    out.push({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      start: f.start,
      end: f.end,
      ...regionOf(index, f.start, f.end),
      resource: f.resource,
      fixes: !detail.fixes
        ? []
        : f.fixes.map((fix) => ({
            title: fix.title,
            safety: fix.safety,
            preferred: fix.preferred === true,
            edits: fix.edits,
          })),
      related: (!detail.related ? [] : (f.related ?? [])).map((r) =>
        r.file === undefined
          ? { message: r.message, ...regionOf(index, r.start, r.end) }
          : {
              file: r.file,
              message: r.message,
              ...(r.line !== undefined && r.character !== undefined
                ? { line: r.line + 1, column: r.character + 1, endLine: (r.endLine ?? r.line) + 1, endColumn: (r.endCharacter ?? r.character) + 1 }
                : {}),
            },
      ),
    });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

/** The suppressed findings of a result, as the formats show them. */
export function toCliSuppressed(index: LineIndex, result: LintResult): CliSuppressed[] {
  return (result.suppressed ?? [])
    .map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      start: f.start,
      end: f.end,
      ...regionOf(index, f.start, f.end),
      resource: f.resource,
      suppression: f.suppression,
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
  filesWithFindings: number;
  safeFixable: number;
  suggestionFixable: number;
}

export function countFindings(report: RunReport): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0, filesWithFindings: 0, safeFixable: 0, suggestionFixable: 0 };
  for (const f of report.files) {
    if (f.findings.length > 0) c.filesWithFindings++;
    for (const x of f.findings) {
      c[x.severity]++;
      if (x.fixes.some((fix) => fix.safety === 'safe')) c.safeFixable++;
      else if (x.fixes.length > 0) c.suggestionFixable++;
    }
  }
  return c;
}
