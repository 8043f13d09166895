// The language-server benchmark: open a file, wait for its diagnostics, then type single
// characters in the middle of the file (incremental didChange, one change in flight at a time,
// each waiting for the diagnostics of its version) and read the server's peak RSS at the end.
import { pathToFileURL } from 'node:url';
import { BenchClient, sleep, type Pos, type ServerSpec } from './lsp';
import { median, percentile } from './stats';

export const WARMUP_EDITS = 2;
export const MEASURED_EDITS = 24;
/** Typed after the measured edits, and reported apart: keystrokes once the server is warm. */
export const STEADY_EDITS = 48;

export interface LspRun {
  server: string;
  lines: number;
  openMs: number;
  openDiagnostics: number;
  edits: number[];
  editMedian: number;
  editP90: number;
  lastDiagnostics: number;
  /** Publishes that arrived after the last awaited one (a stale or duplicate publish would show here). */
  extraPublishes: number;
  versioned: boolean;
  /** Peak RSS after the measured edits (as many as every server types, so the servers compare). */
  peakRss: number;
  /** Peak RSS at the end, after the steady edits too. */
  peakRssEnd: number;
  /** Server CPU time per measured edit (ms): robust to other load on the machine. */
  cpuPerEdit: number;
  /** Median edit → diagnostics of the edits typed after the measured ones (NaN when none were asked for). */
  steadyMedian: number;
  /** With pull diagnostics: how many reports were full and how many `unchanged` (open included). */
  reports?: { full: number; unchanged: number };
  /** Sessions pooled (runLspSessions); one when absent. */
  sessions?: number;
}

/**
 * Where to type: the value of the first `value: json` env line after the middle of the file (a
 * container's env var), so each keystroke changes one YAML document; no finding is on that line,
 * so the file's diagnostics stay as they were (a client that pulls is told `unchanged`).
 */
export function typingPoint(text: string): Pos {
  const lines = text.split('\n');
  for (let i = lines.length >> 1; i < lines.length; i++) {
    if (/^\s+value: json$/.test(lines[i])) return { line: i, character: lines[i].length };
  }
  const i = lines.length >> 1;
  return { line: i, character: lines[i].length };
}

/**
 * Where to type so that every keystroke changes the diagnostics: at the start of the first image
 * reference after the middle of the file (`image: <here>nginx:1.25`), inside the range of its
 * image findings, which grow with each character.
 */
export function findingTypingPoint(text: string): Pos {
  const lines = text.split('\n');
  for (let i = lines.length >> 1; i < lines.length; i++) {
    const m = /^(\s+(?:- )?image: )\S+$/.exec(lines[i]);
    if (m) return { line: i, character: m[1].length };
  }
  throw new Error('no image reference after the middle of the file');
}

export async function runLsp(spec: ServerSpec, file: string, text: string, steadyEdits = 0, where: (text: string) => Pos = typingPoint): Promise<LspRun> {
  const uri = pathToFileURL(file).href;
  const client = await BenchClient.start(spec);
  try {
    await sleep(200); // let the server take its settings before the document arrives
    const open = await client.open(uri, text, 1);
    const openMs = open.publish.at - open.sent;
    let current = text;
    const at = where(text);
    const lineStart = nthLineStart(text, at.line);
    const edits: number[] = [];
    let last = open.publish;
    let cpuStart = 0;
    let cpuEnd = 0;
    let rssMeasured = 0;
    const steady: number[] = [];
    for (let i = 0; i < WARMUP_EDITS + MEASURED_EDITS + steadyEdits; i++) {
      if (i === WARMUP_EDITS) cpuStart = client.cpuMs();
      if (i === WARMUP_EDITS + MEASURED_EDITS) {
        cpuEnd = client.cpuMs();
        // Read as the other servers' is, 400 ms after their last edit.
        await sleep(400);
        rssMeasured = client.peakRss();
      }
      const ch = 'abcdefghijklmnopqrstuvwxyz'[i % 26];
      const pos = { line: at.line, character: at.character + i };
      const offset = lineStart + pos.character;
      current = current.slice(0, offset) + ch + current.slice(offset);
      const r = await client.change(uri, 2 + i, { start: pos, end: pos, text: ch }, current);
      if (i >= WARMUP_EDITS + MEASURED_EDITS) steady.push(r.publish.at - r.sent);
      else if (i >= WARMUP_EDITS) edits.push(r.publish.at - r.sent);
      last = r.publish;
    }
    const cpuPerEdit = ((steadyEdits > 0 ? cpuEnd : client.cpuMs()) - cpuStart) / MEASURED_EDITS;
    const before = client.publishes.length;
    await sleep(400);
    const extraPublishes = client.publishes.length - before;
    return {
      server: spec.name,
      lines: text.split('\n').length - 1,
      openMs,
      openDiagnostics: open.publish.count,
      edits,
      editMedian: median(edits),
      editP90: percentile(edits, 90),
      lastDiagnostics: last.count,
      extraPublishes,
      versioned: last.version !== undefined,
      peakRss: steadyEdits > 0 ? rssMeasured : client.peakRss(),
      peakRssEnd: client.peakRss(),
      cpuPerEdit,
      steadyMedian: steady.length > 0 ? median(steady) : NaN,
      reports: spec.pullDiagnostics ? { ...client.reportKinds } : undefined,
    };
  } finally {
    await client.stop();
  }
}

function nthLineStart(text: string, line: number): number {
  let off = 0;
  for (let i = 0; i < line; i++) off = text.indexOf('\n', off) + 1;
  return off;
}

/**
 * Several sessions of runLsp (each a fresh server: start, open, type) as one: the edits of every
 * session pooled for the median and p90, so that one session's luck with the JIT and the machine's
 * load weighs less. Open time and CPU per edit are the median of the sessions, peak RSS the
 * highest.
 */
export async function runLspSessions(sessions: number, spec: ServerSpec, file: string, text: string, steadyEdits = 0, where: (text: string) => Pos = typingPoint): Promise<LspRun> {
  const runs: LspRun[] = [];
  for (let i = 0; i < sessions; i++) runs.push(await runLsp(spec, file, text, steadyEdits, where));
  const edits = runs.flatMap((r) => r.edits);
  const steady = runs.map((r) => r.steadyMedian).filter((x) => !Number.isNaN(x));
  const reports = runs[0].reports ? { full: 0, unchanged: 0 } : undefined;
  for (const r of runs) if (reports && r.reports) (reports.full += r.reports.full), (reports.unchanged += r.reports.unchanged);
  return {
    ...runs[runs.length - 1],
    openMs: median(runs.map((r) => r.openMs)),
    edits,
    editMedian: median(edits),
    editP90: percentile(edits, 90),
    extraPublishes: runs.reduce((n, r) => n + r.extraPublishes, 0),
    peakRss: Math.max(...runs.map((r) => r.peakRss)),
    peakRssEnd: Math.max(...runs.map((r) => r.peakRssEnd)),
    cpuPerEdit: median(runs.map((r) => r.cpuPerEdit)),
    steadyMedian: steady.length > 0 ? median(steady) : NaN,
    reports,
    sessions,
  };
}
