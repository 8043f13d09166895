// .kubeward.yaml in the editor: the nearest config file above a document (stopping at the
// repository root), read from the open editor when it is open (so edits apply as you type) or
// from disk, and merged with the settings.
//
// Precedence, lowest first: defaults < the config file (and its matching overrides) < settings the
// user set explicitly. VS Code hands the server every setting with its default filled in, so the
// client says which ones were set (`$explicit`, from `WorkspaceConfiguration.inspect`); other
// clients send only what the user wrote, so what is present is explicit.
//
// An invalid config is not applied; its errors are published as diagnostics on the config file
// (at the bad key or value). In an untrusted workspace (VS Code Restricted Mode, `$workspaceTrusted:
// false`), a config that weakens checking is not applied either, with a diagnostic saying why.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { CONFIG_FILE_NAMES, configForFile, findConfigFile, loadConfigFile, parseConfig, weakeningReason, type LoadedConfig } from '../engine/config';
import type { KubewardSettings } from './settings';

export const CONFIG_SOURCE = 'kubeward';
export const CONFIG_ERROR_CODE = 'config-invalid';
export const CONFIG_NOT_APPLIED_CODE = 'config-not-applied';

/** Settings keys (dotted) the client may list in `$explicit`. */
const KEYS = ['rules', 'pss.level', 'pss.version', 'schema.enable', 'schema.scope', 'schema.customSchemas', 'suppressions.requireReason', 'suppressions.kubeLinterAnnotations', 'suppressions.checkovAnnotations'];

