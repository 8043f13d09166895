// Keeps the language server's workspace graph current, so cross-resource findings (a Deployment no
// NetworkPolicy selects, a binding to a missing Role) are live in the editor:
// - at startup it indexes the Kubernetes YAML of the workspace folders in the background, bounded
//   (files.exclude, a size limit, a file count limit), with window/workDoneProgress, yielding to
//   the event loop between files so the diagnostics of the file being edited are never delayed;
// - it follows workspace/didChangeWatchedFiles (registered dynamically for **/*.{yaml,yml}):
//   created, changed, deleted and renamed files; open documents are indexed from the editor's text
//   by the linter itself, and return to their disk content when closed;
// - when the graph changes, it tells the server which other open documents to lint again (once the
//   changes settle), and when indexing ends it re-lints every open document.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType, MarkupKind, type Connection, type FileEvent, type Hover, type InitializeParams } from 'vscode-languageserver';
import { globToRegExp } from '../engine/glob';
import { WorkspaceGraph, type GraphChange } from '../engine/workspace';
import { serviceAccountHover } from '../engine/workspace/permissions';

export interface WorkspaceIndexHost {
  connection: Connection;
  /** URIs of the documents open in the editor (their text, not the disk's, is what counts). */
  openUris(): string[];
  /** Lint these open documents again and publish their diagnostics. */
  relint(uris: string[]): void;
  log(level: 'error' | 'warn' | 'info', message: string): void;
}

export interface WorkspaceIndexLimits {
  /** Files larger than this are not indexed (bytes). */
  maxFileSize: number;
  /** At most this many files are indexed; the rest are left out, with a warning. */
  maxFiles: number;
  /** Quiet time before other open documents are re-linted after a change (ms). */
  settleMs: number;
}

export const DEFAULT_INDEX_LIMITS: WorkspaceIndexLimits = { maxFileSize: 1024 * 1024, maxFiles: 20_000, settleMs: 150 };

