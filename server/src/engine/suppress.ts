// Where suppressions are written. Comments:
//   # kubeward-disable-next-line <rule-id>[, <rule-id>] [-- [until YYYY-MM-DD:] <reason>]   the next content line
//   <yaml>  # kubeward-disable-line <rule-id>... [-- ...]                                  this line
//   # kubeward-disable <rule-id>... [-- ...]                                                to the end of the YAML document
// Annotations, on the object's metadata or on its pod template's metadata:
//   kubeward.io/ignore: "<rule-id>,..."             the whole object
//   kubeward.io/ignore.<container>: "<rule-id>,..." one container (containers, init and ephemeral ones)
//   kubeward.io/ignore-reason / kubeward.io/ignore-until: the reason and expiry of the annotations
//   beside them that do not carry their own (`"<ids> -- until 2026-12-31: <reason>"`).
// And, when asked for, the annotations of KubeLinter and Checkov, mapped through each rule's peers.
//
// Collecting is cheap when there is nothing to collect: a document whose text has none of the
// markers costs one substring search per marker. suppress-apply.ts matches findings against them.
import type { Resource } from './k8s/resource';
import { containersOf, podSpecOf } from './k8s/resource';
import { getMap, isMap, isScalar, isSeq, mapPairs, seqItems, type ParsedDoc, type Scalar, type YAMLMap } from './parse';
import type { Rule } from './rule';
import type { Edit } from './types';

export type SuppressionKind = 'next-line' | 'line' | 'document' | 'annotation' | 'container-annotation' | 'kube-linter' | 'checkov';

/** One rule id as written in a suppression, with its place in the text (for reports and fixes). */
export interface SuppressionEntry {
  /** As written: a kubeward rule id, `all`, or a KubeLinter/Checkov check id. */
  id: string;
  start: number;
  end: number;
  /** The kubeward rules it names: one id, every rule ('all'), or the rules whose peers list the check. */
  rules: readonly string[] | 'all';
}

export interface Suppression {
  kind: SuppressionKind;
  entries: SuppressionEntry[];
  reason?: string;
  /** Expiry date (YYYY-MM-DD): the suppression applies up to and including that day. */
  until?: string;
  /** Set when an expiry was written but is not a valid date: the suppression then does not apply. */
  badUntil?: string;
  /** Range of the whole directive (the comment, or the annotation's key and value). */
  start: number;
  end: number;
  /** Findings that start in [targetStart, targetEnd] are covered. */
  targetStart: number;
  targetEnd: number;
  /** The container an annotation names; `containerFound` false when the pod has none of that name. */
  container?: string;
  containerFound?: boolean;
  /** The object it sits on (annotations), for messages. */
  resource?: Resource;
  /** Where an annotation lives, so a fix can remove it. */
  annotation?: { annotations: YAMLMap; metadata: YAMLMap; key: string; shared: string[] };
  /** The comment shares its line with YAML content (a trailing comment). */
  trailing?: boolean;
  /** Compatibility with callers of the first version: the kubeward ids named (`all` included). */
  ruleIds: string[];
}

const COMMENT_MARK = 'kubeward-disable';
const ANNOTATION_MARK = 'kubeward.io/ignore';
const KUBE_LINTER_MARK = 'kube-linter.io/';
const CHECKOV_MARK = 'checkov.io/skip';

export const IGNORE = 'kubeward.io/ignore';
export const IGNORE_REASON = 'kubeward.io/ignore-reason';
export const IGNORE_UNTIL = 'kubeward.io/ignore-until';
const IGNORE_CONTAINER = 'kubeward.io/ignore.';
const KUBE_LINTER_CHECK = 'ignore-check.kube-linter.io/';
const KUBE_LINTER_ALL = 'kube-linter.io/ignore-all';
const CHECKOV_SKIP = /^checkov\.io\/skip\d+$/;

/** Whether a document's text may hold any suppression (the hot path: no parse, no walk). */
export function mayHoldSuppressions(text: string): boolean {
  return text.includes(COMMENT_MARK) || text.includes(ANNOTATION_MARK) || text.includes(KUBE_LINTER_MARK) || text.includes(CHECKOV_MARK);
}

/**
 * Every suppression of one YAML document: its comments (not `#` inside strings: `doc` tells them
 * apart) and the annotations of its objects.
 */
