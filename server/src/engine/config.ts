// `.kubeward.yaml` (or `.kubeward.yml`): one file that configures the CLI and the editor alike.
// Parsed with parse.ts and validated on the YAML tree, so every error points at its key or value;
// an invalid file is not applied at all (half a policy is worse than a clear error). The JSON
// schema in schemas/kubeward-config.schema.json describes the same shape for editors.
//
// Precedence, lowest first: built-in defaults < the nearest config file (its `overrides` whose
// `files` match, in order) < command-line flags or explicitly set editor settings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { globToRegExp, matchesAny } from './glob';
import { getPair, isMap, isScalar, isSeq, mapPairs, parseChunk, seqItems, splitDocuments, type YNode } from './parse';
import { LineIndex } from './positions';
import { RULES } from './rules';
import { closestId } from './suppress-apply';
import type { LintOptions, PssLevel, SeveritySetting, SuppressionOptions } from './types';

export const CONFIG_FILE_NAMES = ['.kubeward.yaml', '.kubeward.yml'] as const;

export const CONFIG_PRESETS = ['recommended', 'all', 'pss-baseline', 'pss-restricted'] as const;
export type ConfigPreset = (typeof CONFIG_PRESETS)[number];

/** Pseudo rule id of YAML syntax errors (the CLI reports them under it; `--rule yaml-syntax=off`). */
const YAML_SYNTAX_ID = 'yaml-syntax';

export interface ConfigRules {
  [ruleId: string]: SeveritySetting;
}

/** The mesh the manifests belong to: `rootNamespace` (meshConfig.rootNamespace) and the minor `version` ("1.21"). */
export interface IstioConfig {
  rootNamespace?: string;
  version?: string;
}

export interface ConfigOverride {
  files: string[];
  rules?: ConfigRules;
  pss?: { level?: PssLevel; version?: string };
  istio?: IstioConfig;
}

export interface KubewardConfig {
  presets?: ConfigPreset[];
  pss?: { level?: PssLevel; version?: string };
  istio?: IstioConfig;
  rules?: ConfigRules;
  exclude?: string[];
  overrides?: ConfigOverride[];
  allowedRegistries?: string[];
  requiredLabels?: string[];
  suppressions?: Omit<SuppressionOptions, 'today'>;
  schemas?: { custom?: string[]; enable?: boolean; scope?: 'security' | 'all' };
}