/** Folders never worth walking, whatever files.exclude says. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
const YAML_FILE = /\.ya?ml$/i;

export class WorkspaceIndex {
  readonly graph = new WorkspaceGraph({ scope: 'this workspace' });
  private folders: string[] = [];
  private progressSupported = false;
  private watchRegistration = false;
  private configurationSupported = false;
  private pending: GraphChange[] = [];
  private settleTimer?: NodeJS.Timeout;
  private indexing = false;
  private stopped = false;
  /** Files indexed from disk by the background pass or a file event (not open documents). */
  readonly stats = { indexed: 0, skippedLarge: 0, skippedExcluded: 0, truncated: false };

  constructor(
    private readonly host: WorkspaceIndexHost,
    private readonly limits: WorkspaceIndexLimits = DEFAULT_INDEX_LIMITS,
  ) {
    this.graph.subscribe((change) => this.changed(change));
  }

  /** From onInitialize: the folders to index and what the client supports. */
  initialize(params: InitializeParams): void {
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folders = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    const c = params.capabilities ?? {};
    this.progressSupported = c.window?.workDoneProgress === true;
    this.watchRegistration = c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.configurationSupported = c.workspace?.configuration === true;
    // Absence-based rules wait until the folders are indexed; with no folder there is nothing to wait for.
    if (this.folders.length > 0) this.graph.ready = false;
  }

  /** From onInitialized: watch YAML files and index the folders in the background. */
  start(): void {
    if (this.watchRegistration) {
      this.host.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] })
        .catch((err: unknown) => this.host.log('warn', `Could not watch YAML files: ${String(err)}`));
    }
    if (this.folders.length > 0) void this.indexFolders();
  }

  stop(): void {
    this.stopped = true;
    if (this.settleTimer) clearTimeout(this.settleTimer);
  }

  get isIndexing(): boolean {
    return this.indexing;
  }

  private async indexFolders(): Promise<void> {
    this.indexing = true;
    const started = Date.now();
    const progress = this.progressSupported ? await this.host.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    try {
      progress?.begin('Kubeward: indexing workspace', 0, 'finding YAML files', false);
      const exclude = await this.excludePatterns();
      const files: string[] = [];
      for (const folder of this.folders) await this.walk(folder, folder, exclude, files);
      const open = new Set(this.host.openUris());
      let lastReport = 0;
      for (let i = 0; i < files.length && !this.stopped; i++) {
        const uri = pathToFileURL(files[i]).href;
        if (!open.has(uri) && !this.graph.hasFile(uri)) await this.indexFile(files[i], uri);
        if (progress && (i - lastReport >= 50 || i === files.length - 1)) {
          lastReport = i;
          progress.report(Math.round(((i + 1) * 100) / files.length), `${i + 1} of ${files.length} files`);
        }
        // Let pending requests (a keystroke's lint, a hover) run between files.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      const s = this.stats;
      this.host.log(
        'info',
        `Indexed ${s.indexed} YAML files (${this.graph.fileCount} with their open documents) in ${Date.now() - started} ms` +
          (s.skippedLarge ? `; ${s.skippedLarge} larger than ${this.limits.maxFileSize} bytes left out` : '') +
          (s.truncated ? `; stopped at ${this.limits.maxFiles} files` : ''),
      );
    } catch (err) {
      this.host.log('error', `Indexing the workspace failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    } finally {
      progress?.done();
      this.indexing = false;
      this.graph.ready = true;
      this.pending = [];
      // Absence-based findings can now be reported, and cross-file ones have all their inputs.
      if (!this.stopped) this.host.relint(this.host.openUris());
    }
  }

  /** files.exclude of the client (the keys set to true), as globs relative to a workspace folder. */
  private async excludePatterns(): Promise<RegExp[]> {
    if (!this.configurationSupported) return [];
    try {
      const [files] = (await this.host.connection.workspace.getConfiguration([{ section: 'files' }])) as [{ exclude?: Record<string, unknown> } | null];
      return Object.entries(files?.exclude ?? {})
        .filter(([, on]) => on === true)
        .map(([glob]) => globToRegExp(glob));
    } catch {
      return [];
    }
  }

  private async walk(root: string, dir: string, exclude: RegExp[], out: string[]): Promise<void> {
    if (out.length >= this.limits.maxFiles) {
      this.stats.truncated = true;
      return;
    }
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= this.limits.maxFiles) {
        this.stats.truncated = true;
        return;
      }
      const full = path.join(dir, e.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (exclude.some((re) => re.test(rel))) {
        this.stats.skippedExcluded++;
        continue;
      }
      if (e.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(e.name)) await this.walk(root, full, exclude, out);
      } else if (e.isFile() && YAML_FILE.test(e.name)) out.push(full);
    }
  }

  /** Reads a file from disk into the graph; too large or unreadable files are dropped from it. */
  private async indexFile(file: string, uri: string): Promise<void> {
    try {
      const st = await fs.stat(file);
      if (!st.isFile()) return;
      if (st.size > this.limits.maxFileSize) {
        this.stats.skippedLarge++;
        this.graph.removeFile(uri);
        return;
      }
      const text = (await fs.readFile(file, 'utf8')).replace(/^\ufeff/, '');
      // The document may have been opened while the file was read: the editor's text wins.
      if (this.host.openUris().includes(uri)) return;
      this.graph.setFile(uri, text);
      this.stats.indexed++;
    } catch {
      this.graph.removeFile(uri);
    }
  }

  /** workspace/didChangeWatchedFiles: created, changed and deleted files (a rename is a delete and a create). */
  async filesChanged(changes: readonly FileEvent[]): Promise<void> {
    const open = new Set(this.host.openUris());
    for (const ch of changes) {
      if (!ch.uri.startsWith('file:')) continue;
      if (ch.type === FileChangeType.Deleted) {
        // A deleted folder arrives as one event for the folder.
        const prefix = ch.uri.endsWith('/') ? ch.uri : `${ch.uri}/`;
        for (const f of this.graph.fileNames()) if ((f === ch.uri || f.startsWith(prefix)) && !open.has(f)) this.graph.removeFile(f);
        continue;
      }
      if (open.has(ch.uri) || !YAML_FILE.test(ch.uri)) continue;
      const file = fileURLToPath(ch.uri);
      if (!this.inFolders(file)) continue;
      await this.indexFile(file, ch.uri);
    }
  }

  /**
   * A document was closed: from now on the disk holds its content. Inside the workspace folders the
   * file is read again (an unsaved edit is gone); elsewhere it leaves the graph.
   */
  async documentClosed(uri: string): Promise<void> {
    if (!this.contains(uri)) return;
    const file = fileURLToPath(uri);
    if (!YAML_FILE.test(file)) {
      this.graph.removeFile(uri);
      return;
    }
    await this.indexFile(file, uri);
  }

  /** Whether a document belongs to the workspace graph: a file inside one of the workspace folders. */
  contains(uri: string): boolean {
    return uri.startsWith('file:') && this.inFolders(fileURLToPath(uri));
  }

  /** Markdown for a hover on serviceAccountName at `offset` of an open document, or undefined. */
  hover(uri: string, offset: number): string | undefined {
    return this.contains(uri) ? serviceAccountHover(this.graph, uri, offset) : undefined;
  }

  private inFolders(file: string): boolean {
    return this.folders.some((f) => {
      const rel = path.relative(f, file);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    });
  }

  /** Collects graph changes and, once they settle, re-lints the open documents they affect. */
  private changed(change: GraphChange): void {
    if (this.indexing || this.stopped) return; // one re-lint of everything when indexing ends
    this.pending.push(change);
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.flush(), this.limits.settleMs);
  }

  private flush(): void {
    this.settleTimer = undefined;
    const changes = this.pending;
    this.pending = [];
    const uris = this.host.openUris().filter((uri) => changes.some((c) => c.file !== uri && this.graph.isAffected(uri, c)));
    if (uris.length > 0) this.host.relint(uris);
  }
}

/** Adds the service-account summary to a hover (or makes one), separated like the hover's parts. */
export function withWorkspaceHover(hover: Hover | null, markdown: string | undefined): Hover | null {
  if (!markdown) return hover;
  if (!hover) return { contents: { kind: MarkupKind.Markdown, value: markdown } };
  const c = hover.contents;
  const value = typeof c === 'object' && 'kind' in c ? c.value : '';
  return { ...hover, contents: { kind: MarkupKind.Markdown, value: value ? `${markdown}\n\n---\n\n${value}` : markdown } };
}
