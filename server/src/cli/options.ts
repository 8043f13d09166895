// From command-line arguments to the engine's LintOptions. Kept apart from the command so that a
// config file (.kubeward.yaml, found per file) can later produce the same LintOptions, with the
// command line applied on top.
import { RULES, type LintOptions, type PssLevel, type SeveritySetting } from '../engine';
import { istioRuleOptions } from '../engine/config';
import { UsageError, type LintArgs, type Preset } from './args';
import { YAML_SYNTAX_ID } from './report';

const PRESET_LEVEL: Record<Preset, 'baseline' | 'restricted'> = { 'pss-baseline': 'baseline', 'pss-restricted': 'restricted' };

/** The PSS rules of a preset: those whose level is at or below the preset's level. */
export function presetRuleIds(preset: Preset): string[] {
  const level = PRESET_LEVEL[preset];
  return RULES.filter((r) => {
    const pss = r.meta.standards?.pss;
    return pss !== undefined && (pss.level === 'baseline' || level === 'restricted');
  }).map((r) => r.id);
}

export interface CliLintOptions {
  lint: LintOptions;
  /** Severity of YAML syntax errors, or 'off'; undefined keeps the parser's own severity. */
  yamlSyntax?: SeveritySetting;
}

export function lintOptionsFrom(args: LintArgs): CliLintOptions {
  const rules: Record<string, SeveritySetting> = {};
  let yamlSyntax: SeveritySetting | undefined;
  const known = new Set(RULES.map((r) => r.id));
  for (const [id, sev] of args.rules) {
    if (id === YAML_SYNTAX_ID) {
      yamlSyntax = sev;
      continue;
    }
    if (!known.has(id)) throw new UsageError(`unknown rule '${id}' in --rule (kubeward rules lists them)`);
    rules[id] = sev;
  }
  const lint: LintOptions = { rules };
  let level: PssLevel | undefined = args.pssLevel;
  if (args.preset) {
    // A preset is an explicit rule set; --rule can still turn one of them off or add another.
    const only = new Set(presetRuleIds(args.preset));
    for (const [id, sev] of Object.entries(rules)) if (sev !== 'off') only.add(id);
    lint.only = [...only];
    level = PRESET_LEVEL[args.preset];
  }
  if (level !== undefined || args.pssVersion !== undefined) {
    lint.pss = {};
    if (level !== undefined) lint.pss.level = level;
    if (args.pssVersion !== undefined) lint.pss.version = args.pssVersion;
  }
  // Merged over the config's rule options key by key (mergeLintOptions), so only these two change.
  const istio = istioRuleOptions({ rootNamespace: args.istioRootNamespace, version: args.istioVersion });
  if (Object.keys(istio).length > 0) lint.ruleOptions = istio;
  return { lint, yamlSyntax };
}
