// What to offer at the cursor, decided from the YAML path (yaml-path.ts), the bundled schemas
// index and the workspace graph. Pure: the LSP adapter (lsp/completion.ts) turns candidates into
// CompletionItems. Every candidate carries its text twice: in snippet syntax (tab stops on the
// values a user may want to change) and as plain text for clients without snippet support.
//
// Contexts:
//   - a new document (empty file, or nothing before the cursor since `---`): the snippet templates
//   - inside securityContext (pod or container level, from the path): the hardened fields missing
//   - `kind:` / `apiVersion:` at the root: kinds and the apiVersions serving the kind written
//   - NetworkPolicy podSelector/namespaceSelector (and Istio selectors): labels the workspace's
//     pods and namespaces carry
//   - serviceAccountName, a binding's ServiceAccount subject: ServiceAccounts of the namespace
//   - roleRef.name / roleRef.kind of a binding: the Roles and ClusterRoles defined
import { labelKeys, labelValues, roles, selectorAt, serviceAccounts } from './completion-workspace';
import { bundledKinds } from './schema/registry';
import { escapeSnippetText, expandSnippet, SNIPPETS } from './snippets';
import type { WorkspaceGraph } from './workspace/graph';
import { cursorContext, mapAt, samePath, type CursorContext, type PathSegment } from './yaml-path';

export type CandidateKind = 'template' | 'field' | 'value' | 'kind' | 'apiVersion' | 'label' | 'reference';

export interface CompletionCandidate {
  label: string;
  kind: CandidateKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** The text to insert, in snippet syntax; lines after the first carry their full indentation. */
  snippet: string;
  /** The same text as inserted with the defaults, for clients without snippet support. */
  text: string;
  /** The range replaced (offsets in the text). */
  start: number;
  end: number;
  filterText?: string;
  sortText?: string;
  preselect?: boolean;
}

export interface CompletionSources {
  /** The workspace graph, for labels and names; without it those contexts offer nothing. */
  graph?: WorkspaceGraph;
}

export function completionsAt(text: string, offset: number, sources: CompletionSources = {}): CompletionCandidate[] {
  const ctx = cursorContext(text, offset);
  if (!ctx) return [];
  return ctx.position === 'key' ? keyCompletions(ctx, sources) : valueCompletions(ctx, sources, text);
}

// --- Keys --------------------------------------------------------------------------------------

function keyCompletions(ctx: CursorContext, sources: CompletionSources): CompletionCandidate[] {
  // A key completion writes whole lines: not in the middle of one.
  if (ctx.tail.trim() !== '') return [];
  if (isDocumentStart(ctx)) return templates(ctx);
  const last = ctx.path[ctx.path.length - 1];
  if (last === 'securityContext') {
    const level = securityContextLevel(ctx.path, ctx.document.kind);
    return level ? securityContextFields(ctx, level) : [];
  }
  const sel = selectorAt(ctx, ctx.path);
  if (sel && sources.graph) return labelKeys(ctx, sel, sources.graph);
  return [];
}

/** At column 0 of a document that has nothing before the cursor: where a new object can start. */
function isDocumentStart(ctx: CursorContext): boolean {
  return ctx.path.length === 0 && ctx.column === 0 && ctx.dashes === 0 && !ctx.document.contentBefore && /^[\w-]*$/.test(ctx.prefix);
}

function templates(ctx: CursorContext): CompletionCandidate[] {
  return SNIPPETS.map((s) => {
    // With content after the cursor in the same document, the template ends the document there.
    const body = s.body.replace(/\n\$0$/, '');
    const snippet = ctx.document.contentAfter ? `${body}\n---` : `${body}\n$0`;
    const text = expandSnippet(snippet);
    return {
      label: s.prefix,
      kind: 'template',
      detail: s.name,
      documentation: `${s.description}\n\n\`\`\`yaml\n${expandSnippet(s.body)}\`\`\``,
      snippet,
      text,
      start: ctx.replaceStart,
      end: ctx.replaceEnd,
      filterText: s.prefix,
      sortText: `0-${s.prefix}`,
    };
  });
}

type SecurityLevel = 'pod' | 'container';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** Whether a path ends at a pod spec: `spec` of a Pod, or `template.spec` of anything with a pod template. */
function isPodSpecPath(path: readonly PathSegment[], kind: string | undefined): boolean {
  const n = path.length;
  if (n === 0 || path[n - 1] !== 'spec') return false;
  return n === 1 ? kind === undefined || kind === 'Pod' : path[n - 2] === 'template';
}

/** Pod-level or container-level, from where `securityContext` sits. */
export function securityContextLevel(path: readonly PathSegment[], kind: string | undefined): SecurityLevel | undefined {
  const n = path.length;
  if (n < 2 || path[n - 1] !== 'securityContext') return undefined;
  if (typeof path[n - 2] === 'number' && n >= 3 && CONTAINER_LISTS.has(path[n - 3] as string)) return 'container';
  if (isPodSpecPath(path.slice(0, -1), kind)) return 'pod';
  return undefined;
}

