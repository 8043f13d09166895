// lint(text, options): split into documents, parse each (cached by its text), find the Kubernetes
// objects, run the enabled rules on each, drop suppressed findings, and shift offsets from the
// document to the file. A Linter keeps its cache between calls, so an edit re-parses and re-checks
// only the documents whose text changed.
import { FixBuilder } from './fix';
import { guardChunk } from './guard';
import { resourcesOf, type Resource } from './k8s/resource';
import { getMap, mapPairs, parseChunk, scalarValue, splitDocumentsAfterEdit, type DocChunk, type ParsedChunk } from './parse';
import { LATEST_PSS_MINOR, parsePssVersion, type EffectivePss, type EffectiveSettings, type ReportInput, type Rule } from './rule';
import { RULES } from './rules';
import { resolveSchemaSettings } from './schema/settings';
import { collectSuppressions, mayHoldSuppressions, type Suppression } from './suppress';
import { applySuppressions, closestId } from './suppress-apply';
import { detectTemplating } from './templating';
import type { Finding, LintOptions, LintResult, ParseError, PssLevel, ResourceRef, Severity, SuppressedFinding } from './types';
import { countNewlines, docKey, WorkspaceGraph } from './workspace/graph';
import { recordGraphDeps, reuseGraphFindings, type GraphDeps } from './workspace/graph-deps';
import { isGraphRule, runGraphRule, type GraphPass, type GraphRule } from './workspace/graph-rule';

interface ChunkEntry {
  parsed: ParsedChunk;
  resources: Resource[];
  /** Findings with offsets relative to the chunk, for the settings key they were computed with. */
  findings?: Omit<Finding, 'docIndex'>[];
  settingsKey?: string;
  /** Findings of the graph rules, for the settings, graph facts revision and place they were computed with. */
  graphFindings?: Omit<Finding, 'docIndex'>[];
  graphFor?: { key: string; factsRevision: number; ready: boolean; docIndex: number };
  /** The positions and appended-document edits graphFindings show, re-checked before reuse. */
  graphDeps?: GraphDeps;
  /** The graph's key for this text, computed once. */
  docKey?: string;
  /** What the document contributed to the last result, reused while its inputs are the same. */
  output?: ChunkOutput;
  /** Its objects' settings and their cache key, for the lint-wide settings inputs in `inputs`. */
  settings?: { inputs: string; settings: EffectiveSettings[]; key: string };
  /** Number of line breaks in the text. */
  lines?: number;
  /** The document's suppressions (comments and annotations), collected on first need. */
  suppressions?: Suppression[];
  /** Its Namespace objects (their pod-security labels set the PSS level of their namespace). */
  namespaces?: Resource[];
}

interface ChunkOutput {
  /** The inputs: the arrays of findings, the settings key, the suppression options, and the place of the document. */
  findings: Omit<Finding, 'docIndex'>[];
  graphFindings?: Omit<Finding, 'docIndex'>[];
  key: string;
  outputKey: string;
  offset: number;
  docIndex: number;
  /** After suppressions, relative to the document. */
  kept: ReturnType<typeof applySuppressions>;
  /** The same, in the file's offsets. */
  absolute: { findings: Finding[]; suppressed: SuppressedFinding[] };
  /** What documentFindings gave for it last, reused while the document is in the same place. */
  doc?: DocumentFindings;
}

export interface RuleFailure {
  ruleId: string;
  message: string;
}

export interface LinterHooks {
  /** Called once per rule and linter when a rule throws; the rule is skipped for that document. */
  onRuleError?(failure: RuleFailure): void;
  /**
   * The workspace graph cross-resource rules query. Linting a text updates that file's entry
   * (options.fileName) from the same parse. Without one, the linter keeps a graph of the file alone.
   */
  workspace?: WorkspaceGraph;
  /** The rules to run instead of the registry (tests inject a rule that throws this way). */
  rules?: readonly Rule[];
  /**
   * Parses made earlier of documents this linter may see, by their text (the CLI parses every file
   * once to index it, and lints from the same parse). Used instead of parsing again.
   */
  parsed?: ReadonlyMap<string, ParsedChunk>;
}

const PSS_ENFORCE = 'pod-security.kubernetes.io/enforce';
const PSS_ENFORCE_VERSION = 'pod-security.kubernetes.io/enforce-version';

export interface NamespacePss {
  level?: PssLevel;
  version?: string;
}

