// `kubeward lint` over many files on worker threads. Cross-resource rules need every file's facts,
// so it runs in two rounds:
// 1. the workers read and index the files a batch at a time, each asking for the next batch as it
//    finishes one (so no worker is left with the slow files), and keep the parses; the main thread
//    passes each batch's index entries on to the other workers as they come;
// 2. once every file is indexed, each worker builds the same graph the one-thread run builds
//    (entries added in input order) and lints the files it indexed from the parses it kept, again a
//    batch at a time; a worker that has linted all its own files takes the last batch of the one
//    with the most left (reading and parsing those files again).
// Results come back as plain data and are put in input order, so the output is the same as with
// one thread (KUBEWARD_JOBS=1).
//
// The workers are started while the inputs are listed (LintPool.start, as soon as there are enough
// files), so that each loading dist/cli-main.js overlaps with the directory walk and the config
// lookup of the main thread. The worker is this same module: dist/cli-main.js (or the compiled
// file) started with workerData.
import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { LintOptions, SeveritySetting } from '../engine';
import { WorkspaceGraph, type IndexedFile } from '../engine/workspace/graph';
import { isInputError, readInputFile, type InputError } from './inputs';
import { fileReport, indexText, lintText, ParseCache, ruleFailedWarning, type FileReportData } from './lint-file';
import type { ReportDetail } from './report';

export const JOBS_ENV = 'KUBEWARD_JOBS';
/** Below this many files per worker, starting workers costs more than it saves. */
export const MIN_FILES_PER_WORKER = 16;

export interface FileTask {
  path: string;
  abs: string;
  options: LintOptions;
  yamlSyntax?: SeveritySetting;
}

export interface FileOutcome {
  error?: InputError;
  file?: FileReportData;
  /** Lines for standard error (rule failures), in the order the one-thread run prints them. */
  warnings: string[];
}

/**
 * How many workers to use for `files` files: KUBEWARD_JOBS, else defaultJobs(); 1 means no workers.
 */
export function workerCount(files: number, env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number.parseInt(env[JOBS_ENV] ?? '', 10);
  const jobs = Number.isFinite(asked) && asked > 0 ? asked : defaultJobs();
  return Math.max(1, Math.min(jobs, Math.floor(files / MIN_FILES_PER_WORKER)));
}

/**
 * One worker per CPU but one, as Jest does. A fresh thread runs the engine cold: its V8 compiles
 * the hot code and collects garbage on background threads, so one thread linting keeps about 1.3
 * CPUs busy (2,000 files: 10 s of CPU in 7.5 s). With as many workers as CPUs those helpers have no
 * CPU to run on: on 2 CPUs, two workers saved 0-11% of the time of one thread (six interleaved
 * comparisons, 3% on average) for 33-40% more CPU (14 vs 10 s). So 2 CPUs lint on one thread, 3 on
 * two workers, and so on.
 */
export function defaultJobs(): number {
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, cpus - 1);
}

interface WorkerData {
  kubewardLintWorker: true;
  graphScope: string;
  maxFileSize: number;
  detail: ReportDetail;
}

type Entry = { index: number; path: string; entry: IndexedFile };
type ToWorker =
  | { type: 'index'; tasks: { index: number; task: FileTask }[] }
  /** Entries another worker made, sent on as they come. */
  | { type: 'entries'; entries: Entry[] }
  /** Every entry has been sent: build the graph. */
  | { type: 'graph' }
  /** `task` is given for files another worker indexed. */
  | { type: 'lint'; files: { index: number; task?: FileTask }[] };
type FromWorker =
  | { type: 'indexed'; entries: { index: number; path: string; entry?: IndexedFile; error?: InputError }[] }
  | { type: 'linted'; outcomes: { index: number; outcome: FileOutcome }[] }
  | { type: 'failed'; message: string };

let linted = false;

/** Whether worker threads linted files in this process (so its main thread did not). */
export function workersLinted(): boolean {
  return linted;
}

/** Worker threads started ahead of the work (see the top of this file). */
export class LintPool {
  private failure?: Error;
  /** Workers told to stop: their exit is expected. */
  private readonly stopping = new Set<Worker>();
  private readonly stopped: Promise<unknown>[] = [];
  private handler?: (k: number, m: FromWorker) => void;
  private reject?: (e: Error) => void;

