// Files that are not manifests yet: Helm templates (YAML with Go template actions, `{{ }}`) and
// Kustomize patches (partial objects merged into a base). Linting them as they are gives false
// YAML errors (`{{- if }}` lines) and false findings (a patch lacks what its base has), so their
// documents are skipped and one info notice per file says so and how to lint the rendered output.
// Documents of such a file that hold no template action are still linted as usual.
import { isMap, isPair, isScalar, isSeq, mapPairs, parseChunk, rootMap, scalarValue, seqItems, splitDocuments, type ParsedChunk } from './parse';
import type { ParseError } from './types';

export const HELM_TEMPLATE = 'helm-template';
export const KUSTOMIZE_PATCH = 'kustomize-patch';

export interface TemplatingResult {
  /** Indexes of the documents (chunks) that are not linted. */
  skipped: Set<number>;
  /** At most one notice per kind of file (Helm, Kustomize). */
  notices: ParseError[];
}

export interface TemplatingInput {
  text: string;
  chunks: readonly { offset: number; text: string }[];
  parsed: readonly ParsedChunk[];
  fileName?: string;
  /** The file is listed as a patch in a kustomization (the caller read it; see kustomizationPatchPaths). */
  kustomizePatch?: boolean;
}

/** A path segment `templates`, as in a Helm chart (`mychart/templates/deployment.yaml`). */
const IN_TEMPLATES_DIR = /(^|[\\/])templates[\\/]/;
/** Strategic-merge patch directives; no manifest Kubernetes accepts has them. */
const SMP_DIRECTIVE = /^[ \t]*(?:-[ \t]+)*["']?\$(?:patch|retainKeys|setElementOrder\/|deleteFromPrimitiveList\/)/m;

export function detectTemplating(input: TemplatingInput): TemplatingResult {
  const skipped = new Set<number>();
  const notices: ParseError[] = [];
  if (!input.text.includes('{{') && !input.kustomizePatch && !input.text.includes('$')) return { skipped, notices };
  const inTemplates = input.fileName !== undefined && IN_TEMPLATES_DIR.test(input.fileName);
  let helmAt: [number, number] | undefined;
  let helmCount = 0;
  let patchAt: [number, number] | undefined;
  input.chunks.forEach((chunk, i) => {
    const parsed = input.parsed[i];
    const verdict = verdictOf(parsed, inTemplates);
    const action = verdict.action;
    if (action) {
      skipped.add(i);
      helmCount++;
      helmAt ??= [action[0] + chunk.offset, action[1] + chunk.offset];
      return;
    }
    const directive = verdict.directive;
    if (directive || (input.kustomizePatch && rootMap(parsed.doc))) {
      skipped.add(i);
      const at = directive ? directive.index + directive[0].search(/\S/) : firstContent(chunk.text);
      patchAt ??= lineRange(input.text, at + chunk.offset);
    }
  });
  if (helmAt) {
    const what = helmCount === input.chunks.length ? 'this file is' : `${helmCount} of ${input.chunks.length} documents in this file are`;
    notices.push({
      code: HELM_TEMPLATE,
      severity: 'info',
      start: helmAt[0],
      end: helmAt[1],
      message:
        `Helm template: ${what} not checked, because its Go template actions ({{ }}) make it YAML only once rendered. ` +
        'Lint the rendered chart instead: helm template <chart-dir> | kubeward lint -',
    });
  }
  if (patchAt) {
    notices.push({
      code: KUSTOMIZE_PATCH,
      severity: 'info',
      start: patchAt[0],
      end: patchAt[1],
      message:
        'Kustomize patch: this file holds partial objects that Kustomize merges into its resources, so it is not checked on its own. ' +
        'Lint the built output instead: kustomize build <dir> | kubeward lint -',
    });
  }
  return { skipped, notices };
}

interface Verdict {
  action?: [number, number];
  directive: RegExpExecArray | null;
}

/** Per parsed document (the linter reuses those of unchanged documents), so a keystroke re-checks one. */
const verdicts = new WeakMap<ParsedChunk, { inTemplates: boolean; verdict: Verdict }>();

function verdictOf(parsed: ParsedChunk, inTemplates: boolean): Verdict {
  const hit = verdicts.get(parsed);
  if (hit && hit.inTemplates === inTemplates) return hit.verdict;
  const verdict: Verdict = { action: templateAction(parsed.text, parsed, inTemplates), directive: SMP_DIRECTIVE.exec(parsed.text) };
  verdicts.set(parsed, { inTemplates, verdict });
  return verdict;
}

/**
 * The range of the first Go template action of a chunk that makes it a Helm template: any action
 * in a chart's templates/ folder; elsewhere an action the YAML structure sees (not inside a
 * quoted, plain or block scalar, nor a comment), or any action in a chunk with YAML errors.
 * `description: "{{ $labels.pod }} is down"` in a PrometheusRule is data, and is linted.
 */
function templateAction(text: string, parsed: ParsedChunk, inTemplates: boolean): [number, number] | undefined {
  const actions: [number, number][] = [];
  for (let i = text.indexOf('{{'); i !== -1; i = text.indexOf('{{', i + 2)) {
    const close = text.indexOf('}}', i + 2);
    if (close === -1) break;
    actions.push([i, close + 2]);
  }
  if (actions.length === 0) return undefined;
  if (inTemplates || parsed.errors.some((e) => !e.warning)) return actions[0];
  const scalars = scalarRanges(parsed.doc.contents);
  for (const a of actions) {
    if (inRanges(scalars, a[0])) continue;
    const lineStart = text.lastIndexOf('\n', a[0] - 1) + 1;
    if (/(^|\s)#/.test(text.slice(lineStart, a[0]))) continue; // in a comment
    return a;
  }
  return undefined;
}

/** [start, end) of every scalar, sorted by start. Iterative: the tree may be deep. */
function scalarRanges(root: unknown): [number, number][] {
  const out: [number, number][] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isPair(n)) stack.push(n.key, n.value);
    else if (isMap(n) || isSeq(n)) stack.push(...n.items);
    else if (isScalar(n) && n.range) out.push([n.range[0], n.range[1]]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function inRanges(sorted: readonly [number, number][], at: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid][0] > at) hi = mid - 1;
    else if (sorted[mid][1] <= at) lo = mid + 1;
    else return true;
  }
  return false;
}

