// The language server's wiring: document sync, linting and publishing diagnostics, settings,
// code actions and hover. Transport-independent: server.ts creates the connection.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  ResponseError,
  LSPErrorCodes,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES } from '../engine';
import { codeActions, DISABLE_KIND, FIX_ALL_KIND, HARDEN_FILE_KIND, HARDEN_WORKLOAD_KIND, isResolveData, resolveCodeAction, type EditCapabilities } from './code-actions';
import { ConfigLoader, isConfigUri } from './config-loader';
import { CustomSchemaLoader } from './custom-schemas';
import { publishParams } from './diagnostics';
import { DocumentState, reportRuleErrorsOnce, textOf, type Snapshot } from './document-state';
import { hoverAt } from './hover';
import { PullReports } from './pull-diagnostics';
import { CompletionProvider, completionCapabilities, type CompletionCapabilities } from './completion';
import { SettingsStore } from './settings-store';
import { WorkspaceIndex, withWorkspaceHover } from './workspace-index';


export interface ServerInfo {
  name: string;
  version: string;
}

export interface ServerHooks {
  /** Called once, after the first diagnostics sent (published or pulled), with findings or without. */
  afterFirstPublish?(): void;
}

/**
 * initializationOptions.pullDiagnostics: the client pulls diagnostics (textDocument/diagnostic)
 * after each change of a document it shows and on workspace/diagnostic/refresh, as Kubeward's VS
 * Code client does; then nothing is pushed for YAML documents. A client that announces pull
 * support without this option, or without refresh support (through which another file's or the
 * settings' changes reach it), is sent diagnostics the usual way (publishDiagnostics): LSP does not
 * say when a client pulls, and some pull only on open or save.
 */
export const PULL_DIAGNOSTICS_OPTION = 'pullDiagnostics';

