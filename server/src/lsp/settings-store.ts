// Settings per document. With the pull model (workspace/configuration, section `kubeward`,
// scopeUri = the document) each document gets its folder's settings; clients without it get
// initializationOptions, replaced by whatever they push with workspace/didChangeConfiguration.
// initializationOptions are also the fallback when a pulling client has no `kubeward` section.
// Results are cached per URI until the configuration changes.
import type { Connection } from 'vscode-languageserver';
import { normalizeSettings, type KubewardSettings } from './settings';

export class SettingsStore {
  private readonly cache = new Map<string, Promise<KubewardSettings>>();
  private pushed: KubewardSettings;
  private pushedRaw: unknown;
  private readonly reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly pull: boolean,
    initializationOptions: unknown,
    /** Applies what else decides a document's settings (its .kubeward.yaml: config-loader.ts). */
    private readonly resolve: (uri: string, settings: KubewardSettings, raw: unknown) => KubewardSettings = (_u, s) => s,
  ) {
    this.pushed = this.normalize(initializationOptions);
    this.pushedRaw = initializationOptions;
  }

  get(uri: string): Promise<KubewardSettings> {
    let p = this.cache.get(uri);
    if (!p) {
      p = this.fetch(uri);
      this.cache.set(uri, p);
    }
    return p;
  }

  /** After didChangeConfiguration: forget cached settings; take pushed ones if there is no pull. */
  changed(pushedSettings: unknown): void {
    this.cache.clear();
    if (!this.pull && pushedSettings !== undefined && pushedSettings !== null) {
      this.pushed = this.normalize(pushedSettings);
      this.pushedRaw = pushedSettings;
    }
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private async fetch(uri: string): Promise<KubewardSettings> {
    const [settings, raw] = await this.fetchRaw(uri);
    return this.resolve(uri, settings, raw);
  }

  private async fetchRaw(uri: string): Promise<[KubewardSettings, unknown]> {
    if (!this.pull) return [this.pushed, this.pushedRaw];
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'kubeward' });
      // Editors answer null for a section they know nothing about (Neovim or Helix with the
      // settings given as initialization options only): keep those.
      return raw === null || raw === undefined ? [this.pushed, this.pushedRaw] : [this.normalize(raw), raw];
    } catch (err) {
      this.connection.console.warn(`workspace/configuration failed (${err instanceof Error ? err.message : String(err)}); using defaults`);
      return [this.pushed, this.pushedRaw];
    }
  }

  private normalize(raw: unknown): KubewardSettings {
    const { settings, problems } = normalizeSettings(raw);
    for (const p of problems) {
      if (this.reported.has(p)) continue;
      this.reported.add(p);
      this.connection.console.warn(`Ignoring a setting: ${p}`);
    }
    return settings;
  }
}
