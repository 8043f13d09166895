// Hover on a finding: what is wrong, why it matters and how to fix it, from the rule's metadata.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { ruleById, ruleDocUrl, type Finding } from '../engine';
import { toRange } from './diagnostics';
import type { Snapshot } from './document-state';

export function hoverAt(snap: Snapshot, position: Position): Hover | null {
  const findings = snap.result?.findings;
  if (!findings || findings.length === 0) return null;
  const offset = snap.lines.offsetAt(position);
  const hits = findings.filter((f) => f.start <= offset && offset <= f.end);
  if (hits.length === 0) return null;
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const f of hits) {
    const k = `${f.ruleId}\u0000${f.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    parts.push(describeFinding(f));
  }
  // The narrowest finding gives the range, so the highlight matches what the user pointed at.
  const narrow = hits.reduce((a, b) => (b.end - b.start < a.end - a.start ? b : a));
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') },
    range: toRange(snap.lines, narrow.start, narrow.end),
  };
}

export function describeFinding(f: Finding): string {
  const meta = ruleById(f.ruleId)?.meta;
  const lines = [`**${escapeMarkdown(meta?.title ?? f.ruleId)}** \`${f.ruleId}\` (${f.severity})`, '', escapeMarkdown(f.message)];
  if (meta) {
    lines.push('', `**Why it matters:** ${meta.why}`, '', `**How to fix it:** ${meta.how}`);
  }
  lines.push('', `[Rule documentation](${ruleDocUrl(f.ruleId)})`);
  return lines.join('\n');
}

/** Messages quote YAML (`*`, `_`, `[`...) that Markdown would otherwise format. */
function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}
