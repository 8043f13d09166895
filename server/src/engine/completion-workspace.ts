// Completion from the workspace graph: the labels that pods and namespaces carry, for
// NetworkPolicy and Istio selectors, and the names of ServiceAccounts and roles. Split from
// completions.ts, which decides the context and calls these.
import { formatScalar } from './parse';
import type { CompletionCandidate } from './completions';
import type { ObjectFacts } from './workspace/facts';
import type { WorkspaceGraph } from './workspace/graph';
import { mapAt, samePath, type CursorContext, type PathSegment } from './yaml-path';
import { escapeSnippetText } from './snippets';

export interface SelectorSite {
  /** Namespace labels (namespaceSelector) or pod labels. */
  target: 'pods' | 'namespaces';
  /** The path of the map that holds the labels (matchLabels), and whether it is written yet. */
  labelsPath: PathSegment[];
  atSelector: boolean;
  /** Pods of which namespace: undefined for any. */
  namespace?: string;
  /** Why the labels are offered, for the item detail. */
  what: string;
}

const PEER_LISTS: Record<string, string> = { ingress: 'from', egress: 'to' };

/** Whether the mapping at `path` is a label selector of a NetworkPolicy or an Istio policy (or its matchLabels). */
export function selectorAt(ctx: CursorContext, path: readonly PathSegment[]): SelectorSite | undefined {
  const doc = ctx.document;
  const n = path.length;
  const inLabels = path[n - 1] === 'matchLabels' || path[n - 1] === 'labels';
  const selPath = inLabels ? path.slice(0, -1) : path;
  const sel = selPath[selPath.length - 1];
  const ns = doc.namespace;
  if (doc.kind === 'NetworkPolicy' && (path[n - 1] === 'matchLabels' || !inLabels)) {
    if (samePath(selPath, ['spec', 'podSelector'])) {
      return { target: 'pods', labelsPath: [...selPath, 'matchLabels'], atSelector: !inLabels, namespace: ns, what: 'pods the policy applies to' };
    }
    // spec.ingress[i].from[j].podSelector / namespaceSelector (and egress ... to).
    const m = selPath.length === 6 && selPath[0] === 'spec' && typeof selPath[2] === 'number' && PEER_LISTS[selPath[1] as string] === selPath[3] && typeof selPath[4] === 'number';
    if (m && (sel === 'podSelector' || sel === 'namespaceSelector')) {
      const peer = selPath.slice(0, 5);
      if (sel === 'namespaceSelector') return { target: 'namespaces', labelsPath: [...selPath, 'matchLabels'], atSelector: !inLabels, what: 'namespaces' };
      // A podSelector next to a namespaceSelector picks pods in the namespaces that one selects.
      const withNs = mapAt(doc, peer).has('namespaceSelector');
      return { target: 'pods', labelsPath: [...selPath, 'matchLabels'], atSelector: !inLabels, namespace: withNs ? undefined : ns, what: withNs ? 'pods' : 'pods of the namespace' };
    }
    return undefined;
  }
  if (doc.apiVersion && /\.istio\.io\//.test(doc.apiVersion)) {
    if (path[n - 1] === 'matchLabels' && samePath(selPath, ['spec', 'selector'])) return { target: 'pods', labelsPath: [...path], atSelector: false, namespace: ns, what: 'workloads the policy applies to' };
    if (path[n - 1] === 'labels' && samePath(selPath, ['spec', 'workloadSelector'])) return { target: 'pods', labelsPath: [...path], atSelector: false, namespace: ns, what: 'workloads' };
  }
  return undefined;
}

interface LabelInfo {
  key: string;
  value: string;
  carriers: string[];
}

function labelsFor(site: SelectorSite, graph: WorkspaceGraph): LabelInfo[] {
  const found = new Map<string, LabelInfo>();
  const add = (labels: Record<string, string>, carrier: string): void => {
    for (const [key, value] of Object.entries(labels)) {
      const id = `${key}\u0000${value}`;
      let info = found.get(id);
      if (!info) found.set(id, (info = { key, value, carriers: [] }));
      if (!info.carriers.includes(carrier)) info.carriers.push(carrier);
    }
  };
  if (site.target === 'pods') {
    for (const w of graph.workloads(site.namespace ?? '')) {
      if (site.namespace && w.ns && w.ns !== site.namespace) continue;
      add(w.pod!.labels, describe(w));
    }
  } else {
    for (const name of graph.namespaces()) add(graph.namespaceLabels(name), `Namespace ${name}`);
  }
  return [...found.values()].sort((a, b) => b.carriers.length - a.carriers.length || a.key.localeCompare(b.key) || a.value.localeCompare(b.value));
}