export interface ConfigError {
  message: string;
  /** Offsets into the config text, and the same as 1-based line and column. */
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface LoadedConfig {
  /** Absolute path of the file. */
  file: string;
  /** Undefined when the file has errors: it is then not applied. */
  config?: KubewardConfig;
  errors: ConfigError[];
}

const SEVERITIES: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];
const PSS_LEVELS: readonly PssLevel[] = ['privileged', 'baseline', 'restricted'];
const PSS_VERSION = /^(latest|v1\.\d{1,3})$/;
/** Label keys: an optional DNS-subdomain prefix and a name of up to 63 characters. */
const LABEL_KEY = /^(?:[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** A Kubernetes namespace name (RFC 1123 label): lower-case letters, digits and '-', at most 63 characters. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** An Istio minor release, with or without a leading v: 1.21, v1.21. */
const ISTIO_VERSION = /^v?1\.(\d{1,3})$/;

/** Whether `value` can be an Istio root namespace (a namespace name). Shared by the config, the settings and the CLI. */
export function isIstioRootNamespace(value: string): boolean {
  return DNS_LABEL.test(value);
}

export const ISTIO_ROOT_NAMESPACE_HINT = 'a namespace name (lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)';

/**
 * An Istio version as "1.N" (the form `ruleOptions.istioVersion` takes), or undefined when `value`
 * is not "1.N" or "v1.N". Shared by the config, the settings and the CLI.
 */
export function normalizeIstioVersion(value: string): string | undefined {
  const m = ISTIO_VERSION.exec(value.trim());
  return m ? `1.${Number(m[1])}` : undefined;
}

export const ISTIO_VERSION_HINT = 'an Istio minor version "1.N" or "v1.N" (for example "1.21")';

const TOP_KEYS = ['presets', 'pss', 'istio', 'rules', 'exclude', 'overrides', 'allowedRegistries', 'requiredLabels', 'suppressions', 'schemas'];

/** Parses and validates a config file's text. */
export function parseConfig(text: string, file: string = CONFIG_FILE_NAMES[0]): LoadedConfig {
  const index = new LineIndex(text);
  const errors: ConfigError[] = [];
  const err = (node: { range?: [number, number, number] | null } | null | undefined, message: string, fallback = 0): void => {
    const start = node?.range?.[0] ?? fallback;
    const end = Math.max(start, node?.range?.[1] ?? start);
    const p = index.positionAt(start);
    const q = index.positionAt(end);
    errors.push({ message, start, end, line: p.line + 1, column: p.character + 1, endLine: q.line + 1, endColumn: q.character + 1 });
  };
  const chunks = splitDocuments(text).filter((c) => hasContent(c.text));
  if (chunks.length > 1) err(null, 'a config file holds one YAML document; this one has several', chunks[1].offset);
  const chunk = chunks[0] ?? { offset: 0, text: '' };
  const parsed = parseChunk(chunk.text);
  for (const e of parsed.errors.filter((x) => !x.warning)) err({ range: [e.start + chunk.offset, e.end + chunk.offset, 0] }, `YAML syntax: ${e.message}`);
  if (errors.length > 0) return { file, errors };

  // Ranges of nodes are chunk-relative; shift them once here.
  const at = (n: YNode | null | undefined | { range?: [number, number, number] | null }) =>
    n?.range ? { range: [n.range[0] + chunk.offset, n.range[1] + chunk.offset, 0] as [number, number, number] } : n;
  const fail = (n: Parameters<typeof at>[0], message: string) => err(at(n) as { range?: [number, number, number] }, message);

  const root = parsed.doc.contents;
  const config: KubewardConfig = {};
  if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return { file, config, errors };
  if (!isMap(root)) {
    fail(root as YNode, `the config must be a map of settings (${TOP_KEYS.join(', ')})`);
    return { file, errors };
  }

  const ruleIds = new Set([...RULES.map((r) => r.id), YAML_SYNTAX_ID]);
  const readRules = (node: YNode | null, where: string): ConfigRules | undefined => {
    if (!isMap(node)) {
      fail(node, `${where} must be a map of rule ids to off, info, warning or error`);
      return undefined;
    }
    const out: ConfigRules = {};
    for (const p of mapPairs(node)) {
      const id = keyOf(p.key);
      if (!ruleIds.has(id)) {
        const hint = closestId(id, [...ruleIds]);
        fail(p.key, `unknown rule "${id}" in ${where}${hint ? ` (did you mean ${hint}?)` : ''}; \`kubeward rules\` lists them`);
        continue;
      }
      const v = isScalar(p.value) ? p.value.value : undefined;
      if (typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v)) out[id] = v as SeveritySetting;
      else if (v === false) out[id] = 'off';
      else fail(p.value ?? p.key, `${where}.${id} must be off, info, warning or error, not ${show(p.value)}`);
    }
    return out;
  };
  const readPss = (node: YNode | null, where: string): KubewardConfig['pss'] => {
    if (!isMap(node)) {
      fail(node, `${where} must be a map such as {level: restricted, version: latest}`);
      return undefined;
    }
    const out: NonNullable<KubewardConfig['pss']> = {};
    for (const p of mapPairs(node)) {
      const k = keyOf(p.key);
      const v = isScalar(p.value) ? p.value.value : undefined;
      if (k === 'level') {
        if (typeof v === 'string' && (PSS_LEVELS as readonly string[]).includes(v)) out.level = v as PssLevel;
        else fail(p.value ?? p.key, `${where}.level must be privileged, baseline or restricted, not ${show(p.value)}`);
      } else if (k === 'version') {
        const s = typeof v === 'number' ? String(v) : v;
        if (typeof s === 'string' && PSS_VERSION.test(s)) out.version = s;
        else fail(p.value ?? p.key, `${where}.version must be "latest" or "v1.N" (a string such as v1.30), not ${show(p.value)}`);
      } else unknownKey(p.key, k, ['level', 'version'], where);
    }
    return out;
  };
  // Plain numbers are read from their source text: YAML reads `version: 1.20` as the number 1.2.
  const sourceOf = (node: YNode | null): string | undefined => {
    if (!isScalar(node)) return undefined;
    if (typeof node.value === 'string') return node.value;
    if (typeof node.value === 'number' && node.range) return chunk.text.slice(node.range[0], node.range[1]).trim();
    return undefined;
  };
  const readIstio = (node: YNode | null, where: string, key: unknown): IstioConfig | undefined => {
    if (!isMap(node)) {
      fail(node ?? (key as YNode), `${where} must be a map such as {rootNamespace: istio-system, version: "1.21"}`);
      return undefined;
    }
    const out: IstioConfig = {};
    for (const p of mapPairs(node)) {
      const k = keyOf(p.key);
      const s = sourceOf(p.value);
      if (k === 'rootNamespace') {
        if (s !== undefined && isIstioRootNamespace(s)) out.rootNamespace = s;
        else fail(p.value ?? p.key, `${where}.rootNamespace must be ${ISTIO_ROOT_NAMESPACE_HINT}, not ${show(p.value)}`);
      } else if (k === 'version') {
        const v = s === undefined ? undefined : normalizeIstioVersion(s);
        if (v !== undefined) out.version = v;
        else fail(p.value ?? p.key, `${where}.version must be ${ISTIO_VERSION_HINT}, not ${s !== undefined ? JSON.stringify(s) : show(p.value)}`);
      } else unknownKey(p.key, k, ['rootNamespace', 'version'], where);
    }
    return out;
  };
  const readStrings = (node: YNode | null, where: string, check?: (s: string, n: YNode) => boolean): string[] | undefined => {
    if (!isSeq(node)) {
      fail(node, `${where} must be a list of strings`);
      return undefined;
    }
    const out: string[] = [];
    for (const item of seqItems(node)) {
      const v = isScalar(item) ? item.value : undefined;
      if (typeof v !== 'string' || v.trim() === '') fail(item, `${where} must hold non-empty strings, not ${show(item)}`);
      else if (!check || check(v.trim(), item)) out.push(v.trim());
    }
    return out;
  };
  const readBool = (node: YNode | null, where: string): boolean | undefined => {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v === 'boolean') return v;
    fail(node, `${where} must be true or false, not ${show(node)}`);
    return undefined;
  };
  const unknownKey = (key: unknown, k: string, allowed: readonly string[], where: string): void => {
    const hint = closestId(k, allowed);
    fail(key as YNode, `unknown key "${k}" in ${where}${hint ? ` (did you mean ${hint}?)` : ''}; expected ${allowed.join(', ')}`);
  };

  for (const p of mapPairs(root)) {
    const k = keyOf(p.key);
    const v = p.value;
    switch (k) {
      case 'presets': {
        const list = isScalar(v) && typeof v.value === 'string' ? [v.value] : undefined;
        const names = list ?? readStrings(v, 'presets', (s, n) => {
          if ((CONFIG_PRESETS as readonly string[]).includes(s)) return true;
          fail(n, `unknown preset "${s}"; expected ${CONFIG_PRESETS.join(', ')}`);
          return false;
        });
        if (list && !(CONFIG_PRESETS as readonly string[]).includes(list[0])) fail(v, `unknown preset "${list[0]}"; expected ${CONFIG_PRESETS.join(', ')}`);
        else if (names) config.presets = names as ConfigPreset[];
        break;
      }
      case 'pss':
        config.pss = readPss(v, 'pss');
        break;
      case 'istio':
        config.istio = readIstio(v, 'istio', p.key);
        break;
      case 'rules':
        config.rules = readRules(v, 'rules');
        break;
      case 'exclude':
        config.exclude = readStrings(v, 'exclude', globCheck(fail));
        break;
      case 'allowedRegistries':
        config.allowedRegistries = readStrings(v, 'allowedRegistries', (s, n) => {
          if (!/\s|:\/\//.test(s)) return true;
          fail(n, `allowedRegistries entries are registry hosts with an optional path (registry.example.com/team), not "${s}"`);
          return false;
        });
        break;
      case 'requiredLabels':
        config.requiredLabels = readStrings(v, 'requiredLabels', (s, n) => {
          if (LABEL_KEY.test(s)) return true;
          fail(n, `"${s}" is not a valid label key (an optional prefix/ and a name of letters, digits, -, _ and .)`);
          return false;
        });
        break;
      case 'suppressions': {
        if (!isMap(v)) {
          fail(v ?? p.key, 'suppressions must be a map such as {requireReason: true}');
          break;
        }
        const keys = ['requireReason', 'kubeLinterAnnotations', 'checkovAnnotations'] as const;
        const out: NonNullable<KubewardConfig['suppressions']> = {};
        for (const q of mapPairs(v)) {
          const name = keyOf(q.key);
          if ((keys as readonly string[]).includes(name)) {
            const b = readBool(q.value, `suppressions.${name}`);
            if (b !== undefined) out[name as (typeof keys)[number]] = b;
          } else unknownKey(q.key, name, keys, 'suppressions');
        }
        config.suppressions = out;
        break;
      }
      case 'schemas': {
        if (!isMap(v)) {
          fail(v ?? p.key, 'schemas must be a map such as {custom: [crds/]}');
          break;
        }
        const out: NonNullable<KubewardConfig['schemas']> = {};
        for (const q of mapPairs(v)) {
          const name = keyOf(q.key);
          if (name === 'custom') out.custom = readStrings(q.value, 'schemas.custom');
          else if (name === 'enable') out.enable = readBool(q.value, 'schemas.enable');
          else if (name === 'scope') {
            const s = isScalar(q.value) ? q.value.value : undefined;
            if (s === 'security' || s === 'all') out.scope = s;
            else fail(q.value ?? q.key, `schemas.scope must be security or all, not ${show(q.value)}`);
          } else unknownKey(q.key, name, ['custom', 'enable', 'scope'], 'schemas');
        }
        config.schemas = out;
        break;
      }
      case 'overrides': {
        if (!isSeq(v)) {
          fail(v ?? p.key, 'overrides must be a list of {files: [globs], rules: {...}, pss: {...}, istio: {...}}');
          break;
        }
        const out: ConfigOverride[] = [];
        seqItems(v).forEach((item, i) => {
          const where = `overrides[${i}]`;
          if (!isMap(item)) {
            fail(item, `${where} must be a map with files and rules, pss or istio`);
            return;
          }
          const o: ConfigOverride = { files: [] };
          for (const q of mapPairs(item)) {
            const name = keyOf(q.key);
            if (name === 'files') o.files = readStrings(q.value, `${where}.files`, globCheck(fail)) ?? [];
            else if (name === 'rules') o.rules = readRules(q.value, `${where}.rules`);
            else if (name === 'pss') o.pss = readPss(q.value, `${where}.pss`);
            else if (name === 'istio') o.istio = readIstio(q.value, `${where}.istio`, q.key);
            else unknownKey(q.key, name, ['files', 'rules', 'pss', 'istio'], where);
          }
          if (!getPair(item, 'files')) fail(item, `${where} needs files: the globs of the files it applies to`);
          out.push(o);
        });
        config.overrides = out;
        break;
      }
      default:
        unknownKey(p.key, k, TOP_KEYS, 'the config');
    }
  }
  return errors.length > 0 ? { file, errors: errors.sort((a, b) => a.start - b.start) } : { file, config, errors };
}

function hasContent(text: string): boolean {
  return text.split('\n').some((l) => {
    const s = l.trim();
    return s !== '' && !s.startsWith('#') && !/^(---|\.\.\.)(\s|$)/.test(s);
  });
}

function globCheck(fail: (n: YNode, m: string) => void): (s: string, n: YNode) => boolean {
  return (s, n) => {
    try {
      globToRegExp(s);
      return true;
    } catch {
      fail(n, `"${s}" is not a valid glob`);
      return false;
    }
  };
}

function keyOf(key: unknown): string {
  return isScalar(key) ? String(key.value) : '';
}

function show(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isScalar(node)) return JSON.stringify(node.value) ?? String(node.value);
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  return 'this value';
}

