// Label selectors as Kubernetes evaluates them: matchLabels and matchExpressions (In, NotIn, Exists,
// DoesNotExist). Parsed from the YAML tree into plain data, so they can live in the workspace index
// after the tree is gone.
import { get, getMap, getString, isMap, mapPairs, scalarValue, seqItems, type YNode } from '../parse';

export type Labels = Readonly<Record<string, string>>;

export interface SelectorExpression {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** A parsed LabelSelector. An empty selector (no labels, no expressions) selects everything. */
export interface Selector {
  matchLabels: Record<string, string>;
  matchExpressions: SelectorExpression[];
}

export const EMPTY_SELECTOR: Selector = Object.freeze({ matchLabels: {}, matchExpressions: [] }) as Selector;

export function isEmptySelector(s: Selector): boolean {
  return Object.keys(s.matchLabels).length === 0 && s.matchExpressions.length === 0;
}

/** String-valued pairs of a map node (`labels`, a Service's `selector`, `matchLabels`). */
export function stringMap(node: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of mapPairs(node)) {
    const k = scalarValue(p.key);
    const v = scalarValue(p.value);
    if (typeof k !== 'string') continue;
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

/**
 * Parses a LabelSelector node (`podSelector`, `namespaceSelector`, a workload's `selector`).
 * Returns undefined when the node is not a map (absent or malformed: the caller decides what that
 * means) and EMPTY_SELECTOR for `{}` and for a map without labels or expressions.
 */
export function parseSelector(node: YNode | null | undefined): Selector | undefined {
  if (!isMap(node)) return undefined;
  const matchLabels = stringMap(getMap(node, 'matchLabels'));
  const matchExpressions: SelectorExpression[] = [];
  for (const item of seqItems(get(node, 'matchExpressions'))) {
    const key = getString(item, 'key');
    const operator = getString(item, 'operator');
    if (!key || (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist')) continue;
    const values = seqItems(get(item, 'values'))
      .map((v) => scalarValue(v))
      .filter((v) => v !== undefined && v !== null)
      .map(String);
    matchExpressions.push({ key, operator, values });
  }
  return { matchLabels, matchExpressions };
}

export function matchesSelector(selector: Selector, labels: Labels): boolean {
  for (const k in selector.matchLabels) if (labels[k] !== selector.matchLabels[k]) return false;
  for (const e of selector.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In':
        if (!has || !e.values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && e.values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** A Service-style selector (a plain map): every pair must match. An empty map matches nothing. */
export function matchesMap(selector: Labels, labels: Labels): boolean {
  const keys = Object.keys(selector);
  if (keys.length === 0) return false;
  return keys.every((k) => labels[k] === selector[k]);
}

/** `app=web, tier in (a, b)`, for messages. */
export function describeSelector(s: Selector): string {
  if (isEmptySelector(s)) return '{} (everything)';
  const parts = Object.entries(s.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${e.values.join(', ')})`);
  }
  return parts.join(', ');
}

export function describeLabels(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(', ') : '(none)';
}