export class Linter {
  private cache = new Map<string, ChunkEntry>();
  private reportedRuleErrors = new Set<string>();
  private ownGraph?: WorkspaceGraph;
  private lastSplit?: { text: string; chunks: DocChunk[] };

  constructor(private readonly hooks: LinterHooks = {}) {}

  lint(text: string, options: LintOptions = {}, namespacePss?: ReadonlyMap<string, NamespacePss>): LintResult {
    // After an edit, only the chunks around it are split again; the others keep their strings,
    // so the cache below finds them without hashing their text.
    const chunks = splitDocumentsAfterEdit(this.lastSplit, text);
    this.lastSplit = { text, chunks };
    const next = new Map<string, ChunkEntry>();
    const entries: ChunkEntry[] = chunks.map((c, i) => {
      let e = next.get(c.text) ?? this.cache.get(c.text);
      if (!e) {
        // Its own copy of its text: a substring would keep the whole file's text of this version
        // alive for as long as the document stays unchanged (one copy per edited document).
        const own = this.hooks.parsed?.has(c.text) ? c.text : ownString(c.text);
        const parsed = this.hooks.parsed?.get(own) ?? parseChunk(own);
        // Too deep or an alias bomb: one clear error, and no rule walks that tree.
        const guard = guardChunk(parsed);
        e = { parsed, resources: guard.skip ? [] : safeResources(parsed) };
      }
      // The split keeps the entry's string too, for the same reason (JavaScript compares strings by
      // value, so a substring cannot be told from the entry's own copy: always the entry's).
      chunks[i] = { offset: c.offset, text: e.parsed.text };
      next.set(e.parsed.text, e);
      return e;
    });
    this.cache = next;
    // Helm templates and Kustomize patches: their documents are skipped, with one notice.
    const templating = detectTemplating({ text, chunks, parsed: entries.map((e) => e.parsed), fileName: options.fileName, kustomizePatch: options.kustomizePatch });
    const checked = templating.skipped.size === 0 ? entries : entries.map((e, i) => (templating.skipped.has(i) ? { ...e, resources: [] } : e));

    const rules = enabledRules(options, this.hooks.rules);
    const graphRules = rules.filter((r) => isGraphRule(r.rule));
    const objectRules = graphRules.length ? rules.filter((r) => !isGraphRule(r.rule)) : rules;
    const file = options.fileName ?? '';
    const graph = graphRules.length ? this.syncGraph(file, text, chunks, checked) : undefined;
    let fileFixBuilder: FixBuilder | undefined;
    const fileFix = (): FixBuilder => (fileFixBuilder ??= new FixBuilder(text));
    const rulesKey = JSON.stringify([options.rules ?? null, options.only ?? null]);
    const outputKey = JSON.stringify(options.suppressions ?? null);
    const nsPss = new Map(namespacePss ?? []);
    for (const e of checked) {
      // Found once per document: this runs on every keystroke, over every document of the file.
      // (A skipped document's copy has no resources, whatever its entry remembers.)
      const namespaces = e.resources.length === 0 ? [] : (e.namespaces ??= e.resources.filter((r) => r.kind === 'Namespace'));
      for (const r of namespaces) collectNamespacePss(r, nsPss);
    }
    // Settings depend on the object's namespace only: computed (and serialised for the cache key)
    // once per namespace, not once per object on every keystroke.
    const settingsByNs = new Map<string | undefined, { settings: EffectiveSettings; json: string }>();
    const settingsOf = (r: Resource): { settings: EffectiveSettings; json: string } => {
      let s = settingsByNs.get(r.namespace);
      if (!s) {
        const settings = settingsFor(r, options, nsPss);
        settingsByNs.set(r.namespace, (s = { settings, json: JSON.stringify(settings) }));
      }
      return s;
    };
    // Everything settingsFor reads besides an object's namespace: while it is what it was, each
    // document keeps its settings and their key from the previous lint.
    const settingsInputs = `${rulesKey}\u0000${JSON.stringify([options.pss ?? null, options.ruleOptions ?? null, resolveSchemaSettings(options.schema), [...nsPss]])}`;

    const parts: ResultPart[] = [];
    const parseErrors: ParseError[] = [...templating.notices];
    chunks.forEach((chunk, docIndex) => {
      if (templating.skipped.has(docIndex)) return;
      const e = entries[docIndex];
      for (const err of e.parsed.errors) {
        parseErrors.push({
          message: err.message,
          start: err.start + chunk.offset,
          end: err.end + chunk.offset,
          code: err.code,
          severity: err.warning ? 'warning' : 'error',
        });
      }
      if (e.settings?.inputs !== settingsInputs) {
        const resolved = e.resources.map(settingsOf);
        e.settings = { inputs: settingsInputs, settings: resolved.map((r) => r.settings), key: `${rulesKey}[${resolved.map((r) => r.json).join(',')}]` };
      }
      const { settings, key } = e.settings;
      if (e.findings === undefined || e.settingsKey !== key) {
        e.findings = this.checkChunk(e, objectRules, settings);
        e.settingsKey = key;
      }
      if (graph) {
        // Reused while the graph's facts are unchanged and the positions they show still hold, so
        // a keystroke re-runs the graph rules of the edited document and of those pointing into it.
        const g = e.graphFor;
        const same = g !== undefined && g.key === key && g.factsRevision === graph.factsRevision && g.ready === graph.ready && g.docIndex === docIndex;
        const reused = same && e.graphFindings !== undefined ? reuseGraphFindings(e.graphFindings, e.graphDeps!, graph, file, chunk.offset, fileFix) : undefined;
        if (reused) e.graphFindings = reused;
        else {
          const { result, deps } = recordGraphDeps(graph, file, chunk.offset, (hooks) =>
            this.checkChunk(e, graphRules, settings, { graph, file, fileText: text, docIndex, chunkOffset: chunk.offset, fileFix, ...hooks }),
          );
          e.graphFindings = result;
          e.graphDeps = deps;
          e.graphFor = { key, factsRevision: graph.factsRevision, ready: graph.ready, docIndex };
        }
      }
      // An unchanged document in the same place contributes the same finding objects as last time;
      // one that only moved is shifted without running suppressions again.
      const graphFindings = graph ? e.graphFindings : undefined;
      let out = e.output;
      if (!out || out.findings !== e.findings || out.graphFindings !== graphFindings || out.key !== key || out.outputKey !== outputKey) {
        const raw = graphFindings ? [...e.findings, ...graphFindings] : e.findings;
        const kept = this.suppress(e, raw, rules, settings, options);
        out = { findings: e.findings, graphFindings, key, outputKey, offset: -1, docIndex, kept, absolute: { findings: [], suppressed: [] } };
        e.output = out;
      }
      parts.push({ docIndex, offset: chunk.offset, out });
    });
    // The findings in the file's offsets are made when first read: a keystroke moves every document
    // below it, and the language server reads each document's findings where they stand instead
    // (documentFindings), so typing does not copy every finding of the file.
    let all: { findings: Finding[]; suppressed: SuppressedFinding[] } | undefined;
    const absolute = (): { findings: Finding[]; suppressed: SuppressedFinding[] } => (all ??= collectParts(parts));
    const result: LintResult = { findings: [], parseErrors };
    lazy(result, 'findings', () => absolute().findings);
    if (parts.some((p) => p.out.kept.suppressed.length > 0)) {
      result.suppressed = [];
      lazy(result, 'suppressed', () => absolute().suppressed);
    }
    resultParts.set(
      result,
      parts.map((p) => {
        const d = p.out.doc;
        if (d && d.offset === p.offset && d.docIndex === p.docIndex) return d;
        return (p.out.doc = { docIndex: p.docIndex, offset: p.offset, text: entries[p.docIndex].parsed.text, findings: p.out.kept.findings });
      }),
    );
    return result;
  }

