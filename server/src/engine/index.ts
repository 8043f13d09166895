// The engine's public surface, for the LSP adapter, the CLI and tests.
export * from './types';
export { Linter, lint, type LinterHooks, type RuleFailure, type NamespacePss } from './lint';
export { applyFixes, isFixAllowed, isHardeningFinding, isFixValid, isValidYamlChange, type ApplyOptions, type ApplyResult, type AppliedFix } from './apply';
export { applyEdits } from './fix';
export { LineIndex, type Position } from './positions';
export { RULES, ruleById } from './rules';
export { LATEST_PSS_MINOR, parsePssVersion, type Rule } from './rule';
export { ruleDocUrl } from './docs-url';
