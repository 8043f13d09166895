// Inline suppressions: `# kubeward-disable-next-line <rule-id>[, <rule-id>] -- <reason>` silences
// those rules on the next line that holds YAML content.

export interface Suppression {
  /** 0-based line of the comment, in the document's text. */
  commentLine: number;
  /** Offset range of the comment. */
  start: number;
  end: number;
  /** Offsets of the line it applies to. */
  targetStart: number;
  targetEnd: number;
  ruleIds: string[];
  reason?: string;
}

const DIRECTIVE = /#\s*kubeward-disable-next-line\s+([A-Za-z0-9_,\s-]*?)(?:\s+--\s*(.*))?\s*$/;

export function findSuppressions(text: string): Suppression[] {
  if (!text.includes('kubeward-disable')) return [];
  const out: Suppression[] = [];
  let line = 0;
  let pos = 0;
  let pending: Omit<Suppression, 'targetStart' | 'targetEnd'>[] = [];
  while (pos <= text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = text.length;
    const lineText = text.slice(pos, eol);
    const trimmed = lineText.trim();
    const hash = lineText.indexOf('#');
    const m = hash !== -1 ? DIRECTIVE.exec(lineText.slice(hash)) : null;
    if (m) {
      const ids = m[1].split(/[\s,]+/).filter(Boolean);
      pending.push({ commentLine: line, start: pos + hash, end: eol, ruleIds: ids, reason: m[2]?.trim() || undefined });
    }
    if (trimmed !== '' && !trimmed.startsWith('#')) {
      // A directive at the end of a content line applies to the next line, like a comment above it.
      const applicable = m && !lineText.trimStart().startsWith('#') ? pending.slice(0, -1) : pending;
      for (const p of applicable) out.push({ ...p, targetStart: pos, targetEnd: eol });
      pending = m && !lineText.trimStart().startsWith('#') ? pending.slice(-1) : [];
    }
    if (eol === text.length) break;
    pos = eol + 1;
    line++;
  }
  return out;
}

export function isSuppressed(suppressions: readonly Suppression[], ruleId: string, start: number): Suppression | undefined {
  for (const s of suppressions) {
    if (start >= s.targetStart && start <= s.targetEnd && (s.ruleIds.includes(ruleId) || s.ruleIds.includes('all'))) return s;
  }
  return undefined;
}