export function collectSuppressions(text: string, doc: ParsedDoc | undefined, resources: readonly Resource[], rules: readonly Rule[]): Suppression[] {
  if (!mayHoldSuppressions(text)) return [];
  const out = text.includes(COMMENT_MARK) ? findSuppressions(text, doc) : [];
  if (text.includes(ANNOTATION_MARK) || text.includes(KUBE_LINTER_MARK) || text.includes(CHECKOV_MARK)) {
    const peers = peerIndex(rules);
    for (const r of resources) out.push(...annotationSuppressions(text, r, peers));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Comments

const DIRECTIVE = /^#\s*kubeward-(disable-next-line|disable-line|disable)(?=[\s,]|$)/;

/** The comment suppressions of a text (one YAML document, or a whole file for the next-line form). */
export function findSuppressions(text: string, doc?: ParsedDoc): Suppression[] {
  if (!text.includes(COMMENT_MARK)) return [];
  const out: Suppression[] = [];
  let pending: Suppression[] = [];
  let inString: ((offset: number) => boolean) | undefined;
  let pos = 0;
  while (pos <= text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = text.length;
    const lineEnd = eol > pos && text[eol - 1] === '\r' ? eol - 1 : eol;
    const line = text.slice(pos, lineEnd);
    const hash = commentStart(line);
    const contentLine = line.trim() !== '' && !line.trimStart().startsWith('#');
    let directive: Suppression | undefined;
    if (hash !== -1 && line.includes(COMMENT_MARK, hash)) {
      const m = DIRECTIVE.exec(line.slice(hash));
      if (m && !(doc && (inString ??= stringRanges(doc))(pos + hash))) {
        directive = parseDirective(m[1], line, hash, pos, lineEnd, text.length, contentLine);
      }
    }
    if (contentLine) {
      // The next-line form also works as a trailing comment: it then covers the line after it.
      for (const p of pending) out.push({ ...p, targetStart: pos, targetEnd: lineEnd });
      pending = [];
    }
    if (directive) {
      if (directive.kind === 'next-line') pending.push(directive);
      else out.push(directive);
    }
    if (eol === text.length) break;
    pos = eol + 1;
  }
  // A next-line comment with no content line after it covers nothing (and is reported unused).
  for (const p of pending) out.push({ ...p, targetStart: text.length + 1, targetEnd: text.length + 1 });
  return out.sort((a, b) => a.start - b.start);
}

/** Index of the `#` that starts a comment on this line (at the start or after white space), or -1. */
function commentStart(line: string): number {
  let i = line.indexOf('#');
  while (i > 0 && line[i - 1] !== ' ' && line[i - 1] !== '\t') i = line.indexOf('#', i + 1);
  return i;
}

function parseDirective(form: string, line: string, hash: number, lineOffset: number, lineEnd: number, textEnd: number, contentLine: boolean): Suppression {
  const kind: SuppressionKind = form === 'disable-next-line' ? 'next-line' : form === 'disable-line' ? 'line' : 'document';
  const bodyStart = hash + 1 + line.slice(hash + 1).indexOf('kubeward-') + `kubeward-${form}`.length;
  const parsed = parseSpec(line.slice(bodyStart), lineOffset + bodyStart, (id) => (id === 'all' ? 'all' : [id]));
  const start = lineOffset + hash;
  let targetStart = lineOffset;
  let targetEnd = lineEnd;
  if (kind === 'document') {
    targetStart = start;
    targetEnd = textEnd;
  }
  return {
    kind,
    ...parsed,
    start,
    end: lineEnd,
    targetStart,
    targetEnd,
    trailing: contentLine,
    ruleIds: parsed.entries.map((e) => e.id),
  };
}

/**
 * Parses `<id>[, <id>]... [-- [until YYYY-MM-DD[:]] <reason>]` (a comment's body or an annotation's
 * value). `offset` is where `spec` starts in the text, or undefined when the value cannot be mapped
 * back to the text character by character (escapes): entries then span `fallback`.
 */
export function parseSpec(
  spec: string,
  offset: number | undefined,
  resolve: (id: string) => readonly string[] | 'all',
  fallback: [number, number] = [0, 0],
): { entries: SuppressionEntry[]; reason?: string; until?: string; badUntil?: string } {
  const sep = /(^|\s)--(\s|$)/.exec(spec);
  const idsPart = sep ? spec.slice(0, sep.index) : spec;
  const entries: SuppressionEntry[] = [];
  const idRe = /[^\s,]+/g;
  for (let m = idRe.exec(idsPart); m; m = idRe.exec(idsPart)) {
    const start = offset === undefined ? fallback[0] : offset + m.index;
    const end = offset === undefined ? fallback[1] : start + m[0].length;
    entries.push({ id: m[0], start, end, rules: resolve(m[0]) });
  }
  if (!sep) return { entries };
  const tail = parseTail(spec.slice(sep.index + sep[0].length));
  return { entries, ...tail };
}

/** `until 2026-12-31: reason`, `until 2026-12-31 -- reason`, or just `reason`. */
export function parseTail(tail: string): { reason?: string; until?: string; badUntil?: string } {
  const m = /^\s*until\s+(\S+?)(?::|\s+--|\s|$)\s*/.exec(tail);
  if (!m) return { reason: clean(tail) };
  const reason = clean(tail.slice(m[0].length));
  return isDate(m[1]) ? { until: m[1], reason } : { badUntil: m[1], reason };
}

function clean(s: string): string | undefined {
  const t = s.trim();
  return t === '' ? undefined : t;
}

/** A real calendar date written YYYY-MM-DD. */
export function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Ranges of the strings of a document (quoted and block scalars), where a `#` is text, not a comment. */
function stringRanges(doc: ParsedDoc): (offset: number) => boolean {
  const ranges: [number, number][] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isScalar(n)) {
      if (n.range && n.type !== 'PLAIN') ranges.push([n.range[0], n.range[1]]);
    } else if (isMap(n)) {
      for (const p of mapPairs(n)) stack.push(p.key, p.value);
    } else if (isSeq(n)) {
      stack.push(...seqItems(n));
    }
  }
  return (offset) => ranges.some(([s, e]) => offset > s && offset < e);
}