  /** Drops the findings a suppression of their document covers; adds the reports about suppressions. */
  private suppress(e: ChunkEntry, raw: Omit<Finding, 'docIndex'>[], rules: ActiveRule[], settings: EffectiveSettings[], options: LintOptions): ReturnType<typeof applySuppressions> {
    const text = e.parsed.text;
    if (e.resources.length === 0 || !mayHoldSuppressions(text)) return { findings: raw, suppressed: [] };
    const registry = this.hooks.rules ?? RULES;
    e.suppressions ??= collectSuppressions(text, e.parsed.doc, e.resources, registry);
    if (e.suppressions.length === 0) return { findings: raw, suppressed: [] };
    return applySuppressions(raw, e.suppressions, {
      text,
      fix: new FixBuilder(text),
      options: options.suppressions ?? {},
      knownRule: (id) => registry.some((r) => r.id === id),
      ruleRan: (id, start, end) => {
        const active = rules.find((a) => a.rule.id === id);
        if (!active) return false;
        return e.resources.some((r, i) => r.node.range![0] <= end && r.node.range![1] >= start && applicableRules(rules, settings[i]).includes(active));
      },
      severity: (id) => rules.find((a) => a.rule.id === id)?.severity,
      suggest: (id) => closestId(id, registry.map((r) => r.id)),
    });
  }

