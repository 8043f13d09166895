// A small LSP client for the protocol tests: starts the built server (`node dist/server.js
// --stdio`) as a child process and speaks JSON-RPC to it over its stdin/stdout. Waiting is
// event-driven: a test registers what it expects, triggers it, and awaits the matching message,
// with a generous timeout that fails with what was received instead.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeAction,
  Diagnostic,
  DocumentDiagnosticReport,
  Hover,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');
const TIMEOUT_MS = 20_000;

export interface StartOptions {
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** Served on workspace/configuration (section kubeward); change it and call configurationChanged(). */
  settings?: Record<string, unknown> | null;
  /** Whether the client says it supports workspace/configuration (the pull model). */
  pullConfiguration?: boolean;
  /** file: URIs of the workspace folders. */
  workspaceFolders?: string[];
  /** The server's environment (default: the tests'). */
  env?: NodeJS.ProcessEnv;
  /** Node options before dist/server.js (default: none, as other editors start the bin). */
  execArgv?: string[];
}

/** Capabilities like VS Code's for what the tests use. */
export function vscodeLikeCapabilities(pull = true): ClientCapabilities {
  return {
    workspace: {
      configuration: pull,
      didChangeConfiguration: { dynamicRegistration: pull },
      workspaceEdit: { documentChanges: true },
    },
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: false },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: {
        dataSupport: true,
        isPreferredSupport: true,
        resolveSupport: { properties: ['edit'] },
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } },
      },
      hover: { contentFormat: ['markdown', 'plaintext'] },
    },
  };
}

interface Waiter {
  uri: string;
  accept: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

export class LspTestClient {
  readonly conn: MessageConnection;
  settings: Record<string, unknown> | null;
  /** Per-document answers to workspace/configuration; `settings` when unset or undefined. */
  settingsFor?: (scopeUri: string | undefined) => Record<string, unknown> | undefined;
  readonly logs: { type: number; message: string }[] = [];
  readonly registrations: unknown[] = [];
  readonly configurationRequests: { scopeUri?: string; section?: string }[] = [];
  /** workspace/diagnostic/refresh requests received. */
  refreshes = 0;
  private refreshWaiters: (() => void)[] = [];
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: Waiter[] = [];
  private stderr = '';
  private exited = false;
  private readonly exitPromise: Promise<number | null>;
  initializeResult?: InitializeResult;

