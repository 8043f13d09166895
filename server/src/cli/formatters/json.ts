// {"findings":[...],"errors":[...]}: one object per finding with 1-based lines and columns (end
// exclusive), and one per input that could not be linted. With --fix, "fixed" lists the changes.
import type { RunReport } from '../report';
import type { FormatContext } from './index';

export interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  resource: { kind: string; name: string | null; namespace: string | null } | null;
  /** Line-independent identity: what --baseline matches. */
  fingerprint: string;
  /** Rendered manifests: the template or source file the finding's document came from. */
  source?: string;
}

export interface JsonOutput {
  findings: JsonFinding[];
  errors: { file: string; message: string; code: string }[];
  fixed?: { file: string; line: number; ruleId: string; title: string }[];
  /** Findings silenced by suppressions (present when there are any). */
  suppressed?: number;
  /** Files skipped by the config's exclude (present when there are any). */
  excluded?: string[];
  /** With --baseline: findings it left out. */
  baseline?: { file: string; matched: number };
}

export function toJson(report: RunReport): JsonOutput {
  const out: JsonOutput = {
    findings: report.files.flatMap((f) =>
      f.findings.map((x) => ({
        file: f.path,
        ruleId: x.ruleId,
        severity: x.severity,
        message: x.message,
        line: x.line,
        column: x.column,
        endLine: x.endLine,
        endColumn: x.endColumn,
        resource: x.resource ? { kind: x.resource.kind, name: x.resource.name ?? null, namespace: x.resource.namespace ?? null } : null,
        fingerprint: x.fingerprint ?? '',
        ...(x.source !== undefined ? { source: x.source } : {}),
      })),
    ),
    errors: report.errors.map((e) => ({ file: e.file, message: e.message, code: e.code })),
  };
  const suppressed = report.files.reduce((n, f) => n + (f.suppressed?.length ?? 0), 0);
  if (suppressed > 0) out.suppressed = suppressed;
  if (report.excluded?.length) out.excluded = report.excluded;
  if (report.baseline) out.baseline = report.baseline;
  if (report.fixMode) out.fixed = report.files.flatMap((f) => f.applied.map((a) => ({ file: f.path, line: a.line, ruleId: a.ruleId, title: a.title })));
  return out;
}

export function formatJson(report: RunReport, _ctx: FormatContext): string {
  return JSON.stringify(toJson(report), null, 2) + '\n';
}