  private constructor(private workers: Worker[]) {
    workers.forEach((w, k) => {
      w.on('message', (m: FromWorker) => (m.type === 'failed' ? this.fail(new Error(m.message)) : this.handler?.(k, m)));
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (!this.stopping.has(w)) this.fail(new Error(`a lint worker stopped (exit code ${code})`));
      });
    });
  }

  /** Starts `jobs` workers for a run whose files are not listed yet. */
  static start(jobs: number, graphScope: string, maxFileSize: number, detail: ReportDetail): LintPool {
    const data: WorkerData = { kubewardLintWorker: true, graphScope, maxFileSize, detail };
    return new LintPool(Array.from({ length: jobs }, () => new Worker(__filename, { workerData: data })));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Lints the files on the first `jobs` workers (the others are stopped); outcomes in the order of `tasks`. */
  async lint(tasks: readonly FileTask[], jobs: number): Promise<FileOutcome[]> {
    this.stop(this.workers.splice(jobs));
    const workers = this.workers;
    linted = true;
    const n = tasks.length;
    // Batches small enough that the last one finishing late costs little, large enough that the
    // messages cost nothing: about 40 per worker.
    const size = Math.max(1, Math.min(64, Math.ceil(n / (workers.length * 40))));
    const outcomes: FileOutcome[] = tasks.map(() => ({ warnings: [] }));
    const entries: (Entry | undefined)[] = new Array(n);
    /** Per worker, the batches it indexed, then those it is still to lint. */
    const batches: number[][][] = workers.map(() => []);
    let next = 0;
    let inFlight = 0;
    const done = new Promise<FileOutcome[]>((resolve, reject) => {
      this.reject = reject;
      if (this.failure) return reject(this.failure);
      const post = (k: number, msg: ToWorker): void => {
        inFlight++;
        workers[k].postMessage(msg);
      };
      const index = (k: number): void => {
        if (next >= n) return;
        const batch: number[] = [];
        for (const end = Math.min(n, next + size); next < end; next++) batch.push(next);
        batches[k].push(batch);
        post(k, { type: 'index', tasks: batch.map((i) => ({ index: i, task: tasks[i] })) });
      };
      // A worker lints the files it indexed, from the parses it kept; one that has none left
      // takes the last batch of the worker with the most left, and reads and parses it again.
      const lint = (k: number): void => {
        let batch = batches[k].shift();
        let stolen = false;
        if (!batch) {
          const most = batches.reduce((m, b, j) => (b.length > batches[m].length ? j : m), 0);
          batch = batches[most].pop();
          stolen = true;
        }
        if (batch) post(k, { type: 'lint', files: batch.map((i) => ({ index: i, task: stolen ? tasks[i] : undefined })) });
      };
      const finish = (): void => {
        // Done: the workers stop while the report is written.
        this.stop(workers.splice(0));
        resolve(outcomes);
      };
      this.handler = (k, m) => {
        inFlight--;
        if (m.type === 'indexed') {
          const made: Entry[] = [];
          for (const e of m.entries) {
            if (e.error) outcomes[e.index].error = e.error;
            else if (e.entry) made.push((entries[e.index] = { index: e.index, path: e.path, entry: e.entry }));
          }
          // The other workers take them in between their batches, rather than all at the end.
          workers.forEach((w, j) => j !== k && made.length > 0 && w.postMessage({ type: 'entries', entries: made } satisfies ToWorker));
          index(k);
          if (inFlight > 0) return;
          // Every file is indexed: each worker builds the graph, and gets its first batches to lint.
          workers.forEach((w, j) => {
            w.postMessage({ type: 'graph' } satisfies ToWorker);
            batches[j] = batches[j].map((b) => b.filter((i) => entries[i] !== undefined)).filter((b) => b.length > 0);
          });
          for (let round = 0; round < 2; round++) workers.forEach((_, j) => lint(j));
          if (inFlight === 0) finish(); // no file could be read
        } else if (m.type === 'linted') {
          for (const { index, outcome } of m.outcomes) outcomes[index] = outcome;
          lint(k);
          if (inFlight === 0) finish();
        }
      };
      // Two batches each: a worker has the next one at hand when it finishes one.
      for (let round = 0; round < 2; round++) workers.forEach((_, k) => index(k));
    });
    try {
      return await done;
    } finally {
      this.handler = undefined;
      this.reject = undefined;
    }
  }

  /** Stops the workers (they hold nothing that needs saving); resolves once all have stopped. */
  async close(): Promise<void> {
    this.stop(this.workers.splice(0));
    await Promise.all(this.stopped);
  }

  private stop(workers: Worker[]): void {
    for (const w of workers) {
      this.stopping.add(w);
      this.stopped.push(w.terminate().catch(() => undefined));
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.reject?.(this.failure);
  }
}

// --- The worker side ----------------------------------------------------------------------------

function serve(data: WorkerData, port: NonNullable<typeof parentPort>): void {
  const cache = new ParseCache();
  const local = new WorkspaceGraph({ scope: data.graphScope });
  /** The files this worker indexed, until linted. */
  const mine = new Map<number, { task: FileTask; text: string; entry: Entry }>();
  const others: Entry[] = [];
  let graph: WorkspaceGraph | undefined;
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
          mine.set(index, { task, text: read.text, entry: { index, path: task.path, entry } });
          entries.push({ index, path: task.path, entry });
        }
        port.postMessage({ type: 'indexed', entries } satisfies FromWorker);
      } else if (msg.type === 'entries') {
        others.push(...msg.entries);
      } else if (msg.type === 'graph') {
        // The graph of the one-thread run: every file's entry, in input order.
        const all = [...others, ...[...mine.values()].map((m) => m.entry)].sort((a, b) => a.index - b.index);
        graph = new WorkspaceGraph({ scope: data.graphScope });
        for (const e of all) graph.importFile(e.path, e.entry);
      } else {
        const outcomes: Extract<FromWorker, { type: 'linted' }>['outcomes'] = [];
        for (const { index, task: given } of msg.files) {
          const own = mine.get(index);
          mine.delete(index);
          const task = own?.task ?? given!;
          let text = own?.text;
          if (text === undefined) {
            const read = readInputFile(task, data.maxFileSize);
            if (isInputError(read)) {
              outcomes.push({ index, outcome: { error: read, warnings: [] } });
              continue;
            }
            text = read.text;
          }
          const warnings: string[] = [];
          const result = lintText(graph!, text, task.options, cache, (ruleId, message) => warnings.push(ruleFailedWarning(task.path, ruleId, message)));
          const file = fileReport(task.path, task.abs, text, result, task.yamlSyntax, [], data.detail);
          outcomes.push({ index, outcome: { file, warnings } });
        }
        port.postMessage({ type: 'linted', outcomes } satisfies FromWorker);
      }
    } catch (err) {
      port.postMessage({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies FromWorker);
    }
  });
}

if (!isMainThread && parentPort && (workerData as Partial<WorkerData> | undefined)?.kubewardLintWorker === true) serve(workerData as WorkerData, parentPort);