// ---------------------------------------------------------------------------------------------
// Finding and reading the file

/**
 * The config file that applies to files in `dir`: the nearest `.kubeward.yaml` (then `.yml`) in
 * `dir` or a parent, stopping after the filesystem root or after a folder that holds `.git` (the
 * top of the repository).
 */
export function findConfigFile(dir: string, exists: (p: string) => boolean = fs.existsSync): string | undefined {
  let cur = path.resolve(dir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = path.join(cur, name);
      if (exists(p)) return p;
    }
    if (exists(path.join(cur, '.git'))) return undefined;
    const parent = path.dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
  }
}

/** Reads and parses a config file; a read error becomes a ConfigError at the start. */
export function loadConfigFile(file: string): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { file, errors: [{ message: `cannot read the config file (${code ?? (e instanceof Error ? e.message : String(e))})`, start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 }] };
  }
  return parseConfig(text.replace(/^\uFEFF/, ''), file);
}

// ---------------------------------------------------------------------------------------------
// Applying it to one file

export interface ConfigForFile {
  /** The file matches `exclude`: it is not linted. */
  excluded: boolean;
  /** What the config sets for this file (only the fields it sets). */
  options: LintOptions;
  /** Custom schema paths, absolute. */
  customSchemas?: string[];
}

/** The rule ids of a preset. */
export function presetRuleIds(preset: ConfigPreset): string[] {
  if (preset === 'recommended') return RULES.filter((r) => r.meta.enabledByDefault !== false).map((r) => r.id);
  if (preset === 'all') return RULES.map((r) => r.id);
  const level = preset === 'pss-baseline' ? 'baseline' : 'restricted';
  return RULES.filter((r) => {
    const pss = r.meta.standards?.pss;
    return pss !== undefined && (pss.level === 'baseline' || level === 'restricted');
  }).map((r) => r.id);
}

