// The `kubeward.*` settings: one type, declared in package.json `contributes.configuration`,
// resolved per document. Values come from the client untyped (workspace/configuration, or
// initializationOptions and didChangeConfiguration for clients without the pull model), so every
// field is checked here and a bad value falls back to its default instead of breaking linting.
import type { CustomSchema, LintOptions, PssLevel, SeveritySetting } from '../engine';
import { isIstioRootNamespace, ISTIO_ROOT_NAMESPACE_HINT, istioRuleOptions, ISTIO_VERSION_HINT, normalizeIstioVersion } from '../engine/config';

export type TraceSetting = 'off' | 'messages' | 'verbose';

export interface KubewardSettings {
  enable: boolean;
  /** Per-rule severity overrides: `{"<rule-id>": "off" | "info" | "warning" | "error"}`. */
  rules: Record<string, SeveritySetting>;
  pss: { level: PssLevel; version: string };
  /** Files larger than this many bytes (UTF-8) are not linted; a notice says so. */
  maxFileSize: number;
  /** Schema validation; customSchemas are paths, relative to the document's workspace folder. */
  schema: { enable: boolean; scope: 'security' | 'all'; customSchemas: string[] };
  /** How suppressions are honoured (`kubeward.suppressions.*`; also `suppressions` in .kubeward.yaml). */
  suppressions: { requireReason: boolean; kubeLinterAnnotations: boolean; checkovAnnotations: boolean };
  /**
   * The Istio mesh: root namespace and minor version ("1.21"); '' leaves them to `istio` in
   * .kubeward.yaml, then to the defaults (istio-system, the latest release). Because '' is the
   * default, a value here is always the user's and overrides the config file.
   */
  istio: { rootNamespace: string; version: string };
  trace: { server: TraceSetting };
  /** What the .kubeward.yaml above the document adds (config-loader.ts); absent without one. */
  config?: AppliedConfig;
}

export interface AppliedConfig {
  /** The config file (absolute path). */
  file: string;
  /** Set when the file was found but not applied (an untrusted workspace), with the reason. */
  notApplied?: string;
  /** The document matches the config's `exclude`: it is not linted. */
  excluded?: boolean;
  /** The rules a preset narrowed the set to. */
  only?: string[];
  /** allowedRegistries, requiredLabels, istioRootNamespace, istioVersion. */
  ruleOptions?: Record<string, unknown>;
}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export function defaultSettings(): KubewardSettings {
  return {
    enable: true,
    rules: {},
    pss: { level: 'restricted', version: 'latest' },
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    schema: { enable: true, scope: 'security', customSchemas: [] },
    suppressions: { requireReason: false, kubeLinterAnnotations: false, checkovAnnotations: false },
    istio: { rootNamespace: '', version: '' },
    trace: { server: 'off' },
  };
}

const SEVERITIES = new Set<string>(['off', 'info', 'warning', 'error']);
const PSS_LEVELS = new Set<string>(['privileged', 'baseline', 'restricted']);
const TRACES = new Set<string>(['off', 'messages', 'verbose']);
const PSS_VERSION = /^(latest|v1\.\d{1,3})$/;

/**
 * Turns whatever the client sent into settings. Accepts the nested shape VS Code returns for the
 * `kubeward` section (`{pss: {level}}`), the dotted keys some clients send (`{"pss.level": ...}`)
 * and an object wrapped in `{kubeward: {...}}`. Problems are returned, not thrown, so the server
 * can log them once.
 */
