// The VS Code client: starts the bundled language server over IPC and stays thin. Linting,
// fixes, hover and settings resolution all live in the server, so every editor gets the same.
import * as path from 'node:path';
import {
  commands,
  CompletionItemKind,
  CompletionList,
  languages,
  StatusBarAlignment,
  ThemeColor,
  Uri,
  window,
  workspace,
  type CompletionItem,
  type ExtensionContext,
  type StatusBarItem,
} from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { serverExecArgv } from './server-process';

const SOURCE = 'kubeward';
/** Kinds the server uses for its whole-workload and whole-file actions (server/src/lsp/code-actions.ts). */
const HARDEN_WORKLOAD_KIND = 'quickfix.kubeward.harden';
const HARDEN_FILE_KIND = 'source.kubeward.harden';
const FIX_ALL_KIND = 'source.fixAll.kubeward';

/** Restarts allowed in RESTART_WINDOW_MS before the client stops trying and asks the user. */
const MAX_RESTARTS = 10;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel('Kubeward', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: serverExecArgv() } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...serverExecArgv(), '--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    outputChannel: output,
    traceOutputChannel: output,
    errorHandler: new RestartingErrorHandler(output),
    diagnosticCollectionName: SOURCE,
    // The server merges settings with the .kubeward.yaml above each file; settings the user set win.
    // Diagnostics are pulled (LSP 3.17), on open and after each change: when a keystroke leaves a
    // file's diagnostics as they were, the server answers `unchanged` instead of sending them all
    // again (2,345 of them, 1.1 MB, in a 50,000-line manifest), and VS Code keeps the ones it shows.
    initializationOptions: { workspaceTrusted: workspace.isTrusted, pullDiagnostics: true },
    diagnosticPullOptions: { onChange: true, onSave: false },
    middleware: {
      workspace: { configuration: explicitSettingsMiddleware(settingKeys(context)) },
      // VS Code already offers the contributed snippets (snippets/kubernetes.json); the server sends
      // the same templates for editors without snippet files. Show each template once.
      async provideCompletionItem(document, position, context, token, next) {
        const result = await next(document, position, context, token);
        const keep = (i: CompletionItem): boolean => !(i.kind === CompletionItemKind.Snippet && labelText(i).startsWith('kw-'));
        if (Array.isArray(result)) return result.filter(keep);
        if (result) return new CompletionList(result.items.filter(keep), result.isIncomplete);
        return result;
      },
    },
  };
  // The id `kubeward` makes the client read `kubeward.trace.server` for protocol tracing.
  client = new LanguageClient('kubeward', 'Kubeward', serverOptions, clientOptions);


  const status = window.createStatusBarItem('kubeward.status', StatusBarAlignment.Right, 100);
  status.name = 'Kubeward';
  status.command = 'kubeward.showOutput';
  context.subscriptions.push(status, output);
  const refreshStatus = (): void => updateStatus(status, client);

  context.subscriptions.push(
    commands.registerCommand('kubeward.restartServer', async () => {
      if (!client) return;
      output.info('Restarting the Kubeward language server');
      await client.restart();
    }),
    commands.registerCommand('kubeward.showOutput', () => output.show(true)),
    commands.registerCommand('kubeward.hardenWorkload', () =>
      commands.executeCommand('editor.action.codeAction', { kind: HARDEN_WORKLOAD_KIND, apply: 'first' }),
    ),
    commands.registerCommand('kubeward.hardenFile', () => commands.executeCommand('editor.action.sourceAction', { kind: HARDEN_FILE_KIND, apply: 'first' })),
    commands.registerCommand('kubeward.fixAll', () => commands.executeCommand('editor.action.sourceAction', { kind: FIX_ALL_KIND, apply: 'first' })),
    client.onDidChangeState(refreshStatus),
    // Trusting the workspace lets its .kubeward.yaml apply: the server re-reads settings and configs.
    workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(DidChangeConfigurationNotification.type, { settings: null })),
    languages.onDidChangeDiagnostics(refreshStatus),
    window.onDidChangeActiveTextEditor(refreshStatus),
    workspace.onDidChangeConfiguration((e) => {
      // The server re-reads its settings itself; only turning it on or off shows here.
      if (e.affectsConfiguration('kubeward.enable')) refreshStatus();
    }),
  );

  refreshStatus();
  await client.start();
  refreshStatus();
}