/**
 * What a config sets for one file. `relPath` is the file's path relative to the config's folder
 * (`/` separators), or undefined for standard input without a name (no glob matches it).
 */
export function configForFile(config: KubewardConfig, configDir: string, relPath: string | undefined): ConfigForFile {
  const rel = relPath?.replace(/\\/g, '/');
  const matches = (globs: readonly string[] | undefined) => rel !== undefined && !!globs && matchesAny(rel, globs.map(globToRegExp));
  const options: LintOptions = {};
  if (config.presets && config.presets.length > 0) {
    const only = new Set<string>();
    for (const p of config.presets) for (const id of presetRuleIds(p)) only.add(id);
    // `recommended` alone is the default rule set; anything else is an explicit set.
    if (config.presets.some((p) => p !== 'recommended')) options.only = [...only];
    const level = config.presets.includes('pss-restricted') ? 'restricted' : config.presets.includes('pss-baseline') ? 'baseline' : undefined;
    if (level) options.pss = { level };
  }
  if (config.pss) options.pss = { ...options.pss, ...config.pss };
  let rules: ConfigRules | undefined = config.rules ? { ...config.rules } : undefined;
  let istio: IstioConfig = { ...config.istio };
  for (const o of config.overrides ?? []) {
    if (!matches(o.files)) continue;
    if (o.rules) rules = { ...rules, ...o.rules };
    if (o.pss) options.pss = { ...options.pss, ...o.pss };
    if (o.istio) istio = { ...istio, ...o.istio };
  }
  if (rules) {
    options.rules = rules;
    // A rule a config turns on explicitly runs even when a preset left it out.
    if (options.only) for (const [id, sev] of Object.entries(rules)) if (sev !== 'off' && !options.only.includes(id)) options.only.push(id);
  }
  const ruleOptions: Record<string, unknown> = {};
  if (config.allowedRegistries) ruleOptions.allowedRegistries = config.allowedRegistries;
  if (config.requiredLabels) ruleOptions.requiredLabels = config.requiredLabels;
  Object.assign(ruleOptions, istioRuleOptions(istio));
  if (Object.keys(ruleOptions).length > 0) options.ruleOptions = ruleOptions;
  if (config.suppressions) options.suppressions = { ...config.suppressions };
  if (config.schemas && (config.schemas.enable !== undefined || config.schemas.scope !== undefined)) {
    options.schema = {};
    if (config.schemas.enable !== undefined) options.schema.enable = config.schemas.enable;
    if (config.schemas.scope !== undefined) options.schema.scope = config.schemas.scope;
  }
  const out: ConfigForFile = { excluded: matches(config.exclude), options };
  if (config.schemas?.custom?.length) out.customSchemas = config.schemas.custom.map((p) => path.resolve(configDir, p));
  return out;
}

