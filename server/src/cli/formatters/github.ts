// GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding, which
// the runner turns into annotations on the pull request's diff, then the usual summary.
//   ::error file=deploy/web.yaml,line=11,col=19,endLine=11,endColumn=23,title=pss-privileged::message
// Escaping follows the runner's rules: in the message %, CR and LF; in property values also `:` and `,`.
import type { Severity } from '../../engine';
import { STDIN_NAME } from '../inputs';
import type { CliFinding, RunReport } from '../report';
import type { FormatContext } from './index';
import { summary } from './text';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(report: RunReport, _ctx: FormatContext): string {
  const lines: string[] = [];
  for (const f of report.files) {
    for (const x of f.findings) lines.push(annotation(f.path, x));
  }
  lines.push(summary(report));
  return lines.join('\n') + '\n';
}

function annotation(file: string, x: CliFinding): string {
  const props: [string, string | number][] = [];
  let message = x.message;
  if (x.source !== undefined) {
    // Lines of the rendered text do not exist in the template: annotate the template file as a whole.
    props.push(['file', x.source]);
    message = `${message} (rendered, ${file}:${x.line}:${x.column})`;
  } else {
    if (file !== STDIN_NAME) props.push(['file', file]);
    else message = `${message} (${file}:${x.line}:${x.column})`;
    props.push(['line', x.line], ['col', x.column], ['endLine', x.endLine], ['endColumn', x.endColumn]);
  }
  props.push(['title', `kubeward ${x.ruleId}`]);
  const p = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${COMMAND[x.severity]} ${p}::${escapeData(message)}`;
}
