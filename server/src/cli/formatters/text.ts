// `file:line:col severity rule-id message`, one finding a line, ordered by file and position, then
// the fixes applied (with --fix) and a summary. Input errors go to standard error, not here.
import { countFindings, type RunReport } from '../report';
import type { FormatContext } from './index';

export function formatText(report: RunReport, _ctx: FormatContext): string {
  const lines: string[] = [];
  const applied = report.files.flatMap((f) => f.applied.map((a) => `${f.path}:${a.line} ${a.ruleId} ${a.title}`));
  if (report.fixMode) {
    lines.push(applied.length > 0 ? `Fixed (${plural(applied.length, 'change')}):` : 'Nothing to fix.', ...applied.map((l) => `  ${l}`), '');
  }
  for (const f of report.files) {
    for (const x of f.findings) lines.push(`${location(f.path, x)} ${x.severity} ${x.ruleId} ${oneLine(x.message)}`);
  }
  if (lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
  lines.push(summary(report));
  return lines.join('\n') + '\n';
}

export function summary(report: RunReport): string {
  const c = countFindings(report);
  const total = c.error + c.warning + c.info;
  const files = plural(report.files.length, 'file');
  const parts: string[] = [];
  if (total === 0) parts.push(`No findings in ${files}${report.fixMode ? ' after fixing' : ''}.`);
  else {
    const bySeverity = [plural(c.error, 'error'), plural(c.warning, 'warning'), `${c.info} info`].join(', ');
    parts.push(`${plural(total, 'finding')} (${bySeverity}) in ${c.filesWithFindings} of ${files}.`);
  }
  const notes: string[] = [];
  const suppressed = report.files.reduce((n, f) => n + (f.suppressed?.length ?? 0), 0);
  if (suppressed > 0) notes.push(`${suppressed} suppressed`);
  if (report.baseline) notes.push(`${report.baseline.matched} in the baseline`);
  if (report.excluded?.length) notes.push(`${plural(report.excluded.length, 'file')} excluded by the config`);
  if (notes.length > 0) parts[parts.length - 1] = parts[parts.length - 1].replace(/\.$/, ` (${notes.join(', ')}).`);
  if (report.errors.length > 0) parts.push(`${plural(report.errors.length, 'input')} could not be linted (listed on standard error).`);
  const hints: string[] = [];
  if (report.fixMode !== 'safe' && report.fixMode !== 'suggestion' && c.safeFixable > 0) hints.push(`${c.safeFixable} fixable with --fix`);
  if (report.fixMode !== 'suggestion' && c.suggestionFixable > 0) hints.push(`${c.suggestionFixable}${hints.length ? ' more' : ' fixable'} with --fix-suggestions`);
  if (hints.length > 0) parts.push(`${hints.join(', ')}.`.replace(/^./, (s) => s.toUpperCase()));
  return parts.join(' ');
}

/** `file:line:col`, or for a rendered manifest `template (rendered, file:line:col)`. */
export function location(file: string, x: { line: number; column: number; source?: string }): string {
  const at = `${file}:${x.line}:${x.column}`;
  return x.source === undefined ? at : `${x.source} (rendered, ${at})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function oneLine(s: string): string {
  return s.includes('\n') ? s.replace(/\s*\r?\n\s*/g, ' ') : s;
}
