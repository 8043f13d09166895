// Per input file: which .kubeward.yaml applies (the nearest one above the file, or the one given
// with --config; none with --no-config), what it sets for that file, and the command line on top.
// Config files are read once per run; custom schemas are loaded once per config file.
import * as path from 'node:path';
import { configForFile, findConfigFile, loadConfigFile, mergeLintOptions, type ConfigError, type LoadedConfig } from '../engine/config';
import { loadCustomSchemas } from '../engine/schema/custom';
import type { CustomSchema, LintOptions, SeveritySetting } from '../engine';
import { displayPath } from './inputs';

export interface ResolvedOptions {
  options: LintOptions;
  /** The file matches the config's `exclude`. */
  excluded: boolean;
  /** The config that applied (absolute path), if any. */
  configFile?: string;
  yamlSyntax?: SeveritySetting;
}

export interface ConfigProblem {
  file: string;
  error: ConfigError;
}

export class ConfigResolver {
  private readonly byDir = new Map<string, string | undefined>();
  private readonly loaded = new Map<string, LoadedConfig>();
  private readonly schemas = new Map<string, readonly CustomSchema[]>();

  constructor(
    private readonly cwd: string,
    private readonly cli: LintOptions,
    private readonly cliYamlSyntax: SeveritySetting | undefined,
    /** --config FILE (absolute), or false for --no-config. */
    private readonly explicit: string | false | undefined,
    private readonly warn: (message: string) => void,
  ) {}

  /** Loads the --config file up front so that its errors stop the run before anything is linted. */
  explicitErrors(): ConfigProblem[] {
    if (typeof this.explicit !== 'string') return [];
    return this.errorsOf(this.load(this.explicit));
  }

  /** Options for a file (absolute path), or for standard input named `name` (relative to cwd) or unnamed. */
  resolve(abs: string | undefined): ResolvedOptions | { errors: ConfigProblem[] } {
    const configFile = this.explicit === false ? undefined : typeof this.explicit === 'string' ? this.explicit : this.find(path.dirname(abs ?? path.join(this.cwd, '-')));
    if (!configFile) return { options: this.cli, excluded: false, yamlSyntax: this.cliYamlSyntax };
    const loaded = this.load(configFile);
    if (!loaded.config) return { errors: this.errorsOf(loaded) };
    const dir = path.dirname(configFile);
    const rel = abs === undefined ? undefined : path.relative(dir, abs);
    const inside = rel !== undefined && rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    const forFile = configForFile(loaded.config, dir, inside ? rel.split(path.sep).join('/') : undefined);
    let options = mergeLintOptions(forFile.options, this.cli);
    if (forFile.customSchemas) options = { ...options, schema: { ...options.schema, customSchemas: this.customSchemas(configFile, forFile.customSchemas) } };
    const yamlSyntax = this.cliYamlSyntax ?? forFile.options.rules?.['yaml-syntax'];
    return { options, excluded: forFile.excluded, configFile, yamlSyntax };
  }

  private find(dir: string): string | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const found = findConfigFile(dir);
    this.byDir.set(dir, found);
    return found;
  }

  private load(file: string): LoadedConfig {
    let l = this.loaded.get(file);
    if (!l) {
      l = loadConfigFile(file);
      this.loaded.set(file, l);
    }
    return l;
  }

  private customSchemas(configFile: string, paths: string[]): readonly CustomSchema[] {
    let s = this.schemas.get(configFile);
    if (!s) {
      const loaded = loadCustomSchemas(paths, path.dirname(configFile));
      for (const p of loaded.problems) this.warn(`${displayPath(configFile, this.cwd)}: schemas.custom: ${displayPath(p.file, this.cwd)}: ${p.message}`);
      s = loaded.schemas;
      this.schemas.set(configFile, s);
    }
    return s;
  }

  private errorsOf(l: LoadedConfig): ConfigProblem[] {
    return l.errors.map((error) => ({ file: displayPath(l.file, this.cwd), error }));
  }
}