  /** Brings the file's entry in the workspace graph (or the linter's own one-file graph) up to date. */
  private syncGraph(file: string, text: string, chunks: { offset: number; text: string }[], entries: ChunkEntry[]): WorkspaceGraph {
    let graph = this.hooks.workspace;
    if (!graph) {
      graph = this.ownGraph ??= new WorkspaceGraph({ scope: 'this file' });
      if (!graph.hasFile(file)) graph.clear();
    }
    graph.setFile(file, text, chunks.map((c, i) => ({ offset: c.offset, text: c.text, parsed: entries[i].parsed, resources: entries[i].resources, key: (entries[i].docKey ??= docKey(c.text)), lines: (entries[i].lines ??= countNewlines(c.text)) })));
    return graph;
  }

  private checkChunk(e: ChunkEntry, rules: ActiveRule[], settings: EffectiveSettings[], pass?: GraphPass): Omit<Finding, 'docIndex'>[] {
    const out: Omit<Finding, 'docIndex'>[] = [];
    if (e.resources.length === 0) return out;
    const text = e.parsed.text;
    const fix = new FixBuilder(text);
    // A rule that throws is skipped for the rest of the document, and what it reported there is dropped.
    const failed = new Set<string>();
    e.resources.forEach((resource, i) => {
      const ref: ResourceRef = { kind: resource.kind, apiVersion: resource.apiVersion, name: resource.name, namespace: resource.namespace };
      // One context per object; `report` files under the rule that is running.
      let current: ActiveRule = rules[0];
      const ctx = {
        resource,
        text,
        fix,
        settings: settings[i],
        report: (input: ReportInput) => {
          const { rule, severity } = current;
          const range = input.range ?? (input.node?.range ? [input.node.range[0], input.node.range[1]] : undefined);
          const [start, end] = range ?? [resource.node.range![0], resource.node.range![0]];
          const fixes = input.fixes;
          const finding: Omit<Finding, 'docIndex'> = {
            ruleId: rule.id,
            severity: input.severity && severity === rule.meta.severity ? input.severity : severity,
            message: input.message,
            start,
            end: trimEnd(text, start, end),
            resource: ref,
            fixes: typeof fixes === 'function' ? [] : (fixes ?? []),
            related: input.related,
          };
          if (typeof fixes === 'function') {
            lazy(finding, 'fixes', () => {
              try {
                return fixes();
              } catch (err) {
                // A fix that fails to build is not offered; the finding stands.
                this.ruleFailed(rule.id, err);
                return [];
              }
            });
            pendingFixes.add(finding);
          }
          out.push(finding);
        },
      };
      for (const active of applicableRules(rules, settings[i])) {
        const rule = active.rule;
        if (failed.size > 0 && failed.has(rule.id)) continue;
        current = active;
        try {
          if (pass) runGraphRule(rule as GraphRule, ctx, pass);
          else rule.check(ctx);
        } catch (err) {
          failed.add(rule.id);
          for (let j = out.length - 1; j >= 0; j--) if (out[j].ruleId === rule.id) out.splice(j, 1);
          this.ruleFailed(rule.id, err);
        }
      }
    });
    return out;
  }

