// A minimal LSP client for timing language servers over stdio. It records the arrival time of every
// publishDiagnostics (taken in the message handler, before anything else is done with it) and lets
// the caller wait for the publish that belongs to a given document version. With
// `pullDiagnostics`, it pulls instead, as Kubeward's VS Code client does: after didOpen and each
// didChange it sends textDocument/diagnostic with the resultId of the last report, and the response
// (a full report, or `unchanged`) is that version's diagnostics.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface Publish {
  uri: string;
  version?: number;
  count: number;
  at: number;
}

interface Waiter {
  accept(p: Publish): boolean;
  resolve(p: Publish): void;
}

export interface ServerSpec {
  name: string;
  command: string[];
  /** Answers to workspace/configuration by section, and what didChangeConfiguration carries. */
  settings: Record<string, unknown>;
  /** Whether the client announces workspace/configuration (pull) support. */
  pull: boolean;
  /** The server's environment (default: the bench's). */
  env?: NodeJS.ProcessEnv;
  /** Pull diagnostics (LSP 3.17), asked for in initializationOptions as Kubeward's VS Code client does. */
  pullDiagnostics?: boolean;
}

const TIMEOUT_MS = 120_000;

export class BenchClient {
  readonly conn: MessageConnection;
  readonly publishes: Publish[] = [];
  readonly logs: string[] = [];
  /** Work-done progress the server reported: kind ('begin', 'report', 'end'), title and arrival time. */
  readonly progress: { kind: string; title?: string; at: number }[] = [];
  /** 1 = full text sync, 2 = incremental, from the initialize result. */
  syncKind = 2;
  private readonly waiters: Waiter[] = [];
  private stderr = '';
  private exitCode: number | null | undefined;
  private readonly exited: Promise<number | null>;
  /** Pull mode: per document, the last report's resultId and diagnostic count. */
  private readonly reports = new Map<string, { resultId?: string; count: number }>();
  /** Pull mode: how many full and unchanged reports came back. */
  readonly reportKinds = { full: 0, unchanged: 0 };
  /** workspace/diagnostic/refresh requests the server sent. */
  refreshes = 0;

