// The rule contract. A rule is one file exporting `defineRule({ id, meta, check })`; `check` runs
// once per Kubernetes object and reports findings on YAML nodes through the context.
import type { Fix, PssLevel, RelatedLocation, RuleMeta, Severity } from './types';
import type { FixBuilder } from './fix';
import type { Resource } from './k8s/resource';
import type { YNode } from './parse';
import type { SchemaSettings } from './schema/settings';

/** The newest Pod Security Admission policy version the engine knows. */
export const LATEST_PSS_MINOR = 37;

export interface EffectivePss {
  level: PssLevel;
  /** Policy version as the minor number of v1.N. */
  minor: number;
}

export interface EffectiveSettings {
  pss: EffectivePss;
  /** Options that particular rules read (allowed registries, required labels...), from the config. */
  ruleOptions: Record<string, unknown>;
  /** Schema validation settings (schema-* rules); absent means the defaults. */
  schema?: SchemaSettings;
}

export interface ReportInput {
  /** The node the finding is about: the value for a bad value, the parent key for a missing field. */
  node?: YNode | null;
  /** An explicit [start, end) range in the document's text, when no single node fits. */
  range?: [number, number];
  message: string;
  /**
   * The fixes, or a function that computes them when they are first read (a code action, the CLI):
   * a keystroke re-checks a document without building fixes nobody looks at. The function must
   * only read the document's nodes and text, which do not change while the finding is kept.
   */
  fixes?: Fix[] | (() => Fix[]);
  related?: RelatedLocation[];
  /** Overrides the rule's severity for this finding (rare: a finding that is informational only). */
  severity?: Severity;
}

export interface RuleContext {
  readonly resource: Resource;
  /** The text of the document being checked; node ranges are offsets into it. */
  readonly text: string;
  readonly fix: FixBuilder;
  readonly settings: EffectiveSettings;
  report(input: ReportInput): void;
}

export interface Rule {
  id: string;
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/** Parses 'latest' or 'v1.N' (also '1.N') into a minor version number. */
export function parsePssVersion(version: string | undefined): number | undefined {
  if (!version || version === 'latest') return LATEST_PSS_MINOR;
  const m = /^v?1\.(\d+)$/.exec(version.trim());
  if (!m) return undefined;
  return Math.min(Number(m[1]), LATEST_PSS_MINOR);
}