// ---------------------------------------------------------------------------------------------
// Annotations

interface PeerIndex {
  kubeLinter: Map<string, string[]>;
  checkov: Map<string, string[]>;
}

const peerCache = new WeakMap<readonly Rule[], PeerIndex>();

function peerIndex(rules: readonly Rule[]): PeerIndex {
  let idx = peerCache.get(rules);
  if (!idx) {
    idx = { kubeLinter: new Map(), checkov: new Map() };
    for (const r of rules) {
      for (const id of r.meta.peers?.kubeLinter ?? []) push(idx.kubeLinter, id, r.id);
      for (const id of r.meta.peers?.checkov ?? []) push(idx.checkov, id.toUpperCase(), r.id);
    }
    peerCache.set(rules, idx);
  }
  return idx;
}

function push(m: Map<string, string[]>, k: string, v: string): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function annotationSuppressions(text: string, resource: Resource, peers: PeerIndex): Suppression[] {
  const out: Suppression[] = [];
  const objectMeta = getMap(resource.node, 'metadata');
  const pod = podSpecOf(resource);
  const metas: { meta: YAMLMap; own: boolean }[] = [];
  if (objectMeta) metas.push({ meta: objectMeta, own: true });
  if (pod?.podMeta && pod.podMeta !== objectMeta) metas.push({ meta: pod.podMeta, own: false });
  const whole = resource.node.range!;
  for (const { meta, own } of metas) {
    const annotations = getMap(meta, 'annotations');
    if (!annotations) continue;
    const pairs = mapPairs(annotations);
    let sharedReason: string | undefined;
    let sharedUntil: string | undefined;
    const shared: string[] = [];
    for (const p of pairs) {
      const k = isScalar(p.key) ? String(p.key.value) : '';
      if (k === IGNORE_REASON) sharedReason = stringOf(p.value);
      if (k === IGNORE_UNTIL) sharedUntil = stringOf(p.value);
      if (k === IGNORE_REASON || k === IGNORE_UNTIL) shared.push(k);
    }
    for (const p of pairs) {
      if (!isScalar(p.key)) continue;
      const key = String(p.key.value);
      const keyStart = p.key.range![0];
      const end = p.value && (p.value as Scalar).range ? (p.value as Scalar).range![1] : p.key.range![1];
      const base = { start: keyStart, end, resource, annotation: { annotations, metadata: meta, key, shared } };
      if (key === IGNORE || key.startsWith(IGNORE_CONTAINER)) {
        const value = p.value as Scalar | null;
        const spec = specOf(text, value, (id) => (id === 'all' ? 'all' : [id]), [keyStart, end]);
        const until = spec.until ?? spec.badUntil ?? sharedUntil;
        const s: Suppression = {
          kind: key === IGNORE ? 'annotation' : 'container-annotation',
          entries: spec.entries,
          reason: spec.reason ?? sharedReason,
          ...(until === undefined ? {} : isDate(until) ? { until } : { badUntil: until }),
          ...base,
          targetStart: whole[0],
          targetEnd: whole[1],
          ruleIds: spec.entries.map((e) => e.id),
        };
        if (key === IGNORE) out.push(s);
        else {
          const name = key.slice(IGNORE_CONTAINER.length);
          const containers = pod ? containersOf(pod).filter((c) => c.name === name) : [];
          if (containers.length === 0) out.push({ ...s, container: name, containerFound: false, targetStart: -1, targetEnd: -1 });
          for (const c of containers) out.push({ ...s, container: name, containerFound: true, targetStart: c.node.range![0], targetEnd: c.node.range![1] });
        }
      } else if (own && (key.startsWith(KUBE_LINTER_CHECK) || key === KUBE_LINTER_ALL)) {
        const check = key === KUBE_LINTER_ALL ? 'all' : key.slice(KUBE_LINTER_CHECK.length);
        const rules: readonly string[] | 'all' = check === 'all' ? 'all' : (peers.kubeLinter.get(check) ?? []);
        out.push({ kind: 'kube-linter', entries: [{ id: check, start: p.key.range![0], end: p.key.range![1], rules }], reason: clean(stringOf(p.value) ?? ''), ...base, targetStart: whole[0], targetEnd: whole[1], ruleIds: [] });
      } else if (own && CHECKOV_SKIP.test(key)) {
        const v = stringOf(p.value) ?? '';
        const eq = v.indexOf('=');
        const id = (eq === -1 ? v : v.slice(0, eq)).trim();
        const range = (p.value as Scalar | null)?.range ?? p.key.range!;
        out.push({ kind: 'checkov', entries: [{ id, start: range[0], end: range[1], rules: peers.checkov.get(id.toUpperCase()) ?? [] }], reason: eq === -1 ? undefined : clean(v.slice(eq + 1)), ...base, targetStart: whole[0], targetEnd: whole[1], ruleIds: [] });
      }
    }
  }
  return out;
}