/** The `kubeward.*` setting names (without the prefix) declared in package.json. */
function settingKeys(context: ExtensionContext): string[] {
  const props = (context.extension.packageJSON as { contributes?: { configuration?: { properties?: Record<string, unknown> } } }).contributes?.configuration?.properties ?? {};
  return Object.keys(props)
    .filter((k) => k.startsWith('kubeward.'))
    .map((k) => k.slice('kubeward.'.length));
}

type ConfigurationMiddleware = NonNullable<NonNullable<LanguageClientOptions['middleware']>['workspace']>['configuration'];

/**
 * VS Code answers workspace/configuration with every setting, defaults filled in, so the server
 * could not tell a default from a choice. Each `kubeward` answer gets `$explicit`, the settings
 * set at some level (user, workspace, folder, language), from `inspect`, and the workspace trust.
 */
function explicitSettingsMiddleware(keys: readonly string[]): ConfigurationMiddleware {
  return async (params, token, next) => {
    const result = await next(params, token);
    if (!Array.isArray(result)) return result;
    return result.map((value: unknown, i: number) => {
      const item = params.items[i];
      if (item?.section !== 'kubeward' || typeof value !== 'object' || value === null) return value;
      const config = workspace.getConfiguration('kubeward', item.scopeUri ? Uri.parse(item.scopeUri) : undefined);
      const explicit = keys.filter((k) => {
        const v = config.inspect(k);
        return (
          v !== undefined &&
          [v.globalValue, v.workspaceValue, v.workspaceFolderValue, v.globalLanguageValue, v.workspaceLanguageValue, v.workspaceFolderLanguageValue].some((x) => x !== undefined)
        );
      });
      return { ...value, $explicit: explicit, $workspaceTrusted: workspace.isTrusted };
    });
  };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}

/**
 * Restarts the server whenever it exits, unless it crashes again and again (then it is probably a
 * bug that a restart will not fix, so the user decides). languageclient's default gives up after
 * four crashes in three minutes; an editor session should survive more than that.
 */
class RestartingErrorHandler implements ErrorHandler {
  private readonly restarts: number[] = [];

  constructor(private readonly output: { error(message: string): void; warn(message: string): void }) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.output.error(`Connection to the Kubeward server failed: ${error.message}`);
    if (count !== undefined && count > 5) return { action: ErrorAction.Shutdown };
    return { action: ErrorAction.Continue, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.restarts.push(now);
    while (this.restarts.length > 0 && now - this.restarts[0] > RESTART_WINDOW_MS) this.restarts.shift();
    if (this.restarts.length > MAX_RESTARTS) {
      const message = `The Kubeward server stopped ${this.restarts.length} times in the last 3 minutes and will not be restarted. See the "Kubeward" output, then run "Kubeward: Restart Language Server".`;
      this.output.error(message);
      void window.showErrorMessage(message, 'Restart', 'Show Output').then((choice) => {
        if (choice === 'Restart') void commands.executeCommand('kubeward.restartServer');
        else if (choice === 'Show Output') void commands.executeCommand('kubeward.showOutput');
      });
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.output.warn('The Kubeward server stopped; restarting it');
    return { action: CloseAction.Restart, handled: true };
  }
}

function updateStatus(status: StatusBarItem, c: LanguageClient | undefined): void {
  const editor = window.activeTextEditor;
  const enabled = workspace.getConfiguration('kubeward', editor?.document).get<boolean>('enable', true);
  if (!editor || editor.document.languageId !== 'yaml') {
    status.hide();
    return;
  }
  status.backgroundColor = undefined;
  if (!enabled) {
    status.text = '$(circle-slash) Kubeward';
    status.tooltip = 'Kubeward is turned off (kubeward.enable)';
  } else if (!c || c.state === State.Starting) {
    status.text = '$(sync~spin) Kubeward';
    status.tooltip = 'Kubeward: starting the language server';
  } else if (c.state === State.Stopped || c.state === State.StartFailed) {
    status.text = '$(error) Kubeward';
    status.tooltip = 'Kubeward: the language server is not running. Click for its log.';
    status.backgroundColor = new ThemeColor('statusBarItem.errorBackground');
  } else {
    const count = languages.getDiagnostics(editor.document.uri).filter((d) => d.source === SOURCE).length;
    status.text = count === 0 ? '$(shield) Kubeward' : `$(shield) Kubeward: ${count}`;
    status.tooltip = count === 0 ? 'Kubeward: no findings in this file' : `Kubeward: ${count} finding${count === 1 ? '' : 's'} in this file. Click for the server log.`;
  }
  status.show();
}

function labelText(i: CompletionItem): string {
  return typeof i.label === 'string' ? i.label : i.label.label;
}
