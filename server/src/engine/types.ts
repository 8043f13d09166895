// The engine's public contract: findings, fixes, rules and options. Offsets are UTF-16 code-unit
// offsets into the linted text (JavaScript string indices); the LSP adapter and the CLI turn them
// into positions once.

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** `safe` fixes change nothing the workload relies on and may be applied by fix-all; `suggestion`s
 * change behaviour (hardening) and are only applied when a person asks for them. */
export type FixSafety = 'safe' | 'suggestion';

export interface Fix {
  title: string;
  edits: Edit[];
  safety: FixSafety;
  /** The best fix of a finding; shown first and marked preferred in the editor. */
  preferred?: boolean;
}

export interface ResourceRef {
  kind: string;
  apiVersion?: string;
  name?: string;
  namespace?: string;
}

export interface RelatedLocation {
  /** Path or URI of the other file; undefined means the same file. */
  file?: string;
  start: number;
  end: number;
  /** Line/column for locations in other files, whose text the consumer may not have. 0-based. */
  line?: number;
  character?: number;
  endLine?: number;
  endCharacter?: number;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  resource?: ResourceRef;
  fixes: Fix[];
  related?: RelatedLocation[];
  /** Index of the YAML document (0-based) the finding belongs to. */
  docIndex: number;
}

export interface ParseError {
  message: string;
  start: number;
  end: number;
  /** 'yaml' for syntax errors; other codes for input the engine refused (too large, templated...). */
  code: string;
  severity: Severity;
}

export type PssLevel = 'privileged' | 'baseline' | 'restricted';

export interface PssSettings {
  level: PssLevel;
  /** 'latest' or 'v1.N'. */
  version: string;
}

export interface LintOptions {
  /** Per-rule severity overrides, the same shape as the `kubeward.rules` setting. */
  rules?: Record<string, SeveritySetting>;
  /** When set, only these rules run (used by presets such as pss-restricted). */
  only?: string[];
  pss?: Partial<PssSettings>;
  /** A name for the text (path or URI); used in related locations and messages. */
  fileName?: string;
  /** Options particular rules read (e.g. `allowedRegistries: string[]`), passed to them as ctx.settings.ruleOptions. */
  ruleOptions?: Record<string, unknown>;
  /** Schema validation: the `kubeward.schema.*` settings (see docs/schema.md). */
  schema?: SchemaOptions;
  /** The file is listed as a patch by a kustomization next to it: its objects are partial, so they
   * are not checked and a notice says so (see engine/templating.ts, kustomizationPatchPaths). */
  kustomizePatch?: boolean;
  /** Inline and annotation suppressions (see engine/suppress.ts and the README, "Suppressing findings"). */
  suppressions?: SuppressionOptions;
}

/** How suppressions are honoured. All off by default except the kubeward forms themselves. */
export interface SuppressionOptions {
  /** A suppression without a reason (`-- <reason>`, `kubeward.io/ignore-reason`) does not suppress and is reported. */
  requireReason?: boolean;
  /** Honour KubeLinter's `ignore-check.kube-linter.io/<check>` and `kube-linter.io/ignore-all` annotations. */
  kubeLinterAnnotations?: boolean;
  /** Honour Checkov's `checkov.io/skip<N>: <CKV_ID>=<reason>` annotations. */
  checkovAnnotations?: boolean;
  /** Today's date (YYYY-MM-DD, UTC) for expiry dates; the current date when unset. Tests fix it. */
  today?: string;
}

/** Schema validation settings, read by the schema-* rules. */
export interface SchemaOptions {
  /** False turns every schema-* rule off (for example when another extension validates schemas). Default true. */
  enable?: boolean;
  /** 'security' (default): only mistakes on security-relevant fields; 'all': every schema error. */
  scope?: 'security' | 'all';
  /** Schemas of custom resources; each is compiled on first use (a runtime ajv compile). */
  customSchemas?: readonly CustomSchema[];
}

/** A schema for one apiVersion and kind, e.g. a CRD version's openAPIV3Schema. */
export interface CustomSchema {
  apiVersion: string;
  kind: string;
  schema: Record<string, unknown>;
  /** Where it came from (a file path), for messages. */
  source?: string;
}

export interface LintResult {
  findings: Finding[];
  parseErrors: ParseError[];
  /** Findings a suppression silenced: not reported, but counted (and kept in SARIF as suppressed results). */
  suppressed?: SuppressedFinding[];
}

export interface SuppressedFinding extends Finding {
  suppression: { kind: string; reason?: string; until?: string };
}

export type RuleCategory =
  | 'pod-security'
  | 'workload'
  | 'image'
  | 'secrets'
  | 'service-account'
  | 'rbac'
  | 'network-policy'
  | 'istio'
  | 'schema'
  | 'exposure'
  | 'deprecation'
  | 'suppression';

export interface RuleStandards {
  /** Pod Security Standards: level and the upstream PSA check id. `overrides` lists the baseline
   * check ids this restricted check replaces (PSA `OverrideCheckIDs`) wherever it applies. */
  pss?: { level: 'baseline' | 'restricted'; check: string; since?: string; overrides?: string[] };
  cis?: string[];
  nsa?: string[];
  istio?: string[];
}

/** Ids of the same check in other tools, for people who migrate. */
export interface PeerIds {
  checkov?: string[];
  kubeLinter?: string[];
  polaris?: string[];
  kubescape?: string[];
  trivy?: string[];
  kubeScore?: string[];
  kubesec?: string[];
  istioctl?: string[];
}

export interface RuleMeta {
  title: string;
  description: string;
  /** Why it matters: the risk, in a few sentences. */
  why: string;
  /** How to fix it. */
  how: string;
  category: RuleCategory;
  severity: Severity;
  /** False for rules that are off unless enabled in settings. */
  enabledByDefault?: boolean;
  /** Kinds the rule looks at, for the docs ('*' for any kind with a pod spec). */
  kinds: string[];
  standards?: RuleStandards;
  fix: 'safe' | 'suggestion' | 'none';
  peers?: PeerIds;
  /** A short insecure example and its secure counterpart, for the rule page. */
  examples?: { bad: string; good: string };
}