interface HardenedField {
  key: string;
  /** The value on the key's line (snippet syntax), or nested lines (relative, two spaces a level). */
  value?: string;
  block?: string[];
  why: string;
}

const RUN_AS_NON_ROOT: HardenedField = { key: 'runAsNonRoot', value: 'true', why: 'The kubelet refuses to start a container whose user is root (Pod Security restricted).' };
const RUN_AS_USER: HardenedField = { key: 'runAsUser', value: '${1:10001}', why: 'A fixed non-root UID of 10000 or more, which no user of the node owns files as.' };
const RUN_AS_GROUP: HardenedField = { key: 'runAsGroup', value: '${1:10001}', why: 'A fixed non-root GID, instead of the image\'s (often root\'s group 0).' };
const SECCOMP: HardenedField = { key: 'seccompProfile', block: ['type: RuntimeDefault'], why: 'The container runtime\'s default seccomp filter blocks dangerous system calls (Pod Security restricted).' };

const POD_FIELDS: readonly HardenedField[] = [
  RUN_AS_NON_ROOT,
  RUN_AS_USER,
  RUN_AS_GROUP,
  { key: 'fsGroup', value: '${1:10001}', why: 'Volumes are made writable by this non-root group instead of root.' },
  SECCOMP,
];

const CONTAINER_FIELDS: readonly HardenedField[] = [
  { key: 'allowPrivilegeEscalation', value: 'false', why: 'No process can gain more privileges than its parent (setuid binaries, no_new_privs; Pod Security restricted).' },
  { key: 'readOnlyRootFilesystem', value: 'true', why: 'The container cannot modify its image: mount an emptyDir where it must write.' },
  RUN_AS_NON_ROOT,
  { key: 'capabilities', block: ['drop:', '  - ALL'], why: 'Drops every Linux capability (Pod Security restricted); add back only NET_BIND_SERVICE if needed.' },
  SECCOMP,
  { key: 'privileged', value: 'false', why: 'States that the container does not run privileged (the default).' },
  RUN_AS_USER,
  RUN_AS_GROUP,
];