  private constructor(readonly proc: ChildProcessWithoutNullStreams, settings: Record<string, unknown> | null) {
    this.settings = settings;
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (d: string) => {
      this.stderr += d;
    });
    this.exitPromise = new Promise((res) =>
      proc.on('exit', (code) => {
        this.exited = true;
        res(code);
      }),
    );
    this.conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.latest.set(p.uri, p);
      for (let i = 0; i < this.waiters.length; i++) {
        const w = this.waiters[i];
        if (w.uri === p.uri && w.accept(p)) {
          this.waiters.splice(i--, 1);
          w.resolve(p);
        }
      }
    });
    this.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.logs.push(p);
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) => {
      this.configurationRequests.push(...p.items);
      return p.items.map((item) => (item.section === 'kubeward' ? (this.settingsFor?.(item.scopeUri) ?? this.settings) : null));
    });
    this.conn.onRequest('client/registerCapability', (p: { registrations: unknown[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      for (const w of this.refreshWaiters.splice(0)) w();
      return null;
    });
    this.conn.onError(() => undefined);
    this.conn.listen();
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    if (!existsSync(SERVER)) {
      throw new Error(`${SERVER} is missing: the protocol tests run the built server. Run \`npm run build\` first (\`npm test\` does).`);
    }
    const proc = spawn(process.execPath, [...(options.execArgv ?? []), SERVER, '--stdio'], { cwd: ROOT, stdio: 'pipe', env: options.env ?? process.env });
    const client = new LspTestClient(proc, options.settings === undefined ? {} : options.settings);
    const capabilities = options.capabilities ?? vscodeLikeCapabilities(options.pullConfiguration ?? true);
    client.initializeResult = await client.within(
      client.conn.sendRequest<InitializeResult>('initialize', {
        processId: process.pid,
        rootUri: options.workspaceFolders?.[0] ?? null,
        capabilities,
        initializationOptions: options.initializationOptions,
        workspaceFolders: options.workspaceFolders?.map((uri) => ({ uri, name: uri.split('/').pop() })) ?? null,
      }),
      'the initialize response',
    );
    await client.conn.sendNotification('initialized', {});
    return client;
  }

  /** Fails after the timeout with a message that says what was awaited and what the server said. */
  within<T>(p: Promise<T>, what: string, ms = TIMEOUT_MS): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}${this.describeState()}`)), ms);
    });
    const exit = this.exitPromise.then((code): never => {
      throw new Error(`the server exited (code ${code}) while waiting for ${what}${this.describeState()}`);
    });
    return Promise.race([p, timeout, exit]).finally(() => clearTimeout(timer));
  }

  private describeState(): string {
    const diags = [...this.latest.values()].map((p) => `  ${p.uri} v${p.version}: ${p.diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`).join(', ')}`);
    return `\nlast diagnostics:\n${diags.join('\n') || '  (none)'}\nserver log:\n${this.logs.map((l) => `  ${l.message}`).join('\n')}\nstderr:\n${this.stderr}`;
  }

  /** The next diagnostics published for `uri` that satisfy `accept` (only ones that arrive later). */
  nextDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, what = `diagnostics for ${uri}`): Promise<PublishDiagnosticsParams> {
    return this.within(new Promise<PublishDiagnosticsParams>((resolve) => this.waiters.push({ uri, accept, resolve })), what);
  }

  /** textDocument/diagnostic (pull), with the resultId of the report the client holds. */
  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.within(this.conn.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId }), `pulled diagnostics of ${uri}`);
  }

  /** The next workspace/diagnostic/refresh request from the server. */
  nextRefresh(what = 'a workspace/diagnostic/refresh request'): Promise<void> {
    return this.within(new Promise<void>((resolve) => this.refreshWaiters.push(resolve)), what);
  }

  lastDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    return this.latest.get(uri);
  }

  async open(uri: string, text: string, version = 1, languageId = 'yaml'): Promise<PublishDiagnosticsParams> {
    const next = this.nextDiagnostics(uri, (p) => p.version === undefined || p.version === version, `diagnostics after opening ${uri}`);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return next;
  }

  async change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<PublishDiagnosticsParams> {
    const next = this.nextDiagnostics(uri, (p) => p.version === version, `diagnostics for version ${version} of ${uri}`);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return next;
  }

  async close(uri: string): Promise<PublishDiagnosticsParams> {
    const next = this.nextDiagnostics(uri, (p) => p.diagnostics.length === 0, `empty diagnostics after closing ${uri}`);
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return next;
  }

  /** Tells the server the settings changed (the pull model: it re-reads them). */
  async configurationChanged(settings: Record<string, unknown>, uri: string, accept: (p: PublishDiagnosticsParams) => boolean, pushed?: unknown): Promise<PublishDiagnosticsParams> {
    this.settings = settings;
    const next = this.nextDiagnostics(uri, accept, `diagnostics of ${uri} after a settings change to ${JSON.stringify(settings)}`);
    await this.conn.sendNotification('workspace/didChangeConfiguration', { settings: pushed ?? null });
    return next;
  }

  /** triggerKind 1 = invoked by the user (the default here), 2 = automatic (a light bulb refresh). */
  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[], triggerKind: 1 | 2 = 1): Promise<CodeAction[]> {
    return this.within(
      this.conn.sendRequest<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only, triggerKind } }).then((a) => a ?? []),
      'code actions',
    );
  }

  resolve(action: CodeAction): Promise<CodeAction> {
    return this.within(this.conn.sendRequest<CodeAction>('codeAction/resolve', action), 'codeAction/resolve');
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.within(this.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position }), 'hover');
  }

  get alive(): boolean {
    return !this.exited;
  }

  serverLog(): string {
    return this.logs.map((l) => l.message).join('\n');
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await this.within(this.conn.sendRequest('shutdown'), 'the shutdown response', 5000);
        await this.conn.sendNotification('exit');
      } catch {
        // fall through to kill
      }
      const killer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
      await this.exitPromise;
      clearTimeout(killer);
    }
    this.conn.dispose();
  }
}

/** Applies the edits of a WorkspaceEdit for `uri` (changes or documentChanges) to `text`. */
export function applyWorkspaceEdit(text: string, edit: WorkspaceEdit | undefined, uri: string): string {
  const edits: TextEdit[] = [];
  for (const e of edit?.changes?.[uri] ?? []) edits.push(e);
  for (const dc of edit?.documentChanges ?? []) {
    if ('textDocument' in dc && dc.textDocument.uri === uri) {
      for (const e of dc.edits) {
        if ('newText' in e) edits.push(e);
        else if ('snippet' in e) edits.push({ range: e.range, newText: snippetText(e.snippet.value) });
      }
    }
  }
  const doc = TextDocument.create(uri, 'yaml', 0, text);
  return TextDocument.applyEdits(doc, edits);
}

/** Text edits of a WorkspaceEdit, in whichever form it came. */
export function textEditsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  const out: TextEdit[] = [...(edit?.changes?.[uri] ?? [])];
  for (const dc of edit?.documentChanges ?? []) {
    if ('textDocument' in dc && dc.textDocument.uri === uri) for (const e of dc.edits) if ('newText' in e) out.push(e);
  }
  return out;
}

/** A snippet as inserted with its placeholders' default texts. */
function snippetText(s: string): string {
  return s.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '').replace(/\\([\\$}])/g, '$1');
}

/** Lines joined with '\n' and a final newline. */
export function y(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

export function rangeOf(d: { range: Range }): [number, number, number, number] {
  return [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];
}

export function codes(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => String(d.code)).sort();
}
