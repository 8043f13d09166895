// A template for the RBAC rules of the form "a Role or ClusterRole grants verb V on resource R":
// each such rule is its targets, its message and its metadata. Findings point at the resource value
// that grants the access; resource wildcards are left to rbac-wildcard.
import { defineRule, type Rule, type RuleContext } from '../rule';
import type { RuleMeta } from '../types';
import { describeRole, explicitGrants, policyRulesOf, scopeOf, type ExplicitGrant } from './rbac-model';

export interface GrantTarget {
  /** API groups the resources live in ('' is the core group). */
  groups: string[];
  resources: string[];
  verbs: string[];
}

export interface GrantRuleDefinition {
  id: string;
  meta: RuleMeta;
  targets: GrantTarget[];
  /** Cluster-scoped resources: a Role (namespaced) cannot grant them, so only ClusterRoles are checked. */
  clusterScoped?: boolean;
  /** The message for one grant; `who` is `Role "x" (namespace y)` and `where` its scope. */
  message(grant: ExplicitGrant, who: string, where: string): string;
  /** Optional lower severity for a grant (for example when resourceNames limit it). */
  severity?(grant: ExplicitGrant): 'info' | undefined;
}

export function defineGrantRule(def: GrantRuleDefinition): Rule {
  return defineRule({
    id: def.id,
    meta: def.meta,
    check(ctx: RuleContext) {
      if (def.clusterScoped && ctx.resource.kind !== 'ClusterRole') return;
      const rules = policyRulesOf(ctx.resource);
      if (rules.length === 0) return;
      const who = describeRole(ctx.resource);
      const where = scopeOf(ctx.resource);
      const seen = new Set<unknown>();
      for (const t of def.targets) {
        for (const g of explicitGrants(rules, t.groups, t.resources, t.verbs)) {
          if (seen.has(g.resource.node)) continue;
          seen.add(g.resource.node);
          ctx.report({ node: g.resource.node, message: def.message(g, who, where), severity: def.severity?.(g) });
        }
      }
    },
  });
}
