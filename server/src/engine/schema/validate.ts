// Validates one Kubernetes object against its schema and turns ajv's errors into issues that point
// at YAML nodes: the key of an unknown field, the value of a wrong value, and the key that holds
// an object that lacks a required field. The result is cached per object node, so the schema-*
// rules share one validation.
import type { Resource } from '../k8s/resource';
import { isMap, isScalar, type Pair, type Scalar, type YAMLMap, type YNode } from '../parse';
import { DataTooLarge, locate, ownPair, toData, type PathSegment } from './data';
import { validatorFor, type SchemaSource } from './registry';
import { isSecurityRelevant } from './security';
import type { SchemaSettings } from './settings';
import { closest, type Suggestion } from './suggest';
import type { SchemaErrorObject } from './validator-types';

interface IssueBase {
  /** Path of the value (type, enum) or of the object (unknown, required). */
  path: PathSegment[];
  /** The node to report on. */
  node: YNode;
  source: SchemaSource;
  /** Whether it concerns a security-relevant field (see security.ts). */
  security: boolean;
}

export interface UnknownFieldIssue extends IssueBase {
  kind: 'unknown';
  key: string;
  /** The map that holds the unknown key, and its pair. */
  map: YAMLMap;
  pair: Pair<Scalar, YNode | null>;
  allowed: string[];
  suggestion?: Suggestion;
}

export interface TypeIssue extends IssueBase {
  kind: 'type';
  /** The field name (the last key on the path), or undefined for a list item. */
  field?: string;
  expected: string[];
}

export interface EnumIssue extends IssueBase {
  kind: 'enum';
  field?: string;
  allowed: unknown[];
  suggestion?: Suggestion;
}

export interface RequiredIssue extends IssueBase {
  kind: 'required';
  missing: string;
  /** The object that lacks the field. */
  object: YNode;
}

export type SchemaIssue = UnknownFieldIssue | TypeIssue | EnumIssue | RequiredIssue;

interface CacheEntry {
  key: string;
  issues: SchemaIssue[] | undefined;
}

const cache = new WeakMap<YAMLMap, CacheEntry>();

/**
 * The schema issues of a resource, or undefined when there is no schema for its kind (custom
 * resources without a schema are not an error) or the object cannot be validated.
 */
export function schemaIssues(resource: Resource, settings: SchemaSettings): SchemaIssue[] | undefined {
  const key = settings.custom.fingerprint;
  const hit = cache.get(resource.node);
  if (hit && hit.key === key) return hit.issues;
  const issues = computeIssues(resource, settings);
  cache.set(resource.node, { key, issues });
  return issues;
}

function computeIssues(resource: Resource, settings: SchemaSettings): SchemaIssue[] | undefined {
  const ref = validatorFor(resource.apiVersion, resource.kind, settings.custom);
  if (!ref) return undefined;
  let data: unknown;
  try {
    data = toData(resource.doc, resource.node);
  } catch (err) {
    if (err instanceof DataTooLarge) return undefined;
    throw err;
  }
  if (ref.validate(data)) return [];
  const errors = ref.validate.errors ?? [];
  const out: SchemaIssue[] = [];
  const typed = new Set<string>();
  for (const e of errors) if (e.keyword === 'type') typed.add(e.instancePath);
  const seen = new Set<string>();
  for (const e of errors) {
    const issue = toIssue(resource, e, ref.source, typed);
    if (!issue) continue;
    const id = `${issue.kind}\u0000${issue.node.range?.[0]}\u0000${issue.kind === 'required' ? issue.missing : ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(issue);
  }
  return out.sort((a, b) => (a.node.range?.[0] ?? 0) - (b.node.range?.[0] ?? 0));
}

function toIssue(resource: Resource, e: SchemaErrorObject, source: SchemaSource, typed: ReadonlySet<string>): SchemaIssue | undefined {
  const at = locate(resource.doc, resource.node, e.instancePath);
  if (!at) return undefined;
  const kind = resource.kind;
  if (e.keyword === 'enum' && e.propertyName !== undefined) {
    const map = at.node;
    if (!isMap(map)) return undefined;
    const pair = ownPair(map, e.propertyName);
    if (!pair) return undefined; // inherited through a merge key: reported where it is written, if there
    const allowed = (e.params.allowedValues as string[]) ?? [];
    const suggestion = closest(e.propertyName, allowed);
    return {
      kind: 'unknown',
      key: e.propertyName,
      map,
      pair,
      allowed,
      suggestion,
      path: at.path,
      node: pair.key as YNode,
      source,
      security: isSecurityRelevant(kind, at.path, [e.propertyName, suggestion?.value]),
    };
  }
  if (e.keyword === 'type') {
    if (!at.node) return undefined;
    const field = lastKey(at.path);
    return {
      kind: 'type',
      field,
      expected: ([] as string[]).concat(e.params.type as string | string[]),
      path: at.path,
      node: at.node,
      source,
      security: isSecurityRelevant(kind, at.path),
    };
  }
  if (e.keyword === 'enum') {
    if (!at.node || typed.has(e.instancePath)) return undefined;
    const allowed = (e.params.allowedValues as unknown[]) ?? [];
    const v = isScalar(at.node) ? at.node.value : undefined;
    const suggestion = typeof v === 'string' ? closest(v, allowed.filter((a): a is string => typeof a === 'string')) : undefined;
    return {
      kind: 'enum',
      field: lastKey(at.path),
      allowed,
      suggestion,
      path: at.path,
      node: at.node,
      source,
      security: isSecurityRelevant(kind, at.path),
    };
  }
  if (e.keyword === 'required') {
    const missing = e.params.missingProperty as string;
    if (!at.node) return undefined;
    return {
      kind: 'required',
      missing,
      object: at.node,
      path: at.path,
      node: anchorOfObject(resource, at.pair, at.node),
      source,
      security: isSecurityRelevant(kind, at.path, [missing]),
    };
  }
  return undefined;
}

function lastKey(path: readonly PathSegment[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

/**
 * Where to report a field missing from an object: the key that holds the object; for a list
 * item, its first key; for the object itself, its `kind` value.
 */
function anchorOfObject(resource: Resource, pair: Pair<Scalar, YNode | null> | undefined, object: YNode): YNode {
  if (object === resource.node) return (ownPair(resource.node, 'kind')?.value as YNode | undefined) ?? resource.node;
  if (pair) return pair.key as YNode;
  if (isMap(object) && object.items.length > 0) return object.items[0].key as YNode;
  return object;
}

/** A human name for where an issue is: `securityContext`, `containers[0]`... */
export function describePath(path: readonly PathSegment[]): string {
  if (path.length === 0) return 'the object';
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}
