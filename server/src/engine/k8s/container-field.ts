// The template for rules of the form "each container must set field X (to V)": readOnlyRootFilesystem,
// resource requests and limits, probes. A rule built with it is its metadata plus a few lines of
// data; the template finds the containers, honours pod-level settings that make the container field
// unnecessary, reports on the most specific node and builds the fix.
import type { YValue } from '../fix';
import { getPair, isScalar, type Pair, type Scalar, type YAMLMap, type YNode } from '../parse';
import { defineRule, type Rule, type RuleContext } from '../rule';
import type { FixSafety, RuleMeta } from '../types';
import { CONTAINER_LISTS, containersOf, podSpecOf, type ContainerListKey, type ContainerRef, type PodSpecRef } from './resource';

export type FieldPath = readonly string[];

export interface ContainerFieldSpec {
  /** The field, as a path under each container. */
  path: FieldPath;
  /** Other container fields that make this one unnecessary (a memory limit implies the request). */
  orContainer?: readonly FieldPath[];
  /** Pod spec fields that make it unnecessary for every container (pod-level resources). */
  orPod?: readonly FieldPath[];
  /** Container lists to check (all three by default). */
  lists?: readonly ContainerListKey[];
  /** Kinds the rule does not apply to. */
  skipKinds?: readonly string[];
  /** Pods the rule does not apply to (Windows pods, user namespaces...). */
  skipPod?: (pod: PodSpecRef) => boolean;
  /** The required value; when unset, any non-null value passes. */
  expect?: string | number | boolean;
  /** Message for a container where the field is missing or null. */
  missing: (c: ContainerRef) => string;
  /** Message for a container where the field has another value than `expect`. */
  wrong?: (c: ContainerRef, value: unknown) => string;
  /** Sets the field (to `value`) in the container. */
  fix?: { title: string; value: YValue; safety: FixSafety };
}

/** A value that counts as set: present and not null. */
export function isSet(node: YNode | null | undefined): node is YNode {
  return node !== undefined && node !== null && !(isScalar(node) && node.value === null);
}

/** The value at `path` under `map`, following block and flow maps. */
export function valueAt(map: YAMLMap | undefined, path: FieldPath): YNode | null | undefined {
  let cur: unknown = map;
  for (const key of path) {
    const pair = getPair(cur, key);
    if (!pair) return undefined;
    cur = pair.value;
  }
  return cur as YNode | null;
}

export function keyRange(pair: Pair<Scalar, YNode | null>): [number, number] {
  const k = pair.key as YNode;
  return [k.range![0], k.range![1]];
}

export function pairRange(pair: Pair<Scalar, YNode | null>): [number, number] {
  const k = pair.key as YNode;
  const end = pair.value?.range ? pair.value.range[1] : k.range![1];
  return [k.range![0], end];
}

/** Where a container's finding goes when nothing more specific exists: its `name` pair. */
export function containerNameAnchor(c: ContainerRef): [number, number] {
  const name = getPair(c.node, 'name');
  if (name) return pairRange(name);
  const first = c.node.items[0] as Pair<Scalar, YNode | null> | undefined;
  if (first) return keyRange(first);
  const r = c.node.range!;
  return [r[0], r[0]];
}

/**
 * Where a finding about a missing field goes: the key of the deepest part of `path` that exists
 * (`resources`, `limits`, `securityContext`...), else the container's name.
 */
export function missingFieldAnchor(c: ContainerRef, path: FieldPath): [number, number] {
  let cur: unknown = c.node;
  let anchor: [number, number] | undefined;
  for (const key of path) {
    const pair = getPair(cur, key);
    if (!pair) break;
    anchor = keyRange(pair);
    cur = pair.value;
  }
  return anchor ?? containerNameAnchor(c);
}

export function checkContainerField(ctx: RuleContext, spec: ContainerFieldSpec): void {
  if (spec.skipKinds?.includes(ctx.resource.kind)) return;
  const pod = podSpecOf(ctx.resource);
  if (!pod || spec.skipPod?.(pod)) return;
  if (spec.orPod?.some((p) => isSet(valueAt(pod.spec, p)))) return;
  for (const c of containersOf(pod, spec.lists ?? CONTAINER_LISTS)) {
    const node = valueAt(c.node, spec.path);
    // Built when first read (a code action, the CLI), not for every container on every keystroke.
    const fix = spec.fix;
    const fixes = fix ? () => [{ title: fix.title, edits: [ctx.fix.setIn(c.node, spec.path, fix.value)], safety: fix.safety, preferred: true }] : [];
    if (isSet(node)) {
      if (spec.expect === undefined) continue;
      const value = isScalar(node) ? node.value : undefined;
      if (value === spec.expect) continue;
      ctx.report({ node, message: (spec.wrong ?? spec.missing)(c, value), fixes });
      continue;
    }
    if (spec.orContainer?.some((p) => isSet(valueAt(c.node, p)))) continue;
    ctx.report({ range: missingFieldAnchor(c, spec.path), message: spec.missing(c), fixes });
  }
}

/** A rule that is nothing but its metadata and a container-field spec. */
export function containerFieldRule(id: string, meta: RuleMeta, spec: ContainerFieldSpec): Rule {
  return defineRule({ id, meta, check: (ctx) => checkContainerField(ctx, spec) });
}
