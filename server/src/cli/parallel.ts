// `kubeward lint` over many files on worker threads. Cross-resource rules need every file's facts,
// so it runs in two rounds: each worker reads and indexes its share of the files (keeping the
// parses), the main thread hands every worker the others' index entries, and each worker builds
// the same graph the single-threaded run builds (entries added in input order) and lints its
// share from the parses it kept. Results come back as plain data and are put in input order, so
// the output is the same as with one thread (KUBEWARD_JOBS=1).
//
// The worker is this same module: dist/cli.js (or the compiled file) started with workerData.
import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { LintOptions, SeveritySetting } from '../engine';
import { WorkspaceGraph, type IndexedFile } from '../engine/workspace/graph';
import { isInputError, readInputFile, type InputError } from './inputs';
import { fileReport, indexText, lintText, ParseCache, ruleFailedWarning, type FileReportData } from './lint-file';

export const JOBS_ENV = 'KUBEWARD_JOBS';
/** Below this many files per worker, starting workers costs more than it saves. */
const MIN_FILES_PER_WORKER = 16;

export interface FileTask {
  path: string;
  abs: string;
  options: LintOptions;
  yamlSyntax?: SeveritySetting;
  /** Size in bytes, to give workers shares of similar size (0 when unknown). */
  size: number;
}

export interface FileOutcome {
  error?: InputError;
  file?: FileReportData;
  /** Lines for standard error (rule failures), in the order the one-thread run prints them. */
  warnings: string[];
}

/** How many workers to use for `files` files: KUBEWARD_JOBS, else one per CPU; 1 means no workers. */
export function workerCount(files: number, env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number.parseInt(env[JOBS_ENV] ?? '', 10);
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const jobs = Number.isFinite(asked) && asked > 0 ? asked : cpus;
  return Math.max(1, Math.min(jobs, Math.floor(files / MIN_FILES_PER_WORKER)));
}

interface WorkerData {
  kubewardLintWorker: true;
  graphScope: string;
  maxFileSize: number;
}

type ToWorker = { type: 'index'; tasks: { index: number; task: FileTask }[] } | { type: 'lint'; entries: { index: number; path: string; entry: IndexedFile }[] };
type FromWorker =
  | { type: 'indexed'; entries: { index: number; path: string; entry?: IndexedFile; error?: InputError }[] }
  | { type: 'linted'; outcomes: { index: number; outcome: FileOutcome }[] }
  | { type: 'failed'; message: string };

