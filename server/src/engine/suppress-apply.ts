// Matching findings against the suppressions of their YAML document (collected by suppress.ts).
// A finding is dropped (and kept in `suppressed`) when a suppression that covers its place names
// its rule, has a reason if one is required, and has not expired. An expired suppression lets the
// finding through with a note. Suppressions that silence nothing are reported as
// `suppression-unused` (with a safe fix that removes them), unusable ones as `suppression-invalid`.
import type { FixBuilder } from './fix';
import type { Resource } from './k8s/resource';
import { isDate, removeCommentEdits, type Suppression, type SuppressionEntry } from './suppress';
import type { Edit, Finding, Fix, ResourceRef, Severity, SuppressedFinding, SuppressionOptions } from './types';

export const UNUSED_ID = 'suppression-unused';
export const INVALID_ID = 'suppression-invalid';

type ChunkFinding = Omit<Finding, 'docIndex'>;
type ChunkSuppressed = Omit<SuppressedFinding, 'docIndex'>;

export interface SuppressContext {
  text: string;
  fix: FixBuilder;
  options: SuppressionOptions;
  /** Every rule id the engine knows (an unknown id in a suppression is reported). */
  knownRule(id: string): boolean;
  /** Whether the rule ran on an object in [start, end] (an unused suppression of a rule that did not run is not reported). */
  ruleRan(ruleId: string, start: number, end: number): boolean;
  /** Severity of suppression-unused / suppression-invalid, or undefined when they are off. */
  severity(ruleId: typeof UNUSED_ID | typeof INVALID_ID): Severity | undefined;
  /** Closest known rule id, for "did you mean". */
  suggest(id: string): string | undefined;
}

export interface SuppressOutcome {
  findings: ChunkFinding[];
  suppressed: ChunkSuppressed[];
}

/** Today's date as YYYY-MM-DD in UTC. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export function applySuppressions(findings: readonly ChunkFinding[], all: readonly Suppression[], ctx: SuppressContext): SuppressOutcome {
  const opts = ctx.options;
  const suppressions = all.filter((s) => (s.kind === 'kube-linter' ? opts.kubeLinterAnnotations === true : s.kind === 'checkov' ? opts.checkovAnnotations === true : true));
  if (suppressions.length === 0) return { findings: [...findings], suppressed: [] };
  const today = opts.today && isDate(opts.today) ? opts.today : todayUtc();
  const usable = new Set<Suppression>();
  const expired = new Set<Suppression>();
  const reports: ChunkFinding[] = [];
  for (const s of suppressions) {
    if (s.badUntil !== undefined) {
      report(reports, ctx, INVALID_ID, s, s.start, s.end, `the expiry date "${s.badUntil}" of this suppression is not a date written YYYY-MM-DD, so it suppresses nothing`);
    } else if (opts.requireReason && !s.reason) {
      report(reports, ctx, INVALID_ID, s, s.start, s.end, `this suppression gives no reason, so it suppresses nothing: add ${reasonHint(s)} (kubeward requires a reason here)`);
    } else if (s.entries.length === 0 && s.kind !== 'kube-linter' && s.kind !== 'checkov') {
      report(reports, ctx, INVALID_ID, s, s.start, s.end, 'this suppression names no rule, so it suppresses nothing: list rule ids (or all)');
    } else if (s.until !== undefined && s.until < today) {
      expired.add(s);
    } else {
      usable.add(s);
    }
  }

  /** Entries that matched a finding (used), per suppression. */
  const used = new Set<SuppressionEntry>();
  const kept: ChunkFinding[] = [];
  const suppressed: ChunkSuppressed[] = [];
  for (const f of findings) {
    let by: Suppression | undefined;
    let lapsed: Suppression | undefined;
    for (const s of suppressions) {
      if (f.start < s.targetStart || f.start > s.targetEnd) continue;
      if (!usable.has(s) && !expired.has(s)) continue;
      const entry = s.entries.find((e) => e.rules === 'all' || e.rules.includes(f.ruleId));
      if (!entry) continue;
      used.add(entry);
      if (usable.has(s)) by ??= s;
      else lapsed ??= s;
    }
    if (by) {
      suppressed.push({ ...f, suppression: { kind: by.kind, ...(by.reason ? { reason: by.reason } : {}), ...(by.until ? { until: by.until } : {}) } });
    } else if (lapsed) {
      kept.push({
        ...f,
        message: `${f.message} (a suppression of this finding expired on ${lapsed.until})`,
        related: [...(f.related ?? []), { start: lapsed.start, end: lapsed.end, message: `suppressed until ${lapsed.until}${lapsed.reason ? ` (${lapsed.reason})` : ''}; that date has passed` }],
      });
    } else {
      kept.push(f);
    }
  }

  for (const s of suppressions) {
    // Peer annotations also serve the peer tool, which may still run: never reported as unused.
    if (s.kind === 'kube-linter' || s.kind === 'checkov') continue;
    if (!usable.has(s) && !expired.has(s)) continue;
    reportUnused(reports, ctx, s, used);
  }
  return { findings: [...kept, ...reports], suppressed };
}