function describe(o: ObjectFacts): string {
  return `${o.kind} ${o.name ?? '(unnamed)'}${o.ns ? ` (${o.ns})` : ''}`;
}

function carriersText(carriers: string[]): string {
  return carriers.length <= 3 ? carriers.join(', ') : `${carriers.slice(0, 3).join(', ')} and ${carriers.length - 3} more`;
}

export function labelKeys(ctx: CursorContext, site: SelectorSite, graph: WorkspaceGraph): CompletionCandidate[] {
  if (site.atSelector && mapAt(ctx.document, ctx.path).has('matchLabels')) return [];
  const present = site.atSelector ? new Map<string, string>() : mapAt(ctx.document, site.labelsPath);
  const out: CompletionCandidate[] = [];
  labelsFor(site, graph).forEach((l, i) => {
    if (present.has(l.key)) return;
    const pair = `${formatKey(l.key)}: ${formatScalar(l.value)}`;
    const text = site.atSelector ? `matchLabels:\n${' '.repeat(ctx.column + 2)}${pair}` : pair;
    out.push({
      label: `${l.key}: ${l.value}`,
      kind: 'label',
      detail: `${site.what}: ${carriersText(l.carriers)}`,
      documentation: `Carried by ${site.target === 'pods' ? 'the pods of ' : ''}${carriersText(l.carriers)} in the workspace.`,
      snippet: escapeSnippetText(text),
      text,
      start: ctx.replaceStart,
      end: ctx.replaceEnd,
      filterText: site.atSelector ? `matchLabels ${l.key}` : l.key,
      sortText: `2-${String(i).padStart(4, '0')}`,
    });
  });
  return out;
}

function formatKey(key: string): string {
  return /^[A-Za-z0-9][\w./-]*$/.test(key) ? key : JSON.stringify(key);
}

function nameItems(ctx: CursorContext, objects: readonly ObjectFacts[], detail: (o: ObjectFacts) => string): CompletionCandidate[] {
  const seen = new Set<string>();
  const out: CompletionCandidate[] = [];
  for (const o of [...objects].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))) {
    if (!o.name) continue;
    const id = `${o.kind}\u0000${o.name}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const text = formatScalar(o.name);
    out.push({
      label: o.name,
      kind: 'reference',
      detail: detail(o),
      documentation: `Defined in ${o.doc.file.replace(/^.*[\\/]/, '')}`,
      snippet: escapeSnippetText(text),
      text,
      start: ctx.replaceStart,
      end: ctx.replaceEnd,
      sortText: `${out.length}`.padStart(4, '0'),
    });
  }
  return out;
}

export function serviceAccounts(ctx: CursorContext, graph: WorkspaceGraph, namespace: string | undefined): CompletionCandidate[] {
  // objects() with a namespace also returns objects whose namespace is left implicit.
  const sas = graph.objects('ServiceAccount', namespace ?? '').filter((o) => !namespace || !o.ns || o.ns === namespace);
  return nameItems(ctx, sas, (o) => `ServiceAccount${o.ns ? ` in ${o.ns}` : ''}`);
}

export function roles(ctx: CursorContext, graph: WorkspaceGraph): CompletionCandidate[] {
  const doc = ctx.document;
  const refKind = mapAt(doc, ['roleRef']).get('kind');
  const kinds = doc.kind === 'ClusterRoleBinding' ? ['ClusterRole'] : refKind === 'Role' || refKind === 'ClusterRole' ? [refKind] : ['Role', 'ClusterRole'];
  const ns = doc.namespace;
  const objects = graph.objects(kinds, ns ?? '').filter((o) => o.kind === 'ClusterRole' || !ns || !o.ns || o.ns === ns);
  return nameItems(ctx, objects, (o) => `${o.kind}${o.ns ? ` in ${o.ns}` : ''}`);
}

export function labelValues(ctx: CursorContext, site: SelectorSite, graph: WorkspaceGraph, key: string): CompletionCandidate[] {
  return labelsFor(site, graph)
    .filter((l) => l.key === key)
    .map((l, i) => {
      const text = formatScalar(l.value);
      return {
        label: l.value,
        kind: 'label' as const,
        detail: `${site.what}: ${carriersText(l.carriers)}`,
        snippet: escapeSnippetText(text),
        text,
        start: ctx.replaceStart,
        end: ctx.replaceEnd,
        sortText: String(i).padStart(4, '0'),
      };
    });
}