export function startLanguageServer(connection: Connection, info: ServerInfo, serverHooks: ServerHooks = {}): void {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, DocumentState>();
  const scheduled = new Map<string, { cancel(): void }>();
  const published = new Map<string, Snapshot>();
  let settings: SettingsStore | undefined;
  let schemas: CustomSchemaLoader | undefined;
  let configs: ConfigLoader | undefined;
  let caps: EditCapabilities = { documentChanges: false, snippetEdits: false, resolveEdit: false };
  const completion = new CompletionProvider();
  let completionCaps: CompletionCapabilities = { snippets: false, insertAsIs: false, markdown: false };
  let dynamicConfiguration = false;
  let firstPublish = true;
  /** Set at initialize when the client pulls diagnostics (PULL_DIAGNOSTICS_OPTION). */
  let pulls: PullReports | undefined;
  let refreshQueued = false;

  const log = (level: 'error' | 'warn' | 'info', message: string): void => {
    try {
      connection.console[level](message);
    } catch {
      // The connection may already be closed; there is nowhere left to report to.
    }
  };

  const hooks = reportRuleErrorsOnce((message) => log('error', message));
  // The workspace graph every document's linter shares: cross-resource rules see the other files.
  const workspace = new WorkspaceIndex({
    connection,
    openUris: () => documents.all().map((d) => d.uri),
    relint: (uris) => {
      for (const uri of uris) {
        const doc = documents.get(uri);
        if (doc) schedule(doc);
      }
    },
    log,
  });
  // Documents inside the workspace folders share the graph; any other document is linted on its own.
  const workspaceHooks = { ...hooks, workspace: workspace.graph };

  const stateOf = (uri: string): DocumentState => {
    let s = states.get(uri);
    if (!s) {
      s = new DocumentState(workspace.contains(uri) ? workspaceHooks : hooks, (u, resolved) => schemas?.forDocument(u, resolved.schema.customSchemas) ?? []);
      states.set(uri, s);
    }
    return s;
  };

  /** The snapshot of the document's current text, linting it first if needed. */
  const currentSnapshot = async (uri: string): Promise<Snapshot | undefined> => {
    const doc = documents.get(uri);
    if (!doc || !settings) return undefined;
    const resolved = await settings.get(uri);
    const now = documents.get(uri);
    if (!now) return undefined;
    return stateOf(uri).lint(now, resolved);
  };

  /** `refresh`: with a client that pulls, ask it to pull again if the diagnostics changed. */
  const lintAndPublish = async (uri: string, refresh: boolean): Promise<void> => {
    try {
      // A .kubeward.yaml shows its own errors, at the bad key or value.
      const configDoc = isConfigUri(uri) ? documents.get(uri) : undefined;
      if (configDoc && configs) {
        await connection.sendDiagnostics({ uri, version: configDoc.version, diagnostics: configs.diagnosticsFor(uri, textOf(configDoc)) });
        return;
      }
      const snap = await currentSnapshot(uri);
      if (!snap) return;
      if (pulls) {
        // The client pulls; it is told to when diagnostics it holds changed without an edit of its
        // own (another file, settings, a .kubeward.yaml).
        if (refresh && pulls.changed(snap)) requestRefresh();
        return;
      }
      if (published.get(uri) === snap) return;
      published.set(uri, snap);
      await connection.sendDiagnostics(publishParams(uri, snap.version, snap.diagnostics, snap.parts));
      sent();
    } catch (err) {
      log('error', `Linting ${uri} failed: ${errorText(err)}`);
    }
  };

  const sent = (): void => {
    if (!firstPublish) return;
    firstPublish = false;
    serverHooks.afterFirstPublish?.();
  };

  /** workspace/diagnostic/refresh, once for everything that changed in one turn of the event loop. */
  const requestRefresh = (): void => {
    if (refreshQueued) return;
    refreshQueued = true;
    setImmediate(() => {
      refreshQueued = false;
      connection.languages.diagnostics.refresh().catch((err: unknown) => log('warn', `Could not ask the client to refresh diagnostics: ${errorText(err)}`));
    });
  };

  const schedule = (doc: TextDocument, refresh = true): void => {
    scheduled.get(doc.uri)?.cancel();
    const run = (): void => {
      scheduled.delete(doc.uri);
      void lintAndPublish(doc.uri, refresh);
    };
    // At once, whatever the size: a keystroke re-checks only the document it touched, and changes
    // that arrive together (a burst of keystrokes) are linted once, after the last of them.
    const t = setImmediate(run);
    scheduled.set(doc.uri, { cancel: () => clearImmediate(t) });
  };

  const relintAll = (): void => {
    for (const doc of documents.all()) schedule(doc);
  };

  /** A .kubeward.yaml changed (edited, saved, created or deleted): every document's settings may change. */
  const configChanged = (): void => {
    configs?.invalidate();
    settings?.changed(undefined);
    relintAll();
  };

  connection.onInitialize((params): InitializeResult => {
    const c: ClientCapabilities = params.capabilities ?? {};
    const pull = c.workspace?.configuration === true;
    const init = params.initializationOptions as Record<string, unknown> | undefined;
    const pullable = c.textDocument?.diagnostic !== undefined && c.workspace?.diagnostics?.refreshSupport === true;
    pulls = pullable && init?.[PULL_DIAGNOSTICS_OPTION] === true ? new PullReports() : undefined;
    dynamicConfiguration = c.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    const resolveProps = c.textDocument?.codeAction?.resolveSupport?.properties ?? [];
    completionCaps = completionCapabilities(c);
    caps = {
      documentChanges: c.workspace?.workspaceEdit?.documentChanges === true,
      snippetEdits: (c.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport === true,
      resolveEdit: resolveProps.includes('edit') && c.textDocument?.codeAction?.dataSupport === true,
    };
    const loader = new ConfigLoader(
      (u) => {
        const d = documents.get(u);
        return d ? textOf(d) : undefined;
      },
      (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
      params.initializationOptions,
    );
    configs = loader;
    settings = new SettingsStore(connection, pull, params.initializationOptions, (uri, s, raw) => loader.resolve(uri, s, raw));
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    schemas = new CustomSchemaLoader(folders, (message) => log('warn', message));
    workspace.initialize(params);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { resolveProvider: false },
        // Cross-resource rules: an edit of one file can change another's diagnostics.
        ...(pulls ? { diagnosticProvider: { identifier: 'kubeward', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, HARDEN_WORKLOAD_KIND, DISABLE_KIND, FIX_ALL_KIND, HARDEN_FILE_KIND],
          resolveProvider: true,
        },
      },
      serverInfo: info,
    };
  });

  connection.onInitialized(() => {
    workspace.start();
    log('info', `${info.name} ${info.version} started with ${RULES.length} rules (node ${process.version}${process.execArgv.length > 0 ? ` ${process.execArgv.join(' ')}` : ''}); diagnostics ${pulls ? 'pulled by the client' : 'published'}`);
    if (dynamicConfiguration) {
      // Asks the client to send didChangeConfiguration when `kubeward.*` settings change.
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubeward' }).catch((err: unknown) => {
        log('warn', `Could not register for configuration changes: ${errorText(err)}`);
      });
    }
  });

  connection.onDidChangeConfiguration((params) => {
    settings?.changed(params?.settings);
    schemas?.clear();
    configs?.invalidate();
    relintAll();
  });

  documents.onDidChangeContent((e) => {
    if (isConfigUri(e.document.uri)) configChanged();
    // A client that pulls asks for the edited document's diagnostics itself (the lint is then
    // usually done; it also brings the workspace graph up to date for the other documents).
    else schedule(e.document, !pulls);
  });
  connection.onDidChangeWatchedFiles((params) => {
    const changes = params?.changes ?? [];
    if (configs?.touches(changes.map((c) => c.uri))) configChanged();
    void workspace.filesChanged(changes);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    scheduled.get(uri)?.cancel();
    scheduled.delete(uri);
    states.delete(uri);
    published.delete(uri);
    settings?.forget(uri);
    // A client that pulls drops a closed document's diagnostics itself.
    if (pulls) pulls.forget(uri);
    else void connection.sendDiagnostics({ uri, diagnostics: [] });
    // A closed config is read from disk again (the editor may have held unsaved changes).
    if (isConfigUri(uri)) configChanged();
    void workspace.documentClosed(uri);
  });

  connection.languages.diagnostics.on(async (params) => {
    const uri = params?.textDocument?.uri;
    // A .kubeward.yaml's own errors are published (ConfigLoader), open or not.
    if (!pulls || typeof uri !== 'string' || isConfigUri(uri)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    try {
      const snap = await currentSnapshot(uri);
      if (!snap) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const report = pulls.report(snap, params.previousResultId);
      sent();
      return report;
    } catch (err) {
      log('error', `Linting ${uri} failed: ${errorText(err)}`);
      // The client keeps the diagnostics it shows, and asks again on the next change.
      throw new ResponseError(LSPErrorCodes.ServerCancelled, `Linting failed: ${err instanceof Error ? err.message : String(err)}`, { retriggerRequest: false });
    }
  });

  connection.onCodeAction(async (params) => {
    try {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string' || !params.context) return [];
      const snap = await currentSnapshot(uri);
      return snap ? codeActions(snap, params, caps) : [];
    } catch (err) {
      log('error', `Code actions failed: ${errorText(err)}`);
      return [];
    }
  });

  connection.onCodeActionResolve(async (action) => {
    try {
      if (!isResolveData(action?.data)) return action;
      const snap = await currentSnapshot(action.data.uri);
      return snap ? resolveCodeAction(snap, action, caps) : action;
    } catch (err) {
      log('error', `Resolving a code action failed: ${errorText(err)}`);
      return action;
    }
  });

  connection.onHover(async (params) => {
    try {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string' || !params.position) return null;
      const snap = await currentSnapshot(uri);
      return snap ? withWorkspaceHover(hoverAt(snap, params.position), workspace.hover(uri, snap.lines.offsetAt(params.position))) : null;
    } catch (err) {
      log('error', `Hover failed: ${errorText(err)}`);
      return null;
    }
  });

  connection.onCompletion(async (params) => {
    try {
      const doc = documents.get(params?.textDocument?.uri);
      if (!doc || !params.position || !settings) return null;
      if (!(await settings.get(doc.uri)).enable) return null;
      const now = documents.get(doc.uri);
      // Documents in the workspace folders see the workspace graph; others, the open documents.
      const graph = workspace.contains(now?.uri ?? '') ? workspace.graph : undefined;
      return now ? completion.complete(now, params.position, completionCaps, documents.all(), graph) : null;
    } catch (err) {
      log('error', `Completion failed: ${errorText(err)}`);
      return null;
    }
  });

  documents.listen(connection);
}

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