  /** Tells the host once per rule that it threw (while checking, or while building a fix later). */
  private ruleFailed(ruleId: string, err: unknown): void {
    if (this.reportedRuleErrors.has(ruleId)) return;
    this.reportedRuleErrors.add(ruleId);
    this.hooks.onRuleError?.({ ruleId, message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
  }
}

/** Lints a text once, without a cache kept between calls. */
export function lint(text: string, options: LintOptions = {}): LintResult {
  return new Linter().lint(text, options);
}

interface ActiveRule {
  rule: Rule;
  severity: Severity;
}

function enabledRules(options: LintOptions, registry: readonly Rule[] = RULES): ActiveRule[] {
  const out: ActiveRule[] = [];
  const only = options.only ? new Set(options.only) : undefined;
  for (const rule of registry) {
    const setting = options.rules?.[rule.id];
    if (setting === 'off') continue;
    if (only && !only.has(rule.id)) continue;
    if (!only && setting === undefined && rule.meta.enabledByDefault === false) continue;
    out.push({ rule, severity: setting ?? rule.meta.severity });
  }
  return out;
}

/**
 * PSS rules run only at or above their level and from the policy version that introduced them, and
 * not where an enabled restricted rule that applies replaces their check (so one violation is not
 * reported twice, as admission reports it once).
 */
function ruleApplies(rule: Rule, settings: EffectiveSettings, overridden?: ReadonlySet<string>): boolean {
  const pss = rule.meta.standards?.pss;
  if (!pss) return true;
  if (overridden?.has(pss.check)) return false;
  const level = settings.pss.level;
  if (level === 'privileged') return false;
  if (pss.level === 'restricted' && level !== 'restricted') return false;
  if (pss.since) {
    const since = parsePssVersion(pss.since) ?? 0;
    if (settings.pss.minor < since) return false;
  }
  return true;
}

/** Baseline checks replaced by an enabled restricted rule that applies at these settings (PSA `OverrideCheckIDs`). */
function overriddenChecks(rules: readonly ActiveRule[], settings: EffectiveSettings): ReadonlySet<string> {
  const out = new Set<string>();
  for (const { rule } of rules) {
    const overrides = rule.meta.standards?.pss?.overrides;
    if (overrides && ruleApplies(rule, settings)) for (const id of overrides) out.add(id);
  }
  return out;
}

/**
 * The rules that run on an object with these settings (ruleApplies, without the overridden
 * baseline checks), worked out once per rule list and settings object: objects of one namespace
 * share their settings, and this ran for every rule of every object.
 */
const applicable = new WeakMap<readonly ActiveRule[], WeakMap<EffectiveSettings, ActiveRule[]>>();
function applicableRules(rules: readonly ActiveRule[], settings: EffectiveSettings): ActiveRule[] {
  let bySettings = applicable.get(rules);
  if (!bySettings) applicable.set(rules, (bySettings = new WeakMap()));
  let list = bySettings.get(settings);
  if (!list) {
    const overridden = overriddenChecks(rules, settings);
    list = rules.filter((r) => ruleApplies(r.rule, settings, overridden));
    bySettings.set(settings, list);
  }
  return list;
}

function settingsFor(resource: Resource, options: LintOptions, nsPss: ReadonlyMap<string, NamespacePss>): EffectiveSettings {
  let level: PssLevel = options.pss?.level ?? 'restricted';
  let minor = parsePssVersion(options.pss?.version) ?? LATEST_PSS_MINOR;
  const ns = resource.namespace !== undefined ? nsPss.get(resource.namespace) : undefined;
  if (ns?.level) level = ns.level;
  if (ns?.version) minor = parsePssVersion(ns.version) ?? minor;
  const pss: EffectivePss = { level, minor };
  return { pss, ruleOptions: options.ruleOptions ?? {}, schema: resolveSchemaSettings(options.schema) };
}

/**
 * Reads a Namespace's enforce labels as admission does (api.PolicyToEvaluate): a label that is
 * absent keeps the default from settings; an invalid level enforces `restricted` and an invalid
 * version means `latest` (admission fails closed).
 */
function collectNamespacePss(ns: Resource, into: Map<string, NamespacePss>): void {
  if (!ns.name) return;
  const labels = labelsOf(ns);
  const level = labels?.get(PSS_ENFORCE);
  const version = labels?.get(PSS_ENFORCE_VERSION);
  if (level === undefined && version === undefined) return;
  const entry: NamespacePss = {};
  if (level !== undefined) entry.level = level === 'privileged' || level === 'baseline' || level === 'restricted' ? level : 'restricted';
  if (version !== undefined) entry.version = version === 'latest' || /^v1\.(0|[1-9][0-9]*)$/.test(version) ? version : 'latest';
  into.set(ns.name, entry);
}

function labelsOf(r: Resource): Map<string, string> | undefined {
  const labels = getMap(getMap(r.node, 'metadata'), 'labels');
  if (!labels) return undefined;
  const out = new Map<string, string>();
  for (const p of mapPairs(labels)) {
    const v = scalarValue(p.value);
    if (typeof p.key.value === 'string' && typeof v === 'string') out.set(p.key.value, v);
  }
  return out;
}

function safeResources(parsed: ParsedChunk): Resource[] {
  try {
    return resourcesOf(parsed.doc);
  } catch {
    return [];
  }
}

interface ResultPart {
  docIndex: number;
  offset: number;
  out: ChunkOutput;
}

/** The findings of every document in the file's offsets, in document order. */
function collectParts(parts: readonly ResultPart[]): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const { docIndex, offset, out } of parts) {
    // An unchanged document in the same place gives the same finding objects as last time.
    if (out.offset !== offset || out.docIndex !== docIndex) {
      out.absolute = { findings: out.kept.findings.map((f) => shiftFinding(f, offset, docIndex)), suppressed: out.kept.suppressed.map((f) => ({ ...f, start: f.start + offset, end: f.end + offset, docIndex, fixes: [], related: undefined })) };
      out.offset = offset;
      out.docIndex = docIndex;
    }
    for (const f of out.absolute.suppressed) suppressed.push(f);
    for (const f of out.absolute.findings) findings.push(f);
  }
  return { findings, suppressed };
}

