// Small locators shared by the service-account, secret and workload rules: where a finding about a
// missing pod-level field goes, a container's command line as items with their nodes, env vars.
import type { FixBuilder } from '../fix';
import { deref, get, getMap, getPair, isFlow, isMap, isScalar, seqItems, type YAMLMap, type YAMLSeq, type YNode } from '../parse';
import type { Edit } from '../types';
import type { ArgvItem } from './command-line';
import type { ContainerRef, PodSpecRef, Resource } from './resource';

/** The `spec` key of the pod (template): where findings about a missing pod-level field go. */
export function podSpecKeyRange(pod: PodSpecRef): [number, number] {
  const pair = getPair(pod.template, 'spec');
  const key = pair?.key as YNode | undefined;
  if (key?.range) return [key.range[0], key.range[1]];
  const r = pod.spec.range!;
  return [r[0], r[0]];
}

/** The value node of `metadata.namespace`, when the object sets one. */
export function namespaceNode(resource: Resource): YNode | undefined {
  const v = get(getMap(resource.node, 'metadata'), 'namespace');
  return isScalar(v) ? v : undefined;
}

export interface ArgvNode extends ArgvItem {
  node: YNode;
}

/** A container's `command` then `args`, the scalar items only, with their decoded strings. */
export function argvOf(c: ContainerRef): ArgvNode[] {
  const out: ArgvNode[] = [];
  for (const list of ['command', 'args'] as const) {
    seqItems(get(c.node, list)).forEach((item, index) => {
      const n = deref(c.pod.resource.doc, item);
      if (!isScalar(n)) return;
      const v = n.value;
      if (typeof v !== 'string' && typeof v !== 'number') return;
      out.push({ node: n, value: String(v), list, index });
    });
  }
  return out;
}

/** Exec handlers of probes and lifecycle hooks, each as its own command line. */
const EXEC_HANDLERS = [
  ['livenessProbe'],
  ['readinessProbe'],
  ['startupProbe'],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
] as const;

export function execCommandsOf(c: ContainerRef): ArgvNode[][] {
  const out: ArgvNode[][] = [];
  for (const path of EXEC_HANDLERS) {
    let handler: unknown = c.node;
    for (const k of path) handler = getMap(handler, k);
    const list = `${path.join('.')}.exec.command`;
    const items: ArgvNode[] = [];
    seqItems(get(getMap(handler, 'exec'), 'command')).forEach((item, index) => {
      const n = deref(c.pod.resource.doc, item);
      if (isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number')) items.push({ node: n, value: String(n.value), list, index });
    });
    if (items.length > 0) out.push(items);
  }
  return out;
}

/** The env var maps of a container's `env` list. */
export function envVarsOf(c: ContainerRef): YAMLMap[] {
  const out: YAMLMap[] = [];
  for (const item of seqItems(get(c.node, 'env'))) {
    const n = deref(c.pod.resource.doc, item);
    if (isMap(n)) out.push(n);
  }
  return out;
}

/** The maps of a container's `envFrom` list. */
export function envFromOf(c: ContainerRef): YAMLMap[] {
  const out: YAMLMap[] = [];
  for (const item of seqItems(get(c.node, 'envFrom'))) {
    const n = deref(c.pod.resource.doc, item);
    if (isMap(n)) out.push(n);
  }
  return out;
}

/**
 * Removes a scalar item (an argument) from a sequence with its line. FixBuilder.removeSeqItem
 * looks for the item's dash with lastIndexOf('-') from the item's own start, which finds the first
 * character of an item such as `--flag` itself; this finds the dash before it.
 */
export function removeArgItem(fix: FixBuilder, seq: YAMLSeq, index: number): Edit {
  const text = fix.text;
  const item = seq.items[index] as YNode;
  if (isFlow(seq) || !item?.range) return fix.removeSeqItem(seq, index);
  let dash = item.range[0] - 1;
  while (dash >= 0 && (text[dash] === ' ' || text[dash] === '\t')) dash--;
  if (text[dash] !== '-') return fix.removeSeqItem(seq, index);
  const lineStart = text.lastIndexOf('\n', dash - 1) + 1;
  let end = item.range[1];
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  if (text.slice(lineStart, dash).trim() !== '' || seq.items.length === 1) return fix.removeSeqItem(seq, index);
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return { start: lineStart, end, text: '' };
}