/** The rule options (k8s/istio.ts reads them) for an `istio` block, a setting or command-line flags. */
export function istioRuleOptions(istio: IstioConfig | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (istio?.rootNamespace) out.istioRootNamespace = istio.rootNamespace;
  if (istio?.version) out.istioVersion = istio.version;
  return out;
}

/**
 * Lays `top` over `base`: rules and rule options merge per key, pss and suppressions per field,
 * `only` and the rest are replaced when `top` sets them.
 */
export function mergeLintOptions(base: LintOptions, top: LintOptions): LintOptions {
  const out: LintOptions = { ...base, ...top };
  if (base.rules || top.rules) out.rules = { ...base.rules, ...top.rules };
  if (base.pss || top.pss) out.pss = { ...base.pss, ...top.pss };
  if (base.ruleOptions || top.ruleOptions) out.ruleOptions = { ...base.ruleOptions, ...top.ruleOptions };
  if (base.suppressions || top.suppressions) out.suppressions = { ...base.suppressions, ...top.suppressions };
  if (base.schema || top.schema) out.schema = { ...base.schema, ...top.schema };
  if (top.only === undefined && base.only !== undefined) out.only = base.only;
  // A rule turned on explicitly on top runs even when the rule set below left it out.
  if (out.only && top.rules) {
    const only = new Set(out.only);
    for (const [id, sev] of Object.entries(top.rules)) if (sev !== 'off') only.add(id);
    out.only = [...only];
  }
  return out;
}