/** A YAML document's findings in a lint result, relative to the document, and where it starts. */
export interface DocumentFindings {
  docIndex: number;
  /** Offset of the document in the file: a finding's file offsets are its own plus this. */
  offset: number;
  /** The document's text. */
  text: string;
  /** In the order result.findings lists them; their related locations in the same file are relative too. */
  findings: readonly Omit<Finding, 'docIndex'>[];
}

const resultParts = new WeakMap<LintResult, DocumentFindings[]>();

/**
 * The findings of a Linter's result per YAML document, without making them absolute: together, in
 * order, they are result.findings (each shifted by its document's offset). Undefined for a result
 * the Linter did not make.
 */
export function documentFindings(result: LintResult): readonly DocumentFindings[] | undefined {
  return resultParts.get(result);
}

/** Document-relative findings whose fixes are computed on first read (ReportInput.fixes as a function). */
const pendingFixes = new WeakSet<object>();

/** For each finding lint() returns, the document-relative finding it was made from. */
const origins = new WeakMap<Finding, object>();

/**
 * The document-relative finding a finding was made from: the same object while its YAML document's
 * text is unchanged (wherever the document moved), so the LSP can keep what it derived from it.
 */
export function findingOrigin(f: Finding): object | undefined {
  return origins.get(f);
}

/**
 * A finding from document offsets to file offsets. Fixes and related locations are shifted when
 * first read (code actions, the CLI): a keystroke shifts the findings of every document below it,
 * and diagnostics read only the range.
 */
function shiftFinding(f: Omit<Finding, 'docIndex'>, offset: number, docIndex: number): Finding {
  // A literal is ~50x cheaper than a spread; a finding with other keys (none today) is spread.
  // Fixes not built yet stay so: reading them here would build them on every keystroke.
  const pending = pendingFixes.has(f);
  const out: Finding = isPlainFinding(f)
    ? { ruleId: f.ruleId, severity: f.severity, message: f.message, start: f.start + offset, end: f.end + offset, resource: f.resource, fixes: pending ? [] : f.fixes, related: f.related, docIndex }
    : { ...f, start: f.start + offset, end: f.end + offset, docIndex };
  if (pending || (offset !== 0 && f.fixes.length > 0)) {
    lazy(out, 'fixes', () =>
      offset === 0 ? f.fixes : f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((ed) => ({ start: ed.start + offset, end: ed.end + offset, text: ed.text })) })),
    );
  }
  if (f.related !== undefined) lazy(out, 'related', () => f.related!.map((r) => (r.file === undefined ? { ...r, start: r.start + offset, end: r.end + offset } : r)));
  origins.set(out, f);
  return out;
}

const PLAIN_KEYS = ['ruleId', 'severity', 'message', 'start', 'end', 'resource', 'fixes', 'related'];

/** A finding with exactly the keys report() gives it, in that order (the literal above keeps the order). */
function isPlainFinding(f: object): boolean {
  let i = 0;
  for (const k in f) if (PLAIN_KEYS[i++] !== k) return false;
  return i === PLAIN_KEYS.length;
}

/** Makes `key` a value computed on first read (then an ordinary property, in the same place). */
function lazy<T extends object, K extends keyof T>(obj: T, key: K, compute: () => T[K]): void {
  const set = (value: T[K]): void => void Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(obj, key, {
    get(): T[K] {
      const value = compute();
      set(value);
      return value;
    },
    set,
    enumerable: true,
    configurable: true,
  });
}

/**
 * A copy of `s` that does not point into a longer string. V8 makes a substring a view of its parent
 * string; concatenating first makes it copy the characters into a string of their own.
 */
function ownString(s: string): string {
  return s.length < 16 ? s : `${s} `.slice(0, -1);
}

/** Ranges never end on trailing white space or a newline. */
function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}