/** Lints the files on `jobs` worker threads; outcomes in the order of `tasks`. */
export async function lintInWorkers(tasks: readonly FileTask[], jobs: number, graphScope: string, maxFileSize: number): Promise<FileOutcome[]> {
  // Contiguous shares of similar total size keep each worker's files together, as listed.
  const shares = shareBySize(tasks, jobs);
  const data: WorkerData = { kubewardLintWorker: true, graphScope, maxFileSize };
  const workers = shares.map(() => new Worker(__filename, { workerData: data }));
  const inbox = workers.map((w) => messages(w));
  try {
    shares.forEach((share, i) => post(workers[i], { type: 'index', tasks: share.map((index) => ({ index, task: tasks[index] })) }));
    const indexed = await Promise.all(inbox.map((m) => m.next('indexed')));
    const entries: { index: number; path: string; entry: IndexedFile }[] = [];
    const outcomes: FileOutcome[] = tasks.map(() => ({ warnings: [] }));
    for (const msg of indexed) {
      for (const e of msg.entries) {
        if (e.error) outcomes[e.index].error = e.error;
        else if (e.entry) entries.push({ index: e.index, path: e.path, entry: e.entry });
      }
    }
    // Each worker gets the entries it does not have.
    shares.forEach((share, i) => {
      const own = new Set(share);
      post(workers[i], { type: 'lint', entries: entries.filter((e) => !own.has(e.index)) });
    });
    for (const msg of await Promise.all(inbox.map((m) => m.next('linted')))) {
      for (const { index, outcome } of msg.outcomes) outcomes[index] = outcome;
    }
    return outcomes;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Contiguous runs of tasks whose sizes add up to about the same (each file counts at least 1 KB). */
function shareBySize(tasks: readonly FileTask[], jobs: number): number[][] {
  const weight = (t: FileTask) => Math.max(t.size, 1024);
  const total = tasks.reduce((n, t) => n + weight(t), 0);
  const shares: number[][] = Array.from({ length: jobs }, () => []);
  let acc = 0;
  tasks.forEach((t, i) => {
    shares[Math.min(jobs - 1, Math.floor((acc * jobs) / total))].push(i);
    acc += weight(t);
  });
  return shares.filter((s) => s.length > 0);
}

function post(w: Worker, msg: ToWorker): void {
  w.postMessage(msg);
}

/** Awaits a worker's messages by type; a worker that fails or exits rejects the wait. */
function messages(w: Worker): { next<T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>> } {
  const queue: FromWorker[] = [];
  let waiting: { type: string; resolve(m: FromWorker): void; reject(e: Error): void } | undefined;
  let failure: Error | undefined;
  const fail = (e: Error): void => {
    failure ??= e;
    waiting?.reject(failure);
    waiting = undefined;
  };
  w.on('message', (m: FromWorker) => {
    if (m.type === 'failed') return fail(new Error(m.message));
    if (waiting && waiting.type === m.type) {
      const wt = waiting;
      waiting = undefined;
      wt.resolve(m);
    } else queue.push(m);
  });
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`a lint worker stopped (exit code ${code})`)));
  return {
    next(type) {
      const i = queue.findIndex((m) => m.type === type);
      if (i >= 0) return Promise.resolve(queue.splice(i, 1)[0] as never);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => (waiting = { type, resolve: resolve as (m: FromWorker) => void, reject }));
    },
  };
}

// --- The worker side ----------------------------------------------------------------------------

function serve(data: WorkerData, port: NonNullable<typeof parentPort>): void {
  const cache = new ParseCache();
  const local = new WorkspaceGraph({ scope: data.graphScope });
  const mine: { index: number; task: FileTask; text: string }[] = [];
  const ownEntries = new Map<number, { path: string; entry: IndexedFile }>();
  port.on('message', (msg: ToWorker) => {
    try {
      if (msg.type === 'index') {
        const entries: Extract<FromWorker, { type: 'indexed' }>['entries'] = [];
        for (const { index, task } of msg.tasks) {
          const read = readInputFile(task, data.maxFileSize);
          if (isInputError(read)) {
            entries.push({ index, path: task.path, error: read });
            continue;
          }
          indexText(local, task.path, read.text, cache);
          const entry = local.exportFile(task.path)!;
          ownEntries.set(index, { path: task.path, entry });
          mine.push({ index, task, text: read.text });
          entries.push({ index, path: task.path, entry });
        }
        port.postMessage({ type: 'indexed', entries } satisfies FromWorker);
      } else {
        // The graph of the one-thread run: every file's entry, in input order.
        const all = [...msg.entries, ...[...ownEntries].map(([index, e]) => ({ index, ...e }))].sort((a, b) => a.index - b.index);
        const graph = new WorkspaceGraph({ scope: data.graphScope });
        for (const e of all) graph.importFile(e.path, e.entry);
        const outcomes = mine.map(({ index, task, text }) => {
          const warnings: string[] = [];
          const result = lintText(graph, text, task.options, cache, (ruleId, message) => warnings.push(ruleFailedWarning(task.path, ruleId, message)));
          const { index: _lines, ...file } = fileReport(task.path, task.abs, text, result, task.yamlSyntax, []);
          return { index, outcome: { file, warnings } };
        });
        port.postMessage({ type: 'linted', outcomes } satisfies FromWorker);
      }
    } catch (err) {
      port.postMessage({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies FromWorker);
    }
  });
}

if (!isMainThread && parentPort && (workerData as Partial<WorkerData> | undefined)?.kubewardLintWorker === true) serve(workerData as WorkerData, parentPort);
