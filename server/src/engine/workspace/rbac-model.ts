// RBAC as written: the policy rules of a Role or ClusterRole with the node of every value (for
// single-object rules and their fixes), and the matching semantics of the Kubernetes RBAC
// authorizer (wildcards, `*/subresource`), shared by the rules and the effective-permission walk.
import type { FixBuilder } from '../fix';
import type { Resource } from '../k8s/resource';
import { get, getMap, getPair, getSeq, getString, isFlow, isMap, isScalar, scalarValue, seqItems, type YAMLMap, type YAMLSeq, type YNode } from '../parse';
import type { Edit } from '../types';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const ROLE_KINDS = ['Role', 'ClusterRole'];
export const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'];
export const RBAC_KINDS = [...ROLE_KINDS, ...BINDING_KINDS];

export interface RbacValue {
  value: string;
  node: YNode;
}

export interface PolicyRuleNode {
  node: YAMLMap;
  index: number;
  apiGroups: RbacValue[];
  resources: RbacValue[];
  verbs: RbacValue[];
  resourceNames: RbacValue[];
  nonResourceURLs: RbacValue[];
}

/** Role or ClusterRole of rbac.authorization.k8s.io (any served version). */
export function isRole(resource: { kind: string; group: string }): boolean {
  return ROLE_KINDS.includes(resource.kind) && resource.group === RBAC_GROUP;
}

export function isBinding(resource: { kind: string; group: string }): boolean {
  return BINDING_KINDS.includes(resource.kind) && resource.group === RBAC_GROUP;
}

function values(seq: unknown): RbacValue[] {
  const out: RbacValue[] = [];
  for (const item of seqItems(seq)) {
    const v = scalarValue(item);
    if (typeof v === 'string') out.push({ value: v, node: item });
  }
  return out;
}

/** The `rules` of a Role or ClusterRole. */
export function policyRulesOf(resource: Resource): PolicyRuleNode[] {
  if (!isRole(resource)) return [];
  const out: PolicyRuleNode[] = [];
  seqItems(get(resource.node, 'rules')).forEach((item, index) => {
    if (!isMap(item)) return;
    out.push({
      node: item,
      index,
      apiGroups: values(get(item, 'apiGroups')),
      resources: values(get(item, 'resources')),
      verbs: values(get(item, 'verbs')),
      resourceNames: values(get(item, 'resourceNames')),
      nonResourceURLs: values(get(item, 'nonResourceURLs')),
    });
  });
  return out;
}

/** True when `ruleResource` (as written in a rule) covers `resource` (`pods` or `pods/exec`). */
export function resourceMatches(ruleResource: string, resource: string): boolean {
  if (ruleResource === '*' || ruleResource === resource) return true;
  const slash = resource.indexOf('/');
  if (slash === -1) return false;
  const sub = resource.slice(slash + 1);
  return ruleResource === `*/${sub}`;
}

export function groupMatches(ruleGroups: readonly string[], group: string): boolean {
  return ruleGroups.includes('*') || ruleGroups.includes(group);
}

export function verbMatches(ruleVerbs: readonly string[], verb: string): boolean {
  return ruleVerbs.includes('*') || ruleVerbs.includes(verb);
}

export interface ExplicitGrant {
  rule: PolicyRuleNode;
  /** The resource value as written (never `*`: wildcards belong to rbac-wildcard). */
  resource: RbacValue;
  /** The verbs of the rule that grant the asked verbs; `*` when the rule has a verb wildcard. */
  verbs: string[];
  /** Nodes of those verbs. */
  verbNodes: YNode[];
}

/**
 * Rules that name one of `resources` explicitly, in one of `groups` (or `*`), with one of `verbs`
 * (or `*`). Resource wildcards are left to rbac-wildcard so one `*` does not raise ten findings.
 */
export function explicitGrants(rules: readonly PolicyRuleNode[], groups: readonly string[], resources: readonly string[], verbs: readonly string[]): ExplicitGrant[] {
  const out: ExplicitGrant[] = [];
  for (const rule of rules) {
    const ruleGroups = rule.apiGroups.map((g) => g.value);
    if (!groups.some((g) => groupMatches(ruleGroups, g))) continue;
    const matchedVerbs = rule.verbs.filter((v) => v.value === '*' || verbs.includes(v.value));
    if (matchedVerbs.length === 0) continue;
    for (const r of rule.resources) {
      if (r.value === '*' || r.value.startsWith('*/')) continue;
      if (!resources.includes(r.value)) continue;
      out.push({ rule, resource: r, verbs: matchedVerbs.map((v) => v.value), verbNodes: matchedVerbs.map((v) => v.node) });
    }
  }
  return out;
}