function stringOf(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

/** Parses an annotation value, mapping ids back to the text when the scalar's source is its value. */
function specOf(text: string, node: Scalar | null, resolve: (id: string) => readonly string[] | 'all', fallback: [number, number]): ReturnType<typeof parseSpec> {
  const value = stringOf(node);
  if (value === undefined || !node?.range) return { entries: [] };
  const [s, e] = node.range;
  const source = text.slice(s, e);
  let offset: number | undefined;
  if (node.type === 'PLAIN' && source === value) offset = s;
  else if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && source.slice(1, -1) === value) offset = s + 1;
  return parseSpec(value, offset, resolve, offset === undefined ? [s, e] : fallback);
}

// ---------------------------------------------------------------------------------------------

/** The first suppression that covers a finding of `ruleId` starting at `start` (ignores expiry and reasons). */
export function isSuppressed(suppressions: readonly Suppression[], ruleId: string, start: number): Suppression | undefined {
  for (const s of suppressions) {
    if (start < s.targetStart || start > s.targetEnd) continue;
    if (s.entries.some((e) => e.rules === 'all' || e.rules.includes(ruleId))) return s;
  }
  return undefined;
}

/** Edits that remove a comment directive: its whole line, or only the comment after YAML content. */
export function removeCommentEdits(text: string, s: Suppression): Edit[] {
  let lineStart = text.lastIndexOf('\n', s.start - 1) + 1;
  if (s.trailing) {
    let from = s.start;
    while (from > lineStart && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
    return [{ start: from, end: s.end, text: '' }];
  }
  let end = s.end;
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  if (lineStart === 0 && text.charCodeAt(0) === 0xfeff) lineStart = 1;
  return [{ start: lineStart, end, text: '' }];
}