function reportUnused(out: ChunkFinding[], ctx: SuppressContext, s: Suppression, used: ReadonlySet<SuppressionEntry>): void {
  if (s.kind === 'container-annotation' && s.containerFound === false) {
    report(out, ctx, UNUSED_ID, s, s.start, s.end, `${s.annotation?.key} names no container of this ${s.resource?.kind ?? 'object'}: there is no container "${s.container}"`, removeAll(ctx, s));
    return;
  }
  const unused: { entry: SuppressionEntry; message: string }[] = [];
  for (const e of s.entries) {
    if (used.has(e)) continue;
    if (e.rules !== 'all' && !ctx.knownRule(e.id)) {
      const hint = ctx.suggest(e.id);
      unused.push({ entry: e, message: `"${e.id}" is not a kubeward rule id${hint ? ` (did you mean ${hint}?)` : ''}, so this suppression does nothing for it` });
      continue;
    }
    // A rule that did not run here (turned off, another PSS level) may fire elsewhere: not reported.
    if (e.rules !== 'all' && !e.rules.some((id) => ctx.ruleRan(id, s.targetStart, s.targetEnd))) continue;
    unused.push({ entry: e, message: `${e.id === 'all' ? 'this suppression of all rules' : `the suppression of ${e.id}`} is unused: ${where(s)} has no ${e.id === 'all' ? '' : `${e.id} `}finding` });
  }
  if (unused.length === 0) return;
  if (unused.length === s.entries.length) {
    const message = unused.length === 1 ? unused[0].message : `this suppression is unused: ${where(s)} has no ${s.entries.map((e) => e.id).join(', ')} finding`;
    const [first, last] = [unused[0].entry, unused[unused.length - 1].entry];
    report(out, ctx, UNUSED_ID, s, first.start, Math.max(last.end, first.end), message, removeAll(ctx, s));
    return;
  }
  for (const u of unused) report(out, ctx, UNUSED_ID, s, u.entry.start, u.entry.end, u.message, removeEntry(s, u.entry));
}

function where(s: Suppression): string {
  switch (s.kind) {
    case 'next-line':
      return 'the next line';
    case 'line':
      return 'this line';
    case 'document':
      return 'the rest of this YAML document';
    case 'container-annotation':
      return `container "${s.container}"`;
    default:
      return `this ${s.resource?.kind ?? 'object'}`;
  }
}

function reasonHint(s: Suppression): string {
  if (s.kind === 'kube-linter') return 'the reason as the annotation\'s value';
  if (s.kind === 'checkov') return 'the reason after "=" (CKV_K8S_N=<reason>)';
  if (s.annotation) return `" -- <reason>" to the value, or a ${'kubeward.io/ignore-reason'} annotation`;
  return '" -- <reason>" after the rule ids';
}

function report(out: ChunkFinding[], ctx: SuppressContext, ruleId: typeof UNUSED_ID | typeof INVALID_ID, s: Suppression, start: number, end: number, message: string, fix?: Fix): void {
  const severity = ctx.severity(ruleId);
  if (!severity) return;
  const resource: ResourceRef | undefined = s.resource ? refOf(s.resource) : undefined;
  out.push({ ruleId, severity, message, start, end, ...(resource ? { resource } : {}), fixes: fix ? [fix] : [] });
}

function refOf(r: Resource): ResourceRef {
  return { kind: r.kind, apiVersion: r.apiVersion, name: r.name, namespace: r.namespace };
}

/** Removes the whole suppression: the comment, or the annotation (with the shared reason/expiry when nothing else uses them). */
function removeAll(ctx: SuppressContext, s: Suppression): Fix | undefined {
  let edits: Edit[] = [];
  if (s.annotation) {
    const { annotations, metadata, key, shared } = s.annotation;
    const others = annotations.items.filter((p) => {
      const k = String((p.key as { value?: unknown }).value);
      return k !== key && (k === 'kubeward.io/ignore' || k.startsWith('kubeward.io/ignore.'));
    });
    const keys = [key, ...(others.length === 0 ? shared : [])];
    if (keys.length >= annotations.items.length) {
      const e = ctx.fix.removePair(metadata, 'annotations');
      if (e) edits = [e];
    } else {
      edits = keys.map((k) => ctx.fix.removePair(annotations, k)).filter((e): e is Edit => e !== undefined);
    }
  } else {
    edits = removeCommentEdits(ctx.text, s);
  }
  if (edits.length === 0) return undefined;
  return { title: s.annotation ? `Remove the unused annotation ${s.annotation.key}` : 'Remove the unused suppression comment', edits, safety: 'safe', preferred: true };
}

/** Removes one id from a suppression's list, with the separator next to it. */
function removeEntry(s: Suppression, e: SuppressionEntry): Fix | undefined {
  const i = s.entries.indexOf(e);
  const next = s.entries[i + 1];
  const prev = s.entries[i - 1];
  // Not mapped to the text character by character (an escaped string): no fix.
  if (e.end <= e.start || (next && next.start <= e.start) || (prev && prev.end >= e.end)) return undefined;
  const edit: Edit = next ? { start: e.start, end: next.start, text: '' } : { start: prev.end, end: e.end, text: '' };
  return { title: `Remove ${e.id} from the suppression`, edits: [edit], safety: 'safe', preferred: true };
}

/** The known id closest to a misspelt one (at most a third of its letters off), for "did you mean". */
export function closestId(id: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(id.length / 3)) + 1;
  for (const k of known) {
    if (Math.abs(k.length - id.length) >= bestDistance) continue;
    const d = distance(id, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
