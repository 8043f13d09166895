// Output formats by name. A format is a function from the run's report to the text written on
// standard output; adding one (for example `github` annotations) is a file here and a line below.
import type { FormatName } from '../args';
import type { ReportDetail, RunReport } from '../report';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';

export interface FormatContext {
  version: string;
}

export type Formatter = (report: RunReport, ctx: FormatContext) => string;

export const FORMATTERS: Record<FormatName, Formatter> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};

/** What each format reads of the findings (report.ts), so that nothing else is computed. */
export const FORMAT_DETAIL: Record<FormatName, ReportDetail> = {
  text: { fixes: true, related: false },
  json: { fixes: false, related: false },
  sarif: { fixes: true, related: true },
  github: { fixes: true, related: false },
};