/** The field as lines at `column`; its placeholder, if any, becomes tab stop `tabStop`. */
function fieldText(f: HardenedField, column: number, tabStop: number): string {
  if (f.block) return `${f.key}:${f.block.map((l) => `\n${' '.repeat(column + 2)}${l}`).join('')}`;
  return `${f.key}: ${f.value!.replace('${1:', `\${${tabStop}:`)}`;
}

function securityContextFields(ctx: CursorContext, level: SecurityLevel): CompletionCandidate[] {
  const present = mapAt(ctx.document, ctx.path);
  const missing = (level === 'pod' ? POD_FIELDS : CONTAINER_FIELDS).filter((f) => !present.has(f.key));
  const where = level === 'pod' ? 'pod securityContext' : 'container securityContext';
  const out: CompletionCandidate[] = missing.map((f, i) => {
    const snippet = fieldText(f, ctx.column, 1);
    return {
      label: f.block ? `${f.key}: ${f.block.map((l) => l.trim()).join(' ')}` : `${f.key}: ${expandSnippet(f.value!)}`,
      kind: 'field',
      detail: `hardened ${where}`,
      documentation: f.why,
      snippet,
      text: expandSnippet(snippet),
      start: ctx.replaceStart,
      end: ctx.replaceEnd,
      filterText: f.key,
      sortText: `1-${String(i).padStart(2, '0')}`,
    };
  });
  if (missing.length > 1) {
    let stop = 0;
    const lines = missing.map((f) => fieldText(f, ctx.column, f.value?.includes('${1:') ? ++stop : stop));
    const snippet = `${lines.join(`\n${' '.repeat(ctx.column)}`)}$0`;
    out.unshift({
      label: `hardened ${where} (${missing.length} fields)`,
      kind: 'field',
      detail: missing.map((f) => f.key).join(', '),
      documentation: `Adds the missing hardened fields of a ${where}:\n\n${missing.map((f) => `- \`${f.key}\`: ${f.why}`).join('\n')}`,
      snippet,
      text: expandSnippet(snippet),
      start: ctx.replaceStart,
      end: ctx.replaceEnd,
      // Matches whatever part of a missing key is typed.
      filterText: missing.map((f) => f.key).join(' '),
      sortText: '0',
      preselect: true,
    });
  }
  return out;
}

// --- Values ------------------------------------------------------------------------------------

function valueCompletions(ctx: CursorContext, sources: CompletionSources, text: string): CompletionCandidate[] {
  const items = valuesFor(ctx, sources);
  // `kind:` with the cursor right after the colon: YAML needs a space before the value.
  if (text[ctx.replaceStart - 1] === ':') {
    for (const c of items) {
      c.snippet = ` ${c.snippet}`;
      c.text = ` ${c.text}`;
      c.filterText ??= ` ${c.label}`;
    }
  }
  return items;
}

function valuesFor(ctx: CursorContext, sources: CompletionSources): CompletionCandidate[] {
  const key = ctx.key!;
  const path = ctx.path;
  const doc = ctx.document;
  if (path.length === 0 && key === 'kind') return kindValues(ctx);
  if (path.length === 0 && key === 'apiVersion') return apiVersionValues(ctx);
  const last = path[path.length - 1];
  if (last === 'securityContext' && securityContextLevel(path, doc.kind)) return safeValues(ctx, SAFE_VALUES[key]);
  if (key === 'type' && last === 'seccompProfile') return safeValues(ctx, ['RuntimeDefault', 'Localhost']);
  const isBinding = doc.kind === 'RoleBinding' || doc.kind === 'ClusterRoleBinding';
  if (isBinding && samePath(path, ['roleRef']) && key === 'kind') return safeValues(ctx, doc.kind === 'ClusterRoleBinding' ? ['ClusterRole'] : ['Role', 'ClusterRole']);
  const graph = sources.graph;
  if (!graph) return [];
  if (key === 'serviceAccountName' && isPodSpecPath(path, doc.kind)) return serviceAccounts(ctx, graph, doc.namespace);
  if (isBinding && samePath(path, ['roleRef']) && key === 'name') return roles(ctx, graph);
  if (isBinding && path.length === 2 && path[0] === 'subjects' && key === 'name') {
    const subject = mapAt(doc, path);
    if (subject.get('kind') === 'ServiceAccount') return serviceAccounts(ctx, graph, subject.get('namespace') || doc.namespace);
  }
  if (last === 'matchLabels' || last === 'labels') {
    const site = selectorAt(ctx, path);
    if (site && !site.atSelector) return labelValues(ctx, site, graph, key);
  }
  return [];
}

const SAFE_VALUES: Record<string, string[] | undefined> = {
  runAsNonRoot: ['true'],
  allowPrivilegeEscalation: ['false'],
  readOnlyRootFilesystem: ['true'],
  privileged: ['false'],
};

function safeValues(ctx: CursorContext, values: readonly string[] | undefined): CompletionCandidate[] {
  return (values ?? []).map((v, i) => ({
    label: v,
    kind: 'value' as const,
    snippet: escapeSnippetText(v),
    text: v,
    start: ctx.replaceStart,
    end: ctx.replaceEnd,
    sortText: String(i),
    preselect: i === 0,
  }));
}

interface KindIndex {
  kinds: Map<string, string[]>;
  apiVersions: string[];
}

let kindIndex: KindIndex | undefined;

/** Kinds and their apiVersions from the bundled schemas, each kind's versions most preferred first. */
function kindsIndex(): KindIndex {
  if (kindIndex) return kindIndex;
  const kinds = new Map<string, string[]>();
  for (const key of bundledKinds()) {
    const cut = key.lastIndexOf('/');
    const apiVersion = key.slice(0, cut);
    const kind = key.slice(cut + 1);
    const list = kinds.get(kind) ?? [];
    list.push(apiVersion);
    kinds.set(kind, list);
  }
  for (const list of kinds.values()) list.sort(compareApiVersions);
  const apiVersions = [...new Set([...kinds.values()].flat())].sort(compareApiVersions);
  kindIndex = { kinds, apiVersions };
  return kindIndex;
}

/** Stable before beta before alpha, higher versions first, then the core group, then by name. */
export function compareApiVersions(a: string, b: string): number {
  const rank = (v: string): number[] => {
    const version = v.slice(v.lastIndexOf('/') + 1);
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
    if (!m) return [3, 0, 0];
    const stage = m[2] === 'alpha' ? 2 : m[2] === 'beta' ? 1 : 0;
    return [stage, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
  const ca = a.includes('/') ? 1 : 0;
  const cb = b.includes('/') ? 1 : 0;
  return ca - cb || a.localeCompare(b);
}

function kindValues(ctx: CursorContext): CompletionCandidate[] {
  const { kinds } = kindsIndex();
  const written = ctx.document.apiVersion;
  return [...kinds.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, versions]) => {
      const served = written !== undefined && versions.includes(written);
      return {
        label: kind,
        kind: 'kind' as const,
        detail: versions.join(', '),
        snippet: kind,
        text: kind,
        start: ctx.replaceStart,
        end: ctx.replaceEnd,
        sortText: `${written === undefined || served ? 0 : 1}-${kind}`,
      };
    });
}

function apiVersionValues(ctx: CursorContext): CompletionCandidate[] {
  const { kinds, apiVersions } = kindsIndex();
  const kind = ctx.document.kind;
  const forKind = kind ? kinds.get(kind) : undefined;
  const list = forKind ?? apiVersions;
  return list.map((v, i) => ({
    label: v,
    kind: 'apiVersion' as const,
    detail: forKind ? `serves ${kind}${i === 0 ? ' (preferred)' : ''}` : undefined,
    snippet: escapeSnippetText(v),
    text: v,
    start: ctx.replaceStart,
    end: ctx.replaceEnd,
    sortText: String(i).padStart(4, '0'),
    preselect: !!forKind && i === 0,
  }));
}