export function normalizeSettings(raw: unknown): { settings: KubewardSettings; problems: string[] } {
  const settings = defaultSettings();
  const problems: string[] = [];
  if (!isObject(raw)) return { settings, problems };
  const src: Record<string, unknown> = isObject(raw.kubeward) ? raw.kubeward : raw;
  const pick = (path: string): unknown => {
    const dotted = src[path];
    if (dotted !== undefined) return dotted;
    let cur: unknown = src;
    for (const part of path.split('.')) {
      if (!isObject(cur)) return undefined;
      cur = cur[part];
    }
    return cur;
  };

  const enable = pick('enable');
  if (typeof enable === 'boolean') settings.enable = enable;
  else if (enable !== undefined && enable !== null) problems.push(`kubeward.enable must be true or false, not ${show(enable)}`);

  const rules = pick('rules');
  if (isObject(rules)) {
    for (const [id, value] of Object.entries(rules)) {
      if (typeof value === 'string' && SEVERITIES.has(value)) settings.rules[id] = value as SeveritySetting;
      else problems.push(`kubeward.rules["${id}"] must be "off", "info", "warning" or "error", not ${show(value)}`);
    }
  } else if (rules !== undefined && rules !== null) {
    problems.push(`kubeward.rules must be an object such as {"pss-privileged": "off"}, not ${show(rules)}`);
  }

  const level = pick('pss.level');
  if (typeof level === 'string' && PSS_LEVELS.has(level)) settings.pss.level = level as PssLevel;
  else if (level !== undefined && level !== null) problems.push(`kubeward.pss.level must be privileged, baseline or restricted, not ${show(level)}`);

  const version = pick('pss.version');
  if (typeof version === 'string' && PSS_VERSION.test(version.trim())) settings.pss.version = version.trim();
  else if (version !== undefined && version !== null) problems.push(`kubeward.pss.version must be "latest" or "v1.N", not ${show(version)}`);

  const max = pick('maxFileSize');
  if (typeof max === 'number' && Number.isFinite(max) && max > 0) settings.maxFileSize = Math.floor(max);
  else if (max !== undefined && max !== null) problems.push(`kubeward.maxFileSize must be a positive number of bytes, not ${show(max)}`);

  const schemaEnable = pick('schema.enable');
  if (typeof schemaEnable === 'boolean') settings.schema.enable = schemaEnable;
  else if (schemaEnable !== undefined && schemaEnable !== null) problems.push(`kubeward.schema.enable must be true or false, not ${show(schemaEnable)}`);

  const scope = pick('schema.scope');
  if (scope === 'security' || scope === 'all') settings.schema.scope = scope;
  else if (scope !== undefined && scope !== null) problems.push(`kubeward.schema.scope must be "security" or "all", not ${show(scope)}`);

  const custom = pick('schema.customSchemas');
  if (Array.isArray(custom) && custom.every((x) => typeof x === 'string')) settings.schema.customSchemas = custom.filter((x) => x.trim() !== '');
  else if (custom !== undefined && custom !== null) problems.push(`kubeward.schema.customSchemas must be a list of paths, not ${show(custom)}`);

  for (const key of ['requireReason', 'kubeLinterAnnotations', 'checkovAnnotations'] as const) {
    const v = pick(`suppressions.${key}`);
    if (typeof v === 'boolean') settings.suppressions[key] = v;
    else if (v !== undefined && v !== null) problems.push(`kubeward.suppressions.${key} must be true or false, not ${show(v)}`);
  }

  const rootNamespace = pick('istio.rootNamespace');
  if (typeof rootNamespace === 'string' && (rootNamespace.trim() === '' || isIstioRootNamespace(rootNamespace.trim()))) settings.istio.rootNamespace = rootNamespace.trim();
  else if (rootNamespace !== undefined && rootNamespace !== null) problems.push(`kubeward.istio.rootNamespace must be ${ISTIO_ROOT_NAMESPACE_HINT} or empty, not ${show(rootNamespace)}`);

  const istioVersion = pick('istio.version');
  const normalized = typeof istioVersion === 'string' ? (istioVersion.trim() === '' ? '' : normalizeIstioVersion(istioVersion)) : undefined;
  if (normalized !== undefined) settings.istio.version = normalized;
  else if (istioVersion !== undefined && istioVersion !== null) problems.push(`kubeward.istio.version must be ${ISTIO_VERSION_HINT} or empty, not ${show(istioVersion)}`);

  const trace = pick('trace.server');
  if (typeof trace === 'string' && TRACES.has(trace)) settings.trace.server = trace as TraceSetting;

  return { settings, problems };
}

/** Engine options for a document; `customSchemas` are the loaded schemas of settings.schema.customSchemas. */
export function lintOptionsOf(settings: KubewardSettings, fileName?: string, customSchemas: readonly CustomSchema[] = []): LintOptions {
  // The settings' Istio values win over the config's (settings.config.ruleOptions), key by key.
  const ruleOptions = { ...settings.config?.ruleOptions, ...istioRuleOptions(settings.istio) };
  return {
    rules: { ...settings.rules },
    pss: { ...settings.pss },
    schema: { enable: settings.schema.enable, scope: settings.schema.scope, customSchemas },
    suppressions: { ...settings.suppressions },
    ...(settings.config?.only ? { only: settings.config.only } : {}),
    ...(Object.keys(ruleOptions).length > 0 ? { ruleOptions } : {}),
    fileName,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