export function isConfigUri(uri: string): boolean {
  const name = uri.replace(/[?#].*$/, '').split('/').pop() ?? '';
  return (CONFIG_FILE_NAMES as readonly string[]).includes(name);
}

/** The settings keys the user set: the client's `$explicit` list, or the keys present in `raw`. */
export function explicitKeys(raw: unknown): Set<string> {
  const src = isObject(raw) && isObject(raw.kubeward) ? raw.kubeward : raw;
  if (!isObject(src)) return new Set();
  if (Array.isArray(src.$explicit)) return new Set(src.$explicit.filter((k): k is string => typeof k === 'string').map((k) => k.replace(/^kubeward\./, '')));
  const out = new Set<string>();
  for (const key of KEYS) {
    if (src[key] !== undefined && src[key] !== null) out.add(key);
    let cur: unknown = src;
    for (const part of key.split('.')) cur = isObject(cur) ? cur[part] : undefined;
    if (cur !== undefined && cur !== null) out.add(key);
  }
  return out;
}

/** `$workspaceTrusted` or `workspaceTrusted` when the client says; undefined otherwise. */
export function trustOf(raw: unknown): boolean | undefined {
  const src = isObject(raw) && isObject(raw.kubeward) ? raw.kubeward : raw;
  if (!isObject(src)) return undefined;
  const v = src.$workspaceTrusted ?? src.workspaceTrusted;
  return typeof v === 'boolean' ? v : undefined;
}

export class ConfigLoader {
  private readonly byDir = new Map<string, string | undefined>();
  private readonly byFile = new Map<string, LoadedConfig>();
  /** Config files whose diagnostics were published, with what was published. */
  private readonly published = new Map<string, string>();
  private trusted = true;

  constructor(
    /** The text of an open document, if that URI is open. */
    private readonly openText: (uri: string) => string | undefined,
    /** Publishes a config file's own diagnostics (also when it is not open: the Problems view lists them). */
    private readonly publish: (uri: string, diagnostics: Diagnostic[]) => void,
    initializationOptions: unknown,
  ) {
    this.trusted = trustOf(initializationOptions) ?? true;
  }

  /** After a config file changed (on disk or in the editor): read everything again. */
  invalidate(): void {
    this.byDir.clear();
    this.byFile.clear();
  }

  /** Whether any of these file URIs is a config file (a watched-files event). */
  touches(uris: readonly string[]): boolean {
    return uris.some(isConfigUri);
  }

  /** Applies the config of the document's folder to its settings (see the file comment for the precedence). */
  resolve(uri: string, settings: KubewardSettings, raw: unknown): KubewardSettings {
    const trusted = trustOf(raw);
    if (trusted !== undefined) this.trusted = trusted;
    const file = toPath(uri);
    if (!file || isConfigUri(uri)) return settings;
    const configFile = this.find(path.dirname(file));
    if (!configFile) return settings;
    const loaded = this.load(configFile);
    if (!loaded.config) return settings;
    const weak = this.trusted ? undefined : weakeningReason(loaded.config);
    this.publishFor(loaded, weak);
    if (weak) return { ...settings, config: { file: configFile, notApplied: weak } };
    const dir = path.dirname(configFile);
    const forFile = configForFile(loaded.config, dir, path.relative(dir, file).split(path.sep).join('/'));
    const c = forFile.options;
    const explicit = explicitKeys(raw);
    const pick = <T>(key: string, fromSettings: T, fromConfig: T | undefined): T => (explicit.has(key) || fromConfig === undefined ? fromSettings : fromConfig);
    const out: KubewardSettings = {
      ...settings,
      // Rules merge per id: a rule set in the settings wins over the config's.
      rules: { ...c.rules, ...settings.rules },
      pss: { level: pick('pss.level', settings.pss.level, c.pss?.level), version: pick('pss.version', settings.pss.version, c.pss?.version) },
      schema: {
        enable: pick('schema.enable', settings.schema.enable, c.schema?.enable),
        scope: pick('schema.scope', settings.schema.scope, c.schema?.scope),
        customSchemas: pick('schema.customSchemas', settings.schema.customSchemas, forFile.customSchemas),
      },
      suppressions: {
        requireReason: pick('suppressions.requireReason', settings.suppressions.requireReason, c.suppressions?.requireReason),
        kubeLinterAnnotations: pick('suppressions.kubeLinterAnnotations', settings.suppressions.kubeLinterAnnotations, c.suppressions?.kubeLinterAnnotations),
        checkovAnnotations: pick('suppressions.checkovAnnotations', settings.suppressions.checkovAnnotations, c.suppressions?.checkovAnnotations),
      },
      config: {
        file: configFile,
        excluded: forFile.excluded,
        only: c.only ? [...new Set([...c.only, ...Object.entries(settings.rules).filter(([, s]) => s !== 'off').map(([id]) => id)])] : undefined,
        ruleOptions: c.ruleOptions,
      },
    };
    return out;
  }

  /** Diagnostics of a config document's text (open in the editor). */
  diagnosticsFor(uri: string, text: string): Diagnostic[] {
    const file = toPath(uri) ?? uri;
    const loaded = parseConfig(text, file);
    const weak = loaded.config && !this.trusted ? weakeningReason(loaded.config) : undefined;
    return toDiagnostics(loaded, weak);
  }

  private find(dir: string): string | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const found = findConfigFile(dir, (p) => this.openText(pathToFileURL(p).href) !== undefined || fs.existsSync(p));
    this.byDir.set(dir, found);
    return found;
  }

  private load(file: string): LoadedConfig {
    let l = this.byFile.get(file);
    if (!l) {
      const open = this.openText(pathToFileURL(file).href);
      l = open !== undefined ? parseConfig(open, file) : loadConfigFile(file);
      this.byFile.set(file, l);
      this.publishFor(l, l.config && !this.trusted ? weakeningReason(l.config) : undefined);
    }
    return l;
  }

  private publishFor(l: LoadedConfig, weak: string | undefined): void {
    const uri = pathToFileURL(l.file).href;
    // An open config document gets its diagnostics from diagnosticsFor, with its own version.
    if (this.openText(uri) !== undefined) return;
    const diagnostics = toDiagnostics(l, weak);
    const key = JSON.stringify(diagnostics);
    if ((this.published.get(uri) ?? '[]') === key) return;
    this.published.set(uri, key);
    this.publish(uri, diagnostics);
  }
}

function toDiagnostics(l: LoadedConfig, weak: string | undefined): Diagnostic[] {
  const out: Diagnostic[] = l.errors.map((e) => {
    return {
      range: { start: { line: e.line - 1, character: e.column - 1 }, end: { line: e.endLine - 1, character: e.endColumn - 1 } },
      severity: DiagnosticSeverity.Error,
      source: CONFIG_SOURCE,
      code: CONFIG_ERROR_CODE,
      message: `${e.message}. This config file is not applied until it is fixed.`,
    };
  });
  if (weak) {
    out.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Warning,
      source: CONFIG_SOURCE,
      code: CONFIG_NOT_APPLIED_CODE,
      message: `This config file is not applied: the workspace is not trusted and ${weak}. Trust the workspace to apply it.`,
    });
  }
  return out;
}


function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
