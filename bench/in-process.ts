// In-process measurements: the parse floor (`yaml`'s parseAllDocuments, as published), a full Kubeward lint
// with a fresh Linter and every default rule, the cost of schema validation, a re-lint after a
// one-character edit, and indexing a workspace into the graph. The bench bundle contains the same
// engine, with `yaml` bundled the same way, as dist/; the floor is `yaml` as published (floor.ts).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseAllDocuments } from './floor';
import { Linter, type LintOptions } from '../server/src/engine';
import { parseChunk, splitDocuments } from '../server/src/engine/parse';
import { indexTexts } from '../server/src/engine/workspace/measure';
import { typingPoint } from './lsp-bench';
import { median, timeInterleaved, timeRuns } from './stats';

export interface FloorResult {
  lines: number;
  bytes: number;
  documents: number;
  findings: number;
  /** `yaml` as published (the floor). */
  parseMs: number;
  /**
   * The engine's own parse of the same text: split into documents, each parsed by parseChunk (the
   * CST from yaml-cst.ts, composed by `yaml`'s Composer), as the full lint parses it.
   */
  parseEngineMs: number;
  lintMs: number;
  /** Undefined when not measured (the largest size, to keep the run short). */
  lintNoSchemaMs?: number;
  /** (lint with schema rules - without) / documents. */
  schemaPerDocMs?: number;
  relintMs: number;
}

export function runsFor(lines: number): number {
  return lines <= 1_100 ? 21 : lines <= 11_000 ? 9 : 5;
}

export function measureFloor(text: string, fileName: string, schemaCost: boolean): FloorResult {
  const lines = text.split('\n').length - 1;
  const runs = runsFor(lines);
  const options: LintOptions = { fileName };
  const noSchema: LintOptions = { fileName, schema: { enable: false } };
  // Interleaved, so the floor and the lint see the same machine. Schema validators load lazily,
  // once per process: a warm-up round pays for that, as the server's first lint does, and is not
  // counted. The lint's findings are read (made absolute), as the CLI and code actions read them.
  const fns = [() => parseAllDocuments(text), () => new Linter().lint(text, options).findings.length, () => {
    for (const c of splitDocuments(text)) parseChunk(c.text);
  }];
  if (schemaCost) fns.push(() => new Linter().lint(text, noSchema).findings.length);
  const times = timeInterleaved(runs, fns);
  const parseMs = median(times[0]);
  const lintMs = median(times[1]);
  const parseEngineMs = median(times[2]);
  const lintNoSchemaMs = schemaCost ? median(times[3]) : undefined;
  const result = new Linter().lint(text, options);
  const documents = splitDocuments(text).length;

  // A warm linter re-linting after one-character edits where the language-server benchmark types
  // (what a keystroke costs the engine alone).
  const linter = new Linter();
  linter.lint(text, options);
  const pos = typingPoint(text);
  let at = 0;
  for (let i = 0; i < pos.line; i++) at = text.indexOf('\n', at) + 1;
  at += pos.character;
  let current = text;
  const relints: number[] = [];
  for (let i = 0; i < 22; i++) {
    current = current.slice(0, at + i) + 'x' + current.slice(at + i);
    const t = performance.now();
    linter.lint(current, options);
    if (i >= 2) relints.push(performance.now() - t);
  }
  return {
    lines,
    bytes: Buffer.byteLength(text),
    documents,
    findings: result.findings.length,
    parseMs,
    parseEngineMs,
    lintMs,
    lintNoSchemaMs,
    schemaPerDocMs: lintNoSchemaMs === undefined ? undefined : (lintMs - lintNoSchemaMs) / documents,
    relintMs: median(relints),
  };
}

/** Single-threaded read + parseAllDocuments over files: the floor for CLI throughput. */
export function parseFloorFiles(files: readonly string[], runs = 3): { ms: number; bytes: number } {
  let bytes = 0;
  const ms = median(
    timeRuns(runs, () => {
      bytes = 0;
      for (const f of files) {
        const text = readFileSync(f, 'utf8');
        bytes += Buffer.byteLength(text);
        parseAllDocuments(text);
      }
    }, 1),
  );
  return { ms, bytes };
}

interface FloorWorkerData {
  benchFloorWorker: true;
  files: string[];
}

/**
 * The same floor split over `workers` worker threads (file i to worker i mod workers): what worker
 * threads give on this machine with no work but the floor's. `first`: from starting the threads
 * to the last one having parsed its share once, as in a CLI run, where each thread's V8 compiles
 * the hot code for itself; `warm`: the median of `runs` passes after it, measured as the
 * single-threaded floor is (after a warm-up pass), each from the moment every thread is told to
 * go to the moment the last one is done.
 */
export async function parseFloorFilesOnWorkers(files: readonly string[], workers: number, runs = 3): Promise<{ first: number; warm: number }> {
  const started = performance.now();
  const pool = Array.from({ length: workers }, (_, k) => {
    const data: FloorWorkerData = { benchFloorWorker: true, files: files.filter((_f, i) => i % workers === k) };
    return new Worker(__filename, { workerData: data });
  });
  const pass = (): Promise<void> =>
    Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.once('message', () => resolve());
            w.once('error', reject);
            w.postMessage('go');
          }),
      ),
    ).then(() => undefined);
  try {
    await pass();
    const first = performance.now() - started;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await pass();
      times.push(performance.now() - t);
    }
    return { first, warm: median(times) };
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

if (!isMainThread && parentPort && (workerData as Partial<FloorWorkerData> | undefined)?.benchFloorWorker === true) {
  const port = parentPort;
  const { files } = workerData as FloorWorkerData;
  port.on('message', () => {
    for (const f of files) parseAllDocuments(readFileSync(f, 'utf8'));
    port.postMessage('done');
  });
}

/** Indexing the workspace's files into a fresh graph in one go, as the server does at startup. */
export function measureIndexing(files: readonly string[]): { ms: number; objects: number } {
  const texts = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const t = performance.now();
  const m = indexTexts(texts);
  return { ms: performance.now() - t, objects: m.objects };
}
