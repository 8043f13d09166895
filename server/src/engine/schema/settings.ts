// The schema settings as the rules see them. The linter keys its per-document cache on
// JSON.stringify(settings), so the custom schemas serialise to a short fingerprint instead of
// their (possibly large) content, computed once per array of schemas.
import { createHash } from 'node:crypto';
import type { CustomSchema, SchemaOptions } from '../types';

export type SchemaScope = 'security' | 'all';

export class CustomSchemaSet {
  private readonly byKey = new Map<string, CustomSchema>();
  readonly fingerprint: string;

  constructor(readonly schemas: readonly CustomSchema[]) {
    for (const s of schemas) this.byKey.set(`${s.apiVersion}/${s.kind}`, s);
    this.fingerprint = schemas.length === 0 ? '' : createHash('sha1').update(JSON.stringify(schemas)).digest('hex').slice(0, 12);
  }

  get(apiVersion: string, kind: string): CustomSchema | undefined {
    return this.byKey.get(`${apiVersion}/${kind}`);
  }

  toJSON(): string {
    return this.fingerprint;
  }
}

export interface SchemaSettings {
  enable: boolean;
  scope: SchemaScope;
  custom: CustomSchemaSet;
}

const EMPTY = new CustomSchemaSet([]);
const sets = new WeakMap<readonly CustomSchema[], CustomSchemaSet>();

export const DEFAULT_SCHEMA_SETTINGS: SchemaSettings = { enable: true, scope: 'security', custom: EMPTY };

export function resolveSchemaSettings(options: SchemaOptions | undefined): SchemaSettings {
  if (!options) return DEFAULT_SCHEMA_SETTINGS;
  let custom = EMPTY;
  const list = options.customSchemas;
  if (list && list.length > 0) {
    custom = sets.get(list) ?? new CustomSchemaSet(list);
    sets.set(list, custom);
  }
  return { enable: options.enable !== false, scope: options.scope === 'all' ? 'all' : 'security', custom };
}
