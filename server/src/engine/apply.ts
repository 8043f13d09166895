// Applying fixes to a whole text: fix-all (safe fixes only), "harden" (suggestions too, for one
// workload or the whole file) and the CLI's --fix. Fixes are applied in passes: each pass lints,
// takes the first fix of every finding that does not touch another chosen fix, checks that the
// result is still valid YAML, and repeats until nothing is left to apply.
import { applyEdits, editsConflict } from './fix';
import { Linter } from './lint';
import { ruleById } from './rules';
import { parseChunk, splitDocuments } from './parse';
import type { Edit, Finding, Fix, FixSafety, LintOptions } from './types';

export interface ApplyOptions {
  /** 'safe': only safe fixes; 'suggestion': safe fixes and suggestions. */
  safety: FixSafety;
  /** Restrict to findings for which this returns true (for example one workload). */
  filter?: (f: Finding) => boolean;
  maxPasses?: number;
}

export interface AppliedFix {
  ruleId: string;
  title: string;
  message: string;
  /** Offset of the finding in the text it was found in. */
  start: number;
  /** The edits applied, in the coordinates of that same text (the CLI maps them back to the original). */
  edits: Edit[];
}

export interface ApplyResult {
  text: string;
  applied: AppliedFix[];
}

/**
 * Findings that "Harden this workload / all workloads in this file" fix: the workload's own
 * settings (security contexts, images, its service account — created beside it when missing —,
 * secrets, misplaced fields). Fixes of
 * namespace-wide or cluster-wide objects (a default-deny NetworkPolicy, a STRICT
 * PeerAuthentication, RBAC) change what other workloads may do, so they stay separate quick fixes.
 */
const HARDENING_CATEGORIES = new Set(['pod-security', 'workload', 'image', 'secrets', 'service-account', 'schema']);

export function isHardeningFinding(f: Finding): boolean {
  const rule = ruleById(f.ruleId);
  return !!rule && HARDENING_CATEGORIES.has(rule.meta.category);
}

export function isFixAllowed(fix: Fix, safety: FixSafety): boolean {
  return safety === 'suggestion' || fix.safety === 'safe';
}

export function applyFixes(text: string, lintOptions: LintOptions, opts: ApplyOptions): ApplyResult {
  const linter = new Linter();
  const applied: AppliedFix[] = [];
  const tried = new Set<string>();
  let current = text;
  const maxPasses = opts.maxPasses ?? 20;
  for (let pass = 0; pass < maxPasses; pass++) {
    const { findings } = linter.lint(current, lintOptions);
    const chosen: { finding: Finding; fix: Fix }[] = [];
    const edits: Edit[] = [];
    for (const f of findings) {
      if (opts.filter && !opts.filter(f)) continue;
      const fix = f.fixes.find((x) => isFixAllowed(x, opts.safety) && !tried.has(fixKey(f, x)));
      if (!fix || editsConflict(fix.edits, edits)) continue;
      chosen.push({ finding: f, fix });
      edits.push(...fix.edits);
    }
    if (chosen.length === 0) break;
    let next: string | undefined;
    try {
      next = applyEdits(current, edits);
    } catch {
      next = undefined;
    }
    if (next === undefined || !isValidYamlChange(current, next)) {
      // Fall back to one fix at a time so a single bad fix does not block the others.
      let progressed = false;
      for (const c of chosen) {
        tried.add(fixKey(c.finding, c.fix));
        const candidate = applyEdits(current, c.fix.edits);
        if (isValidYamlChange(current, candidate)) {
          applied.push(record(c.finding, c.fix));
          current = candidate;
          progressed = true;
          break;
        }
      }
      if (!progressed) break;
      continue;
    }
    for (const c of chosen) applied.push(record(c.finding, c.fix));
    current = next;
  }
  return { text: current, applied };
}

function record(f: Finding, fix: Fix): AppliedFix {
  return { ruleId: f.ruleId, title: fix.title, message: f.message, start: f.start, edits: fix.edits };
}

function fixKey(f: Finding, fix: Fix): string {
  return `${f.ruleId}\u0000${f.message}\u0000${fix.title}`;
}

/**
 * True when `after` has no YAML error that `before` did not have and the same number of
 * documents. Only the documents whose text changed are parsed.
 */
export function isValidYamlChange(before: string, after: string): boolean {
  const a = splitDocuments(before);
  const b = splitDocuments(after);
  // A fix may add whole documents at the end (appendDocument: a missing PeerAuthentication or
  // default-deny policy); they must parse cleanly. Any other change in the document count is a
  // fix that split or merged documents by accident.
  const oldTexts = new Set(a.map((c) => c.text));
  // New documents must be new text at the end (an accidental split in the middle leaves the old
  // last document as the last one).
  const appended = b.length > a.length && b.slice(a.length).every((c) => !oldTexts.has(c.text));
  if (a.length !== b.length && !appended) return false;
  for (let i = 0; i < b.length; i++) {
    if (oldTexts.has(b[i].text)) continue;
    if (i >= a.length) {
      if (parseChunk(b[i].text).errors.some((e) => !e.warning)) return false;
      continue;
    }
    const newErrors = parseChunk(b[i].text).errors.filter((e) => !e.warning).length;
    const oldErrors = parseChunk(a[i].text).errors.filter((e) => !e.warning).length;
    if (newErrors > oldErrors) return false;
  }
  return true;
}

/** True when applying this fix to `text` leaves YAML that parses no worse than before. */
export function isFixValid(text: string, fix: Fix): boolean {
  try {
    return isValidYamlChange(text, applyEdits(text, fix.edits));
  } catch {
    return false;
  }
}
