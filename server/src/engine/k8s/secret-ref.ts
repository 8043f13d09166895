// Fix helpers that move a literal into a Secret reference: turn an env var's `value:` into
// `valueFrom.secretKeyRef`, and add an env var that reads a Secret (for `$(VAR)` in args).
import { renderBlockPair, renderFlow, type FixBuilder, type YValue } from '../fix';
import { getSeq, getString, isFlow, seqItems, type Pair, type Scalar, type YAMLMap, type YNode } from '../parse';
import type { Edit } from '../types';
import type { Resource } from './resource';

/** The Secret the fixes point at; the user creates it (the fix title says so). */
export function secretNameFor(resource: Resource): string {
  return resource.name ? `${resource.name}-secrets` : 'app-secrets';
}

export function secretKeyRef(secretName: string, key: string): YValue {
  return { secretKeyRef: { name: secretName, key } };
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function contentEnd(text: string, node: YNode): number {
  let end = node.range![1];
  while (end > node.range![0] && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

/** Replaces `value: <literal>` of an env var with `valueFrom: {secretKeyRef: ...}`, in the map's style. */
export function replaceEnvValueWithSecretRef(fix: FixBuilder, envVar: YAMLMap, valuePair: Pair<Scalar, YNode | null>, secretName: string, key: string): Edit {
  const text = fix.text;
  const keyNode = valuePair.key as YNode;
  const start = keyNode.range![0];
  const end = valuePair.value?.range ? contentEnd(text, valuePair.value) : keyNode.range![1];
  const value = secretKeyRef(secretName, key);
  if (isFlow(envVar)) return { start, end, text: `valueFrom: ${renderFlow(value)}` };
  const col = columnOf(text, start);
  return { start, end, text: renderBlockPair('valueFrom', value, col, fix.style).slice(col) };
}

/** Names of the env vars a container defines in `env`. */
export function envNames(container: YAMLMap): Set<string> {
  const out = new Set<string>();
  for (const item of seqItems(getSeq(container, 'env'))) {
    const n = getString(item, 'name');
    if (n) out.add(n);
  }
  return out;
}

/** `base`, or `base_2`, `base_3`... when the container (or an earlier fix) already uses it. */
export function uniqueEnvName(taken: ReadonlySet<string>, base: string): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** Adds an env var to a container: appended to `env`, or a new `env` list. */
export function addEnvVar(fix: FixBuilder, container: YAMLMap, entry: { [key: string]: YValue }): Edit {
  const seq = getSeq(container, 'env');
  if (seq) return fix.appendToSeq(seq, entry);
  return fix.setIn(container, ['env'], [entry]);
}