function firstContent(text: string): number {
  const m = /^[ \t]*[^\s#-]/m.exec(text);
  return m ? m.index + m[0].search(/\S/) : 0;
}

function lineRange(text: string, at: number): [number, number] {
  let end = at;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return [at, end];
}

/**
 * The files a kustomization lists as patches (patchesStrategicMerge, patches[].path,
 * patchesJson6902[].path), as written (relative to the kustomization's folder). Inline patches
 * are not files and are left out.
 */
export function kustomizationPatchPaths(text: string): string[] {
  const out: string[] = [];
  for (const chunk of splitDocuments(text)) {
    const root = rootMap(parseChunk(chunk.text).doc);
    if (!root) continue;
    for (const pair of mapPairs(root)) {
      const key = scalarValue(pair.key);
      if (key === 'patchesStrategicMerge') {
        for (const item of seqItems(pair.value)) {
          const v = scalarValue(item);
          if (typeof v === 'string' && !v.includes('\n')) out.push(v.trim());
        }
      } else if (key === 'patches' || key === 'patchesJson6902') {
        for (const item of seqItems(pair.value)) {
          const p = mapPairs(item).find((x) => scalarValue(x.key) === 'path');
          const v = scalarValue(p?.value);
          if (typeof v === 'string') out.push(v.trim());
        }
      }
    }
  }
  return out.filter((p) => p !== '');
}

/** File names Kustomize reads as a kustomization. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
