// The fixes that add NetworkPolicies to a file: a default-deny policy for a namespace, alone or with
// a policy that allows DNS egress (without which default-deny egress breaks name resolution).
import type { Fix } from '../types';
import type { GraphRuleContext } from './graph-rule';
import { allowDnsPolicyYaml, defaultDenyPolicyYaml, type Direction } from './netpol-model';

function freeName(ctx: GraphRuleContext, base: string, ns: string | undefined): string {
  let name = base;
  for (let i = 2; ctx.graph.named('NetworkPolicy', name, ns ?? '').some((p) => p.ns === (ns ?? '')); i++) name = `${base}-${i}`;
  return name;
}

/** "namespace production" or "the namespace (set when applied)" */
export function describeNamespace(ns: string | undefined): string {
  return ns ? `namespace ${ns}` : 'the namespace these objects are applied to';
}

export function defaultDenyFixes(ctx: GraphRuleContext, namespace: string | undefined, directions: readonly Direction[] = ['ingress', 'egress']): Fix[] {
  const deny = defaultDenyPolicyYaml(namespace, directions, freeName(ctx, directions.length === 2 ? 'default-deny-all' : `default-deny-${directions[0]}`, namespace));
  const where = describeNamespace(namespace);
  const fixes: Fix[] = [
    {
      title: `Append a default-deny NetworkPolicy (${directions.join(' and ')}) for ${where}`,
      edits: [ctx.appendDocumentToFile(deny)],
      safety: 'suggestion',
      preferred: true,
    },
  ];
  if (directions.includes('egress')) {
    const dns = allowDnsPolicyYaml(namespace, freeName(ctx, 'allow-dns-egress', namespace));
    fixes.push({
      title: `Append a default-deny NetworkPolicy and one that allows DNS egress for ${where}`,
      edits: [ctx.appendDocumentToFile(`${deny}\n---\n${dns}`)],
      safety: 'suggestion',
    });
  }
  return fixes;
}