/** "get, list and watch" */
export function joinWords(words: readonly string[], conj = 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conj} ${words[words.length - 1]}`;
}

/** How a grant's verbs read in a message: "every verb (`*`)" or "get and list". */
export function describeVerbs(verbs: readonly string[]): string {
  if (verbs.includes('*')) return 'every verb (`*`)';
  return joinWords([...new Set(verbs)]);
}

/** Who a Role's rules reach, for messages. */
export function describeRole(resource: Resource): string {
  const name = resource.name ? ` "${resource.name}"` : '';
  if (resource.kind === 'ClusterRole') return `ClusterRole${name}`;
  return `Role${name}${resource.namespace ? ` (namespace ${resource.namespace})` : ''}`;
}

/** Where a role's grants apply: a Role is one namespace; a ClusterRole is every namespace once bound cluster-wide. */
export function scopeOf(resource: Resource): string {
  if (resource.kind === 'ClusterRole') return 'in every namespace when bound by a ClusterRoleBinding';
  return resource.namespace ? `in namespace ${resource.namespace}` : 'in its namespace';
}

// --- Bindings --------------------------------------------------------------------------------

export interface RoleRefNode {
  node: YAMLMap;
  kind?: string;
  name?: string;
  nameNode?: YNode;
  kindNode?: YNode;
}

export interface SubjectNode {
  node: YAMLMap;
  index: number;
  seq: YAMLSeq;
  kind?: string;
  name?: string;
  namespace?: string;
  nameNode?: YNode;
}

export function roleRefOf(resource: Resource): RoleRefNode | undefined {
  if (!isBinding(resource)) return undefined;
  const ref = getMap(resource.node, 'roleRef');
  if (!ref) return undefined;
  return {
    node: ref,
    kind: getString(ref, 'kind'),
    name: getString(ref, 'name'),
    nameNode: (get(ref, 'name') ?? undefined) as YNode | undefined,
    kindNode: (get(ref, 'kind') ?? undefined) as YNode | undefined,
  };
}

export function subjectsOf(resource: Resource): SubjectNode[] {
  if (!isBinding(resource)) return [];
  const seq = getSeq(resource.node, 'subjects');
  if (!seq) return [];
  const out: SubjectNode[] = [];
  seq.items.forEach((item, index) => {
    if (!isMap(item)) return;
    out.push({
      node: item,
      index,
      seq,
      kind: getString(item, 'kind'),
      name: getString(item, 'name'),
      namespace: getString(item, 'namespace'),
      nameNode: (get(item, 'name') ?? undefined) as YNode | undefined,
    });
  });
  return out;
}

export function describeSubject(s: { kind?: string; name?: string; namespace?: string }): string {
  if (s.kind === 'ServiceAccount') return `ServiceAccount ${s.namespace ? `${s.namespace}/` : ''}${s.name ?? '?'}`;
  return `${s.kind ?? 'subject'} ${s.name ?? '?'}`;
}

// --- Fixes -----------------------------------------------------------------------------------

/**
 * Replaces one `*` of a `verbs` sequence with `verbs` in place: in a flow sequence the item becomes
 * `get, list, watch`; in a block sequence it becomes `get` and the others follow on their own lines
 * at the same indentation. Verbs already present are not repeated. The `*`'s quoting is kept.
 */
export function replaceVerbWildcard(fix: FixBuilder, rule: PolicyRuleNode, star: RbacValue, replacement: readonly string[]): Edit {
  const present = new Set(rule.verbs.filter((v) => v !== star).map((v) => v.value));
  const add = replacement.filter((v) => !present.has(v));
  const seqPair = getPair(rule.node, 'verbs');
  const seq = seqPair?.value as YAMLSeq;
  const quote = quoteOf(fix.text, star.node);
  const fmt = (v: string) => `${quote}${v}${quote}`;
  if (add.length === 0) return fix.removeSeqItem(seq, seq.items.indexOf(star.node as never));
  if (isFlow(seq)) return fix.replace(star.node, add.map(fmt).join(', '));
  const text = fix.text;
  const [s] = star.node.range!;
  const dash = text.lastIndexOf('-', s);
  const lineStart = text.lastIndexOf('\n', dash) + 1;
  const pad = text.slice(lineStart, dash);
  const nl = fix.style.newline;
  const first = fix.replace(star.node, fmt(add[0]));
  let lineEnd = first.end;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  const rest = add.slice(1).map((v) => `${nl}${pad}- ${fmt(v)}`).join('');
  // One edit from the star to the end of its line keeps a trailing comment after the first verb.
  const between = text.slice(first.end, lineEnd);
  return { start: first.start, end: lineEnd, text: `${first.text}${between}${rest}` };
}

function quoteOf(text: string, node: YNode): string {
  if (!isScalar(node) || !node.range) return '';
  const c = text[node.range[0]];
  return c === '"' || c === "'" ? c : '';
}