  private constructor(
    readonly spec: ServerSpec,
    readonly proc: ChildProcessWithoutNullStreams,
    readonly spawnedAt: number,
  ) {
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (d: string) => (this.stderr += d));
    this.exited = new Promise((resolve) =>
      proc.on('exit', (code) => {
        this.exitCode = code;
        resolve(code);
      }),
    );
    this.exited.catch(() => undefined);
    this.conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
      const rec: Publish = { uri: p.uri, version: p.version ?? undefined, count: p.diagnostics.length, at: performance.now() };
      this.publishes.push(rec);
      for (let i = 0; i < this.waiters.length; i++) {
        if (this.waiters[i].accept(rec)) {
          this.waiters[i].resolve(rec);
          this.waiters.splice(i--, 1);
        }
      }
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section ? (lookup(spec.settings, i.section) ?? null) : spec.settings)),
    );
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/workspaceFolders', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      return null;
    });
    this.conn.onNotification('$/progress', (p: { value?: { kind?: string; title?: string } }) => {
      if (p?.value?.kind) this.progress.push({ kind: p.value.kind, title: p.value.title, at: performance.now() });
    });
    this.conn.onError(() => undefined);
    this.conn.listen();
  }

  static async start(spec: ServerSpec, workspaceFolders: string[] = []): Promise<BenchClient> {
    const t0 = performance.now();
    const proc = spawn(spec.command[0], spec.command.slice(1), { stdio: 'pipe', env: spec.env ?? process.env });
    const c = new BenchClient(spec, proc, t0);
    const result = await c.within(
      c.conn.sendRequest<{ capabilities: { textDocumentSync?: number | { change?: number } } }>('initialize', {
        processId: process.pid,
        rootUri: workspaceFolders[0] ?? null,
        workspaceFolders: workspaceFolders.length ? workspaceFolders.map((uri) => ({ uri, name: uri.split('/').pop() })) : null,
        capabilities: {
          workspace: {
            configuration: spec.pull,
            didChangeConfiguration: { dynamicRegistration: false },
            workspaceFolders: true,
            ...(spec.pullDiagnostics ? { diagnostics: { refreshSupport: true } } : {}),
          },
          textDocument: {
            synchronization: { dynamicRegistration: false },
            publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
            ...(spec.pullDiagnostics ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
          },
          window: { workDoneProgress: true },
        },
        initializationOptions: spec.pullDiagnostics ? { pullDiagnostics: true } : undefined,
      }),
      'initialize',
    );
    const sync = result.capabilities.textDocumentSync;
    c.syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 1);
    await c.conn.sendNotification('initialized', {});
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: spec.settings });
    return c;
  }

  /** The next publish for `uri` that `accept` takes (only publishes that arrive from now on). */
  next(uri: string, accept: (p: Publish) => boolean = () => true): Promise<Publish> {
    return this.within(new Promise<Publish>((resolve) => this.waiters.push({ accept: (p) => p.uri === uri && accept(p), resolve })), `diagnostics for ${uri}`);
  }

  async open(uri: string, text: string, version: number): Promise<{ sent: number; publish: Publish }> {
    if (this.spec.pullDiagnostics) {
      const sent = performance.now();
      await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
      return { sent, publish: await this.pull(uri, version) };
    }
    const next = this.next(uri, (p) => p.version === undefined || p.version === version);
    const sent = performance.now();
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    return { sent, publish: await next };
  }

  /** Pull mode: the document's diagnostics as of `version` (the last change sent). */
  async pull(uri: string, version: number): Promise<Publish> {
    const last = this.reports.get(uri);
    const report = await this.within(
      this.conn.sendRequest<{ kind: 'full' | 'unchanged'; resultId?: string; items?: unknown[] }>('textDocument/diagnostic', {
        textDocument: { uri },
        identifier: 'kubeward',
        previousResultId: last?.resultId,
      }),
      `diagnostics for ${uri}`,
    );
    const at = performance.now();
    const count = report.kind === 'unchanged' && last ? last.count : (report.items?.length ?? 0);
    this.reportKinds[report.kind === 'unchanged' ? 'unchanged' : 'full']++;
    this.reports.set(uri, { resultId: report.resultId, count });
    return { uri, version, count, at };
  }

  /**
   * Sends one change and waits for its diagnostics: the publish carrying this version, or for a
   * server that publishes without versions, the first publish after the change (the caller keeps
   * one change in flight at a time, so no earlier validation can still be running).
   */
  async change(uri: string, version: number, edit: { start: Pos; end: Pos; text: string }, fullText: string): Promise<{ sent: number; publish: Publish }> {
    const contentChanges = this.syncKind === 2 ? [{ range: { start: edit.start, end: edit.end }, text: edit.text }] : [{ text: fullText }];
    if (this.spec.pullDiagnostics) {
      const sent = performance.now();
      await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
      return { sent, publish: await this.pull(uri, version) };
    }
    const next = this.next(uri, (p) => p.version === undefined || p.version === version);
    const sent = performance.now();
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return { sent, publish: await next };
  }

  /**
   * CPU time (user + system) the server process has used, in ms, from /proc/<pid>/stat (10 ms
   * ticks): what its work costs whatever else the machine runs.
   */
  cpuMs(): number {
    const fields = readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  }

  /** Peak resident set size of the server process (VmHWM), in bytes. */
  peakRss(): number {
    const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : NaN;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), sleep(2000)]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    await Promise.race([this.exited, sleep(2000)]);
    if (this.exitCode === undefined) this.proc.kill('SIGKILL');
    this.conn.dispose();
  }

  within<T>(p: Promise<T>, what: string, ms = TIMEOUT_MS): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.spec.name}: timed out after ${ms} ms waiting for ${what}\nstderr: ${this.stderr.slice(-2000)}\nlog: ${this.logs.slice(-10).join('\n')}`)), ms);
    });
    const exited = this.exited.then((code): never => {
      throw new Error(`${this.spec.name} exited (${code}) waiting for ${what}\nstderr: ${this.stderr.slice(-2000)}`);
    });
    exited.catch(() => undefined); // once the race is decided, a later exit is not an error
    return Promise.race([p, timeout, exited]).finally(() => clearTimeout(timer));
  }
}

export interface Pos {
  line: number;
  character: number;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function lookup(settings: Record<string, unknown>, section: string): unknown {
  let cur: unknown = settings;
  for (const k of section.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}
