// Command-line parsing. Hand-written rather than util.parseArgs so that every mistake gets a
// message that names the option and the values it accepts. `--opt value` and `--opt=value` both
// work; `-` is a path (standard input); `--` ends the options.
import type { PssLevel, Severity, SeveritySetting } from '../engine';
import { isIstioRootNamespace, ISTIO_ROOT_NAMESPACE_HINT, ISTIO_VERSION_HINT, normalizeIstioVersion } from '../engine/config';

export class UsageError extends Error {}

/** Output formats; formatters/index.ts maps each name to its formatter (the compiler checks both agree). */
export const FORMAT_NAMES = ['text', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export type FailOn = Severity | 'never';
export type Preset = 'pss-baseline' | 'pss-restricted';
export const PRESETS: readonly Preset[] = ['pss-baseline', 'pss-restricted'];

export interface LintArgs {
  command: 'lint';
  paths: string[];
  format: FormatName;
  failOn: FailOn;
  fix?: 'safe' | 'suggestion';
  preset?: Preset;
  pssLevel?: PssLevel;
  pssVersion?: string;
  /** --istio-root-namespace: the mesh root namespace (meshConfig.rootNamespace). */
  istioRootNamespace?: string;
  /** --istio-version, as "1.N". */
  istioVersion?: string;
  /** Severity overrides from `--rule <id>=<severity>`, in the order given. */
  rules: [string, SeveritySetting][];
  maxFileSize: number;
  stdinFilename?: string;
  /** --config FILE (as given), or false for --no-config; undefined: find .kubeward.yaml per file. */
  config?: string | false;
  /** --baseline FILE: findings whose fingerprints it lists are not reported. */
  baseline?: string;
  /** --write-baseline FILE: write the findings (JSON format, with fingerprints) to FILE. */
  writeBaseline?: string;
  /** --include-suppressed: SARIF also lists suppressed findings, marked with `suppressions`. */
  includeSuppressed?: boolean;
}

export interface RulesArgs {
  command: 'rules';
  format: 'text' | 'json';
}

export type ParsedArgs = LintArgs | RulesArgs | { command: 'help'; topic?: 'lint' | 'rules' } | { command: 'version' };

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];
const PSS_LEVELS: readonly PssLevel[] = ['privileged', 'baseline', 'restricted'];

/** Options that take a value, per command. */
const LINT_VALUE_OPTIONS = new Set(['--format', '--fail-on', '--preset', '--pss-level', '--pss-version', '--istio-root-namespace', '--istio-version', '--rule', '--max-file-size', '--stdin-filename', '--config', '--baseline', '--write-baseline']);
const LINT_FLAGS = new Set(['--fix', '--fix-suggestions', '--no-config', '--include-suppressed', '--help']);
const SHORT: Record<string, string> = { '-f': '--format', '-h': '--help' };

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('missing command');
  if (command === '--help' || command === '-h' || command === 'help') {
    const topic = rest[0] === 'lint' || rest[0] === 'rules' ? rest[0] : undefined;
    return { command: 'help', topic };
  }
  if (command === '--version' || command === '-v' || command === 'version') return { command: 'version' };
  if (command === 'lint') return parseLint(rest);
  if (command === 'rules') return parseRules(rest);
  if (command.startsWith('-')) throw new UsageError(`unknown option '${command}' (options come after the command: kubeward lint [options] <paths>)`);
  throw new UsageError(`unknown command '${command}'${/\.ya?ml$|\/|^\.$/.test(command) ? ` (did you mean 'kubeward lint ${command}'?)` : ''}`);
}

interface RawOption {
  name: string;
  value?: string;
}

