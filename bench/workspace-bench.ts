// Editing while the server indexes a large workspace: start the server with a workspace folder of
// 5,000 manifest files, open one of them at once and type in it at a fast typist's pace (one
// character every 50 ms, each waiting for its diagnostics) while the background indexing runs,
// then keep typing after it has finished. The same edits on a server without a workspace folder
// are the baseline. Indexing is "running" between the server's work-done progress begin and end.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { BenchClient, sleep, type ServerSpec } from './lsp';
import { typingPoint } from './lsp-bench';
import { median, ms, percentile } from './stats';

export interface WorkspaceRun {
  report: string;
  summary: string;
  pass: boolean | undefined;
}

const PACE_MS = 50;
const AFTER_EDITS = 24;
const MAX_DURING = 400;

interface Progress {
  readonly begin?: number;
  readonly end?: number;
  readonly titles: string[];
}

/** The file to edit: the workspace's first application bundle (a dozen objects, ~200 lines). */
export function editedFile(workspace: string): string {
  return join(workspace, 'payments', 'group-0', 'app-00000.yaml');
}

async function typeInto(client: BenchClient, uri: string, text: string, until: (i: number) => boolean, firstVersion: number): Promise<{ times: number[]; stamps: number[]; version: number; text: string }> {
  const at = typingPoint(text);
  let off = 0;
  for (let i = 0; i < at.line; i++) off = text.indexOf('\n', off) + 1;
  const times: number[] = [];
  const stamps: number[] = [];
  let version = firstVersion;
  let current = text;
  for (let i = 0; !until(i); i++) {
    const pos = { line: at.line, character: at.character + i };
    const o = off + pos.character;
    current = current.slice(0, o) + 'x' + current.slice(o);
    const r = await client.change(uri, ++version, { start: pos, end: pos, text: 'x' }, current);
    times.push(r.publish.at - r.sent);
    stamps.push(r.sent);
    await sleep(PACE_MS);
  }
  return { times, stamps, version, text: current };
}

export async function runWorkspace(spec: ServerSpec, workspace: string): Promise<WorkspaceRun> {
  const file = editedFile(workspace);
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;

  // Baseline: the same file and edits, no workspace folder.
  const base = await BenchClient.start(spec);
  let baseline: number[];
  try {
    await base.open(uri, text, 1);
    baseline = (await typeInto(base, uri, text, (i) => i >= AFTER_EDITS, 1)).times;
  } finally {
    await base.stop();
  }

  const client = await BenchClient.start(spec, [pathToFileURL(workspace).href]);
  const progress: Progress = {
    get begin() {
      return client.progress.find((p) => p.kind === 'begin')?.at;
    },
    get end() {
      return client.progress.find((p) => p.kind === 'end')?.at;
    },
    get titles() {
      return client.progress.filter((p) => p.title).map((p) => p.title!);
    },
  };
  try {
    const opened = await client.open(uri, text, 1);
    const openMs = opened.publish.at - opened.sent;
    // Type while indexing runs (give it a moment to begin), then as many edits after it ends.
    const startedAt = performance.now();
    const during = await typeInto(client, uri, text, (i) => i >= MAX_DURING || (progress.end !== undefined) || (progress.begin === undefined && performance.now() - startedAt > 2000 && i > 0), 1);
    const inIndexing = during.times.filter((_, i) => progress.begin !== undefined && during.stamps[i] >= progress.begin && (progress.end === undefined || during.stamps[i] < progress.end));
    const after = await typeInto(client, uri, during.text, (i) => i >= AFTER_EDITS, during.version);
    const rss = client.peakRss();
    const lines: string[] = [];
    const indexedMs = progress.begin !== undefined && progress.end !== undefined ? progress.end - progress.begin : undefined;
    if (progress.begin === undefined) {
      lines.push('The server reported no indexing progress ($/progress): the workspace index is not there yet, so this only shows a server with a workspace folder.');
    } else {
      lines.push(`Indexing (work-done progress "${progress.titles[0] ?? ''}") took ${indexedMs !== undefined ? ms(indexedMs) : 'longer than the edits'} in the server; ${inIndexing.length} edits landed while it ran.`);
    }
    lines.push(`Open → diagnostics of ${file.slice(workspace.length + 1)} right after initialize: ${ms(openMs)}. Server peak RSS: ${(rss / 2 ** 20).toFixed(0)} MB.`);
    lines.push('');
    lines.push('| edits on the open file | n | median | p90 | max |');
    lines.push('|---|---|---|---|---|');
    const row = (name: string, xs: number[]) => `| ${name} | ${xs.length} | ${ms(median(xs))} | ${ms(percentile(xs, 90))} | ${ms(Math.max(...xs))} |`;
    lines.push(row('no workspace folder (baseline)', baseline));
    if (inIndexing.length) lines.push(row('while indexing 5,000 files', inIndexing));
    lines.push(row('after indexing', after.times));
    const b = median(baseline);
    const d = inIndexing.length ? median(inIndexing) : NaN;
    const pass = inIndexing.length >= 5 ? d <= 1.5 * b + 2 : undefined;
    const summary = inIndexing.length ? `median ${ms(d)} during indexing (${inIndexing.length} edits, p90 ${ms(percentile(inIndexing, 90))}) vs ${ms(b)} without` : 'no indexing observed';
    return { report: lines.join('\n'), summary, pass };
  } finally {
    await client.stop();
  }
}
