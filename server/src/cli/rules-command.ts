// `kubeward rules`: every rule with its metadata, as a table or as JSON.
import { RULES, ruleDocUrl, type Rule } from '../engine';
import type { RulesArgs } from './args';

export function rulesJson(): object {
  return {
    rules: RULES.map((r: Rule) => ({
      id: r.id,
      title: r.meta.title,
      description: r.meta.description,
      category: r.meta.category,
      severity: r.meta.severity,
      enabledByDefault: r.meta.enabledByDefault !== false,
      kinds: r.meta.kinds,
      fix: r.meta.fix,
      standards: r.meta.standards ?? {},
      peers: r.meta.peers ?? {},
      why: r.meta.why,
      how: r.meta.how,
      docs: ruleDocUrl(r.id),
    })),
  };
}

export function rulesText(): string {
  const rows = RULES.map((r) => {
    const pss = r.meta.standards?.pss;
    return [
      r.id,
      r.meta.severity + (r.meta.enabledByDefault === false ? ' (off)' : ''),
      r.meta.category,
      r.meta.fix,
      pss ? `pss-${pss.level}` : '',
      r.meta.title,
    ];
  });
  const header = ['RULE', 'SEVERITY', 'CATEGORY', 'FIX', 'STANDARD', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line), '', `${RULES.length} rules. Details: kubeward rules --format json, or the pages under docs/rules/.`].join('\n') + '\n';
}

export function runRules(args: RulesArgs, out: (s: string) => void): number {
  out(args.format === 'json' ? JSON.stringify(rulesJson(), null, 2) + '\n' : rulesText());
  return 0;
}