/**
 * Why a config weakens checking (turns rules off, narrows the rule set, lowers the Pod Security
 * level, excludes files, honours other tools' annotations, loads schema files), or undefined. In
 * an untrusted workspace such a config is not applied: a cloned repository must not be able to
 * silence the checks of the person reviewing it.
 */
export function weakeningReason(config: KubewardConfig): string | undefined {
  const off = (rules?: ConfigRules) => Object.entries(rules ?? {}).find(([, s]) => s === 'off')?.[0];
  const lowLevel = (pss?: { level?: PssLevel; version?: string }) => pss?.level !== undefined && pss.level !== 'restricted';
  const r = off(config.rules) ?? config.overrides?.map((o) => off(o.rules)).find((x) => x !== undefined);
  if (r) return `it turns ${r} off`;
  if (config.presets?.some((p) => p.startsWith('pss-'))) return 'it limits the rules to a Pod Security preset';
  if (lowLevel(config.pss) || config.overrides?.some((o) => lowLevel(o.pss))) return 'it lowers the Pod Security level';
  if (config.pss?.version !== undefined && config.pss.version !== 'latest') return 'it checks an older Pod Security version';
  if (config.exclude?.length) return 'it excludes files';
  if (config.suppressions?.kubeLinterAnnotations || config.suppressions?.checkovAnnotations) return "it honours other tools' suppression annotations";
  if (config.schemas?.enable === false) return 'it turns schema validation off';
  if (config.schemas?.custom?.length) return 'it loads custom schema files';
  // `istio` is not listed: an older version only makes the checks stricter, and a root namespace
  // only moves where mesh-wide policies are looked for, which the workspace's own manifests could
  // fake as easily.
  return undefined;
}
