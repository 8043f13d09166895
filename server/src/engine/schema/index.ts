// Schema validation for the schema-* rules: bundled Kubernetes and Istio schemas compiled ahead of
// time, custom schemas compiled on first use, and the helpers the rules share.
import type { RuleContext } from '../rule';
import { isMap, isScalar, isSeq, type YNode } from '../parse';
import type { PathSegment } from './data';
import { DEFAULT_SCHEMA_SETTINGS, type SchemaSettings } from './settings';
import type { SchemaIssue } from './validate';

export { schemaIssues, describePath, type SchemaIssue, type UnknownFieldIssue, type TypeIssue, type EnumIssue, type RequiredIssue } from './validate';
export { misplacements, moveEdit, removeField, valueFor, valueOf, weakensSecurity, targetState, MISPLACEABLE_FIELDS, type Misplacement, type MoveTarget } from './misplaced';
export { validatorFor, hasBundledSchema, bundledKinds, loadedValidatorModules } from './registry';
export { loadCustomSchemas, schemasInText, compileCustomSchema, customSchemaError, type LoadedCustomSchemas } from './custom';
export { resolveSchemaSettings, type SchemaSettings } from './settings';
export { closest, editDistance } from './suggest';
export { consequenceOf, isSecurityRelevant } from './security';

/** The schema settings for a rule run, or undefined when schema validation is off. */
export function schemaSettingsOf(ctx: RuleContext): SchemaSettings | undefined {
  const s = ctx.settings.schema ?? DEFAULT_SCHEMA_SETTINGS;
  return s.enable ? s : undefined;
}

export function inScope(settings: SchemaSettings, issue: SchemaIssue): boolean {
  return settings.scope === 'all' || issue.security;
}

/** Where an issue is, for messages: `securityContext`, `containers[1]`, `the Deployment`. */
export function placeOf(path: readonly PathSegment[], kind: string): string {
  if (path.length === 0) return `the ${kind}`;
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const prev = path.length > 1 ? path[path.length - 2] : undefined;
    return typeof prev === 'string' ? `${prev}[${last}]` : `item ${last}`;
  }
  return last;
}

/** A short description of what a node holds, for type messages. */
export function describeValue(node: YNode | null | undefined): string {
  if (isMap(node)) return 'an object';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
    if (typeof v === 'number') return `the number ${v}`;
    if (typeof v === 'boolean') return `the boolean ${v}`;
  }
  return 'a value of another type';
}

const TYPE_NAMES: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  string: 'a string',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

export function describeTypes(types: readonly string[]): string {
  return types.map((t) => TYPE_NAMES[t] ?? t).join(' or ');
}