/** Splits argv into options (with their values) and positional arguments. */
function tokenize(argv: readonly string[], valueOptions: Set<string>, flags: Set<string>, command: string): { options: RawOption[]; positionals: string[] } {
  const options: RawOption[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    let name = eq === -1 ? arg : arg.slice(0, eq);
    name = SHORT[name] ?? name;
    if (flags.has(name)) {
      if (eq !== -1) throw new UsageError(`option '${name}' takes no value`);
      options.push({ name });
      continue;
    }
    if (!valueOptions.has(name)) throw new UsageError(`unknown option '${name}' for '${command}'`);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new UsageError(`option '${name}' needs a value`);
      i++;
    }
    options.push({ name, value });
  }
  return { options, positionals };
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value '${value}' for ${option}: expected ${allowed.join(', ')}`);
}

function parseLint(argv: readonly string[]): LintArgs | { command: 'help'; topic: 'lint' } {
  const { options, positionals } = tokenize(argv, LINT_VALUE_OPTIONS, LINT_FLAGS, 'lint');
  if (options.some((o) => o.name === '--help')) return { command: 'help', topic: 'lint' };
  const out: LintArgs = { command: 'lint', paths: positionals, format: 'text', failOn: 'error', rules: [], maxFileSize: DEFAULT_MAX_FILE_SIZE };
  for (const { name, value = '' } of options) {
    switch (name) {
      case '--format':
        out.format = oneOf(name, value, FORMAT_NAMES);
        break;
      case '--fail-on':
        out.failOn = oneOf(name, value, FAIL_ON);
        break;
      case '--fix':
        out.fix = out.fix ?? 'safe';
        break;
      case '--fix-suggestions':
        out.fix = 'suggestion';
        break;
      case '--preset':
        out.preset = oneOf(name, value, PRESETS);
        break;
      case '--pss-level':
        out.pssLevel = oneOf(name, value, PSS_LEVELS);
        break;
      case '--pss-version':
        if (!/^(latest|v?1\.\d+)$/.test(value)) throw new UsageError(`invalid value '${value}' for --pss-version: expected latest or v1.N (for example v1.30)`);
        out.pssVersion = value;
        break;
      case '--istio-root-namespace':
        if (!isIstioRootNamespace(value)) throw new UsageError(`invalid value '${value}' for --istio-root-namespace: expected ${ISTIO_ROOT_NAMESPACE_HINT}`);
        out.istioRootNamespace = value;
        break;
      case '--istio-version': {
        const version = normalizeIstioVersion(value);
        if (version === undefined) throw new UsageError(`invalid value '${value}' for --istio-version: expected ${ISTIO_VERSION_HINT}`);
        out.istioVersion = version;
        break;
      }
      case '--rule':
        out.rules.push(parseRuleOption(value));
        break;
      case '--max-file-size':
        out.maxFileSize = parseSize(value);
        break;
      case '--stdin-filename':
        if (value === '') throw new UsageError('--stdin-filename needs a non-empty name');
        out.stdinFilename = value;
        break;
      case '--config':
        if (value === '') throw new UsageError('--config needs a file name');
        if (out.config === false) throw new UsageError('--config and --no-config contradict each other');
        out.config = value;
        break;
      case '--no-config':
        if (typeof out.config === 'string') throw new UsageError('--config and --no-config contradict each other');
        out.config = false;
        break;
      case '--include-suppressed':
        out.includeSuppressed = true;
        break;
      case '--baseline':
        if (value === '') throw new UsageError('--baseline needs a file name');
        out.baseline = value;
        break;
      case '--write-baseline':
        if (value === '') throw new UsageError('--write-baseline needs a file name');
        out.writeBaseline = value;
        break;
    }
  }
  if (out.paths.length === 0) throw new UsageError('no input: pass files, directories, or - for standard input');
  if (out.paths.filter((p) => p === '-').length > 1) throw new UsageError("standard input ('-') can be read only once");
  if (out.preset && out.pssLevel) {
    const presetLevel = out.preset === 'pss-baseline' ? 'baseline' : 'restricted';
    if (out.pssLevel !== presetLevel) throw new UsageError(`--pss-level ${out.pssLevel} contradicts --preset ${out.preset}`);
  }
  return out;
}

function parseRuleOption(value: string): [string, SeveritySetting] {
  const m = /^([A-Za-z0-9-]+)=(\w+)$/.exec(value);
  if (!m) throw new UsageError(`invalid --rule '${value}': expected <rule-id>=<${SEVERITY_SETTINGS.join('|')}>`);
  return [m[1], oneOf(`--rule ${m[1]}`, m[2], SEVERITY_SETTINGS)];
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** Parses `1048576`, `512k`, `10MB`, `1.5m` (binary multiples). */
export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(value.trim());
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new UsageError(`invalid --max-file-size '${value}': expected bytes or a size such as 512k or 10MB`);
  const n = Math.floor(Number(m[1]) * unit);
  if (n <= 0) throw new UsageError('--max-file-size must be greater than zero');
  return n;
}

function parseRules(argv: readonly string[]): RulesArgs | { command: 'help'; topic: 'rules' } {
  const { options, positionals } = tokenize(argv, new Set(['--format']), new Set(['--help']), 'rules');
  if (options.some((o) => o.name === '--help')) return { command: 'help', topic: 'rules' };
  if (positionals.length > 0) throw new UsageError(`'rules' takes no arguments (got '${positionals[0]}')`);
  let format: 'text' | 'json' = 'text';
  for (const o of options) format = oneOf('--format', o.value ?? '', ['text', 'json'] as const);
  return { command: 'rules', format };
}
